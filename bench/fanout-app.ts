// The app's side of bench/fanout.bench.ts: the app as production runs it (compiled by tsc, plain node, no tsx),
// in a process of its own, so its memory and event loop are the app's alone. Started by the benchmark with the
// data folder already seeded; reports its figures over IPC. Memory is read at each stage: node alone, the app's
// modules loaded, the app started and idle (after a full GC: the baseline), and the peak during the run.
import { performance } from "node:perf_hooks";
import type { RunningApp } from "../server/start.js";

export interface AppFigures {
  readonly baselinePerSecond: number;
  readonly seconds: number;
  readonly failed: number;
  readonly errors: string[];
  readonly loopBusy: number;
  /** Longest the event loop was held during the run, from a timer that should fire every 10 ms. */
  readonly longestStallMs: number;
  readonly throttles: number;
  readonly pauses: number;
  readonly rss: { readonly launch: number; readonly modules: number; readonly idle: number; readonly peak: number; readonly hwm: number };
  readonly heapUsedAfterRun: number;
}

export interface AppSetup {
  readonly dataDir: string;
  readonly policiesDir: string;
  readonly ceiling: number;
  readonly baselineIds: readonly string[];
  readonly marginMs?: number;
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const rssAtLaunch = process.memoryUsage.rss();
let peakRss = 0;
const sampleRss = (): void => void (peakRss = Math.max(peakRss, process.memoryUsage.rss()));

// Loaded here, after the first reading, so the modules' share is known.
const { loadConfig } = await import("../server/config.js");
const { startApp } = await import("../server/start.js");
const rssWithModules = process.memoryUsage.rss();

/** Thursday of the autumn term (the 2026/27 cycle), as the tests' clock; the people are the tests' headteacher and technician. */
const NOW = new Date("2026-11-28T10:00:00.000Z");

async function startBenchApp(setup: AppSetup, errors: string[]): Promise<RunningApp> {
  const config = loadConfig(
    {
      PORT: "0",
      DATA_DIR: setup.dataDir,
      HEADTEACHER_AAD_OBJECT_ID: "aaaaaaaa-0000-4000-8000-000000000001",
      IT_TECHNICIAN_AAD_OBJECT_ID: "aaaaaaaa-0000-4000-8000-000000000002",
      CAMPAIGN_CHECK_EVERY_MINUTES: "0",
      STAFF_ROSTER_FILE: "none",
      POLICIES_DIR: setup.policiesDir,
      TEAMS_MESSAGES_PER_SECOND: String(setup.ceiling),
    },
    process.cwd(),
  );
  return startApp(config, {
    clock: { now: () => NOW },
    log: { info: () => undefined, error: (message, error) => errors.push(`${message}: ${String(error)}`) },
    alertRetry: { firstDelayMs: 20, maxDelayMs: 200, maxAttempts: 5 },
    deliveryTuning: {
      retry: { maxAttempts: 5, firstDelayMs: 1_000, maxDelayMs: 30_000 },
      ...(setup.marginMs === undefined ? {} : { limits: { marginMs: setup.marginMs } }),
    },
  });
}

async function run(setup: AppSetup): Promise<AppFigures> {
  const errors: string[] = [];
  const running = await startBenchApp(setup, errors);
  try {
    const { bot } = running.services;
    // Idle: the start-up sync and its status rows done, garbage collected; growth is measured from here.
    await bot.roster.service.idle();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    gc();
    const idleRss = process.memoryUsage.rss();
    peakRss = idleRss;
    const sampler = setInterval(sampleRss, 20);
    // FANOUT_TRACE=1: the process's memory every half second on stderr, to see what grows when.
    const t0 = performance.now();
    const trace = process.env.FANOUT_TRACE
      ? setInterval(() => {
          const m = process.memoryUsage();
          const f = (n: number): string => (n / 1048576).toFixed(0);
          console.error(`${((performance.now() - t0) / 1000).toFixed(1)}s rss ${f(m.rss)} heapTotal ${f(m.heapTotal)} heapUsed ${f(m.heapUsed)} external ${f(m.external)} buffers ${f(m.arrayBuffers)}`);
        }, 500)
      : undefined;

    // Baseline: the old runner's way, a fixed 250 ms pause before each send, one at a time.
    const card = { type: "message", attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: { policyId: "baseline" } }] };
    let started = performance.now();
    for (const id of setup.baselineIds) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      await bot.fanOut.messenger.send(id, card);
    }
    const baselinePerSecond = setup.baselineIds.length / ((performance.now() - started) / 1000);
    const throttlesBefore = bot.fanOut.pacer.throttles;

    let longestStallMs = 0;
    let tick = performance.now();
    const stallWatch = setInterval(() => {
      const now = performance.now();
      longestStallMs = Math.max(longestStallMs, now - tick - 10);
      if (trace && now - tick > 100) console.error(`${((now - t0) / 1000).toFixed(1)}s stall ${(now - tick - 10).toFixed(0)} ms`);
      tick = now;
    }, 10);
    // FANOUT_SNAPSHOT=<seconds>: heap snapshots at the start of the run and that many seconds in, to see what is kept.
    const snapshotAfter = Number(process.env.FANOUT_SNAPSHOT ?? 0);
    if (snapshotAfter > 0) {
      const v8 = await import("node:v8");
      console.error(v8.writeHeapSnapshot(`/tmp/fanout-start.heapsnapshot`));
      setTimeout(() => console.error(v8.writeHeapSnapshot(`/tmp/fanout-during.heapsnapshot`)), snapshotAfter * 1000).unref();
    }
    started = performance.now();
    const loopBefore = performance.eventLoopUtilization();
    const summary = await bot.campaign.run();
    const seconds = (performance.now() - started) / 1000;
    const loopBusy = performance.eventLoopUtilization(loopBefore).utilization;
    clearInterval(stallWatch);
    clearInterval(sampler);
    clearInterval(trace);
    sampleRss();
    gc();
    return {
      baselinePerSecond,
      seconds,
      failed: summary.failed,
      errors,
      loopBusy,
      longestStallMs,
      throttles: bot.fanOut.pacer.throttles - throttlesBefore,
      pauses: bot.fanOut.pacer.pauses,
      rss: { launch: rssAtLaunch, modules: rssWithModules, idle: idleRss, peak: peakRss, hwm: highWaterMark() },
      heapUsedAfterRun: process.memoryUsage().heapUsed,
    };
  } finally {
    await running.close();
  }
}

/** The kernel's own high-water mark of this process's resident memory (since launch). */
function highWaterMark(): number {
  return process.resourceUsage().maxRSS * 1024;
}

process.once("message", (setup: AppSetup) => {
  run(setup).then(
    (figures) => process.send?.(figures, () => process.disconnect()),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
process.send?.("ready");
