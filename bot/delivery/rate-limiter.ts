// One pace for every proactive message the app sends (campaign cards, alerts, laptop notes), so the app as
// a whole stays under Teams' limits: 50 requests a second per app per tenant, 7 a second per conversation.

export interface RateLimits {
  /** Sends a window for the whole app; Teams allows 50 a second, and the default leaves a few for replies. */
  readonly perWindow: number;
  /** Sends a window to any one conversation; Teams allows 7 a second. */
  readonly perConversationPerWindow: number;
  readonly windowMs: number;
  /** Added to each window, so that a request that reaches Teams a little late still falls in a fresh one. */
  readonly marginMs: number;
}

export const TEAMS_LIMITS: Omit<RateLimits, "perWindow"> = { perConversationPerWindow: 7, windowMs: 1_000, marginMs: 25 };

/** Real time, injectable so tests of the pacing need not wait. */
export interface PacingTimer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTimer: PacingTimer = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Thrown to someone still waiting for a turn when the app shuts down. */
export class PacerClosedError extends Error {
  override readonly name = "PacerClosedError";
  constructor() {
    super("The app is shutting down: nothing more is sent.");
  }
}

/** What the messenger needs: a turn to send to one conversation, and word of Teams' 429s. */
export interface SendPacer {
  acquire(conversationId: string): Promise<void>;
  throttled(retryAfterMs: number): void;
}

/** This many 429s within one window (a fifth of Teams' 50) and everything waits out the Retry-After. */
const SUSTAINED_THROTTLES = 10;

export const unpaced: SendPacer = { acquire: () => Promise.resolve(), throttled: () => undefined };

/**
 * A sliding-window limiter, the way Teams counts: a send may start only when fewer than the limit started
 * in the last window. Turns are handed out in the order asked for, and spread evenly through the window
 * (one every window / allowance): a window's worth let go at once would reach Teams in a jumble, the first
 * to leave not always the first to arrive, and the next window's first sends would be counted with them. Each 429 slows everything a little: one
 * fewer a window and a wider margin, both given back over a few quiet windows. A request that reached
 * Teams late is enough to cause one, and halting everything for it would waste a second at a time. Several 429s in one window mean
 * Teams is really throttling the app (other work in the tenant, a lower limit): then everything waits
 * out the Retry-After.
 */
export class SlidingWindowPacer implements SendPacer {
  private readonly appStarts: number[] = [];
  private readonly conversationStarts = new Map<string, number[]>();
  private allowance: number;
  private pausedUntil = 0;
  private lastRaise = 0;
  private queue: Promise<void> = Promise.resolve();
  private acquiredSinceSweep = 0;
  private closed = false;
  private recentThrottles: number[] = [];
  private extraMarginMs = 0;
  /** The next start on the even grid; a send whose timer fired late leaves the next one less to wait. */
  private nextStart = Number.NEGATIVE_INFINITY;
  /** Times Teams said 429, for the log and the benchmark. */
  throttles = 0;
  /** Times they came so thick that everything waited out the Retry-After. */
  pauses = 0;

  constructor(
    private readonly limits: RateLimits,
    private readonly timer: PacingTimer = realTimer,
  ) {
    // A slow start: the first requests are slow to leave (cold code, new connections) and would arrive
    // bunched with the next window's; the allowance climbs to the limit over the first few windows.
    this.allowance = Math.max(1, Math.ceil(limits.perWindow / 2));
  }

  acquire(conversationId: string): Promise<void> {
    const turn = this.queue.then(() => this.waitForTurn(conversationId));
    // The next caller waits for this one's turn, whether it was granted or refused.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  throttled(retryAfterMs: number): void {
    const now = this.timer.now();
    this.throttles++;
    this.recentThrottles = this.recentThrottles.filter((at) => at > now - this.limits.windowMs);
    this.recentThrottles.push(now);
    const floor = Math.max(1, Math.ceil(this.limits.perWindow / 2));
    // Most lone 429s come from requests that reached Teams later than they left: widen the window's margin too.
    this.allowance = Math.max(floor, this.allowance - 1);
    this.extraMarginMs = Math.min(this.limits.windowMs / 10, this.extraMarginMs + this.limits.windowMs / 100);
    this.lastRaise = now;
    if (this.recentThrottles.length >= SUSTAINED_THROTTLES) {
      this.pauses++;
      this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
      this.allowance = Math.max(floor, Math.floor(this.allowance * 0.8));
      this.lastRaise = this.pausedUntil;
      this.recentThrottles = [];
    }
  }

  /** Whoever is still waiting gives up; used on shutdown. */
  close(): void {
    this.closed = true;
  }

  private async waitForTurn(conversationId: string): Promise<void> {
    for (;;) {
      if (this.closed) throw new PacerClosedError();
      const now = this.timer.now();
      this.recover(now);
      const conversation = this.conversationStarts.get(conversationId) ?? [];
      const wait = Math.max(
        this.pausedUntil - now,
        this.nextStart - now,
        this.waitIn(this.appStarts, this.allowance, now),
        this.waitIn(conversation, this.limits.perConversationPerWindow, now),
      );
      if (wait <= 0) {
        // On the grid, not from now: timers fire late on a busy loop, and each lateness would otherwise be
        // lost for good (a few ms a send is a tenth of the rate). The sliding window still bounds any catch-up.
        const spacing = this.limits.windowMs / this.allowance;
        this.nextStart = Math.max(this.nextStart, now - spacing) + spacing;
        this.appStarts.push(now);
        conversation.push(now);
        this.conversationStarts.set(conversationId, conversation);
        this.sweep(now);
        return;
      }
      await this.timer.sleep(wait);
    }
  }

  /** How long until a send may start, given the starts in this window (oldest first, pruned here). */
  private waitIn(starts: number[], limit: number, now: number): number {
    const span = this.limits.windowMs + this.limits.marginMs + this.extraMarginMs;
    while (starts.length > 0 && (starts[0] as number) <= now - span) starts.shift();
    if (starts.length < limit) return 0;
    return (starts[starts.length - limit] as number) + span - now;
  }

  private recover(now: number): void {
    if (now - this.lastRaise < this.limits.windowMs) return;
    this.allowance = Math.min(this.limits.perWindow, this.allowance + Math.max(1, Math.round(this.limits.perWindow / 10)));
    this.extraMarginMs = Math.max(0, this.extraMarginMs - this.limits.windowMs / 100);
    this.lastRaise = now;
  }

  /** Forgets conversations with nothing in the current window, so ten thousand chats cost nothing. */
  private sweep(now: number): void {
    if (++this.acquiredSinceSweep < 1_000) return;
    this.acquiredSinceSweep = 0;
    const span = this.limits.windowMs + this.limits.marginMs;
    for (const [id, starts] of this.conversationStarts) {
      if ((starts[starts.length - 1] ?? 0) <= now - span) this.conversationStarts.delete(id);
    }
  }
}
