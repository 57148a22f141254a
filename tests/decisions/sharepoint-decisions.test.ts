// Decisions in tenant mode: through the outbox into the "AUP incident reports" list over the real Graph client and
// msal-node against the Graph stand-in, each decision and each ending written exactly once through throttling,
// outages and lost answers.
import assert from "node:assert/strict";
import { RequestDecisionService } from "../../records/decision-service.js";
import type { DecisionNotices } from "../../records/decisions.js";
import type { IncidentReport } from "../../records/types.js";
import { openSharePointOutbox } from "../../records/outbox/sharepoint-outbox.js";
import { provisionLists } from "../../records/sharepoint/provision-lists.js";
import { ALL_LISTS, REPORTS_LIST } from "../../records/sharepoint/list-schemas.js";
import { openDatabase } from "../../records/sqlite/database.js";
import { SharePointTestBed, SteppingClock, TENANT, graphFor, makeReport, quietLog, startStandIn, tempDir } from "../records/support/sharepoint-fixture.js";

const REPORTS = "AUP incident reports";
const HEAD = { id: "5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d", displayName: "Mrs Okafor", upn: "head@contoso-school.org" };
const HEADTEACHER_ONLY = new Set(["headteacher"] as const);

/** Which requests the bot would have been asked to tell people about. */
class RecordingNotices implements DecisionNotices {
  readonly decidedReports: IncidentReport[] = [];
  readonly expiredReports: IncidentReport[] = [];
  decided(report: IncidentReport): void {
    this.decidedReports.push(report);
  }
  expired(report: IncidentReport): void {
    this.expiredReports.push(report);
  }
}

function request(): IncidentReport {
  return makeReport({
    kind: "sensitive-information",
    summary: "Sensitive information on an encrypted memory stick provided by the school, until 31 July",
    details: { information: "Year 6 assessment data", device: "school-stick", howLong: "until 31 July", security: "Encrypted stick" },
    urgent: false,
  });
}

describe("decisions in SharePoint, through the outbox", () => {
  let bed: SharePointTestBed;
  let notices: RecordingNotices;
  let service: RequestDecisionService;
  beforeEach(async () => {
    bed = await SharePointTestBed.start();
    notices = new RecordingNotices();
    service = new RequestDecisionService(bed.sharePoint.store, bed.clock, notices);
  });
  afterEach(() => bed.close());

  const patches = (method: string, path: string) => method === "PATCH" && path.includes("/items/");

  it("provisions the decision columns on the reports list", () => {
    const columns = bed.standIn.lists.find(REPORTS)?.columns.map((column) => column.name) ?? [];
    for (const name of ["Decision", "DecisionConditions", "DecisionReason", "DecidedBy", "DecidedById", "DecidedAt", "DecisionExpiresOn", "DecisionExpired", "DecisionExpiredAt"]) {
      assert.ok(columns.includes(name), `${name} is provisioned`);
    }
  });

  it("writes a decision once through 429s and a lost answer, and refuses a second one", async () => {
    const asked = request();
    await bed.sharePoint.store.saveReport(asked);
    await bed.sharePoint.writer.drainUntilIdle();
    const throttled = { scope: "request" as const, kind: 429 as const, retryAfterSeconds: 3, times: 2, when: patches };
    const lostAnswer = { scope: "request" as const, kind: "drop-after" as const, times: 1, when: patches };
    bed.standIn.faults.push(throttled, lostAnswer);

    const { report, recorded } = await service.decide(HEAD, HEADTEACHER_ONLY, asked.recordId, { outcome: "approved", conditions: "Encrypted stick only", expiresOn: "2026-12-31" });
    assert.equal(recorded, true);
    assert.equal(report.status, "Closed");
    assert.equal(notices.decidedReports.length, 1);
    assert.equal((await bed.sharePoint.store.getReport(asked.recordId)).decision?.conditions, "Encrypted stick only", "read back from the outbox before SharePoint has it");
    assert.equal((await bed.sharePoint.store.listReports({ status: "Closed" })).length, 1);

    await bed.sharePoint.writer.drainUntilIdle();
    const [item] = bed.standIn.items(REPORTS);
    assert.equal(item?.fields.Decision, "Approved");
    assert.equal(item?.fields.DecisionConditions, "Encrypted stick only");
    assert.equal(item?.fields.DecidedBy, "Mrs Okafor");
    assert.equal(item?.fields.DecidedById, HEAD.id);
    assert.equal(item?.fields.DecidedAt, "2026-11-02T09:00:00Z");
    assert.equal(String(item?.fields.DecisionExpiresOn).slice(0, 10), "2026-12-31");
    assert.equal(item?.fields.DecisionExpired, false);
    assert.equal(item?.fields.Status, "Closed");
    assert.equal(item?.version, 2, "created, then the decision applied once (the retry after the lost answer found it there)");
    assert.deepEqual([throttled.times, lostAnswer.times], [0, 0], "both faults were met");

    const again = await service.decide({ ...HEAD, id: "6c5b4a3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d", displayName: "Mr Hughes" }, HEADTEACHER_ONLY, asked.recordId, { outcome: "declined", reason: "No" });
    assert.equal(again.recorded, false);
    assert.equal(again.report.decision?.decidedBy.displayName, "Mrs Okafor");
    await assert.rejects(service.decideOnce(HEAD, HEADTEACHER_ONLY, asked.recordId, { outcome: "declined", reason: "No" }), { message: "Already approved by Mrs Okafor on 2 November 2026." });
    await bed.sharePoint.writer.drainUntilIdle();
    assert.equal(bed.standIn.items(REPORTS)[0]?.version, 2);
    assert.equal(notices.decidedReports.length, 1);

    const read = await bed.sharePoint.store.getReport(asked.recordId);
    assert.deepEqual(read.decision, { outcome: "approved", conditions: "Encrypted stick only", reason: "", decidedBy: { ...HEAD, upn: "" }, decidedAt: "2026-11-02T09:00:00Z", expiresOn: "2026-12-31" });
  });

  it("marks an ended approval once in SharePoint, through an outage, and tells people once", async () => {
    const asked = request();
    await bed.sharePoint.store.saveReport(asked);
    await service.decide(HEAD, HEADTEACHER_ONLY, asked.recordId, { outcome: "approved", expiresOn: "2026-11-30" });
    await bed.sharePoint.writer.drainUntilIdle();
    assert.equal(await service.markLapsed(), 0, "not before its last day is over");

    await bed.clock.sleep(Date.parse("2026-12-01T00:30:00Z") - bed.clock.now().getTime());
    bed.standIn.faults.push({ scope: "request", kind: 503, retryAfterSeconds: 10, times: 3, when: patches });
    assert.equal(await service.markLapsed(), 1);
    assert.equal(await service.markLapsed(), 0, "still waiting in the outbox: not queued twice");
    assert.equal(notices.expiredReports.length, 1);
    await bed.sharePoint.writer.drainUntilIdle();
    assert.equal(await service.markLapsed(), 0, "read back from SharePoint: already ended");

    const [item] = bed.standIn.items(REPORTS);
    assert.equal(item?.fields.DecisionExpired, true);
    assert.equal(item?.fields.DecisionExpiredAt, "2026-12-01T00:30:00Z");
    assert.equal(item?.version, 3, "created with the decision pending, decided, ended");
    assert.equal(notices.expiredReports.length, 1);
    assert.deepEqual(bed.sharePoint.outbox.counts(), { pending: 0, done: 3, parked: 0 });
  });

  it("holds a decision for a list made before decisions until npm run provision adds the columns, then writes it once", async () => {
    const standIn = await startStandIn();
    const db = openDatabase(tempDir());
    try {
      const clock = new SteppingClock();
      const graph = graphFor(standIn, clock);
      const decisionColumns = new Set(["Decision", "DecisionConditions", "DecisionReason", "DecidedBy", "DecidedById", "DecidedAt", "DecisionExpiresOn", "DecisionExpired", "DecisionExpiredAt"]);
      const before = ALL_LISTS.map((list) => (list === REPORTS_LIST ? { ...list, columns: list.columns.filter((column) => !decisionColumns.has(column.name)) } : list));
      await provisionLists(graph, TENANT.siteId, before);
      const sharePoint = openSharePointOutbox(db, graph, { siteId: TENANT.siteId, log: quietLog, clock, sleep: clock.sleep });
      const asked = request();
      await sharePoint.store.saveReport(asked);
      await new RequestDecisionService(sharePoint.store, clock, new RecordingNotices()).decide(HEAD, HEADTEACHER_ONLY, asked.recordId, { outcome: "declined", reason: "Not on a memory stick" });
      for (let round = 0; round < 3; round++) await sharePoint.writer.drainOnce();
      assert.equal(standIn.items(REPORTS)[0]?.fields.Decision, undefined, "SharePoint refuses the unknown columns: the decision waits");
      assert.equal(sharePoint.outbox.counts().pending, 1);

      const changes = await provisionLists(graph, TENANT.siteId);
      assert.deepEqual(changes.filter((change) => change.list === REPORTS).map((change) => change.column), [...decisionColumns]);
      await sharePoint.writer.drainUntilIdle();
      const [item] = standIn.items(REPORTS);
      assert.deepEqual([item?.fields.Decision, item?.fields.DecisionReason, item?.fields.Status, item?.version], ["Declined", "Not on a memory stick", "Closed", 2]);
    } finally {
      db.close();
      await standIn.close();
    }
  });
});
