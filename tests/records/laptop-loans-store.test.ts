import assert from "node:assert/strict";
import { NotFoundError } from "../../records/errors.js";
import { laptopLoanRecordId, type LaptopLoan, type LaptopReturn } from "../../records/laptop-loan.js";
import type { GraphApi } from "../../records/graph/graph-client.js";
import type { SharePointOutbox } from "../../records/outbox/sharepoint-outbox.js";
import { LAPTOP_LOANS_LIST, type ListSchema } from "../../records/sharepoint/list-schemas.js";
import { openSharePointOutbox } from "../../records/outbox/sharepoint-outbox.js";
import { provisionLists } from "../../records/sharepoint/provision-lists.js";
import { openDatabase, type SqliteDatabase } from "../../records/sqlite/database.js";
import { SqliteRecordStore } from "../../records/sqlite/sqlite-record-store.js";
import type { RecordStore } from "../../records/types.js";
import type { GraphStandIn } from "../support/graph-stand-in/graph-stand-in.js";
import { graphFor, quietLog, SharePointTestBed, startStandIn, SteppingClock, TENANT, tempDir } from "./support/sharepoint-fixture.js";

const LOANS = "AUP laptop loans";
/** The columns returns brought; a list provisioned before them lacks them. */
const RETURN_COLUMNS = ["ReturnedAt", "ReturnedToName", "ReturnedToId", "ReturnCondition", "AssetTagAttached", "ReturnNote"];
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

const DAMAGED_RETURN: LaptopReturn = {
  returnedAt: "2027-07-15T15:30:00.000Z",
  returnedTo: technician,
  condition: "Damaged",
  assetTagAttached: false,
  note: "Cracked hinge; tag CC-7 gone",
};

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

  it("marks a loan returned, even one never confirmed; a second return keeps the first, and a confirmation no longer changes it", async () => {
    const loan = makeLoan(7);
    await store().laptopLoans.save(loan);
    await store().laptopLoans.save(makeLoan(8));
    const first = await store().laptopLoans.markReturned(loan.recordId, DAMAGED_RETURN);
    assert.deepEqual(first, { ...loan, status: "Returned", returned: DAMAGED_RETURN });
    const again = await store().laptopLoans.markReturned(loan.recordId, { ...DAMAGED_RETURN, returnedAt: "2027-07-16T09:00:00.000Z", condition: "Full working condition" });
    assert.deepEqual(again.returned, DAMAGED_RETURN);
    const confirmedLate = await store().laptopLoans.confirm(loan.recordId, new Date("2027-07-17T09:00:00Z"));
    assert.deepEqual([confirmedLate.status, confirmedLate.confirmedAt], ["Returned", ""]);

    assert.deepEqual(await store().laptopLoans.get(loan.recordId), { ...loan, status: "Returned", returned: DAMAGED_RETURN });
    assert.deepEqual((await store().laptopLoans.list({ status: "Returned" })).map((l) => l.recordId), [loan.recordId]);
    assert.deepEqual((await store().laptopLoans.list({ status: "Awaiting confirmation" })).map((l) => l.serialNumber), ["7XK2-8"]);
    assert.equal((await store().laptopLoans.get(makeLoan(8).recordId)).returned, undefined, "the other loan is still out");
    await assert.rejects(store().laptopLoans.markReturned("loan-nothing", DAMAGED_RETURN), NotFoundError);
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

  it("adds the return columns to a database made before returns existed, keeping its loans", async () => {
    const dir = tempDir();
    const before = openDatabase(dir);
    // The table exactly as the previous release created it, with one loan in it.
    before.exec(`CREATE TABLE laptop_loans (
      record_id TEXT PRIMARY KEY, borrower_id TEXT NOT NULL, borrower_name TEXT NOT NULL, borrower_upn TEXT NOT NULL,
      issued_by_id TEXT NOT NULL, issued_by_name TEXT NOT NULL, issued_by_upn TEXT NOT NULL, model TEXT NOT NULL,
      serial_number TEXT NOT NULL, asset_tag TEXT NOT NULL, with_bag_and_manuals INTEGER NOT NULL, software TEXT NOT NULL,
      additional_software TEXT NOT NULL, issued_on TEXT NOT NULL, recorded_at TEXT NOT NULL, agreement_version TEXT NOT NULL,
      status TEXT NOT NULL, confirmed_at TEXT NOT NULL)`);
    const old = makeLoan(9, { status: "Confirmed", confirmedAt: "2026-11-03T08:15:00.000Z" });
    before
      .prepare(`INSERT INTO laptop_loans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(old.recordId, old.borrower.id, old.borrower.displayName, old.borrower.upn, old.issuedBy.id, old.issuedBy.displayName, old.issuedBy.upn,
        old.model, old.serialNumber, old.assetTag, 1, JSON.stringify(old.software), old.additionalSoftware, old.issuedOn, old.recordedAt,
        old.agreementVersion, old.status, old.confirmedAt);
    before.close();

    const upgraded = openDatabase(dir);
    try {
      const loans = new SqliteRecordStore(upgraded).laptopLoans;
      assert.deepEqual(await loans.get(old.recordId), old);
      assert.deepEqual(await loans.markReturned(old.recordId, DAMAGED_RETURN), { ...old, status: "Returned", returned: DAMAGED_RETURN });
      // Opening it again finds the columns there and changes nothing.
      assert.deepEqual(await new SqliteRecordStore(upgraded).laptopLoans.get(old.recordId), { ...old, status: "Returned", returned: DAMAGED_RETURN });
    } finally {
      upgraded.close();
    }
  });
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

  it("writes a loan whose model, serial number and borrower's name together pass SharePoint's 255-character Title", async () => {
    const loan = makeLoan(6, {
      model: "Dell Latitude 5440 14-inch business laptop, Intel Core i5-1345U, 16 GB RAM, 256 GB SSD, Windows 11",
      serialNumber: "SN-2026-CRICH-CARR-PRIMARY-0006-REFURBISHED-UNIT",
      borrower: { id: "bbbbbbbb-0000-4000-8000-000000000006", displayName: "Mrs Philippa Featherstonehaugh-Cholmondeley (Higher Level Teaching Assistant, Year 2 and Year 3 Nurture Group)", upn: "" },
    });
    await sharePoint.store.laptopLoans.save(loan);
    await sharePoint.writer.drainUntilIdle();

    assert.deepEqual(sharePoint.outbox.counts(), { pending: 0, done: 1, parked: 0 });
    const [item] = standIn.items(LOANS);
    assert.equal(item?.fields.LaptopModel, loan.model);
    assert.equal(item?.fields.SerialNumber, loan.serialNumber);
    assert.equal(item?.fields.BorrowerName, loan.borrower.displayName);
    assert.equal(String(item?.fields.Title).length, 255);
    assert.match(String(item?.fields.Title), /^Dell Latitude 5440 14-inch .* to Mrs Philippa .*…$/);
  });

  it("writes the return after the confirmation, as the headteacher reads it, and keeps the first return", async () => {
    const loan = makeLoan(11);
    await sharePoint.store.laptopLoans.save(loan);
    await sharePoint.store.laptopLoans.confirm(loan.recordId, new Date("2026-11-03T08:15:00Z"));
    const returned = await sharePoint.store.laptopLoans.markReturned(loan.recordId, DAMAGED_RETURN);
    assert.deepEqual([returned.status, returned.confirmedAt, returned.returned], ["Returned", "2026-11-03T08:15:00.000Z", DAMAGED_RETURN]);
    await sharePoint.store.laptopLoans.markReturned(loan.recordId, { ...DAMAGED_RETURN, condition: "Missing parts" });

    await sharePoint.writer.drainUntilIdle();
    const [item, ...others] = standIn.items(LOANS);
    assert.deepEqual(others, []);
    assert.deepEqual(
      { ...item?.fields },
      {
        ...item?.fields,
        Status: "Returned",
        ConfirmedAt: "2026-11-03T08:15:00Z",
        ReturnedAt: "2027-07-15T15:30:00Z",
        ReturnedToName: "Isaiah Langer",
        ReturnedToId: technician.id,
        ReturnCondition: "Damaged",
        AssetTagAttached: false,
        ReturnNote: "Cracked hinge; tag CC-7 gone",
      },
    );
    assert.deepEqual(sharePoint.outbox.counts(), { pending: 0, done: 3, parked: 0 }, "create, confirmation, one return");
    assert.deepEqual((await sharePoint.store.laptopLoans.get(loan.recordId)).returned, {
      ...DAMAGED_RETURN,
      returnedAt: "2027-07-15T15:30:00Z",
      returnedTo: { ...technician, upn: "" },
    });
    const later = await sharePoint.store.laptopLoans.markReturned(loan.recordId, { ...DAMAGED_RETURN, condition: "Full working condition" });
    assert.equal(later.returned?.condition, "Damaged");
    assert.deepEqual(sharePoint.outbox.counts(), { pending: 0, done: 3, parked: 0 }, "nothing more queued");
  });

  it("re-applies the return when the item changed in between (412), and leaves a return made in SharePoint first alone", async () => {
    const [edited, alreadyBack] = [makeLoan(12), makeLoan(13)];
    await sharePoint.store.laptopLoans.save(edited);
    await sharePoint.store.laptopLoans.save(alreadyBack);
    await sharePoint.writer.drainUntilIdle();
    standIn.beforeNextPatch = (item) => {
      item.fields.AdditionalSoftware = "Adobe Acrobat Reader, Audacity";
      item.version++;
    };
    await sharePoint.store.laptopLoans.markReturned(edited.recordId, DAMAGED_RETURN);
    await sharePoint.writer.drainUntilIdle();
    const editedItem = standIn.items(LOANS).find((item) => item.fields.RecordId === edited.recordId);
    assert.deepEqual([editedItem?.fields.Status, editedItem?.fields.ReturnCondition, editedItem?.fields.AdditionalSoftware], [
      "Returned",
      "Damaged",
      "Adobe Acrobat Reader, Audacity",
    ]);

    await sharePoint.store.laptopLoans.markReturned(alreadyBack.recordId, DAMAGED_RETURN);
    const backItem = standIn.items(LOANS).find((item) => item.fields.RecordId === alreadyBack.recordId);
    assert.ok(backItem);
    // The technician's colleague recorded it in the list by hand before our write went out.
    Object.assign(backItem.fields, { Status: "Returned", ReturnCondition: "Full working condition", ReturnNote: "Entered in SharePoint" });
    await sharePoint.writer.drainUntilIdle();
    assert.deepEqual([backItem.fields.ReturnCondition, backItem.fields.ReturnNote], ["Full working condition", "Entered in SharePoint"]);
    assert.deepEqual(sharePoint.outbox.counts(), { pending: 0, done: 4, parked: 0 });
  });

  it("provisioning adds the return columns to a list made by the previous schema, and the return then reaches it", async () => {
    const fresh = await startStandIn();
    const clock = new SteppingClock();
    const freshGraph = graphFor(fresh, clock);
    const db = openDatabase(tempDir());
    try {
      const previous: ListSchema = { ...LAPTOP_LOANS_LIST, columns: LAPTOP_LOANS_LIST.columns.filter((c) => !RETURN_COLUMNS.includes(c.name)) };
      assert.deepEqual(await provisionLists(freshGraph, TENANT.siteId, [previous]), [{ list: LOANS, change: "created list" }]);
      const loan = makeLoan(14);
      const before = openSharePointOutbox(db, freshGraph, { siteId: TENANT.siteId, log: quietLog, clock, sleep: clock.sleep });
      await before.store.laptopLoans.save(loan);
      await before.writer.drainUntilIdle();

      const changes = await provisionLists(freshGraph, TENANT.siteId, [LAPTOP_LOANS_LIST]);
      assert.deepEqual(changes, RETURN_COLUMNS.map((column) => ({ list: LOANS, change: "added column", column })));
      assert.deepEqual(await provisionLists(freshGraph, TENANT.siteId, [LAPTOP_LOANS_LIST]), [], "a second run changes nothing");
      const condition = fresh.lists.find(LOANS)?.columns.find((c) => c.name === "ReturnCondition");
      assert.deepEqual((condition?.choice as { choices: string[] }).choices, ["Full working condition", "Damaged", "Missing parts"]);

      await before.store.laptopLoans.markReturned(loan.recordId, DAMAGED_RETURN);
      await before.writer.drainUntilIdle();
      assert.deepEqual(before.outbox.counts(), { pending: 0, done: 2, parked: 0 });
      const [item] = fresh.items(LOANS);
      assert.deepEqual([item?.fields.Status, item?.fields.ReturnCondition, item?.fields.AssetTagAttached, item?.fields.BorrowerName], [
        "Returned",
        "Damaged",
        false,
        "Teacher 14",
      ]);
    } finally {
      db.close();
      await fresh.close();
    }
  });
});
