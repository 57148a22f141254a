// Builds the one pace, the durable delivery table and the engine that every proactive message shares.
import type { CloudAdapter } from "botbuilder";
import type { SqliteDatabase } from "../../records/sqlite/database.js";
import type { ConversationStore } from "../conversation-store.js";
import { ProactiveMessenger } from "../proactive-messenger.js";
import { DEFAULT_DELIVERY_RETRY, DeliveryEngine, type DeliveryRetry } from "./delivery-engine.js";
import type { DeliveryOutcomes } from "./delivery-outcomes.js";
import { DeliveryStore } from "./delivery-store.js";
import { SlidingWindowPacer, TEAMS_LIMITS, realTimer, type PacingTimer, type RateLimits } from "./rate-limiter.js";

/** What tests and benchmarks change: a shorter window so they need not wait, quicker retries. */
export interface DeliveryTuning {
  readonly limits?: Partial<RateLimits>;
  readonly retry?: Partial<DeliveryRetry>;
  readonly concurrency?: number;
  readonly timer?: PacingTimer;
}

export interface FanOut {
  readonly pacer: SlidingWindowPacer;
  readonly messenger: ProactiveMessenger;
  readonly store: DeliveryStore;
  readonly engine: DeliveryEngine;
}

export interface FanOutOptions {
  readonly adapter: CloudAdapter;
  readonly botAppId: string;
  readonly conversations: ConversationStore;
  readonly db: SqliteDatabase;
  readonly messagesPerSecond: number;
  readonly outcomes: DeliveryOutcomes;
  readonly log: { info(message: string): void; error(message: string, error?: unknown): void };
  readonly tuning?: DeliveryTuning;
}

/** Enough requests in flight to keep 50 a second going while each takes Teams a few hundred milliseconds. */
const CONCURRENCY = 24;

export function createFanOut(options: FanOutOptions): FanOut {
  const { tuning = {} } = options;
  const limits: RateLimits = { ...TEAMS_LIMITS, perWindow: options.messagesPerSecond, ...tuning.limits };
  const pacer = new SlidingWindowPacer(limits, tuning.timer ?? realTimer);
  const messenger = new ProactiveMessenger(options.adapter, options.botAppId, options.conversations, pacer);
  const store = new DeliveryStore(options.db);
  const engine = new DeliveryEngine({
    store,
    sender: messenger,
    outcomes: options.outcomes,
    retry: { ...DEFAULT_DELIVERY_RETRY, ...tuning.retry },
    concurrency: tuning.concurrency ?? CONCURRENCY,
    log: options.log,
  });
  return { pacer, messenger, store, engine };
}
