// The fan-out engine at Teams' ceiling: 10,000 staff and a new version of the Acceptable Use Policy, so 10,000
// cards, against the Bot Connector stand-in enforcing 50 a second per app and 7 a second per conversation
// (429 + Retry-After) and answering each message after 60-120 ms. The app's reserve for replies is set to 0.
// Three processes, as in production: this one sets up and reports; the stand-in runs in its own (as Teams is a
// service of its own, bench/fanout-connector.ts); the app runs in its own, compiled by tsc and started with
// plain node with the flags infra/azure.bicep gives it (bench/fanout-app.ts), so its memory is the app's and not
// tsx's. FANOUT_NODE_OPTIONS=" " runs it with V8's defaults instead; FANOUT_STAFF a smaller run. First the
// old way (one send at a time, 250 ms apart) on a small run as the baseline. Not part of npm test.
import { execFileSync, fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TurnContext, type Activity } from "botbuilder";
import { SqliteConversationStore } from "../bot/conversation-store.js";
import { openDatabase } from "../records/sqlite/database.js";
import { staffMembers } from "../tests/bot/fan-out-staff.js";
import { personalConversationId, textMessage, type TestUser } from "../tests/support/teams-activities.js";
import type { AppFigures, AppSetup } from "./fanout-app.js";
import type { ConnectorCommand, ConnectorReport } from "./fanout-connector.js";
import { table } from "./text-table.js";

const STAFF = Number(process.env.FANOUT_STAFF ?? 10_000);
const BASELINE_CARDS = 40;
const CEILING = 50;
const COMPILED_APP = path.join("dist", "fanout-bench", "bench", "fanout-app.js");
/** Node's flags for the app as infra/azure.bicep starts it; FANOUT_NODE_OPTIONS=" " for V8's defaults, to compare. */
const APP_NODE_FLAGS = (process.env.FANOUT_NODE_OPTIONS ?? "--optimize-for-size").split(" ").filter(Boolean);

/** Only the Acceptable Use Policy (and the laptop agreement, which is not for all staff): one card each. */
function policiesDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-bench-policies-"));
  for (const file of ["acceptable-use-policy.md", "laptop-loan-agreement.md"]) fs.copyFileSync(path.join("policies/content", file), path.join(dir, file));
  return dir;
}

/** Everyone has a chat with the bot, written in one transaction before the app starts (not the app's work). */
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

/** A child process that says it is ready (the stand-in: with its address) once it is. */
function started<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`${String(child.spawnargs.at(-1))} exited with ${code}`)));
    child.once("message", (message: T) => resolve(message));
  });
}

function ask(child: ChildProcess, command: ConnectorCommand): Promise<ConnectorReport> {
  return new Promise((resolve) => {
    child.once("message", resolve);
    child.send(command);
  });
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);

// The app as `npm run build` compiles it: tsc, each module its own file (only what the app side imports).
if (!process.env.FANOUT_SKIP_BUILD) {
  execFileSync(process.execPath, [path.join("node_modules", "typescript", "bin", "tsc"), "-p", path.join("bench", "tsconfig.fanout-app.json")], { stdio: "inherit" });
}

const staff = staffMembers(STAFF);
const baselineStaff = staffMembers(BASELINE_CARDS, "eeeeeeee");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-bench-fanout-"));
const connector = fork(path.join(import.meta.dirname, "fanout-connector.ts"), [], { execArgv: ["--import", "tsx"], env: { ...process.env, FANOUT_CEILING: String(CEILING) } });
try {
  const { serviceUrl } = await started<{ serviceUrl: string }>(connector);
  seedChats(dataDir, serviceUrl, [...staff, ...baselineStaff]);
  const app = fork(COMPILED_APP, [], { execArgv: ["--expose-gc", ...APP_NODE_FLAGS] });
  await started<string>(app);
  const setup: AppSetup = {
    dataDir,
    policiesDir: policiesDir(),
    ceiling: CEILING,
    baselineIds: baselineStaff.map((person) => person.aadObjectId ?? ""),
    ...(process.env.FANOUT_MARGIN_MS ? { marginMs: Number(process.env.FANOUT_MARGIN_MS) } : {}),
  };
  app.send(setup);
  const figures = await started<AppFigures>(app);
  const report = await ask(connector, "report");
  const cards = new Map(report.cards);

  const delivered = staff.reduce((total, person) => total + Math.min(1, cards.get(personalConversationId(person)) ?? 0), 0);
  const missing = STAFF - delivered;
  const duplicates = staff.reduce((total, person) => total + Math.max(0, (cards.get(personalConversationId(person)) ?? 0) - 1), 0);
  const perSecond = delivered / figures.seconds;
  const { rss } = figures;
  if (figures.failed || figures.errors.length) console.info(`Warning: ${figures.failed} failed; errors: ${figures.errors.slice(0, 3).join("; ")}`);

  console.info(`${STAFF} staff, one new policy version, stand-in (own process) limits ${CEILING}/s per app and 7/s per conversation, answers in 60-120 ms; app compiled, plain node ${process.version} ${APP_NODE_FLAGS.join(" ") || "(V8's defaults)"}; load average ${os.loadavg().map((n) => n.toFixed(1)).join(" ")}\n`);
  console.info(
    table([
      { run: `old: one at a time, 250 ms apart (${BASELINE_CARDS} cards)`, cards: BASELINE_CARDS, seconds: (BASELINE_CARDS / figures.baselinePerSecond).toFixed(1), "cards/s": figures.baselinePerSecond.toFixed(2), "ratio to 50/s": (figures.baselinePerSecond / CEILING).toFixed(3) },
      { run: "fan-out engine, reserve 0", cards: delivered, seconds: figures.seconds.toFixed(1), "cards/s": perSecond.toFixed(2), "ratio to 50/s": (perSecond / CEILING).toFixed(3) },
    ]),
  );
  console.info("");
  console.info(
    table([
      { figure: "speed-up over the old way", value: `${(perSecond / figures.baselinePerSecond).toFixed(1)}x` },
      { figure: "429s from the stand-in (fan-out run)", value: figures.throttles },
      { figure: "pauses for Retry-After (10 or more 429s in a second)", value: figures.pauses },
      { figure: "app event loop busy during the run", value: `${(figures.loopBusy * 100).toFixed(0)}%` },
      { figure: "app event loop's longest stall during the run (ms)", value: figures.longestStallMs.toFixed(0) },
      { figure: "missing", value: missing },
      { figure: "duplicates", value: duplicates },
      { figure: "app RSS: node alone, at launch (MB)", value: mb(rss.launch) },
      { figure: "app RSS: its modules loaded (MB)", value: mb(rss.modules) },
      { figure: "app RSS: started and idle, after GC (MB)", value: mb(rss.idle) },
      { figure: "app peak RSS during the run, sampled every 20 ms (MB)", value: mb(rss.peak) },
      { figure: "app growth during the run: peak above idle (MB)", value: mb(rss.peak - rss.idle) },
      { figure: "app high-water mark since launch, the kernel's maxRSS (MB)", value: mb(rss.hwm) },
      { figure: "app heap used after the run, after GC (MB)", value: mb(figures.heapUsedAfterRun) },
      { figure: `${STAFF} cards the old way would take (min)`, value: (STAFF / figures.baselinePerSecond / 60).toFixed(0) },
    ]),
  );
} finally {
  await ask(connector, "stop").catch(() => undefined);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
