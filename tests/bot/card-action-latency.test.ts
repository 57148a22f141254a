// Issue 7, "Card actions must not wait on Teams": the UPN is learnt at install (or, for someone installed
// before UPNs were kept, in the background after their first press or message) and kept with the chat,
// so a press answers from what the app already has, whether or not Teams can be reached.
import assert from "node:assert/strict";
import { TurnContext } from "botbuilder";
import { openDatabase } from "../../records/sqlite/database.js";
import { MEMBER_LOOKUP } from "../support/bot-connector-stand-in.js";
import { cardText } from "../support/adaptive-cards.js";
import { eventually } from "../support/eventually.js";
import { cardActionInvoke, installationUpdate, personalConversationId, postActivity, textMessage, type TestUser } from "../support/teams-activities.js";
import { startBotTestApp, TEACHER, type BotTestApp } from "./bot-test-app.js";

const ACKNOWLEDGE = "policy.acknowledge";
const AUP = { policyId: "acceptable-use-policy", policyVersion: "2026.1", cycle: "2026/27" };
const SOCIAL_MEDIA = { policyId: "social-media-guidance", policyVersion: "2026.1", cycle: "2026/27" };

interface InvokeAnswer {
  statusCode: number;
  value: { message?: string };
}

/** The conversation references table as the app kept it before it kept UPNs, with `user` installed. */
function databaseFromBeforeUpns(dataDir: string, serviceUrl: string, user: TestUser): void {
  const db = openDatabase(dataDir);
  try {
    db.exec(`CREATE TABLE conversation_references (aad_object_id TEXT PRIMARY KEY, reference TEXT NOT NULL, updated_at TEXT NOT NULL)`);
    const reference = TurnContext.getConversationReference(installationUpdate(serviceUrl, user));
    db.prepare(`INSERT INTO conversation_references VALUES (?, ?, ?)`).run(user.aadObjectId, JSON.stringify(reference), "2026-09-01T08:00:00.000Z");
  } finally {
    db.close();
  }
}

describe("card actions never wait on Teams (real CloudAdapter, Bot Connector stand-in)", () => {
  let app: BotTestApp;
  afterEach(async () => {
    // Answers whatever is still held, so nothing is left waiting on the stand-in as the app stops.
    app.connector.setReachable(true);
    await app.close();
  });

  const press = async (user: TestUser, data: unknown): Promise<InvokeAnswer> => {
    const reply = await postActivity(app.url, cardActionInvoke(app.serviceUrl, user, { verb: ACKNOWLEDGE, data }));
    assert.equal(reply.status, 200);
    return reply.body as InvokeAnswer;
  };
  const upnsRecordedFor = async (user: TestUser): Promise<Record<string, string>> => {
    const records = await app.running.services.records.listAcknowledgements({ personId: user.aadObjectId });
    return Object.fromEntries(records.map((record) => [record.policyId, record.person.upn]));
  };
  const upnKeptFor = async (user: TestUser): Promise<string | undefined> =>
    (await app.running.services.bot.conversations.member(user.aadObjectId ?? ""))?.upn;
  /** A message round trip, so a request the press might have started in the background reaches the stand-in. */
  const roundTrip = async (user: TestUser): Promise<void> => {
    const before = app.connector.sentTo(personalConversationId(user)).length;
    assert.equal((await postActivity(app.url, textMessage(app.serviceUrl, user, "help"))).status, 200);
    assert.equal(app.connector.sentTo(personalConversationId(user)).length, before + 1);
  };

  describe("someone who installs the app", () => {
    beforeEach(async () => {
      app = await startBotTestApp();
      assert.equal((await postActivity(app.url, installationUpdate(app.serviceUrl, TEACHER))).status, 200);
    });

    it("is looked up once, at install; each press then makes no Teams call and records the UPN learnt then", async () => {
      assert.equal(app.connector.requestsTo(MEMBER_LOOKUP), 1, "the install asked Teams for the UPN once");
      const requestsBefore = app.connector.requests.length;

      for (const policy of [AUP, SOCIAL_MEDIA]) {
        const answer = await press(TEACHER, policy);
        assert.equal(answer.statusCode, 200);
        assert.match(cardText(answer.value), /Acknowledged by Alex Wilber on 28 November 2026 at 10:00/);
      }
      assert.equal(app.connector.requests.length, requestsBefore, "two presses, no request to the Bot Connector");
      assert.deepEqual(await upnsRecordedFor(TEACHER), { [AUP.policyId]: TEACHER.upn, [SOCIAL_MEDIA.policyId]: TEACHER.upn });

      await roundTrip(TEACHER);
      assert.equal(app.connector.requestsTo(MEMBER_LOOKUP), 1, "nothing looked the person up again afterwards");
      assert.deepEqual(app.errors, []);
    });

    it("answers a press with the receipt, UPN and all, while the Bot Connector cannot be reached", async () => {
      app.connector.setReachable(false);
      const requestsBefore = app.connector.requests.length;
      const askedTeams = app.connector.nextRequestTo(/./).then((request) => {
        throw new Error(`The press waited on Teams: ${request.method} ${request.path}`);
      });

      const answer = await Promise.race([press(TEACHER, AUP), askedTeams]);
      assert.equal(answer.statusCode, 200);
      assert.match(cardText(answer.value), /Acknowledged by Alex Wilber on 28 November 2026 at 10:00, version 2026\.1/);
      assert.deepEqual(await upnsRecordedFor(TEACHER), { [AUP.policyId]: TEACHER.upn });
      assert.equal(app.connector.requests.length, requestsBefore);
    });
  });

  describe("someone installed before the app kept UPNs", () => {
    beforeEach(async () => {
      app = await startBotTestApp(undefined, undefined, {
        prepareDataDir: (dataDir, serviceUrl) => databaseFromBeforeUpns(dataDir, serviceUrl, TEACHER),
      });
    });

    it("gets the UPN from a background lookup after their first press, which answers without waiting for it", async () => {
      app.connector.setReachable(false);
      const lookup = app.connector.nextRequestTo(MEMBER_LOOKUP);
      const pressed = press(TEACHER, AUP);
      await lookup;
      // Teams holds the lookup unanswered: the press can only answer if it does not wait for it.
      const answer = await pressed;
      assert.equal(answer.statusCode, 200);
      assert.match(cardText(answer.value), /Acknowledged by Alex Wilber on 28 November 2026 at 10:00/);
      assert.deepEqual(await upnsRecordedFor(TEACHER), { [AUP.policyId]: "" }, "recorded at once, with the UPN still unknown, as before");

      app.connector.setReachable(true);
      await eventually(() => upnKeptFor(TEACHER), (upn) => upn === TEACHER.upn, "the UPN kept with the chat");
      const next = await press(TEACHER, SOCIAL_MEDIA);
      assert.equal(next.statusCode, 200);
      assert.deepEqual(await upnsRecordedFor(TEACHER), { [AUP.policyId]: "", [SOCIAL_MEDIA.policyId]: TEACHER.upn });
      assert.equal(app.connector.requestsTo(MEMBER_LOOKUP), 1, "looked up once, in the background");
      assert.deepEqual(app.errors, []);
    });

    it("gets the UPN from a background lookup after their first message", async () => {
      await roundTrip(TEACHER);
      await eventually(() => upnKeptFor(TEACHER), (upn) => upn === TEACHER.upn, "the UPN kept with the chat");
      const requestsBefore = app.connector.requests.length;
      assert.equal((await press(TEACHER, AUP)).statusCode, 200);
      assert.deepEqual(await upnsRecordedFor(TEACHER), { [AUP.policyId]: TEACHER.upn });
      assert.equal(app.connector.requests.length, requestsBefore);
      assert.equal(app.connector.requestsTo(MEMBER_LOOKUP), 1);
    });
  });
});
