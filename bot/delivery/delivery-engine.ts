import { ThrottledError } from "../../records/errors.js";
import type { ProactiveSender } from "../proactive-messenger.js";
import { UnreachableError } from "./delivery-errors.js";
import type { DeliveryOutcomes } from "./delivery-outcomes.js";
import type { Delivery, DeliveryItem, DeliveryStore } from "./delivery-store.js";
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

const PAGE = 500;

/**
 * Sends what is queued in the delivery store, `concurrency` at a time under the shared pace, and keeps
 * each message's state durable. Unreachable people are reported once and never retried; other failures
 * are retried with backoff a bounded number of times.
 */
export class DeliveryEngine {
  private readonly handlers = new Map<string, SettledHandler>();
  private readonly batchWaiters = new Map<string, (() => void)[]>();
  private readonly idleWaiters: (() => void)[] = [];
  private draining: Promise<void> | undefined;
  private wakeAgain = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly options: DeliveryEngineOptions) {
    this.now = options.now ?? Date.now;
  }

  onSettled(kind: string, handler: SettledHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Queues the items (durably, before returning) and starts sending; returns how many were new. */
  enqueue(batch: string, items: Iterable<DeliveryItem>): number {
    const queued = this.options.store.enqueue(batch, items, this.now());
    this.wake();
    return queued;
  }

  /** Picks up what a previous run left: claimed rows are sent again, since nobody knows if they left. */
  start(): void {
    const reopened = this.options.store.reopenClaimed(this.now());
    if (reopened) this.options.log.info(`${reopened} message(s) in flight when the app last stopped are being sent again.`);
    this.wake();
  }

  /** No new request leaves; the ones in flight finish. What is still queued is sent at the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.draining;
    for (const waiters of this.batchWaiters.values()) for (const done of waiters) done();
    this.batchWaiters.clear();
  }

  /** Resolves when every message of the batch has ended (or the app is stopping). */
  settled(batch: string): Promise<void> {
    if (this.stopped || this.options.store.unsettled(batch) === 0) return Promise.resolve();
    return new Promise((resolve) => this.batchWaiters.set(batch, [...(this.batchWaiters.get(batch) ?? []), resolve]));
  }

  /** Resolves once nothing is due right now. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.wakeAgain = true;
      return;
    }
    clearTimeout(this.timer);
    this.draining = this.drain()
      .catch((error: unknown) => this.options.log.error("The delivery engine failed; it will try again", error))
      .finally(() => {
        this.draining = undefined;
        if (this.wakeAgain) {
          this.wakeAgain = false;
          this.wake();
        } else {
          this.scheduleNext();
        }
      });
  }

  private async drain(): Promise<void> {
    let afterId = 0;
    while (!this.stopped) {
      const page = this.options.store.due(this.now(), PAGE, afterId);
      if (page.length === 0) {
        // Rows put back for a retry that is already due (a short Retry-After) are picked up from the start.
        if (afterId === 0) return;
        afterId = 0;
        continue;
      }
      afterId = page[page.length - 1]?.id ?? afterId;
      let next = 0;
      const worker = async (): Promise<void> => {
        while (!this.stopped && next < page.length) await this.deliver(page[next++] as Delivery);
      };
      await Promise.all(Array.from({ length: Math.min(this.options.concurrency, page.length) }, worker));
    }
  }

  private async deliver(delivery: Delivery): Promise<void> {
    const { store, sender } = this.options;
    let claimed = false;
    try {
      await sender.send(delivery.personId, delivery.activity, () => {
        if (this.stopped) throw new PacerClosedError();
        claimed = store.claim(delivery.id, new Date(this.now()));
        if (!claimed) throw new PacerClosedError();
      });
      this.end(delivery, "sent");
    } catch (error) {
      if (error instanceof PacerClosedError) {
        if (claimed) store.unclaim(delivery.id);
        return;
      }
      this.failed(delivery, error);
    }
  }

  private failed(delivery: Delivery, error: unknown): void {
    const { store, retry, log } = this.options;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof UnreachableError) {
      this.end(delivery, "unreachable", error.reason, error.detail);
      this.options.outcomes.unreachable(delivery.personId, error.reason, error.detail, new Date(this.now()));
      return;
    }
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

  private end(delivery: Delivery, end: DeliveryEnd, reason?: string, detail?: string): void {
    const at = new Date(this.now());
    this.options.store.settle(delivery.id, end, at, reason, detail);
    if (end === "sent") this.options.outcomes.delivered(delivery.personId, at);
    try {
      this.handlers.get(delivery.kind)?.(delivery, end);
    } catch (error) {
      this.options.log.error(`Could not record how ${delivery.key} ended`, error);
    }
    const waiters = this.batchWaiters.get(delivery.batch);
    if (waiters && this.options.store.unsettled(delivery.batch) === 0) {
      this.batchWaiters.delete(delivery.batch);
      for (const done of waiters) done();
    }
  }

  private scheduleNext(): void {
    if (this.stopped) return;
    const next = this.options.store.nextAttemptAt();
    if (next === undefined) return;
    this.timer = setTimeout(() => this.wake(), Math.max(0, next - this.now()));
    this.timer.unref();
  }
}
