import assert from "node:assert/strict";
import { CloudAdapter, type ConversationReference } from "botbuilder";
import { botFrameworkAuthentication, type BotRegistration } from "../../bot/bot-channel-auth.js";
import type { ConversationStore } from "../../bot/conversation-store.js";
import { ProactiveMessenger } from "../../bot/proactive-messenger.js";
import type { RunningApp } from "../../server/start.js";
import { fixedClock } from "../bot/bot-test-app.js";
import { startLocalApp } from "../server/local-app.js";
import { BotConnectorStandIn } from "../support/bot-connector-stand-in.js";
import { BotFrameworkStandIn } from "../support/bot-framework-stand-in.js";
import { SIGNED_BOT as BOT, startSignedTenantBot, type SignedTenantBot } from "../support/signed-tenant-bot.js";
import { installationUpdate, personalConversationId, textMessage, type Activity } from "../support/teams-activities.js";
import { listenElsewhere } from "./network.js";

const OTHER_TENANT_ID = "99999999-8888-4777-8666-555555555555";

const fromOtherTenant = (activity: Activity): Activity => ({
  ...activity,
  conversation: { ...(activity.conversation as object), tenantId: OTHER_TENANT_ID },
  channelData: { tenant: { id: OTHER_TENANT_ID } },
});

describe("the bot in tenant mode answers only Teams, from the school's tenant, through the Bot Connector", () => {
  let bot: SignedTenantBot;
  let framework: BotFrameworkStandIn;
  let connector: BotConnectorStandIn;
  let app: RunningApp;
  let errors: string[];
  let infos: string[];

  before(async () => {
    bot = await startSignedTenantBot({ dataDirPrefix: "aup-hardening-", staffIdPrefix: "dddddddd", clock: fixedClock });
    ({ framework, connector, app, errors, infos } = bot);
  });
  after(async () => {
    await bot.close();
  });

  const newStaff = (name: string) => bot.newStaff(name);
  const post = async (activity: unknown, token?: string): Promise<{ status: number; text: string; headers: Headers }> => {
    const response = await fetch(`${app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof activity === "string" ? activity : JSON.stringify(activity),
    });
    return { status: response.status, text: await response.text(), headers: response.headers };
  };
  const chatOf = (user: { aadObjectId: string | undefined }) => app.services.bot.conversations.get(user.aadObjectId ?? "");

  it("refuses (403) a signed activity from a channel other than Teams, and runs nothing", async () => {
    const user = newStaff("Megan Bowen");
    const answer = await post({ ...installationUpdate(connector.serviceUrl, user), channelId: "webchat" }, await framework.channelToken({ serviceUrl: connector.serviceUrl }));
    assert.equal(answer.status, 403);
    assert.match(answer.text, /only Microsoft Teams/);
    assert.equal(await chatOf(user), undefined);
    assert.deepEqual(connector.sentTo(personalConversationId(user)), []);
  });

  it("refuses (403) a signed activity whose serviceUrl is not Teams' Bot Connector, and sends nothing there", async () => {
    const user = newStaff("Lee Gu");
    const serviceUrl = "https://connector.attacker.example/";
    const answer = await post(installationUpdate(serviceUrl, user), await framework.channelToken({ serviceUrl }));
    assert.equal(answer.status, 403);
    assert.match(answer.text, /only Teams' Bot Connector/);
    assert.equal(await chatOf(user), undefined);
  });

  it("answers a malformed request without a token with 400 and a well-formed one with 401, never 500; a 401 is one line in the log", async () => {
    for (const body of ["{}", '{"type":5}', JSON.stringify({ ...textMessage(connector.serviceUrl, newStaff("Nestor Wilke"), "help"), conversation: { id: {} } })]) {
      const answer = await post(body);
      assert.equal(answer.status, 400, `${answer.text} for ${body}`);
      assert.match(answer.text, /not a Bot Framework activity the bot can read/);
    }
    const before = infos.length;
    const unsigned = await post(textMessage(connector.serviceUrl, newStaff("Joni Sherman"), "help"));
    assert.equal(unsigned.status, 401);
    const expired = await post(textMessage(connector.serviceUrl, newStaff("Diego Siciliani"), "help"), await framework.channelToken({ serviceUrl: connector.serviceUrl, expiresIn: -3600 }));
    assert.equal(expired.status, 401);
    assert.deepEqual(infos.slice(before), [
      "Bot request refused (401): Unauthorized Access. Request is not authorized",
      "Bot request refused (401): The token has expired",
    ]);
    assert.deepEqual(errors, []);
  });

  it("ignores an uninstall from another tenant: the member of staff's chat is kept; their own uninstall forgets it", async () => {
    const user = newStaff("Adele Vance");
    const token = () => framework.channelToken({ serviceUrl: connector.serviceUrl });
    assert.equal((await post(installationUpdate(connector.serviceUrl, user), await token())).status, 200);
    assert.ok(await chatOf(user), "the install was remembered");

    assert.equal((await post(fromOtherTenant(installationUpdate(connector.serviceUrl, user, "remove")), await token())).status, 200);
    assert.ok(await chatOf(user), "another tenant cannot make the bot forget a member of staff");

    assert.equal((await post(installationUpdate(connector.serviceUrl, user, "remove"), await token())).status, 200);
    assert.equal(await chatOf(user), undefined);
    assert.deepEqual(errors, []);
  });

  it("tells browsers to use https only (HSTS)", async () => {
    const response = await fetch(`${app.url}/healthz`);
    assert.equal(response.headers.get("strict-transport-security"), "max-age=31536000; includeSubDomains");
  });
});

describe("HSTS is not sent locally", () => {
  it("leaves plain-http local pages alone", async () => {
    const local = await startLocalApp();
    try {
      assert.equal((await fetch(`${local.url}/healthz`)).headers.get("strict-transport-security"), null);
    } finally {
      await local.close();
    }
  });
});

/** A conversation store holding the given references, as a stored campaign roster would. */
function storeOf(references: Map<string, Partial<ConversationReference>>): ConversationStore {
  return {
    save: () => Promise.resolve({ created: false }),
    get: (id) => Promise.resolve(references.get(id)),
    member: (id) => Promise.resolve(references.has(id) ? { displayName: id, upn: "", reference: references.get(id) ?? {} } : undefined),
    setMemberDetails: () => Promise.resolve(false),
    delete: () => Promise.resolve(),
    list: () => Promise.resolve([...references.keys()].map((id) => ({ id, displayName: id, upn: "" }))),
  };
}

// The bot's own credentials, through botbuilder's real adapter, to the stand-ins.
describe("the bot's own token (tenant mode)", () => {
  let framework: BotFrameworkStandIn;
  let connector: BotConnectorStandIn;
  let registration: BotRegistration;
  before(async () => {
    framework = await BotFrameworkStandIn.start(BOT);
    connector = await BotConnectorStandIn.start({ authorize: (authorization) => framework.isBotToken(authorization) });
    registration = {
      ...BOT,
      openIdMetadataUrl: framework.env.BOT_OPENID_METADATA_URL ?? "",
      loginUrl: framework.env.BOT_LOGIN_URL ?? "",
      serviceUrlHosts: ["127.0.0.1"],
    };
  });
  after(async () => {
    await Promise.all([connector.close(), framework.close()]);
  });

  const referenceTo = (serviceUrl: string, id: string): Partial<ConversationReference> => ({
    serviceUrl,
    channelId: "msteams",
    conversation: { id: `a:personal-${id}`, conversationType: "personal", isGroup: false, name: "" },
    user: { id: `29:${id}`, name: id },
    bot: { id: `28:${BOT.appId}`, name: "IT Policy" },
  });

  it("is fetched once for 20 proactive messages sent at the same moment, and all 20 arrive", async () => {
    const references = new Map(Array.from({ length: 20 }, (_, i) => [`person-${i}`, referenceTo(connector.serviceUrl, `person-${i}`)] as const));
    const messenger = new ProactiveMessenger(new CloudAdapter(botFrameworkAuthentication(registration)), BOT.appId, storeOf(references));
    const issuedBefore = framework.counters.tokensIssued;
    await Promise.all([...references.keys()].map((id) => messenger.send(id, { type: "message", text: `Hello ${id}` })));
    assert.equal(framework.counters.tokensIssued - issuedBefore, 1);
    assert.equal(connector.sent.filter((s) => s.activity.text?.startsWith("Hello person-")).length, 20);
    assert.equal(connector.unauthorized, 0);
  });

  it("is never sent to a stored serviceUrl that is not the Bot Connector: the send is refused and nothing is requested there", async () => {
    const elsewhere = await listenElsewhere("https://connector.attacker.example/");
    const { serviceUrl, heard } = elsewhere;
    try {
      const messenger = new ProactiveMessenger(
        new CloudAdapter(botFrameworkAuthentication(registration)),
        BOT.appId,
        storeOf(new Map([["left-over", referenceTo(serviceUrl, "left-over")]])),
      );
      await assert.rejects(messenger.send("left-over", { type: "message", text: "Reminder" }), /Refused to send the bot's token to .+: it is not a Teams Bot Connector address/);
      assert.deepEqual(heard, []);
    } finally {
      elsewhere.close();
    }
  });
});
