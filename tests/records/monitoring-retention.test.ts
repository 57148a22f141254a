// Retention of the monitoring record (policy 15.1): a closed record goes the set number of months after it was
// closed, from the restricted SharePoint list exactly once through the outbox (and from SQLite locally); an open
// record is never deleted, however old.
import assert from "node:assert/strict";
import fs from "node:fs";
import type { MonitoringRecord, MonitoringRecords } from "../../records/monitoring/monitoring-record.js";
import { OutboxMonitoringRecords } from "../../records/monitoring/outbox-monitoring-records.js";
import { SqliteMonitoringRecords } from "../../records/monitoring/sqlite-monitoring-records.js";
import { SqliteRecordDeleter } from "../../records/retention/record-deleter.js";
import { RetentionJob } from "../../records/retention/retention-job.js";
import { DEFAULT_RETENTION_MONTHS } from "../../records/retention/retention-policy.js";
import { openDatabase } from "../../records/sqlite/database.js";
import { SqliteRecordStore } from "../../records/sqlite/sqlite-record-store.js";
import { retentionTenant } from "./support/retention-tenant.js";
import { SteppingClock, tempDir } from "./support/sharepoint-fixture.js";

const HEAD = { id: "0c0ffee0-0000-4000-8000-0000000000aa", displayName: "Mrs Head", upn: "head@contoso-school.org" };
const EMPLOYEE = { id: "7d9e1f20-3a4b-4c5d-8e6f-7a8b9c0d1e2f", displayName: "Ms Patel", upn: "r.patel@contoso-school.org" };

function monitoring(recordId: string, recordedAt: string): MonitoringRecord {
  const day = recordedAt.slice(0, 10);
  return { recordId, employee: EMPLOYEE, reason: "A complaint from a parent", from: day, to: day, requestedOf: "The email provider", requestedOn: day, recordedBy: HEAD, recordedAt, state: "Open" };
}

/** Today 2 November 2026 (the stepping clock): six years back is November 2020. */
async function saveRecords(store: MonitoringRecords): Promise<void> {
  await store.save(monitoring("mon-closed-2020", "2019-11-01T09:00:00.000Z"));
  await store.close("mon-closed-2020", { closedAt: "2020-01-10T09:00:00.000Z", closedBy: HEAD, outcome: "No further action" });
  await store.save(monitoring("mon-closed-2021", "2021-05-01T09:00:00.000Z"));
  await store.close("mon-closed-2021", { closedAt: "2021-06-01T09:00:00.000Z", closedBy: HEAD, outcome: "Warning given" });
  // Opened long ago and never closed: the monitoring has not ended, so the record stays.
  await store.save(monitoring("mon-still-open", "2018-03-01T09:00:00.000Z"));
}

const quiet = { info: () => undefined, error: () => undefined };

describe("retention of monitoring records in tenant mode (the Graph stand-in)", () => {
  const tenant = retentionTenant();
  let records: OutboxMonitoringRecords;
  /** Opens (again, after a restart) the app's database, with its monitoring records, and the retention job. */
  const open = (periods = DEFAULT_RETENTION_MONTHS) =>
    tenant.open((sharePoint) => {
      records = new OutboxMonitoringRecords(sharePoint.outbox, sharePoint.lists, () => tenant.clock.now());
      return { monitoring: records, periods };
    });

  const inList = () => tenant.standIn.items("AUP monitoring record").map((item) => String(item.fields.RecordId)).sort();

  it("deletes a record closed more than six years ago from the restricted list, once, across a restart and a lost answer", async () => {
    const { standIn, logged } = tenant;
    let job = open();
    await saveRecords(records);
    await tenant.sharePoint.writer.drainUntilIdle();
    assert.deepEqual(inList(), ["mon-closed-2020", "mon-closed-2021", "mon-still-open"]);

    assert.deepEqual(await job.runOnce(), { acknowledgements: 0, reports: 0, "laptop-loans": 0, "monitoring-records": 1 });
    assert.deepEqual(logged, ["Retention: deleted 0 acknowledgement(s), 0 report(s), 0 laptop loan(s), 1 monitoring record(s) past their retention period."]);
    // Gone for the headteacher's page at once, though SharePoint still has it until the writer runs.
    assert.deepEqual((await records.list({})).map((record) => record.recordId), ["mon-closed-2021", "mon-still-open"]);
    await assert.rejects(records.get("mon-closed-2020"), /There is no monitoring record/);
    assert.equal(inList().length, 3);

    // A restart before the writer ran: the job runs again and queues nothing twice.
    job = open();
    assert.deepEqual(await job.runOnce(), { acknowledgements: 0, reports: 0, "laptop-loans": 0, "monitoring-records": 0 });
    // The DELETE is done but its answer never arrives: the retry finds the item gone and counts it done.
    standIn.faults.push({ scope: "request", kind: "drop-after", times: 1, when: (method) => method === "DELETE" });
    await tenant.sharePoint.writer.drainUntilIdle();

    assert.equal(standIn.faults[0]?.times, 0, "the lost answer happened");
    assert.equal(standIn.counters.deletes, 1, "one item deleted, once");
    assert.deepEqual(inList(), ["mon-closed-2021", "mon-still-open"]);
    assert.equal(tenant.sharePoint.outbox.counts().parked, 0);

    assert.deepEqual((await job.runOnce())["monitoring-records"], 0);
    await tenant.sharePoint.writer.drainUntilIdle();
    assert.equal(standIn.counters.deletes, 1);
    assert.deepEqual((await job.schedule()).map((record) => [record.recordId, record.expiresAt.slice(0, 10)]), [["mon-closed-2021", "2027-06-01"]], "the open record has no date");
  });

  it("keeps a closed record for as long as RETENTION_MONITORING_MONTHS says", async () => {
    const longer = open({ ...DEFAULT_RETENTION_MONTHS, "monitoring-records": 120 });
    const { sharePoint, standIn } = tenant;
    await saveRecords(records);
    await sharePoint.writer.drainUntilIdle();
    assert.equal((await longer.runOnce())["monitoring-records"], 0);
    await sharePoint.writer.drainUntilIdle();
    assert.equal(standIn.counters.deletes, 0);
    assert.equal(inList().length, 3);
  });
});

describe("retention of monitoring records in local mode (SQLite)", () => {
  it("deletes the expired closed record's row and keeps the open one and the recent one", async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    try {
      const records = new SqliteMonitoringRecords(db);
      await saveRecords(records);
      const job = new RetentionJob({ records: new SqliteRecordStore(db), deleter: new SqliteRecordDeleter(db), periods: DEFAULT_RETENTION_MONTHS, clock: new SteppingClock(), log: quiet, monitoring: records });
      assert.equal((await job.runOnce())["monitoring-records"], 1);
      assert.deepEqual((await records.list({})).map((record) => [record.recordId, record.state]), [["mon-closed-2021", "Closed"], ["mon-still-open", "Open"]]);
      assert.equal((await job.runOnce())["monitoring-records"], 0);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
