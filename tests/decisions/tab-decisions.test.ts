// Deciding a request from the headteacher's page, through the tab API with tokens from the app's local issuer:
// the roles come from the token, a second decision is refused, and the requester sees it under My records.
import assert from "node:assert/strict";
import type { MyRecords } from "../../tab/api/api-types.js";
import type { ReportInFull, ReportList } from "../../tab/api/headteacher/headteacher-types.js";
import { cardText } from "../support/adaptive-cards.js";
import { personalConversationId } from "../support/teams-activities.js";
import { DecisionApp, HEADTEACHER, IT_TECHNICIAN, TEACHER } from "./decision-app.js";

interface Refusal {
  error: { message: string; fields?: Record<string, string> };
}

describe("deciding a request from the headteacher's page", () => {
  let app: DecisionApp;
  beforeEach(async () => {
    app = await DecisionApp.start();
    await app.install(HEADTEACHER, IT_TECHNICIAN, TEACHER);
  });
  afterEach(async () => {
    await app.close();
  });

  const decide = (user: typeof HEADTEACHER, id: string, body: unknown) => app.api<ReportInFull & Refusal>(user, "POST", `/api/headteacher/reports/${id}/decision`, body);

  it("lets the headteacher approve 14.1 with conditions and an end date, once, and tells the requester", async () => {
    const id = await app.ask("sensitive-information");
    const before = await app.api<ReportInFull>(HEADTEACHER, "GET", `/api/headteacher/reports/${id}`);
    assert.deepEqual(before.body.decidable, { mayDecide: true, deciders: "the headteacher", today: "2026-12-03", suggestedExpiry: "2027-07-31" });
    const asTech = await app.api<ReportInFull>(IT_TECHNICIAN, "GET", `/api/headteacher/reports/${id}`);
    assert.equal(asTech.body.decidable?.mayDecide, false);

    const refused = await decide(IT_TECHNICIAN, id, { outcome: "approved" });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.message, "Only the headteacher can decide this request (policy 14.1).");
    assert.equal((await decide(TEACHER, id, { outcome: "approved" })).status, 403);

    const noReason = await decide(HEADTEACHER, id, { outcome: "declined" });
    assert.equal(noReason.status, 400);
    assert.deepEqual(noReason.body.error.fields, { reason: "Give a reason: the requester is told it." });
    const past = await decide(HEADTEACHER, id, { outcome: "approved", expiresOn: "2026-11-30" });
    assert.deepEqual(past.body.error.fields, { expiresOn: "The end date 30 November 2026 has already passed." });
    const tooLong = await decide(HEADTEACHER, id, { outcome: "declined", reason: "y".repeat(1001) });
    assert.deepEqual(tooLong.body.error.fields, { reason: "Keep the reason to 1000 characters or fewer." });
    const noOutcome = await decide(HEADTEACHER, id, { outcome: "maybe" });
    assert.deepEqual(noOutcome.body.error.fields, { outcome: "Choose approve or decline." });

    const approved = await decide(HEADTEACHER, id, { outcome: "approved", conditions: "Encrypted stick only", expiresOn: "2027-07-31" });
    assert.equal(approved.status, 200);
    assert.equal(approved.body.status, "Closed");
    assert.equal(approved.body.decision?.line, "Approved by Lynne Robbins on 3 December 2026");
    assert.equal(approved.body.decision?.terms, ", until 31 July 2027: Encrypted stick only");
    assert.equal(approved.body.decidable, undefined);

    const again = await decide(HEADTEACHER, id, { outcome: "declined", reason: "Changed my mind" });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.message, "Already approved by Lynne Robbins on 3 December 2026.");
    assert.equal((await app.running.services.records.getReport(id)).decision?.outcome, "approved");

    const list = await app.api<ReportList>(HEADTEACHER, "GET", "/api/headteacher/reports");
    assert.equal(list.body.reports.find((row) => row.recordId === id)?.decision?.outcome, "approved");
    const csv = await app.download(HEADTEACHER, "/api/headteacher/reports.csv");
    assert.match(csv, /Approved by Lynne Robbins on 3 December 2026, until 31 July 2027: Encrypted stick only/);

    // /records shows the list as SharePoint holds it: the decision columns filled in.
    const records = await (await fetch(`${app.url}/records`)).text();
    assert.match(records, /<th[^>]*>Decision conditions<\/th>/);
    assert.match(records, />Approved</);
    assert.match(records, />Encrypted stick only</);

    const mine = await app.api<MyRecords>(TEACHER, "GET", "/api/me/records");
    const shown = mine.body.reports.find((report) => report.recordId === id);
    assert.equal(shown?.decision?.line, "Approved by Lynne Robbins on 3 December 2026");
    assert.equal(shown?.decision?.conditions, "Encrypted stick only");
    assert.equal(shown?.decision?.expiresOn, "2027-07-31");
    assert.equal(shown?.decision?.expired, false);

    const card = await app.connector.waitFor((s) => s.conversationId === personalConversationId(TEACHER) && cardText(s.activity.attachments ?? []).includes("Your request was approved"));
    assert.match(cardText(card.activity.attachments), /Approved by Lynne Robbins on 3 December 2026, until 31 July 2027: Encrypted stick only/);
    assert.deepEqual(app.errors, []);
  });

  it("offers the IT technician no decision on their own 9.2 request, and the headteacher the form as before", async () => {
    const id = await app.ask("software-change", IT_TECHNICIAN);
    const asTech = await app.api<ReportInFull>(IT_TECHNICIAN, "GET", `/api/headteacher/reports/${id}`);
    assert.deepEqual(asTech.body.decidable, { mayDecide: false, ownRequest: true, deciders: "the headteacher", today: "2026-12-03" });
    const asHead = await app.api<ReportInFull>(HEADTEACHER, "GET", `/api/headteacher/reports/${id}`);
    assert.deepEqual(asHead.body.decidable, { mayDecide: true, deciders: "the headteacher or the IT technician", today: "2026-12-03" });
  });

  it("lets the IT technician decline 9.2 with a reason, and the headteacher's card then shows it", async () => {
    const id = await app.ask("software-change");
    await app.alertCardFor(HEADTEACHER, id);
    const declined = await decide(IT_TECHNICIAN, id, { outcome: "declined", reason: "Audacity is already on the standard image" });
    assert.equal(declined.status, 200);
    assert.equal(declined.body.decision?.terms, ": Audacity is already on the standard image");
    const late = await app.press(HEADTEACHER, { reportId: id, outcome: "approved" });
    assert.match(cardText(late.value), /Already decided/);
    assert.match(cardText(late.value), /Declined by Isaiah Langer on 3 December 2026: Audacity is already on the standard image/);
    const mine = await app.api<MyRecords>(TEACHER, "GET", "/api/me/records");
    assert.equal(mine.body.reports.find((report) => report.recordId === id)?.decision?.reason, "Audacity is already on the standard image");
  });

  it("refuses an end date years away, and takes the decider from the token, never from the body", async () => {
    const id = await app.ask("sensitive-information");
    // 9999-12-31 would be a permission for ever under another name, and SharePoint (dates end in 8900) would park it.
    for (const expiresOn of ["9999-12-31", "2031-12-04"]) {
      const tooFar = await decide(HEADTEACHER, id, { outcome: "approved", expiresOn });
      assert.equal(tooFar.status, 400, expiresOn);
      assert.deepEqual(tooFar.body.error.fields, { expiresOn: "Give an end date no more than five years from today, or none for an approval without one." });
    }
    assert.equal((await app.running.services.records.getReport(id)).decision, undefined);

    const forged = { outcome: "approved", expiresOn: "2031-12-03", decidedBy: { id: TEACHER.aadObjectId, displayName: "Adele Vance", upn: TEACHER.upn }, decidedAt: "2020-01-01T00:00:00Z" };
    const decided = await decide(HEADTEACHER, id, forged);
    assert.equal(decided.status, 200);
    assert.match(decided.body.decision?.line ?? "", /^Approved by Lynne Robbins on 3 December 2026/);
    const kept = (await app.running.services.records.getReport(id)).decision;
    assert.deepEqual([kept?.decidedBy.id, kept?.decidedAt, kept?.expiresOn], [HEADTEACHER.aadObjectId, "2026-12-03T10:00:00.000Z", "2031-12-03"]);
  });

  it("refuses a decision on an incident or a concern, and hides a safeguarding concern from the IT technician", async () => {
    const id = await app.ask("online-references");
    const refused = await decide(HEADTEACHER, id, { outcome: "approved" });
    assert.equal(refused.status, 400);
    assert.match(refused.body.error.message, /^Only a permission request can be approved or declined/);
    // A safeguarding concern is not there for the IT technician: 404, as for reading it.
    const safeguarding = await app.ask("pupil-contact");
    const hidden = await decide(IT_TECHNICIAN, safeguarding, { outcome: "approved" });
    assert.equal(hidden.status, 404);
    assert.equal(hidden.body.error.message, `There is no report ${safeguarding}.`);
  });
});

