import assert from "node:assert/strict";
import type { Activity } from "botbuilder";
import { CredentialExpiryWatch, type WatchedCredential } from "../../bot/credentials/credential-expiry-watch.js";
import type { ProactiveSender } from "../../bot/proactive-messenger.js";
import type { AdaptiveCard } from "../../bot/cards/adaptive-card.js";
import { openDatabase } from "../../records/sqlite/database.js";
import { loadConfig } from "../../server/config.js";
import { startApp, type RunningApp } from "../../server/start.js";
import { cardText, cardWarnings } from "../support/adaptive-cards.js";
import type { GraphStandIn } from "../support/graph-stand-in/graph-stand-in.js";
import { startStandIn, tempDir, tenantEnv } from "../records/support/sharepoint-fixture.js";

const TECHNICIAN = "6c5b4a3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d";
const EXPIRES = new Date("2027-05-29T09:00:00Z");
const DAY = 86_400_000;

/** Records what the bot would send to each person's chat. */
class SentCards implements ProactiveSender {
  readonly sent: { to: string; card: AdaptiveCard }[] = [];
  send(recipientId: string, activity: Partial<Activity>): Promise<void> {
    this.sent.push({ to: recipientId, card: activity.attachments?.[0]?.content as AdaptiveCard });
    return Promise.resolve();
  }
}

describe("secrets that expire: the IT technician is told in time", () => {
  const credential: WatchedCredential = {
    setting: "SECRET_BOT_PASSWORD",
    label: "the bot's client secret (every message the bot sends)",
    expiresAt: EXPIRES,
    renewal: "create a new client secret (az ad app credential reset --id 6c1d2e3f-4a5b-4c6d-8e7f-8a9b0c1d2e3f --append --years 1 …)",
  };

  it("sends one card 30 days before and one 7 days before, never twice, even after a restart", async () => {
    const db = openDatabase(tempDir());
    let now = EXPIRES.getTime() - 31 * DAY;
    const clock = { now: () => new Date(now) };
    const cards = new SentCards();
    const quiet = { info: () => undefined, error: () => undefined };
    const watch = (): CredentialExpiryWatch => new CredentialExpiryWatch([credential], [TECHNICIAN], cards, db, clock, quiet);

    assert.equal(await watch().check(), 0, "31 days before: nothing yet");
    now = EXPIRES.getTime() - 30 * DAY;
    assert.equal(await watch().check(), 1);
    assert.equal(await watch().check(), 0, "the 30-day card is not sent again (a restart included)");
    now = EXPIRES.getTime() - 8 * DAY;
    assert.equal(await watch().check(), 0);
    now = EXPIRES.getTime() - 7 * DAY + 3_600_000;
    assert.equal(await watch().check(), 1);
    assert.equal(await watch().check(), 0);

    assert.deepEqual(cards.sent.map((sent) => sent.to), [TECHNICIAN, TECHNICIAN]);
    const [first, second] = cards.sent.map((sent) => cardText(sent.card));
    assert.match(first ?? "", /A secret the IT Acceptable Use app needs expires in 30 days/);
    assert.match(first ?? "", /On 29 May 2027, 10:00 the bot's client secret .* stops working\. After that the app cannot send any message in Teams/);
    assert.match(first ?? "", /Setting SECRET_BOT_PASSWORD/);
    assert.match(first ?? "", /az ad app credential reset --id 6c1d2e3f-/);
    assert.match(second ?? "", /expires in 7 days/);
    assert.deepEqual(cardWarnings(cards.sent[0]?.card as AdaptiveCard), []);
    db.close();
  });

  it("a first start 5 days before the end sends the 7-day card only", async () => {
    const db = openDatabase(tempDir());
    const cards = new SentCards();
    const clock = { now: () => new Date(EXPIRES.getTime() - 5 * DAY) };
    const watch = new CredentialExpiryWatch([credential], [TECHNICIAN], cards, db, clock, { info: () => undefined, error: () => undefined });
    assert.equal(await watch.check(), 1);
    assert.match(cardText(cards.sent[0]?.card), /expires in 5 days/);
    assert.deepEqual(watch.status(), [{ setting: "SECRET_BOT_PASSWORD", expiresAt: EXPIRES.toISOString(), daysLeft: 5, expired: false }]);
    db.close();
  });
});

describe("/healthz once a secret has expired", () => {
  let standIn: GraphStandIn;
  let app: RunningApp | undefined;
  const errors: string[] = [];

  before(async () => {
    standIn = await startStandIn();
  });
  after(async () => {
    await app?.close();
    await standIn.close();
  });

  it("answers degraded, naming the secret and where the renewal steps are", async () => {
    const env = {
      ...tenantEnv(standIn, tempDir()),
      CAMPAIGN_CHECK_EVERY_MINUTES: "0",
      SECRET_BOT_PASSWORD_EXPIRES_AT: "2026-11-01T09:00:00Z",
      SECRET_AAD_APP_CLIENT_SECRET_EXPIRES_AT: "2027-05-01T09:00:00Z",
    };
    const now = new Date("2026-11-30T09:00:00Z");
    app = await startApp(loadConfig(env), { log: { info: () => undefined, error: (message) => errors.push(message) }, opsClock: { now: () => now } });
    const health = (await (await fetch(`${app.url}/healthz`)).json()) as { status: string; reasons: string[]; credentials: { setting: string; daysLeft: number; expired: boolean }[] };
    assert.equal(health.status, "degraded");
    assert.deepEqual(health.reasons, ['SECRET_BOT_PASSWORD expired on 2026-11-01T09:00:00.000Z: renew it (infra/README.md, "Renewing a secret").']);
    assert.deepEqual(
      health.credentials.map((c) => [c.setting, c.daysLeft, c.expired]),
      [
        ["SECRET_AAD_APP_CLIENT_SECRET", 152, false],
        ["SECRET_BOT_PASSWORD", 0, true],
      ],
    );
    assert.ok(errors.some((line) => line.startsWith("Health is degraded: SECRET_BOT_PASSWORD expired")), "the change to degraded is logged for the alert rule");
  });
});
