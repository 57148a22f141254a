// "Remind now" from the headteacher's view through the real bot runtime: the cards reach the person's chat
// (Bot Connector stand-in), only what they still owe, and the campaign then counts them as asked.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AdaptiveCard } from "../../bot/cards/adaptive-card.js";
import { loadConfig } from "../../server/config.js";
import { startApp, type RunningApp } from "../../server/start.js";
import type { RemindResult, YearAtAGlance } from "../../tab/api/headteacher/headteacher-types.js";
import { cardText } from "../support/adaptive-cards.js";
import { BotConnectorStandIn } from "../support/bot-connector-stand-in.js";
import type { Clock } from "../../records/types.js";
import { eventually } from "../support/eventually.js";
import { MovableClock } from "../support/movable-clock.js";
import { cardActionInvoke, installationUpdate, personalConversationId, postActivity, testUser, type TestUser } from "../support/teams-activities.js";
import type { ApiErrorBody } from "../../tab/api/api-types.js";

/** The local demo person the tab signs in as; the headteacher here. */
const LYNNE = { id: "00000000-0000-0000-0000-0000000000025", displayName: "Lynne Robbins" };
const TEACHER = testUser("Adele Vance", "aaaaaaaa-0000-4000-8000-000000000003");
const NOW = new Date("2026-11-28T10:00:00.000Z");

interface RemindApp {
  readonly app: RunningApp;
  readonly connector: BotConnectorStandIn;
  readonly errors: string[];
  readonly asLynne: <T>(method: string, route: string, body?: unknown) => Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/** The app in local mode with Lynne as headteacher, the staff whoever it installs, and the connector stand-in. */
async function startRemindApp(clock: Clock, members: readonly TestUser[]): Promise<RemindApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-remind-"));
  const config = loadConfig({
    PORT: "0",
    DATA_DIR: dataDir,
    HEADTEACHER_AAD_OBJECT_ID: LYNNE.id,
    CAMPAIGN_CHECK_EVERY_MINUTES: "0",
    // The staff are whoever this test installs.
    STAFF_ROSTER_FILE: "none",
  });
  const errors: string[] = [];
  const app = await startApp(config, { clock, log: { info: () => undefined, error: (message) => void errors.push(message) } });
  const connector = await BotConnectorStandIn.start();
  for (const user of members) connector.addMember({ id: user.id, name: user.name, aadObjectId: user.aadObjectId ?? "", userPrincipalName: user.upn });
  return {
    app,
    connector,
    errors,
    asLynne: async <T,>(method: string, route: string, body?: unknown) => {
      const issued = (await (
        await fetch(`${app.url}/local-auth/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ personId: LYNNE.id }) })
      ).json()) as { accessToken: string };
      const response = await fetch(app.url + route, {
        method,
        headers: { authorization: `Bearer ${issued.accessToken}`, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: response.status, body: (await response.json()) as T };
    },
    async close() {
      await app.close();
      await connector.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const acknowledge = (app: RemindApp, user: TestUser, policyId: string) =>
  postActivity(
    app.app.url,
    cardActionInvoke(app.connector.serviceUrl, user, {
      verb: "policy.acknowledge",
      data: { policyId, policyVersion: "2026.1", cycle: "2026/27", verb: "policy.acknowledge" },
    }),
  );

describe("headteacher's remind now, through the bot", () => {
  let remind: RemindApp;
  let app: RunningApp;
  let connector: BotConnectorStandIn;
  let errors: string[];
  let asLynne: RemindApp["asLynne"];

  before(async () => {
    remind = await startRemindApp({ now: () => NOW }, [TEACHER]);
    ({ app, connector, errors, asLynne } = remind);
  });
  after(async () => {
    await remind.close();
  });

  it("sends one person the cards they still owe, as reminders, and the glance shows them", async () => {
    await postActivity(app.url, installationUpdate(connector.serviceUrl, TEACHER));
    await acknowledge(remind, TEACHER, "acceptable-use-policy");
    const before = connector.sentTo(personalConversationId(TEACHER)).length;

    const glance = await asLynne<YearAtAGlance>("GET", "/api/headteacher/glance");
    assert.equal(glance.status, 200);
    assert.deepEqual(glance.body.outstanding.map((p) => [p.displayName, p.documents.map((d) => d.policyId)]), [["Adele Vance", ["social-media-guidance"]]]);

    const reminded = await asLynne<RemindResult>("POST", "/api/headteacher/remind", { personId: TEACHER.aadObjectId });
    assert.equal(reminded.status, 200);
    assert.equal(reminded.body.message, "1 card sent in their chat with the bot.");
    const cards = connector
      .sentTo(personalConversationId(TEACHER))
      .slice(before)
      .flatMap((sent) => (sent.activity.attachments ?? []).map((a) => a.content as AdaptiveCard));
    assert.equal(cards.length, 1);
    assert.match(cardText(cards[0]), /Reminder: we first sent you this on 28 November 2026/);
    assert.match(cardText(cards[0]), /Employee Guidance on the Use of Social Media/);
    assert.deepEqual(errors, []);
  });
});

// "Remind everyone now" on the headteacher's page: hundreds of staff take minutes at Teams' pace, so the page is
// answered at once with what is going, and the headteacher gets the summary card in Teams when it has all gone.
describe("headteacher's remind everyone now, through the bot", () => {
  const LYNNE_IN_TEAMS = testUser(LYNNE.displayName, LYNNE.id);
  const MEGAN = testUser("Megan Bowen", "aaaaaaaa-0000-4000-8000-000000000004");
  let remind: RemindApp;
  let clock: MovableClock;

  beforeEach(async () => {
    clock = new MovableClock(NOW);
    remind = await startRemindApp(clock, [LYNNE_IN_TEAMS, TEACHER, MEGAN]);
    // Everyone installs and gets their cards; only Lynne confirms. A week on, reminders are due for the other two.
    for (const user of [LYNNE_IN_TEAMS, TEACHER, MEGAN]) await postActivity(remind.app.url, installationUpdate(remind.connector.serviceUrl, user));
    for (const policyId of ["acceptable-use-policy", "social-media-guidance"]) await acknowledge(remind, LYNNE_IN_TEAMS, policyId);
    clock.advanceDays(8);
  });
  afterEach(async () => {
    remind.connector.intercept = undefined;
    await remind.close();
  });

  const cardsTo = (user: TestUser) =>
    remind.connector.sentTo(personalConversationId(user)).flatMap((sent) => (sent.activity.attachments ?? []).map((a) => cardText(a.content as AdaptiveCard)));

  it("answers 202 at once with who is being reminded, refuses a second press while it runs, and sends the summary card when done", async () => {
    // Teams is slow to take Adele's cards: the run cannot end until it does.
    let letThrough = (): void => undefined;
    const slowTeams = new Promise<void>((resolve) => (letThrough = resolve));
    remind.connector.intercept = (conversationId) => (conversationId === personalConversationId(TEACHER) ? slowTeams : "accept");
    const lynneHad = remind.connector.sentTo(personalConversationId(LYNNE_IN_TEAMS)).length;

    const first = await remind.asLynne<RemindResult>("POST", "/api/headteacher/remind", {});
    assert.equal(first.status, 202);
    assert.equal(
      first.body.message,
      "Reminding 2 staff who have not acknowledged: 4 reminders for 2026/27. You will get a summary card in Teams when they have all gone.",
    );
    assert.deepEqual(first.body.queued, { cards: 4, people: 2 });

    const second = await remind.asLynne<ApiErrorBody>("POST", "/api/headteacher/remind", {});
    assert.equal(second.status, 409);
    assert.match(second.body.error.message, /^Reminders are already being sent: a run is still going\./);
    assert.equal(remind.connector.sentTo(personalConversationId(LYNNE_IN_TEAMS)).length, lynneHad, "no summary while Adele's cards are held");

    letThrough();
    const summary = await eventually(
      () => remind.connector.sentTo(personalConversationId(LYNNE_IN_TEAMS)).slice(lynneHad).map((sent) => cardText(sent.activity.attachments?.[0]?.content as AdaptiveCard)),
      (cards) => cards.length > 0,
      "the summary card in Lynne's chat",
    );
    assert.equal(summary.length, 1);
    assert.match(summary[0] ?? "", /^Reminders sent, 2026\/27\nSent 0 invitations and 4 reminders for 2026\/27\.$/);
    for (const user of [TEACHER, MEGAN]) assert.equal(cardsTo(user).filter((card) => /^Reminder: we first sent you this/m.test(card)).length, 2, user.name);

    // Once it has ended the button works again, and says why there is nothing to send.
    const third = await remind.asLynne<RemindResult>("POST", "/api/headteacher/remind", {});
    assert.equal(third.status, 200);
    assert.match(third.body.message, /^Nothing to send yet for 2026\/27: 4 acknowledgements are outstanding, but no reminder is due until /);
    assert.deepEqual(remind.errors, []);
  });

  it("answers 200 with why when nothing is due", async () => {
    clock.advanceDays(-8);
    const answer = await remind.asLynne<RemindResult>("POST", "/api/headteacher/remind", {});
    assert.equal(answer.status, 200);
    assert.match(answer.body.message, /^Nothing to send yet for 2026\/27: 4 acknowledgements are outstanding, but no reminder is due until /);
    assert.equal(answer.body.queued, undefined);
  });
});
