import assert from "node:assert/strict";
import { cardText, cardWarnings } from "../support/adaptive-cards.js";
import type { SentActivity } from "../support/bot-connector-stand-in.js";
import type { MovableClock } from "../support/movable-clock.js";
import { personalConversationId, postActivity, textMessage, type TestUser } from "../support/teams-activities.js";
import { botTurns, HEADTEACHER, TEACHER, startMovableBotTestApp, type BotTestApp } from "./bot-test-app.js";
import type { AdaptiveCard } from "../../bot/cards/adaptive-card.js";

describe("the yearly campaign: chase, then tell the headteacher", () => {
  let app: BotTestApp;
  let clock: MovableClock;
  beforeEach(async () => ({ app, clock } = await startMovableBotTestApp()));
  afterEach(() => app.close());

  const { install, acknowledge } = botTurns(() => app);
  const say = (user: TestUser, text: string) => postActivity(app.url, textMessage(app.serviceUrl, user, text));
  const cardsTo = (user: TestUser, from = 0): AdaptiveCard[] =>
    app.connector
      .sentTo(personalConversationId(user))
      .slice(from)
      .flatMap((sent: SentActivity) => (sent.activity.attachments ?? []).map((a) => a.content as AdaptiveCard));
  const runCampaign = () => app.running.services.bot.campaign.run();
  /** Both installed; the headteacher has acknowledged everything, the teacher all but the social-media guidance. */
  const teacherStillOwesTheSocialMediaGuidance = async () => {
    await install(TEACHER);
    await install(HEADTEACHER);
    await acknowledge(TEACHER, "acceptable-use-policy");
    for (const policyId of ["acceptable-use-policy", "social-media-guidance"]) await acknowledge(HEADTEACHER, policyId);
  };

  it("does not invite again the people who got their cards on installing, and chases only what is outstanding", async () => {
    await teacherStillOwesTheSocialMediaGuidance();
    const sentBefore = app.connector.sentTo(personalConversationId(TEACHER)).length;

    assert.deepEqual(await runCampaign(), {
      cycle: "2026/27",
      invited: 0,
      reminded: 0,
      escalated: 0,
      failed: 0,
      unreachable: 0,
      quiet: { kind: "not-due-yet", outstanding: 1, nextDueAt: "2026-12-05T10:00:00.000Z" },
    });

    clock.advanceDays(7);
    assert.equal((await runCampaign()).reminded, 1);
    const reminders = cardsTo(TEACHER, sentBefore);
    assert.equal(reminders.length, 1);
    const reminder = cardText(reminders[0]);
    assert.match(reminder, /Reminder: we first sent you this on 28 November 2026/);
    assert.match(reminder, /Employee Guidance on the Use of Social Media/);
    assert.deepEqual(cardWarnings(reminders[0]!), []);
    assert.equal(cardsTo(HEADTEACHER).filter((card) => cardText(card).includes("Reminder")).length, 0);

    // The same day again: nothing new is due.
    assert.equal((await runCampaign()).reminded, 0);
    assert.equal(cardsTo(TEACHER, sentBefore).length, 1);
  });

  it("after the last reminder sends the headteacher a digest naming who is still outstanding, once", async () => {
    await teacherStillOwesTheSocialMediaGuidance();
    for (const day of [7, 7]) {
      clock.advanceDays(day);
      assert.equal((await runCampaign()).reminded, 1);
    }
    clock.advanceDays(7);
    assert.deepEqual(await runCampaign(), { cycle: "2026/27", invited: 0, reminded: 0, escalated: 1, failed: 0, unreachable: 0 });

    const digests = cardsTo(HEADTEACHER).filter((card) => cardText(card).includes("overdue"));
    assert.equal(digests.length, 1);
    const digest = cardText(digests[0]);
    assert.match(digest, /1 acknowledgement is still outstanding after 2 reminders/);
    assert.match(digest, /Alex Wilber\*\*: Employee Guidance on the Use of Social Media \(first sent 28 November 2026\)/);
    assert.match(digest, /Staff IT Acceptable Use Policy 2 of 2 staff/);
    assert.match(digest, /Employee Guidance on the Use of Social Media 1 of 2 staff/);
    assert.deepEqual(cardWarnings(digests[0]!), []);

    clock.advanceDays(30);
    await runCampaign();
    assert.equal(cardsTo(HEADTEACHER).filter((card) => cardText(card).includes("overdue")).length, 1, "the digest is not repeated");
  });

  it("sends the digest again at the next run when Teams refused it the first time", async () => {
    await teacherStillOwesTheSocialMediaGuidance();
    for (const day of [7, 7]) {
      clock.advanceDays(day);
      await runCampaign();
    }
    clock.advanceDays(7);
    // Refused at every attempt the engine makes within the run.
    app.connector.refuse(personalConversationId(HEADTEACHER), 403, 2);
    assert.deepEqual(await runCampaign(), { cycle: "2026/27", invited: 0, reminded: 0, escalated: 0, failed: 1, unreachable: 0 });
    assert.equal(cardsTo(HEADTEACHER).filter((card) => cardText(card).includes("overdue")).length, 0, "Teams refused the digest");

    assert.deepEqual(await runCampaign(), { cycle: "2026/27", invited: 0, reminded: 0, escalated: 1, failed: 0, unreachable: 0 });
    const digests = cardsTo(HEADTEACHER).filter((card) => cardText(card).includes("overdue"));
    assert.equal(digests.length, 1);
    assert.match(cardText(digests[0]), /Alex Wilber\*\*: Employee Guidance on the Use of Social Media/);
  });

  it("keeps a reminder that could not be delivered for the next run", async () => {
    await install(TEACHER);
    clock.advanceDays(7);
    // Two reminders, each refused at both of the engine's attempts.
    app.connector.refuse(personalConversationId(TEACHER), 403, 4);
    const failedRun = await runCampaign();
    assert.equal(failedRun.failed, 2);
    assert.equal(failedRun.reminded, 0);

    const retried = await runCampaign();
    assert.equal(retried.reminded, 2, "both reminders go once Teams accepts them");
  });

  it("gives the headteacher the year's picture on 'campaign', and no one else", async () => {
    await install(TEACHER);
    await install(HEADTEACHER);
    await acknowledge(TEACHER, "acceptable-use-policy");

    await say(HEADTEACHER, "campaign");
    const overview = cardText(cardsTo(HEADTEACHER).at(-1));
    assert.match(overview, /Acknowledgements, 2026\/27/);
    assert.match(overview, /3 acknowledgements still to confirm\. Reminders go automatically/);
    assert.match(overview, /Alex Wilber\*\*: Employee Guidance on the Use of Social Media \(first sent 28 November 2026\)/);
    assert.match(overview, /Staff IT Acceptable Use Policy 1 of 2 staff/);

    await say(TEACHER, "campaign");
    const refusal = app.connector.sentTo(personalConversationId(TEACHER)).at(-1)?.activity.text ?? "";
    assert.match(refusal, /Only the headteacher can use "campaign"/);

    clock.advanceDays(8);
    await say(HEADTEACHER, "remind");
    const texts = () => app.connector.sentTo(personalConversationId(HEADTEACHER)).map((sent) => sent.activity.text ?? "");
    assert.ok(
      texts().includes("Sending 0 invitations and 3 reminders for 2026/27 now. I will send you a summary when they have all gone."),
      texts().join("\n"),
    );
    const summary = await app.connector.waitFor((sent) => cardText(sent.activity.attachments?.[0]?.content).includes("Reminders sent"));
    assert.match(cardText(summary.activity.attachments?.[0]?.content), /Sent 0 invitations and 3 reminders for 2026\/27\./);
  });
});
