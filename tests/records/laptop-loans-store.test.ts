import assert from "node:assert/strict";
import { NotFoundError } from "../../records/errors.js";
import { laptopLoanRecordId, type LaptopLoan } from "../../records/laptop-loan.js";
import type { GraphApi } from "../../records/graph/graph-client.js";
import type { SharePointOutbox } from "../../records/outbox/sharepoint-outbox.js";
import { LAPTOP_LOANS_LIST } from "../../records/sharepoint/list-schemas.js";
import { provisionLists } from "../../records/sharepoint/provision-lists.js";
import { openDatabase, type SqliteDatabase } from "../../records/sqlite/database.js";
import { SqliteRecordStore } from "../../records/sqlite/sqlite-record-store.js";
import type { RecordStore } from "../../records/types.js";
import type { GraphStandIn } from "../support/graph-stand-in/graph-stand-in.js";
import { SharePointTestBed, TENANT, tempDir } from "./support/sharepoint-fixture.js";

const LOANS = "AUP laptop loans";
const technician = { id: "aaaaaaaa-0000-4000-8000-000000000002", displayName: "Isaiah Langer", upn: "isaiah@contoso-school.org" };

function makeLoan(n: number, overrides: Partial<LaptopLoan> = {}): LaptopLoan {
  return {
    recordId: laptopLoanRecordId(`00000000-0000-4000-8000-${String(n).padStart(12, "0")}`, technician.id),
    borrower: { id: `bbbbbbbb-0000-4000-8000-${String(n).padStart(12, "0")}`, displayName: `Teacher ${n}`, upn: "" },
    issuedBy: technician,
    model: "Dell Latitude 5440",
    serialNumber: `7XK2-${n}`,
    assetTag: n % 2 ? `CC-${n}` : "",
    withBagAndManuals: n % 2 === 1,
    software: ["Windows 11 Education", "Microsoft 365 Apps for education"],
    additionalSoftware: n % 2 ? "Adobe Acrobat Reader" : "",
    issuedOn: "2026-11-02",
    recordedAt: new Date(Date.parse("2026-11-02T09:00:00Z") + n * 1000).toISOString(),
    agreementVersion: "2026.1",
    status: "Awaiting confirmation",
    confirmedAt: "",
    ...overrides,
  };
}

/** What both adapters must do alike: the port's contract for laptop loans. */
function behavesAsTheRecordOfLaptopLoans(store: () => RecordStore): void {
  it("keeps a loan as issued, once, and finds it by borrower, by status and by id", async () => {
    const loan = makeLoan(1);
    assert.deepEqual(await store().laptopLoans.save(loan), { created: true });
    assert.deepEqual(await store().laptopLoans.save(loan), { created: false });
    await store().laptopLoans.save(makeLoan(2));

    assert.deepEqual(await store().laptopLoans.list({ borrowerId: loan.borrower.id }), [loan]);
    assert.deepEqual((await store().laptopLoans.list({ status: "Awaiting confirmation" })).map((l) => l.serialNumber), ["7XK2-2", "7XK2-1"]);
    assert.deepEqual(await store().laptopLoans.get(loan.recordId), loan);
    await assert.rejects(store().laptopLoans.get("loan-nothing"), NotFoundError);
  });

  it("confirms a loan once: a second confirmation keeps the first time", async () => {
    const loan = makeLoan(3);
    await store().laptopLoans.save(loan);
    const first = await store().laptopLoans.confirm(loan.recordId, new Date("2026-11-03T08:15:00Z"));
    assert.equal(first.status, "Confirmed");
    assert.equal(first.confirmedAt, "2026-11-03T08:15:00.000Z");
    const again = await store().laptopLoans.confirm(loan.recordId, new Date("2026-11-04T12:00:00Z"));
    assert.equal(again.confirmedAt, "2026-11-03T08:15:00.000Z");
    assert.deepEqual(await store().laptopLoans.list({ status: "Awaiting confirmation" }), []);
    assert.deepEqual((await store().laptopLoans.list({ status: "Confirmed" })).map((l) => l.recordId), [loan.recordId]);
    await assert.rejects(store().laptopLoans.confirm("loan-nothing", new Date()), NotFoundError);
  });
}

describe("laptop loans in the embedded SQLite store", () => {
  let db: SqliteDatabase;
  let store: SqliteRecordStore;
  beforeEach(() => {
    db = openDatabase(tempDir());
    store = new SqliteRecordStore(db);
  });
  afterEach(() => db.close());

  behavesAsTheRecordOfLaptopLoans(() => store);
});

describe("laptop loans in SharePoint (outbox first, the \"AUP laptop loans\" list the record)", () => {
  let standIn: GraphStandIn;
  let graph: GraphApi;
  let sharePoint: SharePointOutbox;
  let bed: SharePointTestBed;
  beforeEach(async () => {
    bed = await SharePointTestBed.start();
    ({ standIn, graph, sharePoint } = bed);
  });
  afterEach(() => bed.close());

  describe("before anything is drained (reads come from the outbox)", () => {
    behavesAsTheRecordOfLaptopLoans(() => sharePoint.store);
  });

  it("provisions the third list with typed, indexed columns and a unique RecordId; a second run changes nothing", async () => {
    const list = standIn.lists.find(LOANS);
    assert.ok(list, "the list exists");
    const column = (name: string) => list.columns.find((c) => c.name === name);
    assert.deepEqual([column("RecordId")?.indexed, column("RecordId")?.enforceUniqueValues], [true, true]);
    for (const name of ["BorrowerId", "Status", "SerialNumber"]) assert.equal(column(name)?.indexed, true, name);
    assert.deepEqual((column("Status")?.choice as { choices: string[] }).choices, ["Awaiting confirmation", "Confirmed", "Returned"]);
    assert.deepEqual(column("IssuedOn")?.dateTime, { format: "dateOnly", displayAs: "standard" });
    assert.ok(column("BagAndManuals")?.boolean, "a yes/no column");
    assert.deepEqual(
      list.columns.map((c) => c.name),
      ["Title", "Created", "Modified", ...LAPTOP_LOANS_LIST.columns.map((c) => c.name)],
      "ours, after SharePoint's own",
    );
    assert.deepEqual(await provisionLists(graph, TENANT.siteId), []);
  });

  it("writes the loan as the headteacher reads it, then the borrower's confirmation, once", async () => {
    const loan = makeLoan(5);
    await sharePoint.store.laptopLoans.save(loan);
    await sharePoint.writer.drainUntilIdle();
    const [item, ...others] = standIn.items(LOANS);
    assert.deepEqual(others, []);
    assert.deepEqual(
      { ...item?.fields },
      {
        ...item?.fields,
        Title: "Dell Latitude 5440 (SN 7XK2-5) to Teacher 5",
        RecordId: loan.recordId,
        Status: "Awaiting confirmation",
        BorrowerName: "Teacher 5",
        BorrowerId: loan.borrower.id,
        SerialNumber: "7XK2-5",
        AssetTag: "CC-5",
        BagAndManuals: true,
        Software: "Windows 11 Education\nMicrosoft 365 Apps for education",
        AdditionalSoftware: "Adobe Acrobat Reader",
        IssuedByName: "Isaiah Langer",
      },
    );
    assert.equal(item?.fields.ConfirmedAt, undefined, "no confirmation yet");
    // Read back from SharePoint: the same loan (times to the second, the date-only column as a date).
    assert.deepEqual(await sharePoint.store.laptopLoans.get(loan.recordId), {
      ...loan,
      issuedBy: { ...technician, upn: "" },
      recordedAt: loan.recordedAt.replace(".000Z", "Z"),
    });

    const confirmed = await sharePoint.store.laptopLoans.confirm(loan.recordId, new Date("2026-11-03T08:15:00Z"));
    assert.equal(confirmed.status, "Confirmed");
    assert.equal(standIn.items(LOANS)[0]?.fields.Status, "Awaiting confirmation", "still in the outbox");
    assert.deepEqual((await sharePoint.store.laptopLoans.list({ status: "Confirmed" })).map((l) => l.recordId), [loan.recordId]);
    assert.deepEqual(await sharePoint.store.laptopLoans.list({ status: "Awaiting confirmation" }), []);
    const again = await sharePoint.store.laptopLoans.confirm(loan.recordId, new Date("2026-11-04T12:00:00Z"));
    assert.equal(again.confirmedAt, "2026-11-03T08:15:00.000Z");

    await sharePoint.writer.drainUntilIdle();
    assert.equal(standIn.items(LOANS).length, 1);
    assert.equal(standIn.items(LOANS)[0]?.fields.Status, "Confirmed");
    assert.equal(standIn.items(LOANS)[0]?.fields.ConfirmedAt, "2026-11-03T08:15:00Z");
    assert.equal((await sharePoint.store.laptopLoans.confirm(loan.recordId, new Date("2026-11-05T12:00:00Z"))).confirmedAt, "2026-11-03T08:15:00Z");
    assert.deepEqual(sharePoint.outbox.counts(), { pending: 0, done: 2, parked: 0 });
  });
});
