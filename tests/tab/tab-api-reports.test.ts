import assert from "node:assert/strict";
import { academicYearOf } from "../../records/cycle.js";
import { ukCalendarDate } from "../../records/uk-time.js";
import { REPORT_KINDS, type ReportKind } from "../../records/types.js";
import type { ApiErrorBody, MyRecords, PolicyList, ReportCreated } from "../../tab/api/api-types.js";
import { SAM_TEACHER, testPerson } from "../support/tokens.js";
import { validReportBody } from "./report-bodies.js";
import { TabApiHarness } from "./tab-api-harness.js";

const URGENT_AS_FILLED: Record<ReportKind, boolean> = {
  "inappropriate-material": true, // asks for the site to be re-categorised
  "unauthorised-information": true, // it included personal information: a possible breach
  "compromised-account": true,
  "lost-equipment": true, // personal data may be on it
  "online-references": false,
  "pupil-contact": true, // a safeguarding matter: always at once
  "discriminatory-postings": false,
  "software-change": false,
  "personal-equipment": false,
  "sensitive-information": false,
};

describe("tab API: filing a report", () => {
  let api: TabApiHarness;
  beforeEach(async () => {
    api = await TabApiHarness.start();
  });
  afterEach(async () => {
    await api.close();
  });

  const file = async (body: unknown, token?: string) =>
    api.request<ReportCreated & ApiErrorBody>("POST", "/api/reports", token ?? (await api.token()), body);

  for (const kind of REPORT_KINDS) {
    it(`records a report of kind ${kind} as New, with a reference and a summary`, async () => {
      const response = await file(validReportBody(kind, api.clock.now()));
      assert.equal(response.status, 201);
      const { report } = response.body;
      const stored = await api.records.getReport(report.recordId);
      assert.equal(stored.kind, kind);
      assert.equal(stored.status, "New");
      assert.deepEqual(stored.reporter, SAM_TEACHER);
      assert.equal(stored.urgent, URGENT_AS_FILLED[kind]);
      assert.equal(stored.summary, report.summary);
      // A request is dated when it was asked; the rest when it happened, as the reporter said.
      assert.equal(stored.occurredAt, validReportBody(kind, api.clock.now()).fields.occurredAt ?? api.clock.now().toISOString());
      assert.equal(response.body.alert, "queued");
      assert.equal(response.body.report.urgent, URGENT_AS_FILLED[kind]);
    });
  }

  it("summarises a theft the way the headteacher scans a list", async () => {
    const response = await file(validReportBody("lost-equipment", api.clock.now()));
    assert.equal(response.body.report.summary, "Stolen: Dell Latitude 5440 laptop (SN 7XK2) - police ref CR/12345/26");
  });

  it("ignores an identity in the body: the reporter is whoever the token says", async () => {
    const body = { ...validReportBody("compromised-account", api.clock.now()), reporter: testPerson(99), personId: testPerson(99).id };
    const response = await file(body);
    assert.equal(response.status, 201);
    const stored = await api.records.getReport(response.body.report.recordId);
    assert.deepEqual(stored.reporter, SAM_TEACHER);
    assert.equal(stored.statusChangedBy, "Sam Teacher");
    assert.equal(JSON.stringify(stored.details).includes(testPerson(99).id), false);
  });

  it("refuses a body over the size limit with 413 and records nothing", async () => {
    const body = validReportBody("unauthorised-information", api.clock.now());
    const response = await file({ ...body, fields: { ...body.fields, how: "x".repeat(70_000) } });
    assert.equal(response.status, 413);
    assert.match(response.body.error.message, /too large/);
    assert.equal(await api.reportCount(), 0);
  });

  it("says which answers need attention, and records nothing", async () => {
    const body = validReportBody("lost-equipment", api.clock.now());
    const { item: _item, ...withoutItem } = body.fields;
    const tomorrow = new Date(api.clock.now().getTime() + 24 * 3600 * 1000).toISOString();
    const response = await file({ kind: "lost-equipment", fields: { ...withoutItem, what: "borrowed", occurredAt: tomorrow } });
    assert.equal(response.status, 400);
    assert.match(response.body.error.message, /3 answers need attention/);
    assert.deepEqual([...(response.body.error.details ?? [])].sort(), [
      "What happened to it: choose one of lost, damaged, stolen.",
      "When did it happen, or when did you notice: this cannot be in the future.",
      "Which item: this is required.",
    ]);
    assert.deepEqual(response.body.error.fields, {
      what: "What happened to it: choose one of lost, damaged, stolen.",
      occurredAt: "When did it happen, or when did you notice: this cannot be in the future.",
      item: "Which item: this is required.",
    }, "each problem by the field it is about, for the tab to mark");
    assert.equal(await api.reportCount(), 0);
  });

  it("refuses an unknown kind, naming the kinds there are", async () => {
    const response = await file({ kind: "lost-cat", fields: {} });
    assert.equal(response.status, 400);
    assert.match(response.body.error.message, /must be one of inappropriate-material, unauthorised-information/);
  });

  it("refuses text that is too long for its field", async () => {
    const body = validReportBody("compromised-account", api.clock.now());
    const response = await file({ ...body, fields: { ...body.fields, reason: "y".repeat(2001) } });
    assert.equal(response.status, 400);
    assert.deepEqual(response.body.error.details, ["Why do you suspect it: keep it to 2000 characters or fewer."]);
  });

  it("files a form sent twice (its first answer lost) once, and alerts once", async () => {
    const body = { ...validReportBody("compromised-account", api.clock.now()), submissionId: "3f1c2b9e-5d4a-4c1b-9e7f-2a6b8c0d1e2f" };
    const first = await file(body);
    const again = await file(body);
    assert.equal(first.status, 201);
    assert.equal(again.status, 200);
    assert.equal(again.body.report.recordId, first.body.report.recordId);
    assert.equal(again.body.report.reference, first.body.report.reference, "one report, one reference");
    assert.equal(again.body.alert, "already-recorded");
    assert.equal((await api.records.listReports({})).length, 1);
    assert.equal(api.alerts.filed.length, 1);

    const otherPerson = await file(body, await api.token({ person: testPerson(7) }));
    assert.equal(otherPerson.status, 201, "another person's submission id never reaches this report");
    assert.notEqual(otherPerson.body.report.recordId, first.body.report.recordId);
  });

  it("answers with a short reference to read out, kept with the report and shown in my records and to the headteacher", async () => {
    const year = ukCalendarDate(api.clock.now()).slice(0, 4);
    const first = await file(validReportBody("lost-equipment", api.clock.now()));
    const second = await file(validReportBody("compromised-account", api.clock.now()));
    assert.match(first.body.report.reference, new RegExp(`^R-${year}-0001$`));
    assert.match(second.body.report.reference, new RegExp(`^R-${year}-0002$`));
    assert.equal((await api.records.getReport(first.body.report.recordId)).reference, first.body.report.reference);
    assert.deepEqual(api.alerts.filed.map((report) => report.reference), [first.body.report.reference, second.body.report.reference]);
    const mine = await api.request<MyRecords>("GET", "/api/me/records", await api.token());
    assert.deepEqual(mine.body.reports.map((report) => report.reference).sort(), [first.body.report.reference, second.body.report.reference]);
  });

  it("refuses a submission id that is not a UUID", async () => {
    const response = await file({ ...validReportBody("lost-equipment", api.clock.now()), submissionId: "../../etc" });
    assert.equal(response.status, 400);
    assert.deepEqual(response.body.error.details, ["submissionId must be a UUID the tab made for this form."]);
  });

  it("refuses malformed JSON with 400", async () => {
    const response = await file('{"kind": "lost-equipment", "fields": {');
    assert.equal(response.status, 400);
    assert.match(response.body.error.message, /not valid JSON/);
  });

  it("tells the ReportAlerts port about an urgent report, after it is recorded", async () => {
    const response = await file(validReportBody("compromised-account", api.clock.now()));
    assert.equal(api.alerts.filed.length, 1);
    assert.equal(api.alerts.filed[0]?.recordId, response.body.report.recordId);
    assert.equal(api.alerts.filed[0]?.summary, "Compromised: My school account - password not yet changed");
  });

  it("says truly who a safeguarding concern alerted: the headteacher alone while no senior leader is set", async () => {
    const alone = await file(validReportBody("pupil-contact", api.clock.now()));
    assert.equal(alone.status, 201);
    assert.equal(alone.body.safeguardingAlerted, "headteacher");
    // A request or an incident is not a safeguarding matter: nothing to say.
    assert.equal((await file(validReportBody("lost-equipment", api.clock.now()))).body.safeguardingAlerted, undefined);
    await api.close();
    api = await TabApiHarness.start({ env: { SENIOR_LEADER_AAD_OBJECT_ID: "0c0ffee0-0000-4000-8000-0000000000dd" } });
    assert.equal((await file(validReportBody("pupil-contact", api.clock.now()))).body.safeguardingAlerted, "headteacher-and-senior-leaders");
  });

  it("passes a report that is not urgent to the ReportAlerts port too, marked not urgent", async () => {
    const body = validReportBody("lost-equipment", api.clock.now());
    await file({ ...body, fields: { ...body.fields, personalData: false } });
    assert.deepEqual(api.alerts.filed.map((r) => r.urgent), [false]);
    assert.equal((await api.records.listReports({}))[0]?.urgent, false);
  });

  it("still records the report and answers 201 when the alert cannot be queued, and logs why", async () => {
    api.alerts.failWith = new Error("alert queue is full");
    const response = await file(validReportBody("compromised-account", api.clock.now()));
    assert.equal(response.status, 201);
    assert.equal(response.body.alert, "failed");
    assert.equal((await api.records.getReport(response.body.report.recordId)).urgent, true);
    assert.equal(api.errors.length, 1);
    assert.match(api.errors[0] ?? "", /was recorded but its alert could not be queued/);
  });

  it("stops a flood from one person with 429 and Retry-After, without stopping anyone else", async () => {
    const token = await api.token();
    const body = validReportBody("unauthorised-information", api.clock.now());
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await file(body, token)).status);
    assert.deepEqual(statuses.slice(0, 30), Array<number>(30).fill(201));
    const refused = await file(body, token);
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get("retry-after"), "2");
    assert.match(refused.body.error.message, /Too many requests: wait 2 seconds/);
    assert.equal(await api.reportCount(), 30);
    assert.equal((await file(body, await api.token({ person: testPerson(2) }))).status, 201);
    api.clock.advanceSeconds(2);
    assert.equal((await file(body, token)).status, 201);
  });
});

describe("tab API: my records and the policies", () => {
  let api: TabApiHarness;
  beforeEach(async () => {
    api = await TabApiHarness.start();
  });
  afterEach(async () => {
    await api.close();
  });

  it("shows what I acknowledged this cycle, what is outstanding, and only my reports with their status", async () => {
    const now = api.clock.now();
    const cycle = academicYearOf(now);
    await api.records.saveAcknowledgement({
      recordId: "ack-mine",
      policyId: "acceptable-use-policy",
      policyVersion: "2026.1",
      cycle,
      person: SAM_TEACHER,
      acknowledgedAt: now.toISOString(),
      channel: "teams-bot",
    });
    const mine = await api.request<ReportCreated>("POST", "/api/reports", await api.token(), validReportBody("compromised-account", now));
    const other = await api.token({ person: testPerson(5) });
    await api.request("POST", "/api/reports", other, validReportBody("lost-equipment", now));
    await api.records.updateReportStatus(mine.body.report.recordId, "In review", testPerson(1), now);

    const response = await api.request<MyRecords>("GET", "/api/me/records", await api.token());
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("cache-control"), "no-store");
    assert.equal(response.body.cycle, cycle);
    assert.deepEqual(
      response.body.acknowledgements.map((a) => [a.title, a.version, a.current]),
      [["Staff IT Acceptable Use Policy", "2026.1", true]],
    );
    assert.deepEqual(response.body.outstanding.map((p) => p.policyId), ["social-media-guidance"]);
    assert.deepEqual(
      response.body.reports.map((r) => [r.kindTitle, r.status]),
      [["Suspected compromised account or password", "In review"]],
    );
  });

  it("serves the full text of the current documents", async () => {
    const response = await api.request<PolicyList>("GET", "/api/policies", await api.token());
    assert.equal(response.status, 200);
    const aup = response.body.policies.find((p) => p.id === "acceptable-use-policy");
    assert.ok(aup);
    assert.match(aup.text, /13\.5 If an account or password is suspected to have been compromised/);
    assert.match(aup.declaration, /^I confirm that I have received appropriate training/);
  });
});
