// npm run bench: the bot under 500 simulated staff. The real app in local mode (express, CloudAdapter,
// SQLite) and the Bot Connector stand-in, over loopback HTTP: installs per second, "I confirm" presses
// per second, and how much memory the app keeps per member of staff. Not part of npm test.
import { startBotTestApp, type BotTestApp } from "../tests/bot/bot-test-app.js";
import type { AdaptiveCard, ExecuteAction } from "../bot/cards/adaptive-card.js";
import { cardActionInvoke, installationUpdate, postActivity, testUser, type TestUser } from "../tests/support/teams-activities.js";
import { table } from "./text-table.js";

const STAFF = 500;
/** Requests in flight at once, as Teams delivers an org-wide install or a morning of presses. */
const CONCURRENCY = 8;
const WARM_UP_STAFF = 20;
const ACKNOWLEDGE = "policy.acknowledge";
/** Greeting and two policy cards. */
const ACTIVITIES_PER_INSTALL = 3;

function staffMember(n: number): TestUser {
  return testUser(`Staff Member${n}`, `dddddddd-0000-4000-8000-${String(n).padStart(12, "0")}`);
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

interface Memory {
  readonly rss: number;
  readonly heapUsed: number;
}

/** After a full collection when node runs with --expose-gc, so growth means memory kept, not garbage. */
function memory(): Memory {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

async function install(app: BotTestApp, person: TestUser): Promise<void> {
  const reply = await postActivity(app.url, installationUpdate(app.serviceUrl, person));
  if (reply.status !== 200) throw new Error(`Install for ${person.name} answered ${reply.status}`);
}

async function confirm(app: BotTestApp, person: TestUser, data: unknown): Promise<void> {
  const reply = await postActivity(app.url, cardActionInvoke(app.serviceUrl, person, { verb: ACKNOWLEDGE, data }));
  const answer = reply.body as { statusCode?: number; value?: { message?: string } } | undefined;
  if (reply.status !== 200 || answer?.statusCode !== 200) throw new Error(`"I confirm" for ${person.name} failed: ${JSON.stringify(reply)}`);
}

/** The data behind each card's "I confirm" button, as the cards sent on install carry it. */
function confirmButtons(app: BotTestApp): unknown[] {
  const cards = app.connector.sent.flatMap((s) => s.activity.attachments ?? []).map((a) => a.content as AdaptiveCard);
  const buttons = cards.flatMap((card) => card.actions ?? []).filter((a): a is ExecuteAction => a.type === "Action.Execute" && a.verb === ACKNOWLEDGE);
  return [...new Map(buttons.map((b) => [JSON.stringify(b.data), b.data])).values()];
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

const app = await startBotTestApp();
try {
  const staff = Array.from({ length: STAFF + WARM_UP_STAFF }, (_, n) => staffMember(n + 1));
  for (const person of staff) {
    app.connector.addMember({ id: person.id, name: person.name, aadObjectId: person.aadObjectId ?? "", userPrincipalName: person.upn });
  }
  const [warmUp, measured] = [staff.slice(0, WARM_UP_STAFF), staff.slice(WARM_UP_STAFF)];

  // Warm up (module loading, JIT, SQLite statements) and learn what the buttons carry.
  await inParallel(warmUp, CONCURRENCY, (person) => install(app, person));
  const buttons = confirmButtons(app);
  await inParallel(warmUp, CONCURRENCY, async (person) => {
    for (const data of buttons) await confirm(app, person, data);
  });
  // The stand-in keeps what it was sent; drop it so memory growth is the app's own.
  app.connector.sent.length = 0;
  const before = memory();

  const installSeconds = await timed(() => inParallel(measured, CONCURRENCY, (person) => install(app, person)));
  const sentOnInstall = app.connector.sent.length;
  app.connector.sent.length = 0;
  const afterInstalls = memory();

  const presses = measured.flatMap((person) => buttons.map((data) => ({ person, data })));
  const confirmSeconds = await timed(() => inParallel(presses, CONCURRENCY, ({ person, data }) => confirm(app, person, data)));
  const afterConfirms = memory();

  const recorded = (await app.running.services.records.listAcknowledgements({})).length - WARM_UP_STAFF * buttons.length;
  const checks = [
    sentOnInstall === STAFF * ACTIVITIES_PER_INSTALL || `connector received ${sentOnInstall} activities, expected ${STAFF * ACTIVITIES_PER_INSTALL}`,
    recorded === presses.length || `recorded ${recorded} acknowledgements for ${presses.length} presses`,
    app.errors.length === 0 || `the app logged errors: ${app.errors.slice(0, 3).join("; ")}`,
  ].filter((check): check is string => check !== true);
  if (checks.length) throw new Error(`Benchmark results are not trustworthy:\n- ${checks.join("\n- ")}`);

  const installsPerSecond = STAFF / installSeconds;
  const confirmsPerSecond = presses.length / confirmSeconds;
  const growth = { rss: afterConfirms.rss - before.rss, heap: afterConfirms.heapUsed - before.heapUsed };
  console.info(`${STAFF} staff, ${CONCURRENCY} requests in flight, local mode (SQLite), ${typeof (globalThis as { gc?: unknown }).gc === "function" ? "gc between phases" : "no --expose-gc: memory includes garbage"}\n`);
  console.info(
    table([
      { phase: "install", requests: STAFF, seconds: installSeconds.toFixed(2), "per second": installsPerSecond.toFixed(0), "connector activities": sentOnInstall },
      { phase: "I confirm", requests: presses.length, seconds: confirmSeconds.toFixed(2), "per second": confirmsPerSecond.toFixed(0), "connector activities": 0 },
    ]),
  );
  console.info("");
  console.info(
    table([
      { memory: "before", "RSS MB": mb(before.rss), "heap MB": mb(before.heapUsed) },
      { memory: "after installs", "RSS MB": mb(afterInstalls.rss), "heap MB": mb(afterInstalls.heapUsed) },
      { memory: "after confirms", "RSS MB": mb(afterConfirms.rss), "heap MB": mb(afterConfirms.heapUsed) },
    ]),
  );
  console.info("");
  console.info(
    table([
      { ratio: "confirms per second / installs per second", value: (confirmsPerSecond / installsPerSecond).toFixed(2) },
      { ratio: "connector activities per install", value: (sentOnInstall / STAFF).toFixed(2) },
      { ratio: "RSS growth per member of staff (KB)", value: (growth.rss / STAFF / 1024).toFixed(1) },
      { ratio: "heap growth per member of staff (KB)", value: (growth.heap / STAFF / 1024).toFixed(1) },
    ]),
  );
} finally {
  await app.close();
}
