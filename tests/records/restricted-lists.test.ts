// The two restricted SharePoint lists, through the real Graph client and msal-node against the Graph stand-in:
// the headteacher's monitoring record (policy 15.1) and safeguarding concerns, each written exactly once to its
// own list (whose permissions the admin restricts), never to the lists routine records go to.
import assert from "node:assert/strict";
import { OutboxMonitoringRecords } from "../../records/monitoring/outbox-monitoring-records.js";
import { monitoringRecordId, type MonitoringRecord } from "../../records/monitoring/monitoring-record.js";
import { OutboxRecordDeleter } from "../../records/retention/record-deleter.js";
import { reportFields } from "../../records/sharepoint/item-fields.js";
import { REPORTS_LIST } from "../../records/sharepoint/list-schemas.js";
import { SharePointHealth } from "../../records/outbox/sharepoint-health.js";
import { openSharePointOutbox } from "../../records/outbox/sharepoint-outbox.js";
import { makeReport, recordIdCounts, SharePointTestBed, TENANT } from "./support/sharepoint-fixture.js";

const MONITORING = "AUP monitoring record";
const SAFEGUARDING = "AUP safeguarding concerns";
const INCIDENTS = "AUP incident reports";
const HEAD = { id: "5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d", displayName: "Mrs Robbins", upn: "head@contoso-school.org" };
/** After the reports' own times (makeReport), so each change is the latest. */
const LATER = new Date("2026-11-03T09:00:00Z");
const EMPLOYEE = { id: "7d9e1f20-3a4b-4c5d-8e6f-000000000042", displayName: "Mr Jones", upn: "d.jones@contoso-school.org" };

function monitoringRequest(n: number): MonitoringRecord {
  return {
    recordId: monitoringRecordId(`0e0e0e0e-0000-4000-8000-${String(n).padStart(12, "0")}`, HEAD.id),
    employee: EMPLOYEE,
    reason: `Emails to a parent outside school channels, raised by the parent (case ${n})`,
    from: "2026-11-02",
    to: "2026-11-16",
    requestedOf: "The IT technician (Network Manager)",
    requestedOn: "2026-11-02",
    recordedBy: HEAD,
    recordedAt: new Date(Date.parse("2026-11-02T09:00:00Z") + n * 1000).toISOString(),
    state: "Open",
  };
}

/** Every item in every list of the site whose fields mention `text`, by list. */
function listsMentioning(bed: SharePointTestBed, text: string): string[] {
  return bed.standIn.lists.lists.filter((list) => list.items.some((item) => JSON.stringify(item.fields).includes(text))).map((list) => list.displayName);
}

describe("restricted SharePoint lists (Graph stand-in)", () => {
  let bed: SharePointTestBed;
  let monitoring: OutboxMonitoringRecords;
  beforeEach(async () => {
    bed = await SharePointTestBed.start();
    monitoring = new OutboxMonitoringRecords(bed.sharePoint.outbox, bed.sharePoint.lists, () => bed.clock.now());
  });
  afterEach(() => bed.close());

  it("writes monitoring records and their closures to the monitoring record list once each, through throttling and lost answers", async () => {
    const records = [1, 2, 3].map(monitoringRequest);
    for (const record of records) assert.equal((await monitoring.save(record)).created, true);
    assert.equal((await monitoring.save(records[0] as MonitoringRecord)).created, false, "the same form again is the same record");
    bed.standIn.faults.push(
      { scope: "request", kind: 429, retryAfterSeconds: 5, times: 2 },
      { scope: "part", kind: 503, retryAfterSeconds: 2, times: 2 },
      // SharePoint writes the items but the answer never arrives: the retry meets the unique RecordId.
      { scope: "request", kind: "drop-after", times: 1 },
    );
    await bed.sharePoint.writer.drainUntilIdle();
    assert.ok(bed.standIn.faults.every((fault) => fault.times === 0), "every fault was hit");
    assert.deepEqual([...recordIdCounts(bed.standIn, MONITORING).values()], [1, 1, 1]);

    const target = records[1] as MonitoringRecord;
    const closure = { closedAt: "2026-11-16T16:00:00.000Z", closedBy: HEAD, outcome: "Nothing inappropriate found; advice given on using school email." };
    await monitoring.close(target.recordId, closure);
    await monitoring.close(target.recordId, { ...closure, outcome: "A second press" });
    bed.standIn.faults.push({ scope: "request", kind: 429, retryAfterSeconds: 3, times: 2, when: (method) => method === "PATCH" });
    await bed.sharePoint.writer.drainUntilIdle();

    const item = bed.standIn.items(MONITORING).find((candidate) => candidate.fields.RecordId === target.recordId);
    assert.equal(item?.fields.State, "Closed");
    assert.equal(item?.fields.Outcome, closure.outcome, "the first closure stands");
    assert.equal(item?.fields.Reason, target.reason);
    assert.equal(item?.fields.EmployeeUpn, EMPLOYEE.upn);
    assert.equal(item?.fields.RequestedOf, "The IT technician (Network Manager)");
    assert.deepEqual(bed.sharePoint.outbox.counts(), { pending: 0, done: 4, parked: 0 });
    assert.deepEqual(listsMentioning(bed, "Emails to a parent"), [MONITORING], "in no other list");

    // Read back from SharePoint, nothing left in the outbox to lean on.
    const read = await monitoring.get(target.recordId);
    assert.equal(read.state, "Closed");
    assert.equal(read.closed?.outcome, closure.outcome);
    assert.equal(read.from, "2026-11-02");
    assert.deepEqual((await monitoring.list({ employeeId: EMPLOYEE.id, state: "Open" })).map((r) => r.recordId).sort(), [records[0], records[2]].map((r) => r?.recordId).sort());
  });

  it("sends a safeguarding concern and its status changes to the safeguarding list, never the incident reports list", async () => {
    const routine = makeReport({ recordId: "rep-routine-1" });
    const concern = makeReport({ recordId: "rep-concern-1", kind: "pupil-contact", summary: "Contact from a pupil on social media", details: {} });
    const { store, writer } = bed.sharePoint;
    await store.saveReport(routine);
    await store.saveReport(concern);
    bed.standIn.faults.push({ scope: "request", kind: "drop-after", times: 1 });
    await writer.drainUntilIdle();

    assert.deepEqual([...recordIdCounts(bed.standIn, INCIDENTS).keys()], ["rep-routine-1"]);
    assert.deepEqual([...recordIdCounts(bed.standIn, SAFEGUARDING).entries()], [["rep-concern-1", 1]]);
    assert.deepEqual(listsMentioning(bed, "Contact from a pupil"), [SAFEGUARDING]);

    await store.updateReportStatus("rep-concern-1", "Closed", HEAD, LATER, "Spoken to the pupil's parents");
    await store.updateReportStatus("rep-routine-1", "In review", HEAD, LATER);
    await writer.drainUntilIdle();
    assert.equal(bed.standIn.items(SAFEGUARDING)[0]?.fields.Status, "Closed");
    assert.match(String(bed.standIn.items(SAFEGUARDING)[0]?.fields.StatusHistory), /Spoken to the pupil's parents/);
    assert.equal(bed.standIn.items(INCIDENTS)[0]?.fields.Status, "In review");
    assert.deepEqual(listsMentioning(bed, "Spoken to the pupil"), [SAFEGUARDING]);

    // The app reads both lists: the headteacher's views and the reporter's own records see both reports.
    assert.deepEqual((await store.listReports({})).map((r) => r.recordId).sort(), ["rep-concern-1", "rep-routine-1"]);
    assert.equal((await store.getReport("rep-concern-1")).status, "Closed");
    assert.deepEqual((await store.listReports({ status: "Closed" })).map((r) => r.recordId), ["rep-concern-1"]);
  });

  it("after an upgrade, before npm run provision makes the new lists, still reads reports and monitoring, and writes them once it has", async () => {
    const missing = bed.standIn.lists.lists.filter((list) => [SAFEGUARDING, MONITORING].includes(list.displayName));
    bed.standIn.lists.lists.splice(0, bed.standIn.lists.lists.length, ...bed.standIn.lists.lists.filter((list) => !missing.includes(list)));
    const { store, writer, outbox } = bed.sharePoint;
    await store.saveReport(makeReport({ recordId: "rep-routine-2" }));
    await store.saveReport(makeReport({ recordId: "rep-concern-2", kind: "pupil-contact", details: {} }));
    await monitoring.save(monitoringRequest(7));
    await writer.drainOnce();
    assert.deepEqual([...recordIdCounts(bed.standIn, INCIDENTS).keys()], ["rep-routine-2"]);
    assert.deepEqual(outbox.counts(), { pending: 2, done: 1, parked: 0 }, "the other two wait, nothing parked");
    assert.deepEqual((await store.listReports({})).map((r) => r.recordId).sort(), ["rep-concern-2", "rep-routine-2"]);
    assert.equal((await store.getReport("rep-routine-2")).recordId, "rep-routine-2");
    assert.deepEqual((await monitoring.list({})).map((r) => r.reason), [monitoringRequest(7).reason]);

    bed.standIn.lists.lists.push(...missing); // npm run provision
    await writer.drainUntilIdle();
    assert.deepEqual([...recordIdCounts(bed.standIn, SAFEGUARDING).entries()], [["rep-concern-2", 1]]);
    assert.equal(recordIdCounts(bed.standIn, MONITORING).size, 1);
    assert.deepEqual(outbox.counts(), { pending: 0, done: 3, parked: 0 });
  });

  it("after an upgrade, tells /healthz and the log to run npm run provision without naming a restricted list", async () => {
    // Only a monitoring record or a safeguarding concern is written to those lists: naming the missing one on the
    // public /healthz, or in the log the IT technician reads, would say that one had just been filed.
    const missing = bed.standIn.lists.lists.filter((list) => [SAFEGUARDING, MONITORING].includes(list.displayName));
    bed.standIn.lists.lists.splice(0, bed.standIn.lists.lists.length, ...bed.standIn.lists.lists.filter((list) => !missing.includes(list)));
    const logged: string[] = [];
    const log = { info: (message: string) => void logged.push(message), warn: (message: string) => void logged.push(message), error: (message: string) => void logged.push(message) };
    const health = new SharePointHealth(bed.clock, log);
    const watched = openSharePointOutbox(bed.db, bed.graph, { siteId: TENANT.siteId, log, clock: bed.clock, sleep: bed.clock.sleep, health });
    await new OutboxMonitoringRecords(watched.outbox, watched.lists, () => bed.clock.now()).save(monitoringRequest(8));
    await watched.store.saveReport(makeReport({ recordId: "rep-concern-3", kind: "pupil-contact", details: {} }));
    await watched.writer.drainOnce();
    await bed.clock.sleep(4 * 60_000);

    const report = health.report({ ...watched.outbox.counts() });
    assert.equal(report.status, "degraded");
    assert.match(report.reasons.join(" "), /npm run provision/);
    const told = JSON.stringify(report) + logged.join("\n");
    for (const secret of ["monitoring", "safeguarding", "15.1", "concern"]) assert.equal(told.toLowerCase().includes(secret), false, `says ${secret}: ${told}`);
  });

  it("keeps working a safeguarding concern filed before its list existed, where it is: in the incident reports list", async () => {
    const old = makeReport({ recordId: "rep-old-concern", kind: "pupil-contact", summary: "Older contact from a pupil", details: {} });
    const [answer] = await bed.graph.batch([await bed.sharePoint.lists.createPart(REPORTS_LIST, "1", reportFields(old))]);
    assert.equal(answer?.status, 201);

    await bed.sharePoint.store.updateReportStatus(old.recordId, "In review", HEAD, LATER, "Looking at it");
    await bed.sharePoint.writer.drainUntilIdle();
    assert.equal(bed.standIn.items(INCIDENTS)[0]?.fields.Status, "In review");
    assert.deepEqual(bed.standIn.items(SAFEGUARDING), [], "not moved");
    assert.deepEqual(bed.sharePoint.outbox.counts(), { pending: 0, done: 1, parked: 0 });

    // Retention finds a concern in either list.
    const concern = makeReport({ recordId: "rep-new-concern", kind: "pupil-contact", details: {} });
    await bed.sharePoint.store.saveReport(concern);
    await bed.sharePoint.writer.drainUntilIdle();
    const deleter = new OutboxRecordDeleter(bed.sharePoint.outbox, () => bed.clock.now());
    deleter.delete("reports", old.recordId);
    deleter.delete("reports", concern.recordId);
    await bed.sharePoint.writer.drainUntilIdle();
    assert.deepEqual([bed.standIn.items(INCIDENTS).length, bed.standIn.items(SAFEGUARDING).length], [0, 0]);
  });
});
