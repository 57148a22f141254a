import assert from "node:assert/strict";
import { NotFoundError, ThrottledError, UnavailableError } from "../../records/errors.js";
import type { SharePointOutbox } from "../../records/outbox/sharepoint-outbox.js";
import type { GraphApi } from "../../records/graph/graph-client.js";
import type { GraphStandIn } from "../support/graph-stand-in/graph-stand-in.js";
import type { SteppingClock } from "./support/sharepoint-fixture.js";
import { SharePointTestBed, TENANT, makeAcknowledgement, makeReport } from "./support/sharepoint-fixture.js";

const REPORTS = "AUP incident reports";
const headteacher = { id: "5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d", displayName: "Mrs Okafor (Head)", upn: "head@contoso-school.org" };

describe("SharePoint record store (outbox first, SharePoint the record)", () => {
  let standIn: GraphStandIn;
  let clock: SteppingClock;
  let graph: GraphApi;
  let sharePoint: SharePointOutbox;
  let bed: SharePointTestBed;
  beforeEach(async () => {
    bed = await SharePointTestBed.start();
    ({ standIn, clock, graph, sharePoint } = bed);
  });
  afterEach(() => bed.close());

  it("shows a person what they just did while it is still in the outbox, and the same after it reaches SharePoint", async () => {
    const mine = makeAcknowledgement(1);
    await sharePoint.store.saveAcknowledgement(mine);
    await sharePoint.store.saveAcknowledgement(makeAcknowledgement(2));
    assert.deepEqual(await sharePoint.store.saveAcknowledgement(mine), { created: false });

    const before = await sharePoint.store.listAcknowledgements({ personId: mine.person.id });
    assert.deepEqual(before, [mine]);
    assert.equal(standIn.items("AUP acknowledgements").length, 0);

    await sharePoint.writer.drainUntilIdle();
    const after = await sharePoint.store.listAcknowledgements({ personId: mine.person.id });
    // SharePoint keeps times to the second.
    assert.deepEqual(after, [{ ...mine, acknowledgedAt: mine.acknowledgedAt.replace(".000Z", "Z") }]);
    assert.equal(standIn.items("AUP acknowledgements").length, 2);
  });

  it("lists everything for a policy and cycle across @odata.nextLink pages, merged with the outbox", async () => {
    for (let n = 0; n < 450; n++) await sharePoint.store.saveAcknowledgement(makeAcknowledgement(n));
    await sharePoint.writer.drainUntilIdle();
    await sharePoint.store.saveAcknowledgement(makeAcknowledgement(450));
    const before = standIn.counters.graphRequests;

    const all = await sharePoint.store.listAcknowledgements({ policyId: "acceptable-use-policy", cycle: "2026/27" });
    assert.equal(all.length, 451);
    assert.equal(new Set(all.map((ack) => ack.recordId)).size, 451);
    assert.equal(all[0]?.person.displayName, "Teacher 450", "newest first");
    assert.equal(standIn.counters.graphRequests - before, 4, "the list's id, then three pages of at most 200");
    assert.deepEqual(await sharePoint.store.listAcknowledgements({ cycle: "2025/26" }), []);
  });

  it("lists reports by reporter and by status, applying status changes not yet written", async () => {
    const written = makeReport({ reportedAt: "2026-11-02T10:00:00Z" });
    const pending = makeReport({ reportedAt: "2026-11-02T11:00:00Z", kind: "compromised-account", summary: "Password shared by phishing email" });
    const someoneElse = makeReport({ reporter: { id: "11111111-2222-4333-8444-555555555555", displayName: "Mr Jones", upn: "jones@contoso-school.org" } });
    await sharePoint.store.saveReport(written);
    await sharePoint.store.saveReport(someoneElse);
    await sharePoint.writer.drainUntilIdle();
    await sharePoint.store.saveReport(pending);

    const mine = await sharePoint.store.listReports({ reporterId: written.reporter.id });
    assert.deepEqual(mine.map((report) => report.summary), ["Password shared by phishing email", "Lost: Dell Latitude 5440 (SN 7XK2)"]);
    assert.deepEqual(mine[1]?.details, written.details);

    await sharePoint.store.updateReportStatus(written.recordId, "Closed", headteacher, new Date("2026-11-03T08:00:00Z"));
    const open = await sharePoint.store.listReports({ status: "New" });
    assert.deepEqual(open.map((report) => report.recordId).sort(), [pending.recordId, someoneElse.recordId].sort());
    const closed = await sharePoint.store.listReports({ status: "Closed" });
    assert.deepEqual(closed.map((report) => [report.recordId, report.statusChangedBy]), [[written.recordId, "Mrs Okafor (Head)"]]);
  });

  it("applies a status change made while the report is still in the outbox once the report is written", async () => {
    const report = makeReport();
    await sharePoint.store.saveReport(report);
    const updated = await sharePoint.store.updateReportStatus(report.recordId, "In review", headteacher, new Date("2026-11-02T10:20:00Z"));
    assert.equal(updated.status, "In review");
    assert.equal((await sharePoint.store.getReport(report.recordId)).status, "In review");

    await sharePoint.writer.drainUntilIdle();
    const [item] = standIn.items(REPORTS);
    assert.equal(item?.fields.Status, "In review");
    assert.equal(item?.fields.StatusChangedBy, "Mrs Okafor (Head)");
    assert.equal(item?.fields.StatusChangedAt, "2026-11-02T10:20:00Z");
    assert.equal((await sharePoint.store.getReport(report.recordId)).status, "In review");
  });

  it("re-reads and re-applies a status change when the item's eTag went stale (412), keeping the other edit", async () => {
    const report = makeReport();
    await sharePoint.store.saveReport(report);
    await sharePoint.writer.drainUntilIdle();
    let editedBetween = false;
    standIn.beforeNextPatch = (item) => {
      // The headteacher corrects the title in SharePoint between our read and our PATCH.
      item.fields.Title = "Lost: Dell Latitude 5440 (SN 7XK2), left on the bus";
      item.version++;
      editedBetween = true;
    };

    await sharePoint.store.updateReportStatus(report.recordId, "Closed", headteacher, new Date("2026-11-03T09:00:00Z"));
    await sharePoint.writer.drainUntilIdle();

    assert.ok(editedBetween);
    const [item] = standIn.items(REPORTS);
    assert.equal(item?.fields.Status, "Closed");
    assert.equal(item?.fields.Title, "Lost: Dell Latitude 5440 (SN 7XK2), left on the bus");
    assert.equal(item?.version, 3, "created, edited by the headteacher, then our re-applied change");
    assert.deepEqual(sharePoint.outbox.counts(), { pending: 0, done: 2, parked: 0 });
  });

  it("takes a status change while SharePoint is down for a report it wrote, and applies it when SharePoint is back", async () => {
    const report = makeReport();
    await sharePoint.store.saveReport(report);
    await sharePoint.writer.drainUntilIdle();
    const outage = { scope: "request" as const, kind: 503 as const, retryAfterSeconds: 5, times: 1_000 };
    standIn.faults.push(outage);

    const updated = await sharePoint.store.updateReportStatus(report.recordId, "In review", headteacher, new Date("2026-11-03T09:00:00Z"));
    assert.equal(updated.status, "In review");
    assert.equal(updated.summary, report.summary);
    await sharePoint.writer.drainOnce();
    assert.equal(standIn.items(REPORTS)[0]?.fields.Status, "New");
    assert.equal(sharePoint.outbox.counts().pending, 1);

    outage.times = 0;
    await sharePoint.writer.drainUntilIdle();
    assert.equal(standIn.items(REPORTS)[0]?.fields.Status, "In review");
  });

  it("leaves a newer status set in SharePoint alone when an older change arrives", async () => {
    const report = makeReport();
    await sharePoint.store.saveReport(report);
    await sharePoint.writer.drainUntilIdle();
    const [item] = standIn.items(REPORTS);
    Object.assign(item?.fields ?? {}, { Status: "Closed", StatusChangedAt: "2026-11-05T12:00:00Z", StatusChangedBy: "IT technician" });

    await sharePoint.store.updateReportStatus(report.recordId, "In review", headteacher, new Date("2026-11-04T09:00:00Z"));
    await sharePoint.writer.drainUntilIdle();
    assert.equal(item?.fields.Status, "Closed");
    assert.equal((await sharePoint.store.getReport(report.recordId)).statusChangedBy, "IT technician");
  });

  it("answers NotFoundError for a report that is nowhere, and UnavailableError when SharePoint is down", async () => {
    await assert.rejects(sharePoint.store.getReport("rep-00000000-0000-4000-8000-000000000000"), NotFoundError);
    await assert.rejects(
      sharePoint.store.updateReportStatus("rep-00000000-0000-4000-8000-000000000000", "Closed", headteacher, clock.now()),
      NotFoundError,
    );
    standIn.faults.push({ scope: "request", kind: 503, retryAfterSeconds: 1, times: 10 });
    await assert.rejects(sharePoint.store.listReports({}), (error: unknown) => {
      assert.ok(error instanceof UnavailableError);
      assert.match(error.message, /SharePoint \(Microsoft Graph\) is not available: 503/);
      return true;
    });
  });

  it("tells a reader to come back later, rather than holding them, when Graph asks for minutes", async () => {
    standIn.faults.push({ scope: "request", kind: 429, retryAfterSeconds: 120, times: 1 });
    await assert.rejects(sharePoint.store.listAcknowledgements({ personId: "7d9e1f20-3a4b-4c5d-8e6f-7a8b9c0d1e2f" }), (error: unknown) => {
      assert.ok(error instanceof ThrottledError);
      assert.equal(error.retryAfterSeconds, 120);
      assert.match(error.message, /SharePoint is busy .*try again in 120 s/);
      return true;
    });
    assert.deepEqual(clock.sleeps, []);
  });

  it("filters only on indexed columns: the stand-in refuses others unless Prefer allows it, as SharePoint does", async () => {
    const lists = await graph.getAll<{ id: string; displayName: string }>(`/sites/${TENANT.siteId}/lists`);
    const listId = lists.find((list) => list.displayName === REPORTS)?.id ?? "";
    const path = `/sites/${TENANT.siteId}/lists/${listId}/items?$expand=fields&$filter=${encodeURIComponent("fields/ReporterName eq 'Ms Patel'")}`;
    const refused = await graph.call({ method: "GET", path });
    assert.equal(refused.status, 400);
    assert.match(JSON.stringify(refused.body), /cannot be referenced in filter or orderby as it is not indexed/);
    const allowed = await graph.call({ method: "GET", path, headers: { Prefer: "HonorNonIndexedQueriesWarningMayFailRandomly" } });
    assert.equal(allowed.status, 200);
  });
});
