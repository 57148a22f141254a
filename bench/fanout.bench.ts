// The fan-out engine at Teams' ceiling: 10,000 staff and a new version of the Acceptable Use Policy, so 10,000
// cards, against the Bot Connector stand-in enforcing 50 a second per app and 7 a second per conversation
// (429 + Retry-After) and answering each message after 60-120 ms. The app's reserve for replies is set to 0.
// The stand-in runs in a child process (bench/fanout-connector.ts), as Teams is a separate service, so this
// process's memory is the app's. First the old way (one send at a time, 250 ms apart) on a small run as the
// baseline. Not part of npm test.
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { TurnContext, type Activity } from "botbuilder";
import { SqliteConversationStore } from "../bot/conversation-store.js";
import { openDatabase } from "../records/sqlite/database.js";
import { loadConfig } from "../server/config.js";
import { startApp, type RunningApp } from "../server/start.js";
import { fixedClock, HEADTEACHER, IT_TECHNICIAN } from "../tests/bot/bot-test-app.js";
import { staffMembers } from "../tests/bot/fan-out-staff.js";
import { personalConversationId, textMessage, type TestUser } from "../tests/support/teams-activities.js";
import type { ConnectorCommand, ConnectorReport } from "./fanout-connector.js";
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

/** The stand-in in its own process; resolves once it listens, with its address. */
function startConnector(): Promise<{ child: ChildProcess; serviceUrl: string }> {
  const child = fork(path.join(import.meta.dirname, "fanout-connector.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, FANOUT_CEILING: String(CEILING) },
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("message", (message: { serviceUrl: string }) => resolve({ child, serviceUrl: message.serviceUrl }));
  });
}

function ask(child: ChildProcess, command: ConnectorCommand): Promise<ConnectorReport> {
  return new Promise((resolve) => {
    child.once("message", resolve);
    child.send(command);
  });
}

/** The app as it runs in production (express, CloudAdapter, SQLite), pointed at the stand-in. */
async function startBenchApp(dataDir: string): Promise<{ running: RunningApp; errors: string[] }> {
  const config = loadConfig(
    {
      PORT: "0",
      DATA_DIR: dataDir,
      HEADTEACHER_AAD_OBJECT_ID: HEADTEACHER.aadObjectId ?? "",
      IT_TECHNICIAN_AAD_OBJECT_ID: IT_TECHNICIAN.aadObjectId ?? "",
      CAMPAIGN_CHECK_EVERY_MINUTES: "0",
      STAFF_ROSTER_FILE: "none",
      POLICIES_DIR: policiesDir(),
      TEAMS_MESSAGES_PER_SECOND: String(CEILING),
    },
    process.cwd(),
  );
  const errors: string[] = [];
  const running = await startApp(config, {
    clock: fixedClock,
    log: { info: () => undefined, error: (message, error) => errors.push(`${message}: ${String(error)}`) },
    alertRetry: { firstDelayMs: 20, maxDelayMs: 200, maxAttempts: 5 },
    deliveryTuning: {
      retry: { maxAttempts: 5, firstDelayMs: 1_000, maxDelayMs: 30_000 },
      ...(process.env.FANOUT_MARGIN_MS ? { limits: { marginMs: Number(process.env.FANOUT_MARGIN_MS) } } : {}),
    },
  });
  return { running, errors };
}

/** The app process's resident memory: sampled often, and the kernel's own high-water mark. */
let peakRss = 0;
const sampleRss = (): void => void (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const sampler = setInterval(sampleRss, 20);
const vmHwm = (): number => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) * 1024;
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);

const staff = staffMembers(STAFF);
const baselineStaff = staffMembers(BASELINE_CARDS, "eeeeeeee");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-bench-fanout-"));
const connector = await startConnector();
let app: { running: RunningApp; errors: string[] } | undefined;
try {
  seedChats(dataDir, connector.serviceUrl, [...staff, ...baselineStaff]);
  app = await startBenchApp(dataDir);
  const { bot } = app.running.services;
  const rssAtStart = process.memoryUsage().rss;

  // Baseline: the old runner's way, a fixed 250 ms pause before each send, one at a time.
  const card = { type: "message", attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: { policyId: "baseline" } }] };
  let started = performance.now();
  for (const person of baselineStaff) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    await bot.fanOut.messenger.send(person.aadObjectId ?? "", card);
  }
  const baselinePerSecond = BASELINE_CARDS / ((performance.now() - started) / 1000);
  const throttledBefore = (await ask(connector.child, "report")).throttled;

  started = performance.now();
  const loopBefore = performance.eventLoopUtilization();
  const summary = await bot.campaign.run();
  const seconds = (performance.now() - started) / 1000;
  const loopBusy = performance.eventLoopUtilization(loopBefore).utilization;
  sampleRss();
  const report = await ask(connector.child, "report");
  const cards = new Map(report.cards);

  const delivered = staff.reduce((total, person) => total + Math.min(1, cards.get(personalConversationId(person)) ?? 0), 0);
  const missing = STAFF - delivered;
  const duplicates = staff.reduce((total, person) => total + Math.max(0, (cards.get(personalConversationId(person)) ?? 0) - 1), 0);
  const perSecond = delivered / seconds;
  if (summary.failed || app.errors.length) console.info(`Warning: ${summary.failed} failed; errors: ${app.errors.slice(0, 3).join("; ")}`);

  console.info(`${STAFF} staff, one new policy version, stand-in (own process) limits ${CEILING}/s per app and 7/s per conversation, answers in 60-120 ms; load average ${os.loadavg().map((n) => n.toFixed(1)).join(" ")}\n`);
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
      { figure: "429s from the stand-in (fan-out run)", value: report.throttled - throttledBefore },
      { figure: "pauses for Retry-After (10 or more 429s in a second)", value: bot.fanOut.pacer.pauses },
      { figure: "app event loop busy during the run", value: `${(loopBusy * 100).toFixed(0)}%` },
      { figure: "missing", value: missing },
      { figure: "duplicates", value: duplicates },
      { figure: "app process RSS when started (MB)", value: mb(rssAtStart) },
      { figure: "app process peak RSS, sampled every 20 ms (MB)", value: mb(peakRss) },
      { figure: "app process VmHWM, kernel's high-water mark (MB)", value: mb(vmHwm()) },
      { figure: `${STAFF} cards the old way would take (min)`, value: (STAFF / baselinePerSecond / 60).toFixed(0) },
    ]),
  );
} finally {
  clearInterval(sampler);
  await app?.running.close();
  await ask(connector.child, "stop").catch(() => undefined);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
