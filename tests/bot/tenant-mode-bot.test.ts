import assert from "node:assert/strict";
import { startTenantApp } from "../server/local-app.js";
import type { RunningApp } from "../../server/start.js";
import type { AdaptiveCard, ExecuteAction } from "../../bot/cards/adaptive-card.js";
import { cardText } from "../support/adaptive-cards.js";
import type { BotConnectorStandIn } from "../support/bot-connector-stand-in.js";
import type { BotFrameworkStandIn, ChannelTokenOptions } from "../support/bot-framework-stand-in.js";
import { startSignedTenantBot, type SignedTenantBot } from "../support/signed-tenant-bot.js";
import {
  cardActionInvoke,
  installationUpdate,
  personalConversationId,
  testUser,
  type Activity,
  type TestUser,
} from "../support/teams-activities.js";
import { fixedClock } from "./bot-test-app.js";

const AUP = { policyId: "acceptable-use-policy", policyVersion: "2026.1", cycle: "2026/27" };
const ACKNOWLEDGE = "policy.acknowledge";

// In tenant mode the Bot Connector must prove itself with a signed token; nothing else gets a turn.
describe("the bot in tenant mode", () => {
  let app: RunningApp;
  before(async () => {
    app = await startTenantApp();
  });
  after(async () => {
    await app.close();
  });

  const post = (headers: Record<string, string>) =>
    fetch(`${app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(
        cardActionInvoke("https://smba.trafficmanager.net/uk/", testUser("Alex Wilber", "aaaaaaaa-0000-4000-8000-000000000003"), {
          verb: "policy.acknowledge",
          data: { policyId: "acceptable-use-policy", policyVersion: "2026.1", cycle: "2026/27" },
        }),
      ),
    });

  for (const [name, headers] of [
    ["no Authorization header", {}],
    ["a bearer token that is not a JWT", { authorization: "Bearer not-a-token" }],
  ] as const) {
    it(`refuses an activity with ${name} (401) before the bot sees it`, async () => {
      const response = await post(headers);
      assert.equal(response.status, 401);
      assert.match(await response.text(), /Unauthorized/i);
    });
  }
});

const OTHER_BOT_ID = "7d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a";
const OTHER_TENANT_ID = "99999999-8888-4777-8666-555555555555";

interface InvokeAnswer {
  statusCode: number;
  value: { code?: string; message?: string } & Partial<AdaptiveCard>;
}

// The real CloudAdapter checks real tokens: keys from the stand-in's OpenID metadata, the bot's own
// Entra token for its replies, SharePoint behind the Graph stand-in.
describe("the bot in tenant mode, with tokens signed as the Bot Connector signs them", () => {
  let bot: SignedTenantBot;
  let framework: BotFrameworkStandIn;
  let connector: BotConnectorStandIn;
  let app: RunningApp;
  let errors: string[];

  before(async () => {
    bot = await startSignedTenantBot({ dataDirPrefix: "aup-tenant-bot-", staffIdPrefix: "cccccccc", clock: fixedClock });
    ({ framework, connector, app, errors } = bot);
  });
  after(async () => {
    await bot.close();
  });

  /** A fresh member of staff per test, known to Teams' member lookup. */
  const newStaff = (name: string): TestUser => bot.newStaff(name);
  const tokenFor = (options: Partial<ChannelTokenOptions> = {}) => framework.channelToken({ serviceUrl: connector.serviceUrl, ...options });
  const post = async (activity: Activity, token: string): Promise<{ status: number; text: string }> => {
    const response = await fetch(`${app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(activity),
    });
    return { status: response.status, text: await response.text() };
  };
  const install = (user: TestUser) => installationUpdate(connector.serviceUrl, user);
  const confirm = (user: TestUser, data: unknown = AUP) => cardActionInvoke(connector.serviceUrl, user, { verb: ACKNOWLEDGE, data });
  const acknowledgementsOf = (user: TestUser) => app.services.records.listAcknowledgements({ personId: user.aadObjectId ?? "" });
  const assertNothingKeptFor = async (user: TestUser): Promise<void> => {
    assert.deepEqual(await acknowledgementsOf(user), []);
    assert.equal(await app.services.bot.conversations.get(user.aadObjectId ?? ""), undefined);
    assert.deepEqual(connector.sentTo(personalConversationId(user)), []);
  };

  it("accepts a signed install from the school's tenant, replies with the bot's own token, and records 'I confirm'", async () => {
    const teacher = newStaff("Alex Wilber");
    assert.equal((await post(install(teacher), await tokenFor())).status, 200);

    const sent = connector.sentTo(personalConversationId(teacher));
    assert.match(sent[0]?.activity.text ?? "", /^Hello Alex Wilber\./);
    const cards = sent.flatMap((s) => s.activity.attachments ?? []).map((a) => a.content as AdaptiveCard);
    assert.deepEqual(cards.map((card) => cardText(card).split("\n")[0]), ["Staff IT Acceptable Use Policy", "Employee Guidance on the Use of Social Media"]);
    for (const { authorization } of sent) assert.ok(await framework.isBotToken(authorization), `not the bot's Entra token: ${String(authorization)}`);
    assert.ok(framework.counters.keyFetches >= 1, "botbuilder read the connector's keys from the stand-in");
    assert.ok(framework.counters.tokensIssued >= 1, "the bot asked the stand-in's Entra for its token");

    const confirmButton = cards[0]?.actions?.find((a): a is ExecuteAction => a.type === "Action.Execute" && a.verb === ACKNOWLEDGE);
    assert.ok(confirmButton, "the policy card has an 'I confirm' button");
    const pressed = await post(confirm(teacher, confirmButton.data), await tokenFor());
    assert.equal(pressed.status, 200);
    const answer = JSON.parse(pressed.text) as InvokeAnswer;
    assert.equal(answer.statusCode, 200);
    assert.match(cardText(answer.value), /Acknowledged by Alex Wilber on 28 November 2026 at 10:00, version 2026\.1/);

    const records = await acknowledgementsOf(teacher);
    assert.deepEqual(
      records.map((r) => ({ policyId: r.policyId, cycle: r.cycle, person: r.person, channel: r.channel })),
      [{ policyId: "acceptable-use-policy", cycle: "2026/27", person: { id: teacher.aadObjectId, displayName: "Alex Wilber", upn: teacher.upn }, channel: "teams-bot" }],
    );
    assert.equal(connector.unauthorized, 0);
    assert.deepEqual(errors, []);
  });

  const refusals: { name: string; token: () => Promise<string>; says: RegExp }[] = [
    { name: "signed by a key the JWKS does not hold", token: () => tokenFor({ signWith: "foreign" }), says: /invalid signature/ },
    { name: 'with "alg": "none" and no signature', token: () => framework.unsignedChannelToken({ serviceUrl: connector.serviceUrl }), says: /signature is required/ },
    { name: "addressed to another bot", token: () => tokenFor({ audience: OTHER_BOT_ID }), says: new RegExp(`Invalid AppId passed on token: ${OTHER_BOT_ID}`) },
    { name: "from an issuer other than the Bot Framework", token: () => tokenFor({ issuer: "https://api.botframework.example" }), says: /No valid identity/ },
    { name: "that has expired", token: () => tokenFor({ expiresIn: -3600 }), says: /expired/ },
    {
      name: "whose serviceUrl is not the activity's",
      token: () => tokenFor({ serviceUrl: "https://smba.trafficmanager.net/emea/" }),
      says: /ServiceUrl claim do not match/,
    },
  ];
  for (const { name, token, says } of refusals) {
    it(`refuses a token ${name} (401) and keeps nothing`, async () => {
      const user = newStaff("Megan Bowen");
      for (const activity of [install(user), confirm(user)]) {
        const answer = await post(activity, await token());
        assert.equal(answer.status, 401, answer.text);
        assert.match(answer.text, says);
      }
      await assertNothingKeptFor(user);
    });
  }

  it("refuses, in the bot's own words, a validly signed activity from another tenant, and keeps nothing", async () => {
    const outsider = newStaff("Pat Outsider");
    const fromOtherTenant = (activity: Activity): Activity => ({
      ...activity,
      conversation: { ...(activity.conversation as object), tenantId: OTHER_TENANT_ID },
      channelData: { tenant: { id: OTHER_TENANT_ID } },
    });

    const pressed = await post(fromOtherTenant(confirm(outsider)), await tokenFor());
    assert.equal(pressed.status, 200, "Teams expects 200 for an invoke; the refusal is in the body");
    assert.deepEqual(JSON.parse(pressed.text), {
      statusCode: 400,
      type: "application/vnd.microsoft.error",
      value: { code: "AuthError", message: "This app only serves the school's own Microsoft 365 tenant." },
    });

    assert.equal((await post(fromOtherTenant(install(outsider)), await tokenFor())).status, 200);
    const told = connector.sentTo(personalConversationId(outsider));
    assert.deepEqual(told.map((s) => s.activity.text), ["This app only serves the school's own Microsoft 365 tenant."]);
    assert.deepEqual(await acknowledgementsOf(outsider), []);
    assert.equal(await app.services.bot.conversations.get(outsider.aadObjectId ?? ""), undefined);
  });
});
