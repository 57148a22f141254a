// Privacy tiers (README "Who sees what"): a safeguarding concern reaches the headteacher's views and its
// reporter's own records, never the IT technician's views or exports, nor the routine list on /records.
import assert from "node:assert/strict";
import type { MyRecords, ReportCreated } from "../../tab/api/api-types.js";
import type { ReportList } from "../../tab/api/headteacher/headteacher-types.js";
import type { ReportKind } from "../../records/types.js";
import { SAM_TEACHER, testPerson } from "../support/tokens.js";
import { alice, report, startLocalApp } from "../server/local-app.js";
import { HEAD_BY_ID, TECH_BY_ID } from "./support/headteacher-fixtures.js";
import { validReportBody } from "./report-bodies.js";
import { TabApiHarness } from "./tab-api-harness.js";

describe("privacy tiers in the tab API", () => {
  let api: TabApiHarness;
  let head: string;
  let tech: string;
  let concernId: string;
  let routineId: string;
  beforeEach(async () => {
    api = await TabApiHarness.start();
    head = await api.token({ person: HEAD_BY_ID });
    tech = await api.token({ person: TECH_BY_ID });
    const file = async (kind: ReportKind) =>
      (await api.request<ReportCreated>("POST", "/api/reports", await api.token({ person: SAM_TEACHER }), validReportBody(kind, api.clock.now()))).body.report
        .recordId;
    concernId = await file("pupil-contact");
    routineId = await file("lost-equipment");
  });
  afterEach(async () => {
    await api.close();
  });

  it("shows the headteacher the safeguarding concern with the routine reports, in full and in the CSV", async () => {
    const list = await api.request<ReportList>("GET", "/api/headteacher/reports", head);
    assert.deepEqual(list.body.reports.map((r) => r.kind).sort(), ["lost-equipment", "pupil-contact"]);
    const full = await api.request<{ kindTitle: string }>("GET", `/api/headteacher/reports/${concernId}`, head);
    assert.equal(full.status, 200);
    assert.equal(full.body.kindTitle, "Inappropriate contact from a pupil");
    const csv = await api.request<string>("GET", "/api/headteacher/reports.csv", head);
    assert.ok(csv.body.includes("Inappropriate contact from a pupil"));
  });

  it("leaves it out of the IT technician's list and CSV, and answers 404 for it in full or for a status change", async () => {
    const list = await api.request<ReportList>("GET", "/api/headteacher/reports", tech);
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.reports.map((r) => r.recordId), [routineId]);
    const filteredByKind = await api.request<ReportList>("GET", "/api/headteacher/reports?kind=pupil-contact", tech);
    assert.deepEqual(filteredByKind.body.reports, []);
    const csv = await api.request<string>("GET", "/api/headteacher/reports.csv", tech);
    assert.equal(csv.status, 200);
    assert.ok(csv.body.includes("Dell Latitude 5440"));
    assert.equal(csv.body.includes("pupil"), false);
    assert.equal((await api.request("GET", `/api/headteacher/reports/${concernId}`, tech)).status, 404);
    const change = await api.request("POST", `/api/headteacher/reports/${concernId}/status`, tech, { status: "Closed", note: "seen" });
    assert.equal(change.status, 404);
    assert.equal((await api.records.getReport(concernId)).status, "New", "the IT technician changed nothing");
  });

  it("shows the reporter their own concern under My records, and nobody else", async () => {
    const mine = await api.request<MyRecords>("GET", "/api/me/records", await api.token({ person: SAM_TEACHER }));
    assert.ok(mine.body.reports.some((r) => r.recordId === concernId && r.kindTitle === "Inappropriate contact from a pupil"));
    const someoneElse = await api.request<MyRecords>("GET", "/api/me/records", await api.token({ person: testPerson(7) }));
    assert.deepEqual(someoneElse.body.reports, []);
  });
});

describe("privacy tiers on the local /records page", () => {
  it("keeps safeguarding concerns out of the incident reports and their CSV, in a restricted section of their own", async () => {
    const app = await startLocalApp();
    try {
      await app.services.records.saveReport(report());
      await app.services.records.saveReport(
        report({ recordId: "rep-safeguarding-1", kind: "pupil-contact", reporter: alice, summary: "Contact from a pupil (social media)", urgent: true, details: {} }),
      );
      const page = await (await fetch(`${app.url}/records`)).text();
      const restricted = page.indexOf("Safeguarding concerns (restricted)");
      assert.ok(restricted > 0, "a restricted section");
      const routine = page.slice(page.indexOf('id="reports"'), restricted);
      assert.ok(routine.includes("Dell Latitude 5440"));
      assert.equal(routine.includes("Contact from a pupil"), false);
      assert.ok(page.slice(restricted).includes("Contact from a pupil (social media)"));
      const csv = await (await fetch(`${app.url}/records/reports.csv`)).text();
      assert.ok(csv.includes("Dell Latitude 5440"));
      assert.equal(csv.includes("Contact from a pupil"), false);
    } finally {
      await app.close();
    }
  });
});
