import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type SqliteDatabase } from "../../records/sqlite/database.js";
import { SqliteRecordStore } from "../../records/sqlite/sqlite-record-store.js";
import { acknowledgementRecordId } from "../../records/record-id.js";
import { NotFoundError } from "../../records/errors.js";
import { acknowledgement, alice, bob, report } from "../server/local-app.js";

const headteacher = { id: "44444444-4444-4444-8444-444444444444", displayName: "Mrs Head", upn: "head@school.example" };

describe("the embedded SQLite record store", () => {
  let dataDir: string;
  let db: SqliteDatabase;
  let store: SqliteRecordStore;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-store-"));
    db = openDatabase(dataDir);
    store = new SqliteRecordStore(db);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("holds its data folder alone: a second app refuses to open it (after SQLite's 5 s wait) rather than write beside the first", async () => {
    await store.saveAcknowledgement(acknowledgement());
    assert.throws(() => openDatabase(dataDir), /Another copy of the app is already using the data folder .*aup-store-.*Stop it first, or set DATA_DIR/);
    assert.equal((await store.listAcknowledgements({})).length, 1, "the first store carries on");
  });

  it("keeps one record when the same acknowledgement is saved twice", async () => {
    const recordId = acknowledgementRecordId("acceptable-use-policy", "2026.1", "2026/27", alice.id);
    const first = await store.saveAcknowledgement(acknowledgement({ recordId }));
    const second = await store.saveAcknowledgement(acknowledgement({ recordId, acknowledgedAt: "2026-09-09T09:00:00.000Z" }));
    assert.deepEqual([first.created, second.created], [true, false]);
    const saved = await store.listAcknowledgements({});
    assert.equal(saved.length, 1);
    assert.equal(saved[0]?.acknowledgedAt, "2026-09-02T08:15:00.000Z", "the first acknowledgement stands");
  });

  it("finds acknowledgements by person, policy and cycle, newest first", async () => {
    await store.saveAcknowledgement(acknowledgement({ recordId: "a1" }));
    await store.saveAcknowledgement(acknowledgement({ recordId: "a2", policyId: "social-media-guidance", acknowledgedAt: "2026-09-02T08:16:00.000Z" }));
    await store.saveAcknowledgement(acknowledgement({ recordId: "a3", person: bob, acknowledgedAt: "2026-09-04T08:00:00.000Z" }));
    await store.saveAcknowledgement(acknowledgement({ recordId: "a4", cycle: "2025/26", acknowledgedAt: "2025-09-03T08:00:00.000Z" }));
    const ids = async (query: Parameters<SqliteRecordStore["listAcknowledgements"]>[0]): Promise<string[]> =>
      (await store.listAcknowledgements(query)).map((a) => a.recordId);

    assert.deepEqual(await ids({}), ["a3", "a2", "a1", "a4"]);
    assert.deepEqual(await ids({ personId: alice.id }), ["a2", "a1", "a4"]);
    assert.deepEqual(await ids({ personId: alice.id, cycle: "2026/27" }), ["a2", "a1"]);
    assert.deepEqual(await ids({ policyId: "acceptable-use-policy", cycle: "2026/27" }), ["a3", "a1"]);
    assert.deepEqual(await ids({ personId: "no-one" }), []);
  });

  it("reads back every field of an acknowledgement and a report as saved", async () => {
    const ack = acknowledgement({ channel: "tab" });
    const rep = report();
    await store.saveAcknowledgement(ack);
    await store.saveReport(rep);
    assert.deepEqual(await store.listAcknowledgements({}), [ack]);
    assert.deepEqual(await store.getReport(rep.recordId), { ...rep, reference: "R-2026-0001" }, "with the reference the store gave it");
  });

  it("finds reports by reporter and status", async () => {
    await store.saveReport(report({ recordId: "r1" }));
    await store.saveReport(report({ recordId: "r2", reporter: bob, reportedAt: "2026-10-06T09:00:00.000Z", urgent: false }));
    await store.saveReport(report({ recordId: "r3", status: "Closed", reportedAt: "2026-10-07T09:00:00.000Z" }));
    const ids = async (query: Parameters<SqliteRecordStore["listReports"]>[0]): Promise<string[]> =>
      (await store.listReports(query)).map((r) => r.recordId);

    assert.deepEqual(await ids({}), ["r3", "r2", "r1"]);
    assert.deepEqual(await ids({ reporterId: alice.id }), ["r3", "r1"]);
    assert.deepEqual(await ids({ status: "New" }), ["r2", "r1"]);
    assert.deepEqual(await ids({ reporterId: bob.id, status: "Closed" }), []);
  });

  it("never merges two reports, even when identical apart from their id", async () => {
    await store.saveReport(report({ recordId: "r1" }));
    const again = await store.saveReport(report({ recordId: "r1" }));
    await store.saveReport(report({ recordId: "r2" }));
    assert.equal(again.created, false);
    assert.equal((await store.listReports({})).length, 2);
  });

  it("updates a report's status with who changed it and when", async () => {
    await store.saveReport(report());
    const at = new Date("2026-10-05T15:30:00.000Z");
    const updated = await store.updateReportStatus(report().recordId, "In review", headteacher, at);
    assert.equal(updated.status, "In review");
    assert.equal(updated.statusChangedBy, "Mrs Head");
    assert.equal(updated.statusChangedAt, "2026-10-05T15:30:00.000Z");
    assert.deepEqual(await store.getReport(report().recordId), updated);
    assert.equal(updated.summary, report().summary, "the rest of the report is unchanged");
  });

  it("says which report does not exist when reading or updating an unknown one", async () => {
    await assert.rejects(store.getReport("rep-missing"), (error: unknown) =>
      error instanceof NotFoundError && error.message === "There is no report rep-missing.");
    await assert.rejects(store.updateReportStatus("rep-missing", "Closed", headteacher, new Date()), NotFoundError);
    assert.deepEqual(await store.listReports({}), [], "nothing was created by the failed update");
  });

  it("keeps records across a restart (a new connection to the same file)", async () => {
    await store.saveAcknowledgement(acknowledgement());
    await store.saveReport(report());
    db.close();
    db = openDatabase(dataDir);
    store = new SqliteRecordStore(db);
    assert.equal((await store.listAcknowledgements({})).length, 1);
    assert.equal((await store.getReport(report().recordId)).kind, "lost-equipment");
  });
});
