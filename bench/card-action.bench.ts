// npm run bench: how long a person waits after pressing "I confirm", against a bare botbuilder bot in the
// same run. Both sit behind a Bot Connector stand-in that answers in 80 ms, as Teams does from afar; the
// bare bot (CloudAdapter, a minimal ActivityHandler, express) answers the same adaptiveCard/action invoke
// with a static card, so the ratio is what the app adds. Also counts Teams calls per press, and times
// presses while the connector cannot be reached at all. Not part of npm test.
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type TurnContext } from "botbuilder";
import { startBotTestApp, type BotTestApp } from "../tests/bot/bot-test-app.js";
import type { AdaptiveCard, ExecuteAction } from "../bot/cards/adaptive-card.js";
import { BotConnectorStandIn } from "../tests/support/bot-connector-stand-in.js";
import { cardActionInvoke, installationUpdate, postActivity, testUser, type TestUser } from "../tests/support/teams-activities.js";
import { table } from "./text-table.js";

const CONNECTOR_ANSWER_MS = 80;
/** Presses measured on each bot: staff x the two policy cards. */
const STAFF = 200;
const WARM_UP_STAFF = 20;
/** Presses in flight at once, as a morning of staff confirming. */
const CONCURRENCY = 4;
/** Alternating rounds, so both bots see the same machine (other work on it comes and goes). */
const ROUNDS = 20;
const UNREACHABLE_STAFF = 50;
const ACKNOWLEDGE = "policy.acknowledge";

const staffMember = (n: number): TestUser => testUser(`Staff Member${n}`, `eeeeeeee-0000-4000-8000-${String(n).padStart(12, "0")}`);

interface Press {
  readonly person: TestUser;
  readonly data: unknown;
}

interface Bot {
  readonly url: string;
  readonly connector: BotConnectorStandIn;
}

/** The bare bot: what botbuilder costs with nothing of ours in the way. */
class StaticCardBot extends ActivityHandler {
  private static readonly card = {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    body: [{ type: "TextBlock", text: "Acknowledged", wrap: true }],
  };

  protected override onAdaptiveCardInvoke(_context: TurnContext, _value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    return Promise.resolve({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: StaticCardBot.card });
  }
}

async function startBareBot(): Promise<Bot & { close(): Promise<void> }> {
  // As botbuilder's samples build it; with no app id, authentication is off, as in the app's local mode.
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new StaticCardBot();
  const app = express();
  app.post("/api/messages", express.json(), (req, res) => void adapter.process(req, res, (context) => bot.run(context)));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const connector = await BotConnectorStandIn.start();
  connector.answerDelayMs = CONNECTOR_ANSWER_MS;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connector,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.close();
    },
  };
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

async function install(app: BotTestApp, people: readonly TestUser[]): Promise<void> {
  for (const person of people) {
    app.connector.addMember({ id: person.id, name: person.name, aadObjectId: person.aadObjectId ?? "", userPrincipalName: person.upn });
  }
  await inParallel(people, 8, async (person) => {
    const reply = await postActivity(app.url, installationUpdate(app.serviceUrl, person));
    if (reply.status !== 200) throw new Error(`Install for ${person.name} answered ${reply.status}`);
  });
}

/** Each press's latency in milliseconds, checking every answer is a card. */
async function pressAll(bot: Bot, presses: readonly Press[]): Promise<number[]> {
  const latencies: number[] = [];
  await inParallel(presses, CONCURRENCY, async ({ person, data }) => {
    const activity = cardActionInvoke(bot.connector.serviceUrl, person, { verb: ACKNOWLEDGE, data });
    const started = performance.now();
    const reply = await postActivity(bot.url, activity);
    latencies.push(performance.now() - started);
    const answer = reply.body as { statusCode?: number; type?: string } | undefined;
    if (reply.status !== 200 || answer?.statusCode !== 200 || answer.type !== "application/vnd.microsoft.card.adaptive") {
      throw new Error(`A press for ${person.name} was not answered with a card: ${JSON.stringify(reply).slice(0, 300)}`);
    }
  });
  return latencies;
}

/** Nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** The data behind each card's "I confirm" button, as the cards sent on install carry it. */
function confirmButtons(app: BotTestApp): unknown[] {
  const cards = app.connector.sent.flatMap((s) => s.activity.attachments ?? []).map((a) => a.content as AdaptiveCard);
  const buttons = cards.flatMap((card) => card.actions ?? []).filter((a): a is ExecuteAction => a.type === "Action.Execute" && a.verb === ACKNOWLEDGE);
  return [...new Map(buttons.map((b) => [JSON.stringify(b.data), b.data])).values()];
}

const presses = (people: readonly TestUser[], buttons: readonly unknown[]): Press[] => people.flatMap((person) => buttons.map((data) => ({ person, data })));

const app = await startBotTestApp();
const bare = await startBareBot();
try {
  app.connector.answerDelayMs = CONNECTOR_ANSWER_MS;
  const staff = Array.from({ length: WARM_UP_STAFF + STAFF + UNREACHABLE_STAFF }, (_, n) => staffMember(n + 1));
  const warmUp = staff.slice(0, WARM_UP_STAFF);
  const measured = staff.slice(WARM_UP_STAFF, WARM_UP_STAFF + STAFF);
  const offline = staff.slice(WARM_UP_STAFF + STAFF);
  await install(app, staff);
  const buttons = confirmButtons(app);
  if (buttons.length === 0) throw new Error("The install sent no 'I confirm' buttons");

  // Warm up both (module loading, JIT, SQLite statements, connection pools).
  await pressAll(app, presses(warmUp, buttons));
  await pressAll(bare, presses(warmUp, buttons));

  const appRequestsBefore = app.connector.requests.length;
  const bareRequestsBefore = bare.connector.requests.length;
  const all = presses(measured, buttons);
  const perRound = Math.ceil(all.length / ROUNDS);
  const latencies = { app: [] as number[], bare: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    const slice = all.slice(round * perRound, (round + 1) * perRound);
    // Who goes first alternates too.
    const order: ("app" | "bare")[] = round % 2 === 0 ? ["bare", "app"] : ["app", "bare"];
    for (const which of order) latencies[which].push(...(await pressAll(which === "app" ? app : bare, slice)));
  }
  const teamsCalls = { app: app.connector.requests.length - appRequestsBefore, bare: bare.connector.requests.length - bareRequestsBefore };

  // The connector now answers nothing at all: a press that waited on Teams would never be answered.
  app.connector.setReachable(false);
  const unreachable = await pressAll(app, presses(offline, buttons));
  const heldRequests = app.connector.requests.length - appRequestsBefore - teamsCalls.app;
  app.connector.setReachable(true);

  const recorded = (await app.running.services.records.listAcknowledgements({})).length;
  const expected = (WARM_UP_STAFF + STAFF + UNREACHABLE_STAFF) * buttons.length;
  const checks = [
    recorded === expected || `recorded ${recorded} acknowledgements for ${expected} presses`,
    app.errors.length === 0 || `the app logged errors: ${app.errors.slice(0, 3).join("; ")}`,
  ].filter((check): check is string => check !== true);
  if (checks.length) throw new Error(`Benchmark results are not trustworthy:\n- ${checks.join("\n- ")}`);

  const figures = (values: number[]) => ({ p50: percentile(values, 50), p99: percentile(values, 99) });
  const [appFigures, bareFigures, offlineFigures] = [figures(latencies.app), figures(latencies.bare), figures(unreachable)];
  const ms = (value: number): string => value.toFixed(1);
  console.info(
    `"I confirm" presses: ${all.length} per bot after ${WARM_UP_STAFF * buttons.length} warm-up presses, ${CONCURRENCY} in flight, ` +
      `${ROUNDS} alternating rounds; Bot Connector stand-in answering in ${CONNECTOR_ANSWER_MS} ms; app in local mode (SQLite)\n`,
  );
  console.info(
    table([
      { bot: "bare botbuilder bot (static card)", presses: latencies.bare.length, "p50 ms": ms(bareFigures.p50), "p99 ms": ms(bareFigures.p99), "Teams calls per press": (teamsCalls.bare / latencies.bare.length).toFixed(2) },
      { bot: "the app", presses: latencies.app.length, "p50 ms": ms(appFigures.p50), "p99 ms": ms(appFigures.p99), "Teams calls per press": (teamsCalls.app / latencies.app.length).toFixed(2) },
      { bot: "the app, connector unreachable", presses: unreachable.length, "p50 ms": ms(offlineFigures.p50), "p99 ms": ms(offlineFigures.p99), "Teams calls per press": (heldRequests / unreachable.length).toFixed(2) },
    ]),
  );
  console.info("");
  console.info(
    table([
      { ratio: "p50 app / bare", value: (appFigures.p50 / bareFigures.p50).toFixed(2), target: "" },
      { ratio: "p99 app / bare", value: (appFigures.p99 / bareFigures.p99).toFixed(2), target: "<= 1.2" },
      { ratio: "Teams calls per press (app)", value: (teamsCalls.app / latencies.app.length).toFixed(2), target: "0" },
    ]),
  );
} finally {
  await bare.close();
  await app.close();
}
