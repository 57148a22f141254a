// Each report gets a short reference people can read out on the phone ("R-2026-0042"): allocated when it
// is first saved, kept with it, unique, and the same when the same form is sent again.
import assert from "node:assert/strict";
import { reportReference } from "../../records/record-id.js";
import { provisionLists } from "../../records/sharepoint/provision-lists.js";
import { REPORTS_LIST } from "../../records/sharepoint/list-schemas.js";
import { openDatabase, type SqliteDatabase } from "../../records/sqlite/database.js";
import { SqliteRecordStore } from "../../records/sqlite/sqlite-record-store.js";
import type { GraphStandIn } from "../support/graph-stand-in/graph-stand-in.js";
import { SharePointTestBed, SteppingClock, TENANT, graphFor, makeReport, startStandIn, tempDir } from "./support/sharepoint-fixture.js";

const REPORTS = "AUP incident reports";

describe("report references", () => {
  describe("in the local database", () => {
    let dir: string;
    let db: SqliteDatabase;
    beforeEach(() => {
      dir = tempDir();
      db = openDatabase(dir);
    });
    afterEach(() => db.close());

    it("numbers reports R-{year}-0001, -0002 … as they are saved, and keeps each with its report", async () => {
      const store = new SqliteRecordStore(db);
      const first = makeReport({ reportedAt: "2026-11-02T10:00:00.000Z" });
      const second = makeReport({ reportedAt: "2026-11-02T11:00:00.000Z" });
      assert.deepEqual(await store.saveReport(first), { created: true, reference: "R-2026-0001" });
      assert.deepEqual(await store.saveReport(second), { created: true, reference: "R-2026-0002" });
      assert.equal((await store.getReport(first.recordId)).reference, "R-2026-0001");
      assert.deepEqual((await store.listReports({})).map((report) => report.reference), ["R-2026-0002", "R-2026-0001"]);
    });

    it("keeps one reference when the same report is saved again", async () => {
      const store = new SqliteRecordStore(db);
      const report = makeReport();
      await store.saveReport(report);
      assert.deepEqual(await store.saveReport(report), { created: false, reference: "R-2026-0001" });
      assert.deepEqual(await store.saveReport(makeReport()), { created: true, reference: "R-2026-0002" });
    });

    it("starts again at 0001 each calendar year, as the UK reckons it", async () => {
      const store = new SqliteRecordStore(db);
      await store.saveReport(makeReport({ reportedAt: "2026-12-31T23:30:00.000Z" }));
      assert.equal((await store.saveReport(makeReport({ reportedAt: "2027-01-01T00:10:00.000Z" }))).reference, "R-2027-0001");
      assert.equal((await store.saveReport(makeReport({ reportedAt: "2026-12-31T10:00:00.000Z" }))).reference, "R-2026-0002");
    });

    it("carries on the sequence after a restart", async () => {
      await new SqliteRecordStore(db).saveReport(makeReport());
      db.close();
      db = openDatabase(dir);
      const store = new SqliteRecordStore(db);
      assert.equal((await store.saveReport(makeReport())).reference, "R-2026-0002");
      assert.deepEqual((await store.listReports({})).map((report) => report.reference).sort(), ["R-2026-0001", "R-2026-0002"]);
    });

    it("upgrades a database made before references: old reports are shown by their record id", async () => {
      db.exec(`
        CREATE TABLE reports (
          record_id TEXT PRIMARY KEY, kind TEXT NOT NULL, reporter_id TEXT NOT NULL, reporter_name TEXT NOT NULL,
          reporter_upn TEXT NOT NULL, reported_at TEXT NOT NULL, occurred_at TEXT NOT NULL, summary TEXT NOT NULL,
          details TEXT NOT NULL, urgent INTEGER NOT NULL, status TEXT NOT NULL, status_changed_at TEXT NOT NULL,
          status_changed_by TEXT NOT NULL);
        INSERT INTO reports VALUES ('rep-0123456789abcdef0123456789abcdef', 'lost-equipment', 'aad-1', 'Ms Patel', '',
          '2026-10-01T09:00:00.000Z', '2026-10-01T08:00:00.000Z', 'Lost: a laptop', '{}', 0, 'New', '2026-10-01T09:00:00.000Z', 'Ms Patel');
      `);
      const store = new SqliteRecordStore(db);
      const old = await store.getReport("rep-0123456789abcdef0123456789abcdef");
      assert.equal(old.reference, undefined);
      assert.equal(reportReference(old), "rep-0123456789abcdef0123456789abcdef");
      assert.equal((await store.saveReport(makeReport())).reference, "R-2026-0001");
      assert.deepEqual(await store.saveReport({ ...old }), { created: false, reference: old.recordId }, "an old report sent again keeps its id");
    });
  });

  describe("in tenant mode (the outbox's database, then SharePoint)", () => {
    let bed: SharePointTestBed;
    beforeEach(async () => (bed = await SharePointTestBed.start()));
    afterEach(() => bed.close());

    it("allocates from the local database, writes it to the Reference column and reads it back", async () => {
      const { sharePoint, standIn } = bed;
      const report = makeReport();
      assert.deepEqual(await sharePoint.store.saveReport(report), { created: true, reference: "R-2026-0001" });
      assert.equal((await sharePoint.store.getReport(report.recordId)).reference, "R-2026-0001", "while still in the outbox");
      assert.deepEqual(await sharePoint.store.saveReport(report), { created: false, reference: "R-2026-0001" });
      assert.equal((await sharePoint.store.saveReport(makeReport())).reference, "R-2026-0002");

      await sharePoint.writer.drainUntilIdle();
      const items = standIn.items(REPORTS);
      assert.deepEqual(items.map((item) => item.fields.Reference).sort(), ["R-2026-0001", "R-2026-0002"]);
      const fromSharePoint = await sharePoint.store.listReports({ reporterId: report.reporter.id });
      assert.deepEqual(fromSharePoint.map((r) => r.reference).sort(), ["R-2026-0001", "R-2026-0002"]);
    });
  });

  describe("provisioning", () => {
    let standIn: GraphStandIn;
    beforeEach(async () => (standIn = await startStandIn()));
    afterEach(() => standIn.close());

    it("makes Reference an indexed, unique column, and adds it to a reports list made before references", async () => {
      const graph = graphFor(standIn, new SteppingClock());
      const before = { ...REPORTS_LIST, columns: REPORTS_LIST.columns.filter((column) => column.name !== "Reference") };
      await provisionLists(graph, TENANT.siteId, [before]);
      assert.equal(standIn.lists.find(REPORTS)?.columns.some((column) => column.name === "Reference"), false);

      const changes = await provisionLists(graph, TENANT.siteId, [REPORTS_LIST]);
      assert.deepEqual(changes, [{ list: REPORTS, change: "added column", column: "Reference" }]);
      const column = standIn.lists.find(REPORTS)?.columns.find((c) => c.name === "Reference");
      assert.deepEqual([column?.indexed, column?.enforceUniqueValues], [true, true]);
    });
  });
});
