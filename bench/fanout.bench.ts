// The fan-out engine at Teams' ceiling: 10,000 staff and a new version of the Acceptable Use Policy, so 10,000
// cards, against the Bot Connector stand-in enforcing 50 a second per app and 7 a second per conversation
// (429 + Retry-After) and answering each message after 60-120 ms. The app's reserve for replies is set to 0.
// First the old way (one send at a time, 250 ms apart) on a small run as the baseline. Not part of npm test.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { TurnContext, type Activity } from "botbuilder";
import { SqliteConversationStore } from "../bot/conversation-store.js";
import { openDatabase } from "../records/sqlite/database.js";
import { startBotTestApp, type BotTestApp } from "../tests/bot/bot-test-app.js";
import { staffMembers } from "../tests/bot/fan-out-staff.js";
import type { SentActivity } from "../tests/support/bot-connector-stand-in.js";
import { personalConversationId, textMessage, type TestUser } from "../tests/support/teams-activities.js";
import { table } from "./text-table.js";

const STAFF = Number(process.env.FANOUT_STAFF ?? 10_000);
const BASELINE_CARDS = 40;
const CEILING = 50;

/** Only the Acceptable Use Policy (and the laptop agreement, which is not for all staff): one card each. */
function policiesDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-bench-policies-"));
  for (const file of ["acceptable-use-policy.md", "laptop-loan-agreement.md"]) fs.copyFileSync(path.join("policies/content", file), path.join(dir, file));
  return dir;
}

/** Everyone has a chat with the bot, written in one transaction before the app starts. */
function seedChats(dataDir: string, serviceUrl: string, staff: readonly TestUser[]): void {
  const db = openDatabase(dataDir);
  const conversations = new SqliteConversationStore(db);
  db.transaction(() => {
    for (const person of staff) {
      const activity = textMessage(serviceUrl, person, "hello") as unknown as Activity;
      void conversations.save(person.aadObjectId ?? "", TurnContext.getConversationReference(activity));
    }
  })();
  db.close();
}

/** The stand-in keeps what it took; fold it into counts as it arrives, so its memory is not the app's. */
class Tally {
  readonly cards = new Map<string, number>();
  private timer: NodeJS.Timeout;
  constructor(private readonly sent: SentActivity[]) {
    this.timer = setInterval(() => this.fold(), 200);
  }
  fold(): void {
    for (const activity of this.sent.splice(0)) {
      if (!activity.activity.attachments?.length) continue;
      this.cards.set(activity.conversationId, (this.cards.get(activity.conversationId) ?? 0) + 1);
    }
  }
  stop(): void {
    clearInterval(this.timer);
    this.fold();
  }
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);

const staff = staffMembers(STAFF);
const baselineStaff = staffMembers(BASELINE_CARDS, "eeeeeeee");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-bench-fanout-"));
// The connector's address is known only once it starts; the stored references are rewritten to it below.
let app: BotTestApp | undefined;
try {
  seedChats(dataDir, "http://127.0.0.1:1/", staff);
  app = await startBotTestApp(undefined, undefined, {
    dataDir,
    env: { POLICIES_DIR: policiesDir(), TEAMS_MESSAGES_PER_SECOND: String(CEILING) },
    tuning: { retry: { maxAttempts: 5, firstDelayMs: 1_000, maxDelayMs: 30_000 }, limits: { marginMs: Number(process.env.FANOUT_MARGIN_MS ?? 25) } },
    connector: {
      limits: { perWindow: CEILING, perConversationPerWindow: 7, windowMs: 1_000, retryAfter: "1" },
      answerDelayMs: () => 60 + Math.random() * 60,
    },
  });
  const { bot } = app.running.services;
  for (const person of [...staff, ...baselineStaff]) {
    const activity = textMessage(app.serviceUrl, person, "hello") as unknown as Activity;
    await bot.conversations.save(person.aadObjectId ?? "", TurnContext.getConversationReference(activity));
  }
  const tally = new Tally(app.connector.sent);

  // Baseline: the old runner's way, a fixed 250 ms pause before each send, one at a time.
  const card = { type: "message", attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: { policyId: "baseline" } }] };
  let started = performance.now();
  for (const person of baselineStaff) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    await bot.fanOut.messenger.send(person.aadObjectId ?? "", card);
  }
  const baselinePerSecond = BASELINE_CARDS / ((performance.now() - started) / 1000);
  const throttledBefore = app.connector.throttled;

  started = performance.now();
  const loopBefore = performance.eventLoopUtilization();
  const summary = await bot.campaign.run();
  const seconds = (performance.now() - started) / 1000;
  const loopBusy = performance.eventLoopUtilization(loopBefore).utilization;
  tally.stop();

  const delivered = staff.reduce((total, person) => total + Math.min(1, tally.cards.get(personalConversationId(person)) ?? 0), 0);
  const missing = STAFF - delivered;
  const duplicates = staff.reduce((total, person) => total + Math.max(0, (tally.cards.get(personalConversationId(person)) ?? 0) - 1), 0);
  const perSecond = delivered / seconds;
  if (summary.failed || app.errors.length) console.info(`Warning: ${summary.failed} failed; errors: ${app.errors.slice(0, 3).join("; ")}`);

  console.info(`${STAFF} staff, one new policy version, stand-in limits ${CEILING}/s per app and 7/s per conversation, answers in 60-120 ms\n`);
  console.info(
    table([
      { run: `old: one at a time, 250 ms apart (${BASELINE_CARDS} cards)`, cards: BASELINE_CARDS, seconds: (BASELINE_CARDS / baselinePerSecond).toFixed(1), "cards/s": baselinePerSecond.toFixed(2), "ratio to 50/s": (baselinePerSecond / CEILING).toFixed(3) },
      { run: "fan-out engine, reserve 0", cards: delivered, seconds: seconds.toFixed(1), "cards/s": perSecond.toFixed(2), "ratio to 50/s": (perSecond / CEILING).toFixed(3) },
    ]),
  );
  console.info("");
  console.info(
    table([
      { figure: "speed-up over the old way", value: `${(perSecond / baselinePerSecond).toFixed(1)}x` },
      { figure: "429s from the stand-in (fan-out run)", value: app.connector.throttled - throttledBefore },
      { figure: "pauses for Retry-After (10 or more 429s in a second)", value: bot.fanOut.pacer.pauses },
      { figure: "event loop busy during the run (app and stand-in)", value: `${(loopBusy * 100).toFixed(0)}%` },
      { figure: "missing", value: missing },
      { figure: "duplicates", value: duplicates },
      { figure: "peak RSS (MB), whole process with the stand-in", value: mb(peakRss) },
      { figure: `${STAFF} cards the old way would take (min)`, value: (STAFF / baselinePerSecond / 60).toFixed(0) },
    ]),
  );
} finally {
  clearInterval(sampler);
  await app?.close();
}
