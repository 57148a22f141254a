import assert from "node:assert/strict";
import { SlidingWindowPacer, type PacingTimer } from "../../bot/delivery/rate-limiter.js";

/** Time that moves only when the pacer waits, so the pacing is exact and the test instant. */
class SteppingTimer implements PacingTimer {
  at = 0;
  now(): number {
    return this.at;
  }
  sleep(ms: number): Promise<void> {
    this.at += ms;
    return Promise.resolve();
  }
}

const LIMITS = { perWindow: 50, perConversationPerWindow: 7, windowMs: 1_000, marginMs: 25 };

function mostInAnyWindow(times: readonly number[], windowMs: number): number {
  return Math.max(...times.map((t) => times.filter((u) => u > t - windowMs && u <= t).length));
}

describe("the shared pace for proactive messages", () => {
  it("never starts more than 50 in any second for the app, nor 7 in any second to one chat", async () => {
    const timer = new SteppingTimer();
    const pacer = new SlidingWindowPacer(LIMITS, timer);
    const app: number[] = [];
    const oneChat: number[] = [];
    for (let n = 0; n < 400; n++) {
      const chat = n % 10 === 0 ? "busy-chat" : `chat-${n}`;
      await pacer.acquire(chat);
      app.push(timer.now());
      if (chat === "busy-chat") oneChat.push(timer.now());
    }
    assert.equal(mostInAnyWindow(app, 1_000), 50);
    assert.ok(mostInAnyWindow(oneChat, 1_000) <= 7);
    // Close to the ceiling: 400 sends in 8 windows and their margins, plus the slow start's first few.
    assert.ok(timer.now() < 10_000, `took ${timer.now()} ms`);
  });

  it("spreads the sends through each second instead of letting a second's worth go at once", async () => {
    const timer = new SteppingTimer();
    const pacer = new SlidingWindowPacer(LIMITS, timer);
    const app: number[] = [];
    for (let n = 0; n < 400; n++) {
      await pacer.acquire(`chat-${n}`);
      app.push(timer.now());
    }
    // A burst reaches Teams in a jumble and spills into its next second; evenly spread, 5 or 6 in any 100 ms at 50/s.
    assert.ok(mostInAnyWindow(app, 100) <= 6, `${mostInAnyWindow(app, 100)} sends within 100 ms`);
    assert.equal(mostInAnyWindow(app, 1_000), 50);
  });

  it("slows a little on a lone 429, and waits out Retry-After when Teams refuses many in one second", async () => {
    const timer = new SteppingTimer();
    const pacer = new SlidingWindowPacer(LIMITS, timer);
    await pacer.acquire("a");
    pacer.throttled(5_000);
    await pacer.acquire("b");
    assert.ok(timer.now() < 5_000, "one 429 does not stop everything");

    for (let n = 0; n < 10; n++) pacer.throttled(5_000);
    const refusedAt = timer.now();
    await pacer.acquire("c");
    assert.ok(timer.now() >= refusedAt + 5_000, `waited ${timer.now() - refusedAt} ms of Teams' 5 s Retry-After`);
    assert.equal(pacer.pauses, 1);
  });
});
