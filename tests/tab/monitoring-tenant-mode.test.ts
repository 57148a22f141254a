// Tenant mode end to end: the tab API with Entra-style tokens over the outbox and the Graph stand-in. The
// headteacher's monitoring record reaches "AUP monitoring record" and a safeguarding concern filed from the
// tab reaches "AUP safeguarding concerns", each once; neither reaches any other list.
import assert from "node:assert/strict";
import type { ReportCreated } from "../../tab/api/api-types.js";
import type { MonitoringNotice, MonitoringRecord, ReportList } from "../../tab/api/headteacher/headteacher-types.js";
import { SAM_TEACHER, type TestPerson } from "../support/tokens.js";
import { recordIdCounts } from "../records/support/sharepoint-fixture.js";
import { CampaignDouble, HEAD_BY_ID, TECH_BY_ID } from "./support/headteacher-fixtures.js";
import { TenantTabBed } from "./support/tenant-tab-bed.js";
import { validReportBody } from "./report-bodies.js";

describe("the restricted records in tenant mode (tab API, outbox, Graph stand-in)", () => {
  let bed: TenantTabBed;
  before(async () => (bed = await TenantTabBed.start(new CampaignDouble([SAM_TEACHER]))));
  after(() => bed.close());

  const call = <T>(person: TestPerson, method: string, path: string, body?: unknown) => bed.call<T>(person, method, path, body);

  it("writes the headteacher's monitoring record and its closure to the restricted list once, and reads the notice back from it", async () => {
    const request = {
      formId: "6d5e4f3a-0000-4000-8000-000000000001",
      employeeId: SAM_TEACHER.id,
      reason: "Suspected forwarding of pupil records to a personal address",
      from: "2026-11-02",
      to: "2026-11-13",
      requestedOf: "The email provider",
      requestedOn: "2026-10-30",
    };
    const created = await call<MonitoringRecord>(HEAD_BY_ID, "POST", "/api/headteacher/monitoring", request);
    assert.equal(created.status, 201);
    assert.equal((await call(HEAD_BY_ID, "POST", "/api/headteacher/monitoring", request)).status, 200, "the same form again");
    bed.standIn.faults.push({ scope: "request", kind: 429, retryAfterSeconds: 4, times: 2 });
    await bed.sharePoint.writer.drainUntilIdle();
    assert.deepEqual([...recordIdCounts(bed.standIn, "AUP monitoring record").entries()], [[created.body.recordId, 1]]);

    const closed = await call<MonitoringRecord>(HEAD_BY_ID, "POST", `/api/headteacher/monitoring/${created.body.recordId}/close`, { outcome: "No forwarding found." });
    assert.equal(closed.body.state, "Closed");
    await bed.sharePoint.writer.drainUntilIdle();
    const item = bed.standIn.items("AUP monitoring record")[0];
    assert.deepEqual([item?.fields.State, item?.fields.Outcome, item?.fields.ClosedByName], ["Closed", "No forwarding found.", HEAD_BY_ID.displayName]);
    const elsewhere = bed.standIn.lists.lists.filter((list) => list.displayName !== "AUP monitoring record" && JSON.stringify(list.items).includes("forwarding"));
    assert.deepEqual(elsewhere, []);

    const notice = await call<MonitoringNotice>(HEAD_BY_ID, "GET", `/api/headteacher/monitoring/${created.body.recordId}/notice`);
    assert.equal(notice.status, 200);
    assert.equal(notice.body.reasons, request.reason);
    assert.equal(notice.body.outcome, "No forwarding found.");
    assert.equal((await call(TECH_BY_ID, "GET", `/api/headteacher/monitoring/${created.body.recordId}/notice`)).status, 404);
  });

  it("files a safeguarding concern from the tab into the safeguarding list, and the IT technician's list still leaves it out", async () => {
    const filed = await call<ReportCreated>(SAM_TEACHER, "POST", "/api/reports", validReportBody("pupil-contact", bed.clock.now()));
    const routine = await call<ReportCreated>(SAM_TEACHER, "POST", "/api/reports", validReportBody("lost-equipment", bed.clock.now()));
    assert.deepEqual([filed.status, routine.status], [201, 201]);
    bed.standIn.faults.push({ scope: "request", kind: "drop-after", times: 1 });
    await bed.sharePoint.writer.drainUntilIdle();
    const concernId = filed.body.report.recordId;
    assert.deepEqual([...recordIdCounts(bed.standIn, "AUP safeguarding concerns").entries()], [[concernId, 1]]);
    assert.equal(recordIdCounts(bed.standIn, "AUP incident reports").has(concernId), false);
    assert.equal(recordIdCounts(bed.standIn, "AUP incident reports").get(routine.body.report.recordId), 1);

    const headsView = await call<ReportList>(HEAD_BY_ID, "GET", "/api/headteacher/reports");
    assert.ok(headsView.body.reports.some((r) => r.recordId === concernId), "the headteacher reads it from its own list");
    const techView = await call<ReportList>(TECH_BY_ID, "GET", "/api/headteacher/reports");
    assert.equal(techView.body.reports.some((r) => r.recordId === concernId), false);
  });
});
