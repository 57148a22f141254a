// A safeguarding concern through the real bot: the headteacher's alert card works it; the IT technician,
// who is never sent it, cannot read or change it with a crafted card press either.
import assert from "node:assert/strict";
import type { AdaptiveCard } from "../../bot/cards/adaptive-card.js";
import type { IncidentReport } from "../../records/types.js";
import { cardText } from "../support/adaptive-cards.js";
import { eventually } from "../support/eventually.js";
import { cardActionInvoke, installationUpdate, personalConversationId, postActivity, testUser, type TestUser } from "../support/teams-activities.js";
import { HEADTEACHER, IT_TECHNICIAN, startBotTestApp, teacherFiled, type BotTestApp } from "./bot-test-app.js";

const concern: IncidentReport = teacherFiled({
  recordId: "rep-5a6e-safeguarding",
  kind: "pupil-contact",
  occurredAt: "2026-11-27T21:40:00.000Z",
  summary: "Contact from a pupil (social media)",
  details: { pupil: "A former Year 6 pupil", channel: "social", what: "Friend request and late-night messages", replied: false },
  urgent: true,
});

/** A deputy head on the senior leadership team (SENIOR_LEADER_AAD_OBJECT_ID), not the headteacher. */
const DEPUTY = testUser("Megan Bowen", "aaaaaaaa-0000-4000-8000-000000000004");

const installFor = (app: BotTestApp, user: TestUser) => postActivity(app.url, installationUpdate(app.serviceUrl, user));
/** A press on the concern's card, as Teams sends it: the invoke's answer (status and message). */
const pressAs = async (app: BotTestApp, user: TestUser, verb: string, data: Record<string, string>) =>
  (await postActivity(app.url, cardActionInvoke(app.serviceUrl, user, { verb, data: { ...data, verb } }))).body as {
    statusCode: number;
    value: { message?: string };
  };

const NOBODY_ELSE_TOLD = "URGENT: Inappropriate contact from a pupil. A safeguarding matter: no senior leader is set up to be told; tell the designated safeguarding lead yourself.";
const LEADERS_TOLD = "URGENT: Inappropriate contact from a pupil. A safeguarding matter: the senior leadership team has also been told.";

describe("a safeguarding concern through the bot", () => {
  let app: BotTestApp;
  beforeEach(async () => (app = await startBotTestApp()));
  afterEach(() => app.close());

  const install = (user: TestUser) => installFor(app, user);
  const press = (user: TestUser, verb: string, data: Record<string, string>) => pressAs(app, user, verb, data);

  it("alerts the headteacher at once and never the IT technician, who cannot refresh or change it either", async () => {
    await install(HEADTEACHER);
    await install(IT_TECHNICIAN);
    await app.running.services.records.saveReport(concern);
    await app.running.services.alerts.reportFiled(concern);

    const sent = await app.connector.waitFor((s) => s.conversationId === personalConversationId(HEADTEACHER) && cardText(s.activity.attachments).includes("URGENT"));
    const card = sent.activity.attachments?.[0]?.content as AdaptiveCard;
    // No SENIOR_LEADER_AAD_OBJECT_ID: the headteacher alone is told, and the card must not say otherwise.
    assert.ok(cardText(card).includes(NOBODY_ELSE_TOLD), cardText(card));
    assert.ok(!cardText(card).includes("senior leadership team"));
    await eventually(() => app.running.services.bot.alertQueue.deliveries(concern.recordId), (d) => d.every((x) => x.deliveredAt), "delivered");
    assert.deepEqual(app.running.services.bot.alertQueue.deliveries(concern.recordId).map((d) => d.recipientId), [HEADTEACHER.aadObjectId]);
    assert.equal(app.connector.sentTo(personalConversationId(IT_TECHNICIAN)).filter((s) => cardText(s.activity.attachments).includes("contact from a pupil")).length, 0);

    const refresh = await press(IT_TECHNICIAN, "report.refresh", { reportId: concern.recordId });
    assert.equal(refresh.statusCode, 400);
    assert.match(refresh.value.message ?? "", /Only the headteacher and the senior leaders can see a safeguarding concern/);
    const close = await press(IT_TECHNICIAN, "report.setStatus", { reportId: concern.recordId, status: "Closed" });
    assert.equal(close.statusCode, 400);
    assert.equal((await app.running.services.records.getReport(concern.recordId)).status, "New");

    const byHead = await press(HEADTEACHER, "report.setStatus", { reportId: concern.recordId, status: "In review" });
    assert.equal(byHead.statusCode, 200);
    assert.ok(cardText(byHead.value).includes(NOBODY_ELSE_TOLD), "the worked card still tells the truth");
    assert.equal((await app.running.services.records.getReport(concern.recordId)).status, "In review");
  });
});

describe("a safeguarding concern through a senior leader's card", () => {
  let app: BotTestApp;
  beforeEach(async () => {
    app = await startBotTestApp(undefined, undefined, { env: { SENIOR_LEADER_AAD_OBJECT_ID: DEPUTY.aadObjectId ?? "" } });
    app.connector.addMember({ id: DEPUTY.id, name: DEPUTY.name, aadObjectId: DEPUTY.aadObjectId ?? "", userPrincipalName: DEPUTY.upn });
  });
  afterEach(() => app.close());

  const install = (user: TestUser) => installFor(app, user);
  const press = (user: TestUser, verb: string, data: Record<string, string>) => pressAs(app, user, verb, data);

  it("lets a senior leader it alerts refresh and work the concern from their card, and nothing routine", async () => {
    await install(HEADTEACHER);
    await install(DEPUTY);
    await app.running.services.records.saveReport(concern);
    await app.running.services.alerts.reportFiled(concern);
    const sent = await app.connector.waitFor((s) => s.conversationId === personalConversationId(DEPUTY) && cardText(s.activity.attachments).includes("URGENT"));
    assert.ok(cardText(sent.activity.attachments).includes(LEADERS_TOLD), cardText(sent.activity.attachments));

    const refresh = await press(DEPUTY, "report.refresh", { reportId: concern.recordId });
    assert.equal(refresh.statusCode, 200, refresh.value.message);
    const inReview = await press(DEPUTY, "report.setStatus", { reportId: concern.recordId, status: "In review" });
    assert.equal(inReview.statusCode, 200, inReview.value.message);
    assert.ok(cardText(inReview.value).includes(LEADERS_TOLD), "the worked card still says who was told");
    const stored = await app.running.services.records.getReport(concern.recordId);
    assert.equal(stored.status, "In review");
    assert.equal(stored.statusChangedBy, DEPUTY.name);

    // A senior leader is not a handler of routine reports, which they are never sent.
    const routine = teacherFiled({ recordId: "rep-routine-1", kind: "lost-equipment", occurredAt: concern.occurredAt, summary: "Lost laptop", details: {}, urgent: true });
    await app.running.services.records.saveReport(routine);
    const refused = await press(DEPUTY, "report.setStatus", { reportId: routine.recordId, status: "Closed" });
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.value.message, "Only the headteacher or the IT technician can change a report's status.");
    assert.equal((await app.running.services.records.getReport(routine.recordId)).status, "New");
  });
});
