import assert from "node:assert/strict";
import type { DeliveryOutcomes, UnreachableReason } from "../../bot/delivery/delivery-outcomes.js";
import { cardText } from "../support/adaptive-cards.js";
import type { ConnectorLimits } from "../support/bot-connector-stand-in.js";
import { botMembershipUpdate, installationUpdate, personalConversationId, postActivity, textMessage } from "../support/teams-activities.js";
import { HEADTEACHER, TEST_DELIVERY_TUNING, startBotTestApp, type BotTestApp } from "./bot-test-app.js";
import { haveChats, missingAndDuplicates, staffMembers } from "./fan-out-staff.js";

const POLICIES = ["acceptable-use-policy", "social-media-guidance"];
/** Teams' limits, a tenth of a second at a time so the test need not wait: 50 and 7 a window. */
const LIMITS: ConnectorLimits = { perWindow: 50, perConversationPerWindow: 7, windowMs: 100, retryAfter: "1" };
const TUNING = { ...TEST_DELIVERY_TUNING, limits: { perWindow: 50, perConversationPerWindow: 7, windowMs: 100, marginMs: 10 } };

class RecordedOutcomes implements DeliveryOutcomes {
  readonly delivered_: string[] = [];
  readonly unreachable_: { personId: string; reason: UnreachableReason }[] = [];
  delivered(personId: string): void {
    this.delivered_.push(personId);
  }
  unreachable(personId: string, reason: UnreachableReason): void {
    this.unreachable_.push({ personId, reason });
  }
}

describe("the fan-out engine", function () {
  this.timeout(60_000);
  let app: BotTestApp;
  let outcomes: RecordedOutcomes;
  afterEach(async () => app.close());

  const start = async (connector = { limits: LIMITS }): Promise<void> => {
    outcomes = new RecordedOutcomes();
    app = await startBotTestApp(undefined, undefined, { tuning: TUNING, outcomes, connector });
  };
  const invitations = (conversationId: string) => app.connector.sentTo(conversationId).filter((s) => s.activity.attachments?.length);

  it("sends a new policy year to 300 people within Teams' limits, none missing and none twice", async () => {
    await start();
    const staff = staffMembers(300);
    await haveChats(app, staff);

    const summary = await app.running.services.bot.campaign.run();

    assert.deepEqual(summary, { cycle: "2026/27", invited: 600, reminded: 0, escalated: 0, failed: 0, unreachable: 0 });
    assert.deepEqual(missingAndDuplicates(staff, POLICIES, app.connector.sent), { missing: [], duplicates: 0 });
    assert.equal(outcomes.delivered_.length, 600, "each card reported to the roster as delivered");
    // The stand-in refuses anything over the limits; the pace keeps that rare (a late request can still miss its window).
    assert.ok(app.connector.throttled <= 30, `${app.connector.throttled} of 600 messages were over Teams' limits`);
    assert.deepEqual(app.errors, []);
  });

  it("names the people Teams cannot reach, with the reason, and does not try them again", async () => {
    await start();
    const staff = staffMembers(12);
    await haveChats(app, [...staff, HEADTEACHER]);
    const refusals = [
      [staff[0], "ConversationBlockedByUser"],
      [staff[1], "BotDisabledByAdmin"],
      [staff[2], "BotNotInConversationRoster"],
      [staff[3], "ConversationNotFound"],
    ] as const;
    for (const [person, code] of refusals) app.connector.unreachable(personalConversationId(person!), code);

    await postActivity(app.url, textMessage(app.serviceUrl, HEADTEACHER, "remind"));
    const summary = await app.connector.waitFor((sent) => cardText(sent.activity.attachments?.[0]?.content).includes("Reminders sent"));
    const text = cardText(summary.activity.attachments?.[0]?.content);
    assert.match(text, /Sent 18 invitations and 0 reminders for 2026\/27\./);
    assert.match(text, /Teams would not deliver to 4 people/);
    assert.match(text, /\*\*Staff0 Member\*\* has blocked the bot in Teams\./);
    assert.match(text, /\*\*Staff1 Member\*\* cannot get the app: it is blocked in the Teams admin centre\./);
    assert.match(text, /\*\*Staff2 Member\*\* has removed the app\./);
    assert.match(text, /\*\*Staff3 Member\*\* no longer has a chat with the bot\./);
    assert.deepEqual(
      outcomes.unreachable_.map((o) => `${o.personId} ${o.reason}`).sort(),
      refusals.flatMap(([person, code]) => [`${person!.aadObjectId} ${code}`, `${person!.aadObjectId} ${code}`]).sort(),
    );

    const attemptsBefore = app.connector.attempts.length;
    const again = await app.running.services.bot.campaign.run();
    assert.equal(again.invited + again.unreachable + again.failed, 0, "nothing is tried again this week");
    assert.equal(app.connector.attempts.length, attemptsBefore);
    for (const [person] of refusals) {
      const tries = app.connector.attempts.filter((a) => a.conversationId === personalConversationId(person!));
      assert.equal(tries.length, 2, "one try for each card, never retried");
    }
  });

  it("answers 'remind' at once, while Teams is still taking the cards, and sends a summary when they have gone", async () => {
    await start({ limits: LIMITS });
    const staff = staffMembers(40);
    await haveChats(app, [...staff, HEADTEACHER]);
    let letTeamsAnswer = (): void => undefined;
    const teamsAnswers = new Promise<void>((resolve) => (letTeamsAnswer = resolve));
    const headteacherChat = personalConversationId(HEADTEACHER);
    app.connector.intercept = (conversationId) => (conversationId === headteacherChat ? "accept" : teamsAnswers);

    const reply = await postActivity(app.url, textMessage(app.serviceUrl, HEADTEACHER, "remind"));

    assert.equal(reply.status, 200);
    assert.equal(staff.flatMap((person) => invitations(personalConversationId(person))).length, 0, "no card has been taken yet");
    const answer = app.connector.sentTo(headteacherChat).find((sent) => sent.activity.text?.startsWith("Sending"));
    assert.equal(answer?.activity.text, "Sending 82 invitations and 0 reminders for 2026/27 now. I will send you a summary when they have all gone.");

    letTeamsAnswer();
    const summary = await app.connector.waitFor((sent) => cardText(sent.activity.attachments?.[0]?.content).includes("Reminders sent"));
    assert.match(cardText(summary.activity.attachments?.[0]?.content), /Sent 82 invitations and 0 reminders for 2026\/27\./);
    assert.deepEqual(missingAndDuplicates(staff, POLICIES, app.connector.sent), { missing: [], duplicates: 0 });
  });

  it("under heavy throttling at install, loses no greeting or card and answers every install 200", async () => {
    await start({ limits: LIMITS });
    const staff = staffMembers(11);
    // More 429s than the connector client retries by itself inside the install turn.
    for (const person of staff) app.connector.refuse(personalConversationId(person), 429, 5, { "Retry-After": "0" });

    const replies = await Promise.all(staff.map((person) => postActivity(app.url, installationUpdate(app.serviceUrl, person))));
    assert.deepEqual(replies.map((r) => r.status), staff.map(() => 200));
    // Teams' second event for the same install.
    const second = await Promise.all(staff.map((person) => postActivity(app.url, botMembershipUpdate(app.serviceUrl, person, "membersAdded"))));
    assert.deepEqual(second.map((r) => r.status), staff.map(() => 200));

    for (const person of staff) {
      const chat = personalConversationId(person);
      await app.connector.waitFor((sent) => sent.conversationId === chat && (sent.activity.attachments?.length ?? 0) > 0 && JSON.stringify(sent.activity).includes("social-media-guidance"));
    }
    await app.running.services.bot.fanOut.engine.idle();
    for (const person of staff) {
      const texts = app.connector.sentTo(personalConversationId(person)).map((s) => s.activity.text ?? "");
      assert.equal(texts.filter((t) => t.startsWith(`Hello ${person.name}.`)).length, 1, `${person.name}'s greeting, once`);
    }
    assert.deepEqual(missingAndDuplicates(staff, POLICIES, app.connector.sent), { missing: [], duplicates: 0 });
    assert.deepEqual(app.errors, []);
  });
});
