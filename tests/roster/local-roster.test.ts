import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AdaptiveCard, OpenUrlAction } from "../../bot/cards/adaptive-card.js";
import { LOCAL_PLAYGROUND_USER_ID, loadConfig } from "../../server/config.js";
import { startApp, type RunningApp } from "../../server/start.js";
import { MovableClock } from "../support/movable-clock.js";
import { cardText, cardWarnings } from "../support/adaptive-cards.js";
import { BotConnectorStandIn } from "../support/bot-connector-stand-in.js";
import { cardActionInvoke, installationUpdate, personalConversationId, postActivity, textMessage, testUser } from "../support/teams-activities.js";

/** A Thursday of the autumn term: the 2026/27 cycle. */
const ROSTER_START = "2026-11-26T10:00:00.000Z";
/** The Agents Playground's user: locally also the headteacher. */
const ALEX = testUser("Alex Wilber", LOCAL_PLAYGROUND_USER_ID);

describe("local mode: the demo staff roster, reached and not reached", () => {
  let app: RunningApp;
  let connector: BotConnectorStandIn;
  let clock: MovableClock;
  let dataDir: string;
  const errors: string[] = [];

  const start = async (env: Record<string, string> = {}): Promise<void> => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-roster-"));
    const config = loadConfig({ PORT: "0", DATA_DIR: dataDir, CAMPAIGN_CHECK_EVERY_MINUTES: "0", ...env }, process.cwd());
    app = await startApp(config, { clock, rosterRefreshDelayMs: 0, log: { info: () => undefined, error: (message, error) => errors.push(`${message}: ${String(error)}`) } });
    await app.services.bot.roster.service.idle();
  };
  beforeEach(async () => {
    errors.length = 0;
    clock = new MovableClock(ROSTER_START);
    connector = await BotConnectorStandIn.start();
    connector.addMember({ id: ALEX.id, name: ALEX.name, aadObjectId: ALEX.aadObjectId ?? "", userPrincipalName: ALEX.upn });
  });
  afterEach(async () => {
    await app.close();
    await connector.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const say = (text: string) => postActivity(app.url, textMessage(connector.serviceUrl, ALEX, text));
  const cardsToAlex = (): AdaptiveCard[] =>
    connector.sentTo(personalConversationId(ALEX)).flatMap((sent) => (sent.activity.attachments ?? []).map((a) => a.content as AdaptiveCard));
  const lastCard = (): AdaptiveCard => cardsToAlex().at(-1) as AdaptiveCard;

  it("counts against all ten demo staff in 'campaign', the digest and /records, naming who was never reached", async () => {
    await start();
    await postActivity(app.url, installationUpdate(connector.serviceUrl, ALEX));
    await postActivity(
      app.url,
      cardActionInvoke(connector.serviceUrl, ALEX, {
        verb: "policy.acknowledge",
        data: { policyId: "acceptable-use-policy", policyVersion: "2026.1", cycle: "2026/27" },
      }),
    );

    await say("campaign");
    const overview = lastCard();
    const seen = cardText(overview);
    assert.match(seen, /Staff IT Acceptable Use Policy 1 of 10 staff/);
    assert.match(seen, /Employee Guidance on the Use of Social Media 0 of 10 staff/);
    assert.match(seen, /- \*\*Alex Wilber\*\*: Employee Guidance on the Use of Social Media \(first sent 26 November 2026\)/);
    assert.match(seen, /Not reached \(9\)/);
    assert.match(seen, /- \*\*Megan Bowen\*\*: Not reached yet\. Has not opened the app yet\./);
    assert.match(seen, /- \*\*Lee Gu\*\*: Not reached yet\./);
    assert.doesNotMatch(seen, /Alex Wilber\*\*: Not reached/);
    assert.equal((overview.actions?.[0] as OpenUrlAction | undefined)?.url, `${app.url}/records#staff-status`);
    assert.deepEqual(cardWarnings(overview), []);

    // Two reminders a week apart, then the digest: only Alex, who has the app, was chased.
    for (const days of [7, 7, 7]) {
      clock.advanceDays(days);
      await app.services.bot.campaign.run();
    }
    const digest = cardsToAlex().find((card) => cardText(card).includes("overdue"));
    assert.ok(digest, "the headteacher got the digest");
    const digestText = cardText(digest);
    assert.match(digestText, /1 acknowledgement is still outstanding after 2 reminders/);
    assert.match(digestText, /Employee Guidance on the Use of Social Media 0 of 10 staff/);
    assert.match(digestText, /Not reached \(9\)/);
    assert.match(digestText, /Adele Vance\*\*: Not reached yet\. Has not opened the app yet\./);

    const page = await (await fetch(`${app.url}/records`)).text();
    assert.match(page, /<h2 id="staff-status">Staff status, 2026\/27<\/h2>/);
    assert.match(page, /Reached: 1 · Not reached yet: 9/);
    assert.match(page, /Staff IT Acceptable Use Policy: <strong>1 of 10 staff<\/strong>/);
    assert.match(
      page,
      /<tr><td>Alex Wilber<\/td><td>alexw@example\.com<\/td><td>00000000-0000-0000-0000-0000000000020<\/td><td>Reached<\/td><td><\/td><td><time datetime="2026-11-26T10:00:00\.000Z">26 Nov 2026, 10:00<\/time><\/td><td><time datetime="2026-12-10T10:00:00\.000Z">10 Dec 2026, 10:00<\/time><\/td><td><time datetime="2026-11-26T10:00:00\.000Z">/,
    );
    assert.match(page, /<tr><td>Megan Bowen<\/td><td>meganb@example\.com<\/td><td>[^<]+<\/td><td>Not reached yet<\/td><td>Has not opened the app yet\.<\/td><td><\/td><td><\/td><td><\/td><td><\/td><\/tr>/);
    const csv = await (await fetch(`${app.url}/records/staff-status.csv`)).text();
    assert.equal(csv.trim().split(/\r?\n/).length, 11, "a header and one line per member of staff");
    assert.deepEqual(errors, []);
  });

  it("says which roster file it could not read, and still counts whoever opens the app", async () => {
    const broken = path.join(os.tmpdir(), `aup-broken-roster-${process.pid}.json`);
    fs.writeFileSync(broken, JSON.stringify({ staff: [{ id: "x" }] }));
    try {
      await start({ STAFF_ROSTER_FILE: broken });
    } finally {
      fs.rmSync(broken, { force: true });
    }
    assert.equal(errors.length, 1);
    assert.match(errors[0] ?? "", new RegExp(`The staff roster file ${broken.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: entry 1 needs an "id" and a "displayName"`));

    await postActivity(app.url, installationUpdate(connector.serviceUrl, ALEX));
    await say("campaign");
    assert.match(cardText(lastCard()), /Staff IT Acceptable Use Policy 0 of 1 staff/);
  });
});
