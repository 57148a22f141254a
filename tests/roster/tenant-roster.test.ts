import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AdaptiveCard } from "../../bot/cards/adaptive-card.js";
import { provisionForConfig } from "../../infra/sharepoint/provision.js";
import { loadConfig } from "../../server/config.js";
import { startApp, type RunningApp } from "../../server/start.js";
import { MovableClock } from "../support/movable-clock.js";
import { cardText } from "../support/adaptive-cards.js";
import { BotConnectorStandIn } from "../support/bot-connector-stand-in.js";
import { BotFrameworkStandIn } from "../support/bot-framework-stand-in.js";
import { eventually } from "../support/eventually.js";
import type { StandInUser } from "../support/graph-stand-in/directory.js";
import type { GraphStandIn } from "../support/graph-stand-in/graph-stand-in.js";
import { cardActionInvoke, installationUpdate, personalConversationId, TEST_TENANT_ID, testUser, textMessage, type Activity, type TestUser } from "../support/teams-activities.js";
import { recordIdCounts, startStandIn, tenantEnv } from "../records/support/sharepoint-fixture.js";

const BOT = { appId: "6c1d2e3f-4a5b-4c6d-8e7f-8a9b0c1d2e3f", appPassword: "bot-secret-for-tests", tenantId: TEST_TENANT_ID };
const STAFF_GROUP = "1f0e2d3c-0000-4000-8000-00000000000a";
const CATALOG_APP_ID = "e3b0c442-98fc-4c14-9afb-f4c8996fb924";
const STATUS_LIST = "AUP staff status";
/** A Thursday of the autumn term: the 2026/27 cycle. */
const ROSTER_START = "2026-11-26T10:00:00.000Z";

const person = (n: number, displayName: string, extra: Partial<StandInUser> = {}): StandInUser => ({
  id: `dddddddd-0000-4000-8000-${String(n).padStart(12, "0")}`,
  displayName,
  userPrincipalName: `${displayName.split(" ")[0]?.toLowerCase()}@crich-carr.example`,
  accountEnabled: true,
  userType: "Member",
  ...extra,
});
const HEAD = person(1, "Lynne Robbins");
const ALEX = person(2, "Alex Wilber");
const MEGAN = person(3, "Megan Bowen");
const ADELE = person(4, "Adele Vance");
const PATTI = person(5, "Patti Fernandez");
const GUEST = person(6, "Visiting Governor", { userType: "Guest" });
const DISABLED = person(7, "Former Teacher", { accountEnabled: false });
const asTeams = (user: StandInUser): TestUser => testUser(user.displayName, user.id);

// The whole app in tenant mode: the roster from an Entra group, installs through Graph, Teams' install events
// signed as the Bot Connector signs them, and the staff status list written to SharePoint through the outbox.
describe("tenant mode: every member of staff reached and accounted for", () => {
  let graph: GraphStandIn;
  let framework: BotFrameworkStandIn;
  let connector: BotConnectorStandIn;
  let app: RunningApp;
  let dataDir: string;
  let clock: MovableClock;
  let errors: string[];
  const teamsEvents: Promise<unknown>[] = [];

  const post = async (activity: Activity): Promise<number> => {
    const token = await framework.channelToken({ serviceUrl: connector.serviceUrl });
    const response = await fetch(`${app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(activity),
    });
    await response.text();
    return response.status;
  };

  const startTheApp = async (): Promise<void> => {
    const config = loadConfig({
      ...tenantEnv(graph, dataDir, TEST_TENANT_ID),
      ...framework.env,
      BOT_ID: BOT.appId,
      SECRET_BOT_PASSWORD: BOT.appPassword,
      HEADTEACHER_AAD_OBJECT_ID: HEAD.id,
      CAMPAIGN_CHECK_EVERY_MINUTES: "0",
      STAFF_GROUP_IDS: STAFF_GROUP,
      TEAMS_APP_CATALOG_ID: CATALOG_APP_ID,
      BOT_SERVICE_URL: connector.serviceUrl,
      // Test-only: lets the loopback connector stand-in in, as Teams' Bot Connector hosts are in production.
      BOT_SERVICE_URL_HOSTS: "127.0.0.1",
    });
    app = await startApp(config, { clock, rosterRefreshDelayMs: 0, log: { info: () => undefined, error: (message, error) => errors.push(`${message}: ${String(error)}`) } });
  };

  /** Until the roster, the installs and the install events Teams sent have all been handled. */
  const settle = async (): Promise<void> => {
    for (;;) {
      await app.services.bot.roster.service.idle();
      const events = teamsEvents.splice(0);
      if (events.length === 0) return;
      await Promise.all(events);
    }
  };

  beforeEach(async () => {
    errors = [];
    clock = new MovableClock(ROSTER_START);
    graph = await startStandIn({ tenantId: TEST_TENANT_ID });
    framework = await BotFrameworkStandIn.start(BOT);
    connector = await BotConnectorStandIn.start({ authorize: (authorization) => framework.isBotToken(authorization) });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-tenant-roster-"));
    graph.directory.groups.set(STAFF_GROUP, [HEAD, ALEX, MEGAN, ADELE, GUEST, DISABLED]);
    graph.directory.catalog.add(CATALOG_APP_ID);
    // As Teams does: a new installation opens the personal chat and tells the bot.
    graph.directory.onInstalled = (_installation, user) => {
      if (user) teamsEvents.push(post(installationUpdate(connector.serviceUrl, asTeams(user))));
    };
    for (const user of [HEAD, ALEX, MEGAN, ADELE, PATTI]) {
      const teams = asTeams(user);
      connector.addMember({ id: teams.id, name: teams.name, aadObjectId: user.id, userPrincipalName: teams.upn });
    }
    await provisionForConfig(loadConfig({ ...tenantEnv(graph, dataDir, TEST_TENANT_ID) }), () => undefined);
    await startTheApp();
    await settle();
  });
  afterEach(async () => {
    await app.close();
    await Promise.all([connector.close(), framework.close(), graph.close()]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const sentTo = (user: StandInUser) => connector.sentTo(personalConversationId(asTeams(user)));
  const cardsTo = (user: StandInUser): AdaptiveCard[] => sentTo(user).flatMap((sent) => (sent.activity.attachments ?? []).map((a) => a.content as AdaptiveCard));
  const titles = (user: StandInUser) => cardsTo(user).map((card) => cardText(card).split("\n")[0]);
  const headSays = async (text: string): Promise<string> => {
    const before = sentTo(HEAD).length;
    assert.equal(await post(textMessage(connector.serviceUrl, asTeams(HEAD), text)), 200);
    await settle();
    return sentTo(HEAD)
      .slice(before)
      .map((sent) => sent.activity.text ?? cardText(sent.activity.attachments?.[0]?.content))
      .join("\n");
  };
  const statusItems = async (expected: number) => {
    await settle();
    await eventually(() => app.services.outboxHealth?.().pending ?? -1, (pending) => pending === 0, "the outbox to drain");
    const items = graph.items(STATUS_LIST);
    assert.deepEqual([...recordIdCounts(graph, STATUS_LIST).values()], Array<number>(expected).fill(1), "one item per person per year");
    return new Map(items.map((item) => [String(item.fields.PersonName), item.fields]));
  };
  const installs = (user: StandInUser) => graph.directory.installRequests.filter((request) => request.userId === user.id).map((request) => request.status);

  it("installs the app once for each member of staff, who each get the greeting and their cards once; guests and disabled accounts are left alone", async () => {
    for (const user of [HEAD, ALEX, MEGAN, ADELE]) {
      assert.deepEqual(installs(user), [201], user.displayName);
      assert.match(sentTo(user)[0]?.activity.text ?? "", new RegExp(`^Hello ${user.displayName}\\.`));
      assert.deepEqual(titles(user), ["Staff IT Acceptable Use Policy", "Employee Guidance on the Use of Social Media"]);
    }
    assert.deepEqual(installs(GUEST), []);
    assert.deepEqual(installs(DISABLED), []);

    // The next sync and campaign pass find everyone reached and invited: nothing is installed or sent again.
    await app.services.bot.roster.service.sync();
    // Everyone had their cards on installing: nothing is due until the first reminder.
    const { quiet, ...sent } = await app.services.bot.campaign.run();
    assert.deepEqual(sent, { cycle: "2026/27", invited: 0, reminded: 0, escalated: 0, failed: 0, unreachable: 0 });
    assert.equal(quiet?.kind, "not-due-yet");
    await settle();
    assert.equal(graph.directory.installRequests.length, 4);
    for (const user of [HEAD, ALEX, MEGAN, ADELE]) assert.equal(cardsTo(user).length, 2);

    const items = await statusItems(4);
    assert.equal(items.get("Megan Bowen")?.ReachState, "Reached");
    assert.equal(items.get("Megan Bowen")?.PersonUpn, "megan@crich-carr.example");
    assert.equal(items.get("Megan Bowen")?.InvitedAt, "2026-11-26T10:00:00Z");
    assert.deepEqual(errors, []);
  });

  it("follows a roster change between two runs: the new starter gets the cards on 'remind', the leaver is no longer chased and shows as Left", async () => {
    graph.directory.groups.set(STAFF_GROUP, [HEAD, ALEX, MEGAN, PATTI, GUEST, DISABLED]);

    const answer = await headSays("remind");
    // The new starter is installed and greeted with her cards at once, so the campaign itself has nothing due.
    assert.match(answer, /^Nothing to send yet for 2026\/27: /);
    assert.deepEqual(installs(PATTI), [201]);
    assert.deepEqual(titles(PATTI), ["Staff IT Acceptable Use Policy", "Employee Guidance on the Use of Social Media"]);

    clock.advanceDays(7);
    const adeleHad = sentTo(ADELE).length;
    assert.equal((await app.services.bot.campaign.run()).reminded, 8, "two reminders each for the four staff");
    assert.equal(sentTo(ADELE).length, adeleHad, "the leaver is not chased");

    const overview = await headSays("campaign");
    assert.match(overview, /Staff IT Acceptable Use Policy 0 of 4 staff/);
    assert.doesNotMatch(overview, /Adele Vance/);

    const items = await statusItems(5);
    assert.equal(items.get("Adele Vance")?.ReachState, "Left");
    assert.match(String(items.get("Adele Vance")?.ReachDetail), /^Left the staff groups on 26 Nov 2026; no longer chased\.$/);
    assert.equal(items.get("Patti Fernandez")?.ReachState, "Reached");
    assert.equal(items.get("Patti Fernandez")?.LastRemindedAt, "2026-12-03T10:00:00Z");
    assert.deepEqual(errors, []);
  });

  it("reaches someone whose install event the bot never got through the chat Graph reports, and invites them there", async () => {
    // Patti has the app already (installed while the bot was down), but the bot has no chat with her.
    graph.directory.installations.push({ id: "installation-patti", userId: PATTI.id, teamsAppId: CATALOG_APP_ID, chatId: "19:patti-and-the-bot@unq.gbl.spaces" });
    graph.directory.groups.set(STAFF_GROUP, [HEAD, ALEX, MEGAN, ADELE, PATTI]);

    await app.services.bot.roster.service.sync();
    await eventually(() => connector.sentTo("19:patti-and-the-bot@unq.gbl.spaces").length, (sent) => sent === 2, "Patti's cards in the chat Graph reported");
    await settle();

    assert.deepEqual(installs(PATTI), [409]);
    const cards = connector.sentTo("19:patti-and-the-bot@unq.gbl.spaces").map((sent) => cardText(sent.activity.attachments?.[0]?.content).split("\n")[0]);
    assert.deepEqual(cards, ["Staff IT Acceptable Use Policy", "Employee Guidance on the Use of Social Media"]);
    const items = await statusItems(5);
    assert.equal(items.get("Patti Fernandez")?.ReachState, "Reached");
    assert.deepEqual(errors, []);
  });

  it("keeps the staff status list right across a whole campaign and a restart: invited, acknowledged, reminded, one item each", async () => {
    const pressed = await post(
      cardActionInvoke(connector.serviceUrl, asTeams(ALEX), {
        verb: "policy.acknowledge",
        data: { policyId: "acceptable-use-policy", policyVersion: "2026.1", cycle: "2026/27" },
      }),
    );
    assert.equal(pressed, 200);
    await settle();
    // The app stops with writes still in its outbox and starts again on the same data.
    await app.close();
    clock.advanceDays(7);
    await startTheApp();
    await settle();
    assert.equal((await app.services.bot.campaign.run()).reminded, 7, "both documents for three people, the second for Alex");

    const items = await statusItems(4);
    const alex = items.get("Alex Wilber");
    assert.equal(alex?.AckAcceptableUsePolicy, "2026-11-26T10:00:00Z");
    assert.equal(alex?.AckSocialMediaGuidance ?? null, null);
    assert.equal(alex?.InvitedAt, "2026-11-26T10:00:00Z");
    assert.equal(alex?.LastRemindedAt, "2026-12-03T10:00:00Z");
    assert.match(String(alex?.Acknowledged), /^Staff IT Acceptable Use Policy \(2026\.1\): 26 Nov 2026, 10:00\nEmployee Guidance on the Use of Social Media \(2026\.1\): not yet$/);
    assert.equal(items.get("Megan Bowen")?.AckAcceptableUsePolicy ?? null, null);
    assert.equal(items.get("Megan Bowen")?.LastRemindedAt, "2026-12-03T10:00:00Z");
    assert.deepEqual(errors, []);
  });

  it("names who cannot be reached and why, stops chasing them, and installs again for someone who removed the app", async () => {
    // A new starter while the app lacks admin consent to install itself.
    graph.directory.consentGranted = false;
    graph.directory.groups.set(STAFF_GROUP, [HEAD, ALEX, MEGAN, ADELE, PATTI]);
    await headSays("remind");
    assert.deepEqual(installs(PATTI), [403]);
    graph.directory.consentGranted = true;

    // What the fan-out engine reports when Teams refuses: Megan blocked the bot; Adele removed the app.
    const outcomes = app.services.bot.roster.outcomes;
    outcomes.unreachable(MEGAN.id, "ConversationBlockedByUser", "403 ConversationBlockedByUser: User blocked the conversation with the bot.", clock.now());
    graph.directory.installations.splice(graph.directory.installations.findIndex((installation) => installation.userId === ADELE.id), 1);
    const adeleHad = sentTo(ADELE).length;
    outcomes.unreachable(ADELE.id, "BotNotInConversationRoster", "403 BotNotInConversationRoster: The bot is not part of the conversation roster.", clock.now());
    await eventually(() => installs(ADELE), (statuses) => statuses.length === 2, "the app to be installed again for Adele");
    await settle();
    assert.deepEqual(installs(ADELE), [201, 201]);
    assert.match(sentTo(ADELE)[adeleHad]?.activity.text ?? "", /^Hello Adele Vance\./, "Teams' install event opened a new chat, and the bot greeted her");

    const overview = await headSays("campaign");
    assert.match(overview, /Staff IT Acceptable Use Policy 0 of 5 staff/);
    assert.match(overview, /Not reached \(2\)/);
    assert.match(overview, /Patti Fernandez\*\*: Install refused\. Microsoft Graph refused to install the app for them \(403 Forbidden.*grant admin consent for TeamsAppInstallation\.ReadWriteSelfForUser\.All/);
    assert.match(overview, /Megan Bowen\*\*: Blocked the bot\. They blocked the app's chat in Teams/);
    assert.doesNotMatch(overview, /Adele Vance\*\*: (Not reached|Install refused|Blocked)/);

    clock.advanceDays(7);
    const meganHad = sentTo(MEGAN).length;
    assert.equal((await app.services.bot.campaign.run()).reminded, 6, "the headteacher, Alex and Adele; not Megan, nor Patti who has no chat");
    assert.equal(sentTo(MEGAN).length, meganHad, "someone who blocked the bot is not tried again");

    const items = await statusItems(5);
    assert.equal(items.get("Megan Bowen")?.ReachState, "Blocked the bot");
    assert.equal(items.get("Patti Fernandez")?.ReachState, "Install refused");
    assert.match(String(items.get("Patti Fernandez")?.ReachDetail), /admin consent/);
    assert.equal(items.get("Adele Vance")?.ReachState, "Reached");
    assert.deepEqual(errors, []);
  });
});
