// Deciding a request from its Teams card, through botbuilder's adapter with Teams' invoke activities: who may,
// who may not, a second decision refused, the card turned into a receipt, and the requester's card.
import assert from "node:assert/strict";
import type { AdaptiveCard } from "../../bot/cards/adaptive-card.js";
import { cardText, cardWarnings } from "../support/adaptive-cards.js";
import { personalConversationId } from "../support/teams-activities.js";
import { COLLEAGUE, DecisionApp, HEADTEACHER, IT_TECHNICIAN, TEACHER } from "./decision-app.js";

const showCards = (card: AdaptiveCard) => (card.actions ?? []).filter((action) => action.type === "Action.ShowCard");

describe("deciding a request from its Teams card", () => {
  let app: DecisionApp;
  beforeEach(async () => {
    app = await DecisionApp.start();
    await app.install(HEADTEACHER, IT_TECHNICIAN, TEACHER, COLLEAGUE);
  });
  afterEach(async () => {
    await app.close();
  });

  it("9.2 reaches both deciders with Approve and Decline; the first answer stands, the other's press is told so", async () => {
    const id = await app.ask("software-change");
    const headCard = await app.alertCardFor(HEADTEACHER, id);
    const techCard = await app.alertCardFor(IT_TECHNICIAN, id);
    for (const card of [headCard, techCard]) {
      assert.deepEqual(cardWarnings(card), []);
      assert.deepEqual(showCards(card).map((action) => action.title), ["Approve…", "Decline…"]);
    }
    const [approve, decline] = showCards(headCard).map((action) => (action.type === "Action.ShowCard" ? action.card : undefined));
    assert.deepEqual(approve?.body.map((input) => input.type), ["Input.Text", "Input.Date"]);
    assert.deepEqual(decline?.body.map((input) => input.type), ["Input.Text"]);

    const byTech = await app.press(IT_TECHNICIAN, { reportId: id, outcome: "approved", conditions: "Install from the school's software centre only", expiresOn: "2027-07-31" });
    assert.equal(byTech.statusCode, 200);
    assert.deepEqual(cardWarnings(byTech.value), []);
    assert.match(cardText(byTech.value), /Approved by you on 3 December 2026, until 31 July 2027: Install from the school's software centre only/);
    assert.equal(showCards(byTech.value).length, 0, "the receipt has no buttons left");

    const late = await app.press(HEADTEACHER, { reportId: id, outcome: "declined", reason: "Not on the approved list" });
    assert.equal(late.statusCode, 200);
    assert.match(cardText(late.value), /Already decided: your answer was not recorded\./);
    assert.match(cardText(late.value), /Approved by Isaiah Langer on 3 December 2026, until 31 July 2027/);

    const report = await app.running.services.records.getReport(id);
    assert.equal(report.decision?.outcome, "approved");
    assert.equal(report.decision?.decidedBy.displayName, "Isaiah Langer");
    assert.equal(report.status, "Closed");
    assert.deepEqual(report.statusHistory?.map((entry) => [entry.status, entry.by]), [["Closed", "Isaiah Langer"]]);
    assert.match(report.statusHistory?.[0]?.note ?? "", /^Approved by Isaiah Langer on 3 December 2026, until 31 July 2027: Install/);

    await app.running.services.bot.fanOut.engine.settled(`decision-${id}`);
    const told = app.textsSentTo(TEACHER).filter((text) => text.includes("Your request was"));
    assert.equal(told.length, 1, "the requester is told once");
    assert.match(told[0] ?? "", /Your request was approved/);
    assert.match(told[0] ?? "", /Until 31 July 2027/);
    assert.match(told[0] ?? "", /Conditions Install from the school's software centre only/);
    assert.deepEqual(app.errors, []);
  });

  it("a double press records one decision and sends the requester one card", async () => {
    const id = await app.ask("personal-equipment");
    await app.alertCardFor(HEADTEACHER, id);
    const press = () => app.press(HEADTEACHER, { reportId: id, outcome: "declined", reason: "Use the school iPad instead" });
    const [first, second] = await Promise.all([press(), press()]);
    assert.deepEqual([first.statusCode, second.statusCode], [200, 200]);
    const texts = [cardText(first.value), cardText(second.value)];
    assert.equal(texts.filter((text) => text.includes("Already decided")).length, 1);
    assert.ok(texts.every((text) => /Declined by you on 3 December 2026: Use the school iPad instead/.test(text)));
    await app.running.services.bot.fanOut.engine.settled(`decision-${id}`);
    const told = app.textsSentTo(TEACHER).filter((text) => text.includes("Your request was declined"));
    assert.equal(told.length, 1);
    assert.match(told[0] ?? "", /Reason Use the school iPad instead/);
  });

  it("refuses, politely, anyone the request's kind does not name, and anything that is not a request", async () => {
    const id = await app.ask("personal-equipment");
    const byTech = await app.press(IT_TECHNICIAN, { reportId: id, outcome: "approved" });
    assert.equal(byTech.statusCode, 400);
    assert.equal(byTech.value.message, "Only the headteacher can decide this request (policy 11.2).");
    const byRequester = await app.press(TEACHER, { reportId: id, outcome: "approved" });
    assert.equal(byRequester.value.message, "Only the headteacher or the IT technician can decide a request.");
    const bySomeoneElse = await app.press(COLLEAGUE, { reportId: id, outcome: "approved" });
    assert.equal(bySomeoneElse.statusCode, 400);
    assert.equal((await app.running.services.records.getReport(id)).decision, undefined);

    const concern = await app.ask("online-references");
    const onConcern = await app.press(HEADTEACHER, { reportId: concern, outcome: "approved" });
    assert.equal(onConcern.statusCode, 400);
    assert.match(onConcern.value.message ?? "", /^Only a permission request can be approved or declined/);
    assert.equal((await app.running.services.records.getReport(concern)).status, "New");
  });

  it("tells someone who decides nothing no more about another's record than about one that does not exist", async () => {
    // A forged press (any recordId) from a member of staff: a request, a routine concern, a safeguarding concern and
    // an id that was never filed all get the same answer, so the press cannot probe what exists or of what kind.
    const ids = [await app.ask("personal-equipment", COLLEAGUE), await app.ask("online-references", COLLEAGUE), await app.ask("pupil-contact", COLLEAGUE), "rep-00000000-0000-4000-8000-000000000000"];
    const answers = await Promise.all(ids.map((reportId) => app.press(TEACHER, { reportId, outcome: "approved" })));
    for (const answer of answers) {
      assert.equal(answer.statusCode, 400);
      assert.equal(answer.value.message, "Only the headteacher or the IT technician can decide a request.");
    }
    for (const id of ids.slice(0, 3)) assert.equal((await app.running.services.records.getReport(id)).status, "New");
  });

  it("answers the IT technician's forged press on a safeguarding concern as for a request that does not exist", async () => {
    const concern = await app.ask("pupil-contact", COLLEAGUE);
    const nowhere = "rep-00000000-0000-4000-8000-000000000001";
    const press = (reportId: string) => app.press(IT_TECHNICIAN, { reportId, outcome: "declined", reason: "Not needed" });
    const onConcern = await press(concern);
    const onNothing = await press(nowhere);
    assert.equal(onConcern.statusCode, onNothing.statusCode);
    assert.equal(onConcern.value.message, `There is no report ${concern}.`);
    assert.equal(onNothing.value.message, `There is no report ${nowhere}.`);
    const kept = await app.running.services.records.getReport(concern);
    assert.deepEqual([kept.status, kept.decision, kept.statusHistory ?? []], ["New", undefined, []]);
  });

  it("does not let the IT technician approve their own 9.2 request: the headteacher decides it", async () => {
    const own = await app.ask("software-change", IT_TECHNICIAN);
    // Their own alert card offers no decision it would refuse; the headteacher's offers both.
    const ownCard = await app.alertCardFor(IT_TECHNICIAN, own);
    assert.deepEqual(showCards(ownCard), []);
    assert.match(cardText(ownCard), /Your own request: the headteacher decides it\./);
    assert.doesNotMatch(cardText(ownCard), /Approve or decline below/);
    const headCard = await app.alertCardFor(HEADTEACHER, own);
    assert.deepEqual(showCards(headCard).map((action) => action.title), ["Approve…", "Decline…"]);
    assert.doesNotMatch(cardText(headCard), /Your own request/);
    const self = await app.press(IT_TECHNICIAN, { reportId: own, outcome: "approved" });
    assert.equal(self.value.message, "You asked for this, so the headteacher decides it (policy 9.2).");
    assert.equal((await app.running.services.records.getReport(own)).decision, undefined);
    const byHead = await app.press(HEADTEACHER, { reportId: own, outcome: "approved" });
    assert.match(cardText(byHead.value), /Approved by you on 3 December 2026/);
  });

  it("says what is wrong with a decision and records nothing until it is right", async () => {
    const id = await app.ask("sensitive-information");
    const card = await app.alertCardFor(HEADTEACHER, id);
    const approveCard = showCards(card)[0];
    const expiry = approveCard?.type === "Action.ShowCard" ? approveCard.card.body.find((input) => input.type === "Input.Date") : undefined;
    assert.equal(expiry?.type === "Input.Date" ? expiry.value : undefined, "2027-07-31", "the end date the requester asked for is suggested");

    const noReason = await app.press(HEADTEACHER, { reportId: id, outcome: "declined", reason: "  " });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.value.message ?? "", /Give a reason: the requester is told it\./);
    const past = await app.press(HEADTEACHER, { reportId: id, outcome: "approved", expiresOn: "2026-12-02" });
    assert.match(past.value.message ?? "", /The end date 2 December 2026 has already passed\./);
    const long = await app.press(HEADTEACHER, { reportId: id, outcome: "approved", conditions: "x".repeat(501) });
    assert.match(long.value.message ?? "", /Keep the conditions to 500 characters or fewer\./);
    const notADate = await app.press(HEADTEACHER, { reportId: id, outcome: "approved", expiresOn: "31/07/2027" });
    assert.match(notADate.value.message ?? "", /Give the end date as a date/);
    assert.equal((await app.running.services.records.getReport(id)).decision, undefined);
    assert.equal(app.textsSentTo(TEACHER).filter((text) => text.includes("Your request was")).length, 0);

    const approved = await app.press(HEADTEACHER, { reportId: id, outcome: "approved", conditions: "Encrypted stick only", expiresOn: "2027-07-31" });
    assert.match(cardText(approved.value), /Approved by you on 3 December 2026, until 31 July 2027: Encrypted stick only/);
    await app.connector.waitFor((s) => s.conversationId === personalConversationId(TEACHER) && cardText(s.activity.attachments ?? []).includes("Your request was approved"));
  });
});
