import assert from "node:assert/strict";
import type { AdaptiveCard } from "../../bot/cards/adaptive-card.js";
import type { SentActivity } from "../support/bot-connector-stand-in.js";
import { cardText, cardWarnings } from "../support/adaptive-cards.js";
import {
  botMembershipUpdate,
  cardActionInvoke,
  installationUpdate,
  personalConversationId,
  postActivity,
  submitFallback,
  TEST_TENANT_ID,
  testUser,
  textMessage,
  type TestUser,
} from "../support/teams-activities.js";
import { startBotTestApp, TEACHER, type BotTestApp } from "./bot-test-app.js";

const AUP = { policyId: "acceptable-use-policy", policyVersion: "2026.1", cycle: "2026/27" };
const ACKNOWLEDGE = "policy.acknowledge";

function cardsIn(sent: readonly SentActivity[]): AdaptiveCard[] {
  return sent.flatMap((s) => s.activity.attachments ?? []).map((a) => a.content as AdaptiveCard);
}

interface InvokeAnswer {
  statusCode: number;
  type: string;
  value: { code?: string; message?: string } & Partial<AdaptiveCard>;
}

describe("the bot over HTTP (real CloudAdapter, local Bot Connector stand-in)", () => {
  let app: BotTestApp;
  beforeEach(async () => {
    app = await startBotTestApp();
  });
  afterEach(async () => {
    await app.close();
  });

  const acknowledgementsOf = (user: TestUser) => app.running.services.records.listAcknowledgements({ personId: user.aadObjectId });
  const press = async (user: TestUser, verb: string, data: unknown): Promise<{ status: number; answer: InvokeAnswer }> => {
    const reply = await postActivity(app.url, cardActionInvoke(app.serviceUrl, user, { verb, data }));
    return { status: reply.status, answer: reply.body as InvokeAnswer };
  };
  const install = async (user: TestUser): Promise<AdaptiveCard[]> => {
    assert.equal((await postActivity(app.url, installationUpdate(app.serviceUrl, user))).status, 200);
    return cardsIn(app.connector.sentTo(personalConversationId(user)));
  };

  it("on install sends a greeting and every card not yet acknowledged, once, even though Teams sends two install events", async () => {
    const cards = await install(TEACHER);
    assert.equal((await postActivity(app.url, botMembershipUpdate(app.serviceUrl, TEACHER, "membersAdded"))).status, 200);

    const sent = app.connector.sentTo(personalConversationId(TEACHER));
    assert.match(sent[0]?.activity.text ?? "", /Hello Alex Wilber/);
    assert.equal(sent.length, 3, "greeting and two cards, not repeated for the second event");
    assert.deepEqual(
      cards.map((c) => c.body[0] && "text" in c.body[0] ? c.body[0].text : ""),
      ["Staff IT Acceptable Use Policy", "Employee Guidance on the Use of Social Media"],
    );
    for (const card of cards) assert.deepEqual(cardWarnings(card), []);
    assert.match(cardText(cards[0]), /I confirm that I have received appropriate training/);
  });

  it("on an install without an Entra object id says what to do, sends no cards and stores nothing", async () => {
    const anonymous = { ...TEACHER, aadObjectId: undefined };
    assert.equal((await postActivity(app.url, installationUpdate(app.serviceUrl, anonymous))).status, 200);
    const sent = app.connector.sentTo(personalConversationId(TEACHER));
    assert.deepEqual(sent.map((s) => s.activity.text), [
      "We could not tell who you are: open this app in Teams signed in with your school account, then try again.",
    ]);
    assert.equal(await app.running.services.bot.conversations.get(TEACHER.aadObjectId ?? ""), undefined);
  });

  it("records 'I confirm' from the activity's identity and answers with the receipt card", async () => {
    await install(TEACHER);
    const { status, answer } = await press(TEACHER, ACKNOWLEDGE, { ...AUP, verb: ACKNOWLEDGE });

    assert.equal(status, 200);
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.type, "application/vnd.microsoft.card.adaptive");
    assert.match(cardText(answer.value), /Acknowledged by Alex Wilber on 28 November 2026 at 10:00, version 2026\.1/);
    assert.deepEqual(cardWarnings(answer.value as AdaptiveCard), []);

    const [record, ...others] = await acknowledgementsOf(TEACHER);
    assert.deepEqual(others, []);
    assert.deepEqual(
      { ...record, recordId: undefined },
      {
        recordId: undefined,
        ...AUP,
        person: { id: TEACHER.aadObjectId, displayName: "Alex Wilber", upn: TEACHER.upn },
        acknowledgedAt: "2026-11-28T10:00:00.000Z",
        channel: "teams-bot",
      },
    );
  });

  it("records a double press once", async () => {
    await install(TEACHER);
    const first = await press(TEACHER, ACKNOWLEDGE, AUP);
    const second = await press(TEACHER, ACKNOWLEDGE, AUP);
    assert.equal(second.answer.statusCode, 200);
    assert.equal(cardText(second.answer.value), cardText(first.answer.value));
    assert.equal((await acknowledgementsOf(TEACHER)).length, 1);
  });

  it("still records the acknowledgement, with an empty UPN, when Teams cannot look the member up", async () => {
    const stranger = testUser("Patti Fernandez", "aaaaaaaa-0000-4000-8000-000000000009");
    const { answer } = await press(stranger, ACKNOWLEDGE, AUP);
    assert.equal(answer.statusCode, 200);
    const [record] = await acknowledgementsOf(stranger);
    assert.equal(record?.person.upn, "");
    assert.equal(record?.person.displayName, "Patti Fernandez");
  });

  const badPresses: { name: string; user?: TestUser; verb: string; data: unknown; message: RegExp }[] = [
    { name: "malformed data (no version)", verb: ACKNOWLEDGE, data: { policyId: AUP.policyId, cycle: AUP.cycle }, message: /missing its policy, version or year: policyVersion/ },
    { name: "a cycle that is not an academic year", verb: ACKNOWLEDGE, data: { ...AUP, cycle: "2026" }, message: /cycle: must be an academic year/ },
    { name: "an unknown verb", verb: "policy.delete", data: AUP, message: /\("policy\.delete"\) is not one this bot knows/ },
    { name: "a stale version", verb: ACKNOWLEDGE, data: { ...AUP, policyVersion: "2025.3" }, message: /version 2025\.3 .* replaced by version 2026\.1/ },
    { name: "a stale cycle", verb: ACKNOWLEDGE, data: { ...AUP, cycle: "2025/26" }, message: /for 2025\/26; acknowledgements now count for 2026\/27/ },
    { name: "an unknown policy", verb: ACKNOWLEDGE, data: { ...AUP, policyId: "mobile-phones" }, message: /no policy "mobile-phones"/ },
    { name: "the laptop agreement (confirmed on issue, not here)", verb: ACKNOWLEDGE, data: { ...AUP, policyId: "laptop-loan-agreement" }, message: /no policy "laptop-loan-agreement"/ },
    { name: "no aadObjectId on the activity", user: { ...TEACHER, aadObjectId: undefined }, verb: ACKNOWLEDGE, data: AUP, message: /could not tell who you are/ },
  ];
  for (const bad of badPresses) {
    it(`answers ${bad.name} with a clear error and records nothing`, async () => {
      const { status, answer } = await press(bad.user ?? TEACHER, bad.verb, bad.data);
      assert.equal(status, 200);
      assert.equal(answer.statusCode, 400);
      assert.equal(answer.type, "application/vnd.microsoft.error");
      assert.match(answer.value.message ?? "", bad.message);
      assert.deepEqual(await app.running.services.records.listAcknowledgements({}), []);
      assert.deepEqual(app.errors, []);
    });
  }

  it("answers an invoke whose value is not an Action.Execute with a clear error", async () => {
    const activity = cardActionInvoke(app.serviceUrl, TEACHER, { verb: ACKNOWLEDGE, data: AUP });
    activity.value = { action: "press" };
    const reply = await postActivity(app.url, activity);
    assert.equal((reply.body as InvokeAnswer).statusCode, 400);
    assert.match((reply.body as InvokeAnswer).value.message ?? "", /The card action is malformed: action: Invalid input/);
    assert.deepEqual(await app.running.services.records.listAcknowledgements({}), []);
  });

  it("answers 'status', 'policy' and 'help' in the chat", async () => {
    await install(TEACHER);
    await press(TEACHER, ACKNOWLEDGE, AUP);
    const conversation = personalConversationId(TEACHER);
    const sentBefore = app.connector.sentTo(conversation).length;

    await postActivity(app.url, textMessage(app.serviceUrl, TEACHER, "status"));
    await postActivity(app.url, textMessage(app.serviceUrl, TEACHER, " Policy "));
    await postActivity(app.url, textMessage(app.serviceUrl, TEACHER, "help"));
    await postActivity(app.url, textMessage(app.serviceUrl, TEACHER, "what?"));
    await postActivity(app.url, textMessage(app.serviceUrl, TEACHER, "report"));

    const [status, policy, help, unknown, report] = app.connector.sentTo(conversation).slice(sentBefore);
    const statusShown = cardText(cardsIn(status ? [status] : [])[0]);
    assert.match(statusShown, /Staff IT Acceptable Use Policy\*\*: Acknowledged by Alex Wilber/);
    assert.match(statusShown, /Employee Guidance on the Use of Social Media\*\* \(version 2026\.1\): not yet acknowledged/);
    assert.deepEqual(
      cardsIn(policy ? [policy] : []).map((c) => cardText(c).split("\n")[0]),
      ["Employee Guidance on the Use of Social Media"],
      "only the card still to confirm is sent again",
    );
    assert.match(help?.activity.text ?? "", /\*\*status\*\*: what I have and have not acknowledged this year/);
    assert.match(unknown?.activity.text ?? "", /^Sorry, I did not understand that/);
    assert.match(help?.activity.text ?? "", /\*\*report\*\*: how to report something the policy says to report/);
    assert.match(report?.activity.text ?? "", /open the \*\*Report and records\*\* tab/);
  });

  it("handles the Action.Submit fallback the same way, replacing the card it came from", async () => {
    await install(TEACHER);
    const reply = await postActivity(app.url, submitFallback(app.serviceUrl, TEACHER, { ...AUP, verb: ACKNOWLEDGE }, "activity-2"));
    assert.equal(reply.status, 200);

    const update = await app.connector.waitFor((s) => s.method === "PUT");
    assert.equal(update.activityId, "activity-2");
    assert.match(cardText(cardsIn([update])[0]), /Acknowledged by Alex Wilber on 28 November 2026 at 10:00, version 2026\.1/);
    assert.equal((await acknowledgementsOf(TEACHER)).length, 1);

    await postActivity(app.url, submitFallback(app.serviceUrl, TEACHER, { ...AUP, policyVersion: "1.0", verb: ACKNOWLEDGE }, "activity-3"));
    const refusal = await app.connector.waitFor((s) => /has been replaced by version 2026\.1/.test(s.activity.text ?? ""));
    assert.equal(refusal.method, "POST");
    assert.equal((await acknowledgementsOf(TEACHER)).length, 1);
  });

  it("answers an Action.Submit fallback that names no card to replace with the card as a new message, logging no error", async () => {
    await install(TEACHER);
    const fallback = submitFallback(app.serviceUrl, TEACHER, { ...AUP, verb: ACKNOWLEDGE }, "");
    delete fallback.replyToId;
    const reply = await postActivity(app.url, fallback);
    assert.equal(reply.status, 200);
    const sent = await app.connector.waitFor((s) => /Acknowledged by Alex Wilber/.test(cardText(cardsIn([s])[0] ?? {})));
    assert.equal(sent.method, "POST");
    assert.equal((await acknowledgementsOf(TEACHER)).length, 1);
    assert.deepEqual(app.errors, []);
  });

  it("forgets the chat on uninstall, and sends the cards again on reinstall", async () => {
    await install(TEACHER);
    await postActivity(app.url, installationUpdate(app.serviceUrl, TEACHER, "remove"));
    await postActivity(app.url, botMembershipUpdate(app.serviceUrl, TEACHER, "membersRemoved"));
    assert.equal(await app.running.services.bot.conversations.get(TEACHER.aadObjectId ?? ""), undefined);

    const cardsAfterReinstall = await install(TEACHER);
    assert.equal(cardsAfterReinstall.length, 4, "two cards from each install");
  });

  it("removing the bot from a team keeps the remover's personal chat", async () => {
    await install(TEACHER);
    const teamRemoval = botMembershipUpdate(app.serviceUrl, TEACHER, "membersRemoved");
    teamRemoval.conversation = { id: "19:general@thread.tacv2", conversationType: "channel", tenantId: TEST_TENANT_ID };
    await postActivity(app.url, teamRemoval);
    assert.ok(await app.running.services.bot.conversations.get(TEACHER.aadObjectId ?? ""));
  });

  it("rejects a body that is not JSON with 400, and one over the size limit with 413", async () => {
    const notJson = await fetch(`${app.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    assert.equal(notJson.status, 400);
    const huge = textMessage(app.serviceUrl, TEACHER, "x".repeat(300_000));
    assert.equal((await postActivity(app.url, huge).catch(() => ({ status: 0 }))).status, 413);
  });
});
