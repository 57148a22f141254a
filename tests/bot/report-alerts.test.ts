import assert from "node:assert/strict";
import type { AdaptiveCard } from "../../bot/cards/adaptive-card.js";
import type { AlertDelivery } from "../../bot/alerts/alert-queue.js";
import type { IncidentReport } from "../../records/types.js";
import { cardText, cardWarnings } from "../support/adaptive-cards.js";
import { eventually } from "../support/eventually.js";
import { cardActionInvoke, installationUpdate, personalConversationId, postActivity, type TestUser } from "../support/teams-activities.js";
import { HEADTEACHER, IT_TECHNICIAN, TEACHER, startBotTestApp, teacherFiled, type BotTestApp } from "./bot-test-app.js";

const report: IncidentReport = teacherFiled({
  recordId: "rep-7d0c",
  kind: "compromised-account",
  occurredAt: "2026-11-28T08:40:00.000Z",
  summary: "Gave my password to a caller claiming to be IT support",
  details: { account: "school", reason: "Gave my password to a caller claiming to be IT support", passwordChanged: false },
  urgent: true,
});

describe("urgent report alerts from the bot", () => {
  let app: BotTestApp;
  beforeEach(async () => (app = await startBotTestApp()));
  afterEach(() => app.close());

  const install = (user: TestUser) => postActivity(app.url, installationUpdate(app.serviceUrl, user));
  const deliveries = (): AlertDelivery[] => app.running.services.bot.alertQueue.deliveries(report.recordId);
  const fileReport = async (filed: IncidentReport = report): Promise<void> => {
    await app.running.services.records.saveReport(filed);
    await app.running.services.alerts.reportFiled(filed);
  };
  const alertCardFor = async (user: TestUser, heading = "URGENT: "): Promise<AdaptiveCard> => {
    const sent = await app.connector.waitFor(
      (s) => s.conversationId === personalConversationId(user) && cardText(s.activity.attachments).includes(heading),
    );
    return sent.activity.attachments?.[0]?.content as AdaptiveCard;
  };
  const setStatus = async (user: TestUser, status: string, reportId = report.recordId) => {
    const reply = await postActivity(
      app.url,
      cardActionInvoke(app.serviceUrl, user, { verb: "report.setStatus", data: { reportId, status, verb: "report.setStatus" } }),
    );
    return reply.body as { statusCode: number; type: string; value: { message?: string } };
  };

  it("sends the headteacher and the IT technician the alert card at once: what, who, when, ICO deadline", async () => {
    await install(HEADTEACHER);
    await install(IT_TECHNICIAN);
    await fileReport();

    for (const recipient of [HEADTEACHER, IT_TECHNICIAN]) {
      const card = await alertCardFor(recipient);
      assert.deepEqual(cardWarnings(card), []);
      const shown = cardText(card);
      assert.ok(shown.includes("URGENT: Suspected compromised account or password. The IT technician has also been told."));
      assert.ok(shown.includes("Which account? My school account"));
      assert.ok(shown.includes(report.summary));
      assert.ok(shown.includes("Reported by Alex Wilber"));
      assert.ok(shown.includes("Happened or noticed 28 November 2026 at 08:40"));
      assert.ok(shown.includes("must reach the ICO by 1 December 2026 at 08:40"));
    }
    const delivered = await eventually(deliveries, (d) => d.every((x) => x.deliveredAt), "both deliveries marked");
    assert.deepEqual(delivered.map((d) => [d.recipientId, d.attempts]), [
      [HEADTEACHER.aadObjectId, 1],
      [IT_TECHNICIAN.aadObjectId, 1],
    ]);
    assert.equal(app.connector.sentTo(personalConversationId(TEACHER)).length, 0, "the reporter gets no alert");
  });

  it("'Close' by the IT technician closes the report and updates the card", async () => {
    await fileReport();
    const answer = await setStatus(IT_TECHNICIAN, "Closed");
    assert.equal(answer.statusCode, 200);
    const card = answer.value as unknown as AdaptiveCard;
    assert.deepEqual(cardWarnings(card), []);
    assert.match(cardText(card), /Status Closed \(Isaiah Langer, 28 November 2026 at 10:00\)/);
    assert.match(cardText(card), /^Reference R-2026-0001$/m, "the short reference the store gave the report");
    assert.equal(card.actions, undefined, "no buttons left on a closed report");

    const stored = await app.running.services.records.getReport(report.recordId);
    assert.equal(stored.status, "Closed");
    assert.equal(stored.statusChangedBy, "Isaiah Langer");
  });

  it("'Mark in review' by the headteacher leaves only 'Mark closed'", async () => {
    await fileReport();
    const answer = await setStatus(HEADTEACHER, "In review");
    const card = answer.value as unknown as AdaptiveCard;
    assert.match(cardText(card), /Status In review \(Lynne Robbins/);
    assert.deepEqual(card.actions?.map((a) => a.title), ["Mark closed"]);
    assert.equal((await app.running.services.records.getReport(report.recordId)).status, "In review");
  });

  it("refuses a status change from anyone else, and from card data naming 'New', changing nothing", async () => {
    await fileReport();
    const fromTeacher = await setStatus(TEACHER, "Closed");
    assert.equal(fromTeacher.statusCode, 400);
    assert.equal(fromTeacher.type, "application/vnd.microsoft.error");
    assert.match(fromTeacher.value.message ?? "", /Only the headteacher or the IT technician can change a report's status/);

    const backToNew = await setStatus(HEADTEACHER, "New");
    assert.equal(backToNew.statusCode, 400);
    assert.equal((await app.running.services.records.getReport(report.recordId)).status, "New");
  });

  it("refreshes the other handler's copy of the card to the current status, and only for handlers", async () => {
    await install(HEADTEACHER);
    await fileReport();
    const card = await alertCardFor(HEADTEACHER);
    assert.ok(card.refresh, "the alert card asks Teams to refresh it when viewed");
    await setStatus(IT_TECHNICIAN, "Closed");

    const refresh = async (user: TestUser) => {
      const { verb, data } = card.refresh?.action ?? { verb: "", data: {} };
      const reply = await postActivity(app.url, cardActionInvoke(app.serviceUrl, user, { verb, data }));
      return reply.body as { statusCode: number; value: { message?: string } };
    };
    const forHeadteacher = await refresh(HEADTEACHER);
    assert.equal(forHeadteacher.statusCode, 200);
    assert.match(cardText(forHeadteacher.value), /Status Closed \(Isaiah Langer/);

    const forTeacher = await refresh(TEACHER);
    assert.equal(forTeacher.statusCode, 400);
    assert.match(forTeacher.value.message ?? "", /Only the headteacher or the IT technician can see this report/);
  });

  it("says so when the report does not exist", async () => {
    const answer = await setStatus(HEADTEACHER, "Closed", "rep-missing");
    assert.equal(answer.statusCode, 400);
    assert.match(answer.value.message ?? "", /There is no report rep-missing/);
  });

  it("queues the alert before returning and retries a refused delivery until it arrives", async () => {
    await install(HEADTEACHER);
    await install(IT_TECHNICIAN);
    app.connector.refuse(personalConversationId(HEADTEACHER), 403, 2);

    await fileReport();
    assert.equal(deliveries().length, 2, "one committed row per recipient when reportFiled returns");

    await alertCardFor(HEADTEACHER);
    const [headteacher] = await eventually(deliveries, (d) => !!d[0]?.deliveredAt, "the headteacher's delivery");
    assert.equal(headteacher?.attempts, 3);
    assert.equal(headteacher?.lastError, null);
  });

  it("keeps trying through Teams' 429s, then delivers", async () => {
    await install(HEADTEACHER);
    // As many 429s as the queue has attempts: proactive sends come back to the queue on each (the connector
    // client does not retry them behind the shared limiter's back), and none uses up an attempt.
    app.connector.refuse(personalConversationId(HEADTEACHER), 429, 5, { "Retry-After": "0" });
    await fileReport();
    await alertCardFor(HEADTEACHER);
    const [headteacher] = await eventually(deliveries, (d) => !!d[0]?.deliveredAt, "the headteacher's delivery");
    assert.equal(headteacher?.attempts, 1, "Teams' 429s did not count as failed attempts");
    assert.equal(app.connector.attempts.filter((a) => a.status === 429).length, 5);
  });

  it("keeps the error and gives up after the last attempt when a recipient has no chat with the bot", async () => {
    await install(IT_TECHNICIAN);
    await fileReport();
    const [headteacher] = await eventually(deliveries, (d) => d[0]?.attempts === 5 && d[0].nextAttemptAt === null, "giving up");
    assert.match(headteacher?.lastError ?? "", /has no chat with the bot yet/);
    assert.equal(headteacher?.deliveredAt, null);
    assert.ok(deliveries()[1]?.deliveredAt, "the IT technician still got theirs");
  });

  it("tells only the headteacher about a report that is not urgent, as a new report", async () => {
    await install(HEADTEACHER);
    await install(IT_TECHNICIAN);
    const routine: IncidentReport = { ...report, kind: "lost-equipment", urgent: false, details: { what: "damaged", item: "Visualiser" } };
    await fileReport(routine);
    const card = await alertCardFor(HEADTEACHER, "Routine report: Loss, damage or theft of school equipment");
    assert.deepEqual(cardWarnings(card), []);
    assert.match(cardText(card), /What happened to it\? Damaged/);
    const delivered = await eventually(deliveries, (d) => d.length === 1 && !!d[0]?.deliveredAt, "the headteacher's delivery");
    assert.deepEqual(delivered.map((d) => d.recipientId), [HEADTEACHER.aadObjectId]);
  });
});
