// A safeguarding concern through the real bot: the headteacher's alert card works it; the IT technician,
// who is never sent it, cannot read or change it with a crafted card press either.
import assert from "node:assert/strict";
import type { AdaptiveCard } from "../../bot/cards/adaptive-card.js";
import type { IncidentReport } from "../../records/types.js";
import { cardText } from "../support/adaptive-cards.js";
import { eventually } from "../support/eventually.js";
import { cardActionInvoke, installationUpdate, personalConversationId, postActivity, type TestUser } from "../support/teams-activities.js";
import { HEADTEACHER, IT_TECHNICIAN, startBotTestApp, teacherFiled, type BotTestApp } from "./bot-test-app.js";

const concern: IncidentReport = teacherFiled({
  recordId: "rep-5a6e-safeguarding",
  kind: "pupil-contact",
  occurredAt: "2026-11-27T21:40:00.000Z",
  summary: "Contact from a pupil (social media)",
  details: { pupil: "A former Year 6 pupil", channel: "social", what: "Friend request and late-night messages", replied: false },
  urgent: true,
});

describe("a safeguarding concern through the bot", () => {
  let app: BotTestApp;
  beforeEach(async () => (app = await startBotTestApp()));
  afterEach(() => app.close());

  const install = (user: TestUser) => postActivity(app.url, installationUpdate(app.serviceUrl, user));
  const press = async (user: TestUser, verb: string, data: Record<string, string>) =>
    (await postActivity(app.url, cardActionInvoke(app.serviceUrl, user, { verb, data: { ...data, verb } }))).body as {
      statusCode: number;
      value: { message?: string };
    };

  it("alerts the headteacher at once and never the IT technician, who cannot refresh or change it either", async () => {
    await install(HEADTEACHER);
    await install(IT_TECHNICIAN);
    await app.running.services.records.saveReport(concern);
    await app.running.services.alerts.reportFiled(concern);

    const sent = await app.connector.waitFor((s) => s.conversationId === personalConversationId(HEADTEACHER) && cardText(s.activity.attachments).includes("URGENT"));
    const card = sent.activity.attachments?.[0]?.content as AdaptiveCard;
    assert.ok(cardText(card).includes("URGENT: Inappropriate contact from a pupil. A safeguarding matter: the senior leadership team has also been told."));
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
    assert.equal((await app.running.services.records.getReport(concern.recordId)).status, "In review");
  });
});
