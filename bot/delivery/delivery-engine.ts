import { ThrottledError } from "../../records/errors.js";
import type { ProactiveSender } from "../proactive-messenger.js";
import { UnreachableError } from "./delivery-errors.js";
import type { DeliveryOutcomes, UnreachableReason } from "./delivery-outcomes.js";
import type { Delivery, DeliveryItem, DeliveryStore } from "./delivery-store.js";
import { DrainLoop } from "./drain-loop.js";
import { PacerClosedError } from "./rate-limiter.js";

export interface DeliveryRetry {
  /** Failed attempts (not counting 429s) before a message is marked failed with its reason. */
  readonly maxAttempts: number;
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  /** 429s one message may meet before it is marked failed: the pace is wrong somewhere if this is reached. */
  readonly maxThrottles: number;
}

export const DEFAULT_DELIVERY_RETRY: DeliveryRetry = { maxAttempts: 5, firstDelayMs: 2_000, maxDelayMs: 5 * 60_000, maxThrottles: 30 };

export type DeliveryEnd = "sent" | "failed" | "unreachable";

/** Told how each message of its kind ended, including messages queued before a restart. */
export type SettledHandler = (delivery: Delivery, end: DeliveryEnd) => void;

export interface DeliveryEngineOptions {
  readonly store: DeliveryStore;
  /** Paced: the messenger waits for the shared limiter before each request. */
  readonly sender: ProactiveSender;
  readonly outcomes: DeliveryOutcomes;
  readonly retry: DeliveryRetry;
  /** Requests in flight at once; the pace, not this, sets the rate (enough to cover Teams' answer time). */
  readonly concurrency: number;
  readonly log: { info(message: string): void; error(message: string, error?: unknown): void };
  /** Real time: retry timing is operational. */
  readonly now?: () => number;
}

const PAGE = 200;
/** Rows claimed in one commit: each commit is a disk flush, and the claim need only precede the request. */
const CLAIM_CHUNK = 8;

interface Ended {
  readonly delivery: Delivery;
  readonly end: DeliveryEnd;
  readonly at: Date;
  readonly reason?: string;
  readonly detail?: string;
}

/**
 * Sends what is queued in the delivery store, `concurrency` at a time under the shared pace, and keeps
 * each message's state durable: claimed (a few at a time, committed before their requests leave), then
 * sent, failed or unreachable (committed as soon as Teams answers, grouped with answers that came together). After a crash the claimed rows are sent
 * again, so duplicates are bounded by what was in flight and nothing claimed is ever skipped. Unreachable
 * people are reported once and never retried; other failures are retried with backoff a bounded number of times.
 */
export class DeliveryEngine {
  private readonly handlers = new Map<string, SettledHandler>();
  private readonly batchWaiters = new Map<string, (() => void)[]>();
  private readonly loop: DrainLoop;
  private ended: Ended[] = [];
  private settleSoon: NodeJS.Immediate | undefined;
  private readonly now: () => number;

  constructor(private readonly options: DeliveryEngineOptions) {
    this.now = options.now ?? Date.now;
    this.loop = new DrainLoop({
      drain: () => this.drain(),
      nextDueAt: () => options.store.nextAttemptAt(),
      now: this.now,
      failed: (error) => options.log.error("The delivery engine failed; it will try again", error),
      afterPass: () => this.flushEnds(),
    });
  }

  private get stopped(): boolean {
    return this.loop.stopped;
  }

  onSettled(kind: string, handler: SettledHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Queues the items (durably, before returning) and starts sending; returns how many were new. */
  enqueue(batch: string, items: Iterable<DeliveryItem>): number {
    const queued = this.options.store.enqueue(batch, items, this.now());
    this.loop.wake();
    return queued;
  }

  /** Picks up what a previous run left: claimed rows are sent again, since nobody knows if they left. */
  start(): void {
    const reopened = this.options.store.reopenClaimed(this.now());
    if (reopened) this.options.log.info(`${reopened} message(s) claimed when the app last stopped are being sent again.`);
    this.loop.wake();
  }

  /** No new request leaves; the ones in flight finish. What is still queued is sent at the next start. */
  async stop(): Promise<void> {
    await this.loop.stop();
    this.flushEnds();
    for (const waiters of this.batchWaiters.values()) for (const done of waiters) done();
    this.batchWaiters.clear();
  }

  /** Resolves when every message of the batch has ended (or the app is stopping). */
  settled(batch: string): Promise<void> {
    if (this.stopped || this.options.store.unsettled(batch) === 0) return Promise.resolve();
    return new Promise((resolve) => this.batchWaiters.set(batch, [...(this.batchWaiters.get(batch) ?? []), resolve]));
  }

  /** Resolves once nothing is due right now and every end is written. */
  async idle(): Promise<void> {
    await this.loop.idle();
    this.flushEnds();
  }

  /**
   * Workers take rows in order; whoever finds no claimed row left claims the next few in one commit, reading
   * the next page when this one is used up. One pool for the whole run, not one per page: waiting at each
   * page's end for its slowest answer would leave the pace idle (and the window's slots unused) every 200 rows.
   */
  private async drain(): Promise<void> {
    let afterId = 0;
    let page: readonly Delivery[] = [];
    let next = 0;
    const claimed: Delivery[] = [];
    const takeClaimed = (): Delivery | undefined => {
      while (claimed.length === 0 && !this.stopped) {
        if (next >= page.length) {
          page = this.options.store.due(this.now(), PAGE, afterId);
          next = 0;
          if (page.length === 0) {
            // Rows put back for a retry that is already due (a short Retry-After) are picked up from the start.
            if (afterId === 0) return undefined;
            afterId = 0;
            continue;
          }
          afterId = page[page.length - 1]?.id ?? afterId;
        }
        const chunk = page.slice(next, next + CLAIM_CHUNK);
        next += chunk.length;
        const ids = this.options.store.claim(chunk.map((d) => d.id), new Date(this.now()));
        claimed.push(...chunk.filter((d) => ids.has(d.id)));
      }
      return claimed.shift();
    };
    const worker = async (): Promise<void> => {
      for (let delivery = takeClaimed(); delivery && !this.stopped; delivery = takeClaimed()) await this.deliver(delivery);
    };
    await Promise.all(Array.from({ length: this.options.concurrency }, worker));
    // Stopping: claims whose requests never left go back to pending.
    if (claimed.length) this.options.store.unclaim(claimed.map((d) => d.id));
  }

  private async deliver(delivery: Delivery): Promise<void> {
    let left = false;
    try {
      await this.options.sender.send(delivery.personId, this.options.store.activityOf(delivery.id), () => {
        if (this.stopped) throw new PacerClosedError();
        left = true;
      });
      this.end(delivery, "sent");
    } catch (error) {
      if (error instanceof PacerClosedError && !left) return this.options.store.unclaim([delivery.id]);
      this.failed(delivery, error);
    }
  }

  private failed(delivery: Delivery, error: unknown): void {
    const { store, retry, log } = this.options;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof UnreachableError) return this.end(delivery, "unreachable", error.reason, error.detail);
    if (error instanceof ThrottledError) {
      if (delivery.throttles + 1 >= retry.maxThrottles) return this.end(delivery, "failed", "Throttled", message);
      store.retryLater(delivery.id, this.now() + error.retryAfterSeconds * 1000, true, message);
      return;
    }
    const attempts = delivery.attempts + 1;
    if (attempts >= retry.maxAttempts) {
      log.error(`Gave up sending ${delivery.key} to ${delivery.personId} after ${attempts} attempts`, error);
      return this.end(delivery, "failed", "Failed", message);
    }
    const delay = Math.min(retry.maxDelayMs, retry.firstDelayMs * 2 ** (attempts - 1));
    store.retryLater(delivery.id, this.now() + delay, false, message);
    log.info(`Sending ${delivery.key} failed (${message}); trying again in ${delay} ms`);
  }

  /**
   * Written at the end of this turn of the event loop, with any other answers that came in it (one disk
   * flush for them all): until then the message counts as in flight, and a crash means it is sent again.
   */
  private end(delivery: Delivery, end: DeliveryEnd, reason?: string, detail?: string): void {
    this.ended.push({ delivery, end, at: new Date(this.now()), ...(reason ? { reason } : {}), ...(detail ? { detail } : {}) });
    this.settleSoon ??= setImmediate(() => this.flushEnds());
  }

  private flushEnds(): void {
    clearImmediate(this.settleSoon);
    this.settleSoon = undefined;
    if (this.ended.length === 0) return;
    const ended = this.ended;
    this.ended = [];
    const { store, outcomes, log } = this.options;
    store.inTransaction(() => {
      for (const { delivery, end, at, reason, detail } of ended) {
        store.settle(delivery.id, end, at, reason, detail);
        try {
          this.handlers.get(delivery.kind)?.(delivery, end);
        } catch (error) {
          log.error(`Could not record how ${delivery.key} ended`, error);
        }
      }
    });
    for (const { delivery, end, at, reason, detail } of ended) {
      if (end === "sent") outcomes.delivered(delivery.personId, at);
      else if (end === "unreachable") outcomes.unreachable(delivery.personId, reason as UnreachableReason, detail ?? "", at);
    }
    for (const batch of new Set(ended.map((e) => e.delivery.batch))) {
      const waiters = this.batchWaiters.get(batch);
      if (waiters && store.unsettled(batch) === 0) {
        this.batchWaiters.delete(batch);
        for (const done of waiters) done();
      }
    }
  }
}
