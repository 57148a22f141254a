// The monitoring record (policy 15.1) through the tab API with validated tokens: the headteacher records a
// written request to monitor a member of staff's email, closes it and gets the notice to the employee; for
// everyone else (IT technician, senior leader, staff) the addresses answer exactly as ones that do not exist.
import assert from "node:assert/strict";
import type { SubjectAccessExport } from "../../records/read-models/subject-access.js";
import type { MonitoringList, MonitoringNotice, MonitoringRecord, RetentionView } from "../../tab/api/headteacher/headteacher-types.js";
import { testPerson, type TestPerson } from "../support/tokens.js";
import { CampaignDouble, DEPUTY_HEAD, HEAD_BY_ID, loan, TECH_BY_ID } from "./support/headteacher-fixtures.js";
import { TabApiHarness } from "./tab-api-harness.js";
import { alice, report, startLocalApp } from "../server/local-app.js";

const SENIOR_LEADER: TestPerson = { id: "0c0ffee0-0000-4000-8000-0000000000dd", displayName: "Mr Senior", upn: "senior@test-school.example" };
const EMPLOYEE = testPerson(3);
const REASON = "Complaint from a parent about messages sent from the school account at night";

function request(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    formId: "2f1e0d9c-8b7a-4c6d-9e5f-4a3b2c1d0e9f",
    employeeId: EMPLOYEE.id,
    reason: REASON,
    from: "2026-11-02",
    to: "2026-11-13",
    requestedOf: "The IT technician (Network Manager)",
    requestedOn: "2026-10-30",
    ...overrides,
  };
}

describe("the monitoring record in the tab API", () => {
  let api: TabApiHarness;
  let head: string;
  beforeEach(async () => {
    api = await TabApiHarness.start({ env: { SENIOR_LEADER_AAD_OBJECT_ID: SENIOR_LEADER.id }, campaign: new CampaignDouble([testPerson(1), testPerson(2), EMPLOYEE]) });
    head = await api.token({ person: HEAD_BY_ID });
  });
  afterEach(async () => {
    await api.close();
  });

  const record = async (body = request()) => api.request<MonitoringRecord>("POST", "/api/headteacher/monitoring", head, body);

  it("records a request from a member of staff on the roster, with who recorded it from the token, once per form", async () => {
    const created = await record();
    assert.equal(created.status, 201);
    assert.equal(created.body.state, "Open");
    assert.deepEqual(created.body.employee, { id: EMPLOYEE.id, displayName: EMPLOYEE.displayName, upn: EMPLOYEE.upn }, "the roster gives their sign-in name");
    assert.equal(created.body.reason, REASON);
    assert.equal(created.body.recordedBy.id, HEAD_BY_ID.id);
    assert.equal(created.body.recordedBy.displayName, HEAD_BY_ID.displayName);
    assert.equal(created.headers.get("cache-control"), "no-store");

    const again = await record(request({ reason: "A second press" }));
    assert.equal(again.status, 200);
    assert.equal(again.body.recordId, created.body.recordId);
    const list = await api.request<MonitoringList>("GET", "/api/headteacher/monitoring", head);
    assert.deepEqual(list.body.records.map((r) => r.reason), [REASON]);
  });

  it("records someone not on the roster by name and sign-in name, and names every problem with a form", async () => {
    const byHand = await record(request({ employeeId: "", employeeName: "Ms Supply", employeeUpn: "supply@test-school.example" }));
    assert.equal(byHand.status, 201);
    assert.deepEqual(byHand.body.employee, { id: "", displayName: "Ms Supply", upn: "supply@test-school.example" });

    const bad = await api.request<{ error: { fields: Record<string, string> } }>(
      "POST",
      "/api/headteacher/monitoring",
      head,
      request({ formId: "3a2b1c0d-0000-4000-8000-000000000001", employeeId: "0c0ffee0-0000-4000-8000-000000000999", reason: " ", from: "2026-11-13", to: "2026-11-02", requestedOn: "2099-01-01" }),
    );
    assert.equal(bad.status, 400);
    assert.deepEqual(Object.keys(bad.body.error.fields).sort(), ["employeeId", "reason", "requestedOn", "to"]);
    assert.match(bad.body.error.fields.to ?? "", /cannot end before it starts/);
    assert.equal((await api.monitoring.list({})).length, 1, "nothing kept from the refused form");
  });

  it("marks the list of staff, not the by-hand fields, when nobody is chosen, and asks for a missing date as a date", async () => {
    const blank = await api.request<{ error: { fields: Record<string, string> } }>(
      "POST",
      "/api/headteacher/monitoring",
      head,
      request({ employeeId: "", employeeName: "", employeeUpn: "", to: "" }),
    );
    assert.equal(blank.status, 400);
    assert.deepEqual(blank.body.error.fields, {
      employeeId: "Member of staff: choose them from the list, or give the name and school email address of someone not on it.",
      to: "To: give the day the monitoring ends.",
    });
    const halfByHand = await api.request<{ error: { fields: Record<string, string> } }>(
      "POST",
      "/api/headteacher/monitoring",
      head,
      request({ employeeId: "", employeeName: "Ms Supply", employeeUpn: "supply" }),
    );
    assert.deepEqual(halfByHand.body.error.fields, { employeeUpn: "School email address: give theirs in full, e.g. j.smith@school.org.uk." });
  });

  it("refuses what the monitoring record list could not hold: names over 255 characters, dates out of any sensible range", async () => {
    // Kept, these would be refused by SharePoint (single-line text holds 255 characters; a date column 1900 to 8900)
    // and parked in the outbox for good: the record lost, and /healthz and the log telling the IT technician.
    const bad = await api.request<{ error: { fields: Record<string, string> } }>(
      "POST",
      "/api/headteacher/monitoring",
      head,
      request({ employeeId: "", employeeName: "N".repeat(256), employeeUpn: `${"u".repeat(250)}@test-school.example`, from: "1899-12-31", to: "9999-12-31" }),
    );
    assert.equal(bad.status, 400);
    assert.deepEqual(Object.keys(bad.body.error.fields).sort(), ["employeeName", "employeeUpn", "from", "to"]);
    assert.match(bad.body.error.fields.employeeName ?? "", /255 characters or fewer/);
    assert.match(bad.body.error.fields.from ?? "", /From: give a date from 1 January 2000/);
    assert.match(bad.body.error.fields.to ?? "", /To: give a date no more than five years from today/);
    const early = await record(request({ requestedOn: "0001-01-01" }));
    assert.equal(early.status, 400);
    assert.equal((await api.monitoring.list({})).length, 0, "nothing kept");
  });

  it("takes who recorded and closed it from the token, whatever the body claims", async () => {
    const forged = { recordId: "mon-chosen", state: "Closed", recordedBy: TECH_BY_ID, recordedAt: "2020-01-01T00:00:00Z", closed: { outcome: "x", closedBy: TECH_BY_ID } };
    const created = await record(request(forged));
    assert.equal(created.status, 201);
    assert.deepEqual([created.body.state, created.body.recordedBy.id, created.body.closed], ["Open", HEAD_BY_ID.id, undefined]);
    assert.notEqual(created.body.recordId, "mon-chosen");
    const closed = await api.request<MonitoringRecord>("POST", `/api/headteacher/monitoring/${created.body.recordId}/close`, head, { outcome: "No further action", closedBy: TECH_BY_ID, closedAt: "2020-01-01T00:00:00Z" });
    assert.deepEqual([closed.body.closed?.closedBy.id, closed.body.closed?.closedAt], [HEAD_BY_ID.id, api.clock.now().toISOString()]);
  });

  it("closes it with the outcome and who closed it, keeps the first closure, and gives the written notice only then", async () => {
    const { body: opened } = await record();
    const early = await api.request<{ error: { message: string } }>("GET", `/api/headteacher/monitoring/${opened.recordId}/notice`, head);
    assert.equal(early.status, 409);
    assert.match(early.body.error.message, /close the record first/);

    // A headteacher by Entra app role only closes it: the record says who.
    const deputy = await api.token({ person: DEPUTY_HEAD, claims: { roles: ["Headteacher"] } });
    const outcome = "Messages were sent by a colleague using the shared laptop; no further action.";
    const closed = await api.request<MonitoringRecord>("POST", `/api/headteacher/monitoring/${opened.recordId}/close`, deputy, { outcome });
    assert.equal(closed.status, 200);
    assert.equal(closed.body.state, "Closed");
    assert.equal(closed.body.closed?.closedBy.displayName, DEPUTY_HEAD.displayName);
    assert.equal(closed.body.closed?.outcome, outcome);
    const second = await api.request<MonitoringRecord>("POST", `/api/headteacher/monitoring/${opened.recordId}/close`, head, { outcome: "Changed my mind" });
    assert.equal(second.body.closed?.outcome, outcome, "the first closure stands");
    const noOutcome = await api.request("POST", `/api/headteacher/monitoring/${opened.recordId}/close`, head, { outcome: "" });
    assert.equal(noOutcome.status, 400);

    const notice = await api.request<MonitoringNotice>("GET", `/api/headteacher/monitoring/${opened.recordId}/notice`, head);
    assert.equal(notice.status, 200);
    assert.equal(notice.body.schoolName, "Crich Carr Church of England Primary School");
    assert.equal(notice.body.title, "Notice of email monitoring");
    assert.equal(notice.body.salutation, `Dear ${EMPLOYEE.displayName},`);
    const letter = notice.body.paragraphs.join("\n");
    assert.match(letter, /section 15\.1 of the school's Staff IT Acceptable Use Policy/);
    // A formal letter: dates written out in full, as UK letters have them.
    assert.match(letter, /was monitored from 2 November 2026 to 13 November 2026/);
    assert.match(letter, /in writing on 30 October 2026; the request went to the IT technician \(Network Manager\)/);
    assert.match(letter, /I closed the record of it on \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\./);
    assert.match(notice.body.dated, /^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$/);
    assert.equal(notice.body.reasons, REASON);
    assert.equal(notice.body.outcome, outcome);
    assert.match(notice.body.policyQuote, /they will be notified and given the reasons in writing/);
    assert.deepEqual(notice.body.signOff, { name: HEAD_BY_ID.displayName, role: "Headteacher" });
  });

  it("answers the IT technician, a senior leader and staff exactly as for an address that does not exist", async () => {
    const { body: opened } = await record();
    const nowhere = await api.request("GET", "/api/headteacher/no-such-page", head);
    assert.equal(nowhere.status, 404);
    const calls: ReadonlyArray<readonly [string, string, unknown?]> = [
      ["GET", "/api/headteacher/monitoring"],
      ["GET", `/api/headteacher/monitoring/${opened.recordId}`],
      ["GET", `/api/headteacher/monitoring/${opened.recordId}/notice`],
      ["POST", "/api/headteacher/monitoring", request({ formId: "4b3c2d1e-0000-4000-8000-000000000002" })],
      ["POST", `/api/headteacher/monitoring/${opened.recordId}/close`, { outcome: "closed by someone else" }],
    ];
    for (const person of [TECH_BY_ID, SENIOR_LEADER, testPerson(1), EMPLOYEE]) {
      const token = await api.token({ person });
      for (const [method, path, body] of calls) {
        const answer = await api.request<string>(method, path, token, body);
        assert.equal(answer.status, 404, `${person.displayName}: ${method} ${path}`);
        assert.equal(answer.body.replace(path, "PATH").replace(/GET|POST/, "M"), String(nowhere.body).replace("/api/headteacher/no-such-page", "PATH").replace("GET", "M"));
        assert.equal(answer.body.includes(REASON), false);
      }
    }
    // A body too big, or not JSON at all, is not read before the role is known: still the 404 of no such address.
    const tech = await api.token({ person: TECH_BY_ID });
    const huge = await api.request<string>("POST", "/api/headteacher/monitoring", tech, request({ reason: "x".repeat(100_000) }));
    assert.equal(huge.status, 404);
    const notJson = await fetch(`${api.url}/api/headteacher/monitoring/${opened.recordId}/close`, {
      method: "POST",
      headers: { authorization: `Bearer ${tech}`, "content-type": "application/json" },
      body: "{not json",
    });
    assert.equal(notJson.status, 404);
    assert.equal((await api.monitoring.list({})).length, 1, "nothing recorded by anyone else");
    assert.equal((await api.monitoring.get(opened.recordId)).state, "Open", "nor closed");
    assert.equal((await api.request("GET", "/api/headteacher/monitoring", undefined)).status, 401, "no token: no answer at all");
  });

  it("never appears in the reports, the CSV downloads, the year at a glance, the governors' pack or anyone's own records", async () => {
    const { body: opened } = await record();
    await api.request("POST", `/api/headteacher/monitoring/${opened.recordId}/close`, head, { outcome: "Outcome noted for the file" });
    await api.records.laptopLoans.save(loan(1, EMPLOYEE));
    const everywhere = [
      "/api/headteacher/reports",
      "/api/headteacher/reports.csv",
      "/api/headteacher/laptops",
      "/api/headteacher/laptops.csv",
      "/api/headteacher/outstanding.csv",
      "/api/headteacher/glance",
      "/api/headteacher/governors",
    ];
    for (const path of everywhere) {
      const answer = await api.request<unknown>("GET", path, head);
      assert.equal(answer.status, 200, path);
      const text = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
      for (const secret of [REASON, opened.recordId, "Outcome noted", "monitor"]) assert.equal(text.toLowerCase().includes(secret.toLowerCase()), false, `${path} mentions ${secret}`);
    }
    const own = await api.request<unknown>("GET", "/api/me/records", await api.token({ person: EMPLOYEE }));
    assert.equal(JSON.stringify(own.body).includes(REASON), false);
  });

  it("is counted on the headteacher's retention page without its reason or whom it is about, and the page stays closed to everyone else", async () => {
    const { body: ended } = await record();
    await api.request("POST", `/api/headteacher/monitoring/${ended.recordId}/close`, head, { outcome: "Outcome noted for the file" });
    await record(request({ formId: "5c4d3e2f-0000-4000-8000-000000000004", reason: "A second concern, still being looked into" }));

    const mine = await api.request<RetentionView>("GET", "/api/headteacher/retention", head);
    assert.equal(mine.status, 200);
    assert.match(mine.body.periods.find((p) => p.label === "Monitoring records")?.reason ?? "", /Open records are never deleted/);
    const closedOn = new Date(api.clock.now());
    closedOn.setUTCMonth(closedOn.getUTCMonth() + 72);
    assert.deepEqual(mine.body.next, [{ label: "Monitoring records", what: "monitoring record (15.1)", expiresAt: closedOn.toISOString() }], "the closed one has a date; the open one none");
    const text = JSON.stringify(mine.body);
    for (const secret of [REASON, "still being looked into", ended.recordId, EMPLOYEE.displayName, "Outcome noted"]) assert.equal(text.includes(secret), false, `the retention page mentions ${secret}`);

    // The page is the headteacher's: the IT technician, a senior leader and staff are refused it, as before any record existed.
    for (const person of [TECH_BY_ID, SENIOR_LEADER, EMPLOYEE]) {
      const answer = await api.request<unknown>("GET", "/api/headteacher/retention", await api.token({ person }));
      assert.equal(answer.status, 403, person.displayName);
      assert.equal(JSON.stringify(answer.body).toLowerCase().includes("monitor"), false, person.displayName);
    }
  });

  it("puts ended monitoring in the employee's subject access export and withholds monitoring still open", async () => {
    const { body: ended } = await record();
    await api.request("POST", `/api/headteacher/monitoring/${ended.recordId}/close`, head, { outcome: "No further action" });
    await record(request({ formId: "5c4d3e2f-0000-4000-8000-000000000003", reason: "A second concern, still being looked into", from: "2026-11-20", to: "2026-12-04", requestedOn: "2026-11-19" }));

    const pack = await api.request<SubjectAccessExport>("GET", `/api/headteacher/subject-access/${EMPLOYEE.id}?download=1`, head);
    assert.equal(pack.status, 200);
    assert.deepEqual(pack.body.emailMonitoring.map((m) => [m.reason, m.closed?.outcome]), [[REASON, "No further action"]]);
    assert.equal(JSON.stringify(pack.body).includes("still being looked into"), false, "open monitoring is withheld");
    const someoneElse = await api.request<SubjectAccessExport>("GET", `/api/headteacher/subject-access/${testPerson(1).id}`, head);
    assert.deepEqual(someoneElse.body.emailMonitoring, []);
    // The page asks separately what is withheld, for the headteacher's eyes only.
    const open = await api.request<MonitoringList>("GET", `/api/headteacher/monitoring?personId=${EMPLOYEE.id}&state=Open`, head);
    assert.deepEqual(open.body.records.map((r) => r.reason), ["A second concern, still being looked into"]);
  });
});

describe("the monitoring record and the local /records page", () => {
  it("is in neither the page nor any of its CSV downloads", async () => {
    const app = await startLocalApp();
    try {
      const { monitoring } = app.services;
      assert.ok(monitoring, "the local app has a monitoring store");
      const opened: MonitoringRecord = {
        recordId: "mon-local-1",
        employee: alice,
        reason: REASON,
        from: "2026-11-02",
        to: "2026-11-13",
        requestedOf: "The email provider",
        requestedOn: "2026-10-30",
        recordedBy: HEAD_BY_ID,
        recordedAt: "2026-10-30T09:00:00.000Z",
        state: "Open",
      };
      await monitoring.save(opened);
      await monitoring.close(opened.recordId, { closedAt: "2026-11-14T09:00:00.000Z", closedBy: HEAD_BY_ID, outcome: "Outcome noted for the file" });
      await app.services.records.saveReport(report());
      const page = await (await fetch(`${app.url}/records`)).text();
      assert.ok(page.includes("Dell Latitude 5440"), "the page shows the records it should");
      const downloads = [...page.matchAll(/href="(\/records\/[a-z-]+\.csv)"/g)].map((match) => match[1] as string);
      assert.ok(downloads.length >= 3, `CSV links: ${downloads.join(", ")}`);
      for (const path of ["/records", ...downloads]) {
        const text = await (await fetch(app.url + path)).text();
        for (const secret of [REASON, "mon-local-1", "Outcome noted", "The email provider"]) assert.equal(text.includes(secret), false, `${path} mentions ${secret}`);
      }
    } finally {
      await app.close();
    }
  });
});
