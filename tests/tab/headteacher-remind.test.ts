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
import { cardActionInvoke, installationUpdate, personalConversationId, postActivity, testUser } from "../support/teams-activities.js";

/** The local demo person the tab signs in as; the headteacher here. */
const LYNNE = { id: "00000000-0000-0000-0000-0000000000025", displayName: "Lynne Robbins" };
const TEACHER = testUser("Adele Vance", "aaaaaaaa-0000-4000-8000-000000000003");
const NOW = new Date("2026-11-28T10:00:00.000Z");

describe("headteacher's remind now, through the bot", () => {
  let app: RunningApp;
  let connector: BotConnectorStandIn;
  let dataDir: string;
  const errors: string[] = [];

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-remind-"));
    const config = loadConfig({ PORT: "0", DATA_DIR: dataDir, HEADTEACHER_AAD_OBJECT_ID: LYNNE.id, CAMPAIGN_CHECK_EVERY_MINUTES: "0" });
    app = await startApp(config, { clock: { now: () => NOW }, log: { info: () => undefined, error: (message) => void errors.push(message) } });
    connector = await BotConnectorStandIn.start();
    connector.addMember({ id: TEACHER.id, name: TEACHER.name, aadObjectId: TEACHER.aadObjectId ?? "", userPrincipalName: TEACHER.upn });
  });
  after(async () => {
    await app.close();
    await connector.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function asLynne<T>(method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
    const issued = (await (
      await fetch(`${app.url}/local-auth/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ personId: LYNNE.id }) })
    ).json()) as { accessToken: string };
    const response = await fetch(app.url + route, {
      method,
      headers: { authorization: `Bearer ${issued.accessToken}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  it("sends one person the cards they still owe, as reminders, and the glance shows them", async () => {
    await postActivity(app.url, installationUpdate(connector.serviceUrl, TEACHER));
    await postActivity(
      app.url,
      cardActionInvoke(connector.serviceUrl, TEACHER, {
        verb: "policy.acknowledge",
        data: { policyId: "acceptable-use-policy", policyVersion: "2026.1", cycle: "2026/27", verb: "policy.acknowledge" },
      }),
    );
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
