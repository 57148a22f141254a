// npm run bench: requests per record and records per second, draining the outbox into the Graph stand-in.
// Not part of npm test. Budget scenarios run on a simulated clock (SharePoint's budget is per minute).
import { openDatabase } from "../records/sqlite/database.js";
import { openSharePointOutbox } from "../records/outbox/sharepoint-outbox.js";
import { provisionLists } from "../records/sharepoint/provision-lists.js";
import { systemClock } from "../records/types.js";
import { realSleep } from "../records/graph/resource-unit-pacer.js";
import type { Fault, StandInOptions } from "../tests/support/graph-stand-in/graph-stand-in.js";
import { SteppingClock, TENANT, graphFor, makeAcknowledgement, recordIdCounts, startStandIn, tempDir } from "../tests/records/support/sharepoint-fixture.js";
import { table } from "./text-table.js";

interface Scenario {
  readonly name: string;
  readonly records: number;
  /** What the writer believes its budget is (RU a minute). */
  readonly writerBudget: number;
  readonly standIn?: Partial<StandInOptions>;
  readonly faults?: readonly Fault[];
  readonly simulated: boolean;
}

const SMALLEST_TIER = { units: 1_200, windowMs: 60_000 };

const scenarios: Scenario[] = [
  { name: "no throttling", records: 2_000, writerBudget: 10_000_000, simulated: false },
  {
    name: "429/503 stretches (Retry-After 1 s)",
    records: 1_000,
    writerBudget: 10_000_000,
    simulated: false,
    faults: [
      { scope: "request", kind: 429, retryAfterSeconds: 1, times: 3 },
      { scope: "part", kind: 503, retryAfterSeconds: 1, times: 60 },
      { scope: "part", kind: 429, retryAfterSeconds: 1, times: 60 },
      { scope: "request", kind: "drop-after", times: 2 },
    ],
  },
  { name: "1,200 RU/min budget, paced", records: 2_000, writerBudget: 1_200, simulated: true, standIn: { budget: SMALLEST_TIER } },
  { name: "1,200 RU/min budget, unpaced", records: 2_000, writerBudget: 12_000, simulated: true, standIn: { budget: SMALLEST_TIER } },
];

async function run(scenario: Scenario): Promise<Record<string, string | number>> {
  const simulated = new SteppingClock();
  const clock = scenario.simulated ? simulated : systemClock;
  const sleep = scenario.simulated ? simulated.sleep : realSleep;
  const standIn = await startStandIn({ ...scenario.standIn, now: () => clock.now().getTime() });
  try {
    const graph = graphFor(standIn, scenario.simulated ? simulated : undefined, scenario.writerBudget);
    await provisionLists(graph, TENANT.siteId);
    const db = openDatabase(tempDir());
    const { store, writer } = openSharePointOutbox(db, graph, { siteId: TENANT.siteId, log: { info: () => undefined, error: () => undefined }, clock, sleep });
    for (let n = 0; n < scenario.records; n++) await store.saveAcknowledgement(makeAcknowledgement(n));
    Object.assign(standIn.counters, { graphRequests: 0, batches: 0, throttled: 0 });
    standIn.faults.push(...scenario.faults?.map((fault) => ({ ...fault })) ?? []);

    const started = clock.now().getTime();
    const wallStarted = performance.now();
    await writer.drainUntilIdle();
    const seconds = (clock.now().getTime() - started) / 1000;
    const wallSeconds = (performance.now() - wallStarted) / 1000;
    db.close();

    const counts = recordIdCounts(standIn, "AUP acknowledgements");
    const exactlyOnce = counts.size === scenario.records && [...counts.values()].every((count) => count === 1);
    return {
      scenario: scenario.name,
      records: scenario.records,
      "graph requests": standIn.counters.graphRequests,
      "requests/record": (standIn.counters.graphRequests / scenario.records).toFixed(3),
      "429s": standIn.counters.throttled,
      seconds: `${seconds.toFixed(1)}${scenario.simulated ? " (simulated)" : ""}`,
      "records/s": (scenario.records / seconds).toFixed(1),
      "wall s": wallSeconds.toFixed(2),
      "exactly once": exactlyOnce ? "yes" : "NO",
    };
  } finally {
    await standIn.close();
  }
}

const rows = [];
for (const scenario of scenarios) rows.push(await run(scenario));
console.info(table(rows));
