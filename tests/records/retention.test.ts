// Retention against the Graph stand-in: the daily job deletes exactly the records past their period, once,
// across a restart and a lost answer; locally it deletes the rows; the log says counts only.
import assert from "node:assert/strict";
import fs from "node:fs";
import { CampaignLedger } from "../../bot/campaigns/campaign-ledger.js";
import { acknowledgementRecordId } from "../../records/record-id.js";
import { SqliteRecordDeleter } from "../../records/retention/record-deleter.js";
import { RetentionJob } from "../../records/retention/retention-job.js";
import { DEFAULT_RETENTION_MONTHS } from "../../records/retention/retention-policy.js";
import { openDatabase, type SqliteDatabase } from "../../records/sqlite/database.js";
import { SqliteRecordStore } from "../../records/sqlite/sqlite-record-store.js";
import type { Acknowledgement, RecordStore } from "../../records/types.js";
import { loan } from "../tab/support/headteacher-fixtures.js";
import { makeReport, SteppingClock, tempDir } from "./support/sharepoint-fixture.js";
import { retentionTenant } from "./support/retention-tenant.js";

const TEACHER = { id: "7d9e1f20-3a4b-4c5d-8e6f-7a8b9c0d1e2f", displayName: "Ms Patel", upn: "r.patel@contoso-school.org" };

function ack(cycle: string, n: number): Acknowledgement {
  const person = { ...TEACHER, id: `7d9e1f20-3a4b-4c5d-8e6f-00000000000${n}` };
  return {
    recordId: acknowledgementRecordId("acceptable-use-policy", "1", cycle, person.id),
    policyId: "acceptable-use-policy",
    policyVersion: "1",
    cycle,
    person,
    acknowledgedAt: `${cycle.slice(0, 4)}-09-10T09:00:00.000Z`,
    channel: "teams-bot",
  };
}

/** Today 2 November 2026: six years back is November 2020. */
const EXPIRED = {
  acks: [ack("2019/20", 1), ack("2019/20", 2)],
  report: makeReport({ recordId: "rep-expired", status: "Closed", reportedAt: "2019-12-01T09:00:00Z", statusChangedAt: "2020-01-01T09:00:00Z" }),
  loan: loan(1, TEACHER, { status: "Returned", returned: { returnedAt: "2020-03-01T09:00:00Z", returnedTo: TEACHER, condition: "Full working condition", assetTagAttached: true, note: "" } }),
};
const KEPT = {
  acks: [ack("2020/21", 3), ack("2026/27", 4)],
  reports: [
    makeReport({ recordId: "rep-closed-recently", status: "Closed", reportedAt: "2021-05-01T09:00:00Z", statusChangedAt: "2021-06-01T09:00:00Z" }),
    makeReport({ recordId: "rep-still-open", status: "In review", reportedAt: "2019-01-01T09:00:00Z", statusChangedAt: "2019-02-01T09:00:00Z" }),
  ],
  loans: [loan(2, TEACHER, { issuedOn: "2018-09-01", recordedAt: "2018-09-01T09:00:00Z" })],
};

async function saveAll(store: RecordStore): Promise<void> {
  for (const a of [...EXPIRED.acks, ...KEPT.acks]) await store.saveAcknowledgement(a);
  for (const r of [EXPIRED.report, ...KEPT.reports]) await store.saveReport(r);
  for (const l of [EXPIRED.loan, ...KEPT.loans]) await store.laptopLoans.save(l);
}

/** A fresh local database for one test, closed and removed after it. */
async function withLocalDatabase(test: (db: SqliteDatabase) => Promise<void>): Promise<void> {
  const dir = tempDir();
  const db = openDatabase(dir);
  try {
    await test(db);
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const ids = (items: ReadonlyArray<{ fields: Record<string, unknown> }>) => items.map((item) => String(item.fields.RecordId)).sort();

describe("retention against the Graph stand-in (tenant mode)", () => {
  const tenant = retentionTenant();

  it("deletes exactly what has expired, once, across a restart and a lost answer", async () => {
    const { standIn, logged } = tenant;
    let job = tenant.open();
    let { sharePoint } = tenant;
    await saveAll(sharePoint.store);
    await sharePoint.writer.drainUntilIdle();
    assert.equal(standIn.items("AUP acknowledgements").length, 4);

    assert.deepEqual(await job.runOnce(), { acknowledgements: 2, reports: 1, "laptop-loans": 1 });
    assert.deepEqual(logged, ["Retention: deleted 2 acknowledgement(s), 1 report(s), 1 laptop loan(s) past their retention period."]);
    assert.ok(!logged.join().includes("Patel"), "counts only, no names");
    // Gone for the app at once, though SharePoint still has them until the writer runs.
    assert.equal((await sharePoint.store.listAcknowledgements({})).length, 2);
    await assert.rejects(sharePoint.store.getReport("rep-expired"), /There is no report/);
    assert.equal(standIn.items("AUP acknowledgements").length, 4);

    // A restart before the writer ran: the job runs again and queues nothing twice.
    job = tenant.open();
    ({ sharePoint } = tenant);
    assert.deepEqual(await job.runOnce(), { acknowledgements: 0, reports: 0, "laptop-loans": 0 });
    // The first DELETE is done but its answer never arrives: the retry finds the item gone and counts it done.
    standIn.faults.push({ scope: "request", kind: "drop-after", times: 1, when: (method) => method === "DELETE" });
    await sharePoint.writer.drainUntilIdle();

    assert.equal(standIn.faults[0]?.times, 0, "the lost answer happened");
    assert.equal(standIn.counters.deletes, 4, "four items deleted, each once");
    assert.deepEqual(ids(standIn.items("AUP acknowledgements")), KEPT.acks.map((a) => a.recordId).sort());
    assert.deepEqual(ids(standIn.items("AUP incident reports")), ["rep-closed-recently", "rep-still-open"]);
    assert.deepEqual(ids(standIn.items("AUP laptop loans")), [KEPT.loans[0]?.recordId]);
    assert.deepEqual(sharePoint.outbox.counts().parked, 0);

    assert.deepEqual(await job.runOnce(), { acknowledgements: 0, reports: 0, "laptop-loans": 0 });
    await sharePoint.writer.drainUntilIdle();
    assert.equal(standIn.counters.deletes, 4);
  });

  it("says what goes next and when: the soonest first, nothing still live", async () => {
    const job = tenant.open();
    await saveAll(tenant.sharePoint.store);
    await job.runOnce();
    const next = await job.schedule();
    assert.deepEqual(
      next.map((record) => [record.recordId, record.expiresAt.slice(0, 10)]),
      [
        [KEPT.reports[0]?.recordId, "2027-06-01"],
        [KEPT.acks[0]?.recordId, "2027-08-31"],
        [KEPT.acks[1]?.recordId, "2033-08-31"],
      ],
    );
  });
});

describe("retention in local mode (SQLite)", () => {
  it("deletes the expired rows and keeps the rest", async () => {
    await withLocalDatabase(async (db) => {
      const store = new SqliteRecordStore(db);
      await saveAll(store);
      const logged: string[] = [];
      const clock = new SteppingClock();
      const job = new RetentionJob({ records: store, deleter: new SqliteRecordDeleter(db), periods: DEFAULT_RETENTION_MONTHS, clock, log: { info: (m) => void logged.push(m), error: (m) => void logged.push(m) } });
      assert.deepEqual(await job.runOnce(), { acknowledgements: 2, reports: 1, "laptop-loans": 1 });
      assert.deepEqual((await store.listAcknowledgements({})).map((a) => a.recordId).sort(), KEPT.acks.map((a) => a.recordId).sort());
      assert.deepEqual((await store.listReports({})).map((r) => r.recordId).sort(), ["rep-closed-recently", "rep-still-open"]);
      assert.equal((await store.laptopLoans.list({})).length, 1);
      assert.deepEqual(await job.runOnce(), { acknowledgements: 0, reports: 0, "laptop-loans": 0 });
      assert.equal(logged.length, 1);
    });
  });
});

describe("retention of the campaign's chase history (campaign_steps)", () => {
  it("deletes a year's invitations and reminders when that year's acknowledgements go, and keeps the rest", async () => {
    await withLocalDatabase(async (db) => {
      const store = new SqliteRecordStore(db);
      await saveAll(store);
      const ledger = new CampaignLedger(db);
      const step = (cycle: string, n: number, step: "invite" | "reminder-1") =>
        ledger.claim({ cycle, personId: `7d9e1f20-3a4b-4c5d-8e6f-00000000000${n}`, policyId: "acceptable-use-policy", policyVersion: "1", step }, new Date(`${cycle.slice(0, 4)}-09-05T09:00:00.000Z`));
      // 2019/20 ended on 31 August 2020: six years on is past today (2 November 2026); 2020/21's is not.
      for (const n of [1, 2]) {
        step("2019/20", n, "invite");
        step("2019/20", n, "reminder-1");
      }
      step("2020/21", 3, "invite");
      step("2026/27", 4, "invite");
      const logged: string[] = [];
      const job = new RetentionJob({
        records: store,
        deleter: new SqliteRecordDeleter(db),
        periods: DEFAULT_RETENTION_MONTHS,
        clock: new SteppingClock(),
        log: { info: (m) => void logged.push(m), error: (m) => void logged.push(m) },
        campaignSteps: ledger,
    });

    assert.deepEqual(await job.runOnce(), { acknowledgements: 2, reports: 1, "laptop-loans": 1, "campaign-steps": 4 });
    assert.deepEqual(ledger.taken("2019/20"), []);
    assert.deepEqual(ledger.taken("2020/21").map((t) => [t.personId, t.step]), [["7d9e1f20-3a4b-4c5d-8e6f-000000000003", "invite"]]);
    assert.equal(ledger.taken("2026/27").length, 1);
    assert.deepEqual(logged, ["Retention: deleted 2 acknowledgement(s), 1 report(s), 1 laptop loan(s), 4 campaign message record(s) past their retention period."]);

    assert.deepEqual(await job.runOnce(), { acknowledgements: 0, reports: 0, "laptop-loans": 0, "campaign-steps": 0 });
    assert.equal(logged.length, 1, "nothing more to delete, nothing logged");
    });
  });

  it("keeps them as long as a longer acknowledgement period says", async () => {
    await withLocalDatabase(async (db) => {
      const ledger = new CampaignLedger(db);
      ledger.claim({ cycle: "2019/20", personId: "someone", policyId: "acceptable-use-policy", policyVersion: "1", step: "invite" }, new Date("2019-09-05T09:00:00.000Z"));
      const job = new RetentionJob({
        records: new SqliteRecordStore(db),
        deleter: new SqliteRecordDeleter(db),
        periods: { ...DEFAULT_RETENTION_MONTHS, acknowledgements: 120 },
        clock: new SteppingClock(),
        log: { info: () => undefined, error: () => undefined },
        campaignSteps: ledger,
    });
    assert.equal((await job.runOnce())["campaign-steps"], 0);
    assert.equal(ledger.taken("2019/20").length, 1);
    });
  });
});
