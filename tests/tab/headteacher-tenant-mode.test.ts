// The headteacher's API in tenant mode: reads come from the SharePoint lists (Graph stand-in) through the
// same ports, with indexed filters and a short cache, so a page viewed again costs no Graph request; a
// status change reaches SharePoint with its note.
import assert from "node:assert/strict";
import type { ReportInFull, ReportList, YearAtAGlance } from "../../tab/api/headteacher/headteacher-types.js";
import { makeAcknowledgement, makeReport } from "../records/support/sharepoint-fixture.js";
import { CampaignDouble, HEAD_BY_ID } from "./support/headteacher-fixtures.js";
import { TenantTabBed } from "./support/tenant-tab-bed.js";

describe("headteacher API in tenant mode (SharePoint through the Graph stand-in)", () => {
  let bed: TenantTabBed;

  before(async () => {
    const staff = Array.from({ length: 6 }, (_, n) => makeAcknowledgement(n + 1).person);
    bed = await TenantTabBed.start(new CampaignDouble(staff));
    const { store, writer } = bed.sharePoint;
    const cycle = makeAcknowledgement(1).cycle;
    for (let n = 1; n <= 6; n++) await store.saveAcknowledgement({ ...makeAcknowledgement(n), policyVersion: "2026.1", cycle, recordId: `ack-${n}` });
    for (let n = 1; n <= 5; n++) await store.saveReport(makeReport({ recordId: `rep-${n}`, reportedAt: new Date(bed.clock.now().getTime() - n * 3600_000).toISOString() }));
    await writer.drainUntilIdle();
  });
  after(() => bed.close());

  async function get<T>(path: string): Promise<{ body: T; graphRequests: number }> {
    const before = bed.standIn.counters.graphRequests;
    const response = await bed.call<T>(HEAD_BY_ID, "GET", path);
    assert.equal(response.status, 200, path);
    return { body: response.body, graphRequests: bed.standIn.counters.graphRequests - before };
  }

  it("reads the year at a glance with an indexed query, then from the cache", async () => {
    const first = await get<YearAtAGlance>("/api/headteacher/glance");
    assert.equal(first.body.documents.find((doc) => doc.policyId === "acceptable-use-policy")?.acknowledged, 6);
    assert.ok(first.graphRequests >= 1 && first.graphRequests <= 3, `${first.graphRequests} Graph requests`);
    assert.equal((await get<YearAtAGlance>("/api/headteacher/glance")).graphRequests, 0, "the second view is served from the cache");
  });

  it("lists the reports once, then works one to Closed without reading the list again", async () => {
    const list = await get<ReportList>("/api/headteacher/reports");
    assert.equal(list.body.reports.length, 5);
    assert.equal((await get<ReportList>("/api/headteacher/reports?status=New")).graphRequests, 0);

    const changed = await bed.call<ReportInFull>(HEAD_BY_ID, "POST", "/api/headteacher/reports/rep-2/status", { status: "Closed", note: "Found in the staff room" });
    assert.equal(changed.body.status, "Closed");
    const after = await get<ReportList>("/api/headteacher/reports?status=Closed");
    assert.deepEqual(after.body.reports.map((r) => r.recordId), ["rep-2"]);
    assert.equal(after.graphRequests, 0, "the change was applied to the cached list");

    await bed.sharePoint.writer.drainUntilIdle();
    const item = bed.standIn.items("AUP incident reports").find((candidate) => candidate.fields.RecordId === "rep-2");
    assert.equal(item?.fields.Status, "Closed");
    assert.match(String(item?.fields.StatusHistory), /Found in the staff room/);
    const full = await get<ReportInFull>("/api/headteacher/reports/rep-2");
    assert.equal(full.graphRequests, 1, "one indexed lookup by RecordId");
    assert.deepEqual(full.body.history.map((h) => h.note), ["Found in the staff room"]);
  });
});
