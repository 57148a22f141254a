import assert from "node:assert/strict";
import { DrainLoop } from "../../bot/delivery/drain-loop.js";

/** A queue of due times, drained by the loop as the fan-out engine and the alert dispatcher drain theirs. */
function queueWithLoop(): { loop: DrainLoop; due: number[]; drained: number[]; passes: () => number; failures: unknown[] } {
  const due: number[] = [];
  const drained: number[] = [];
  const failures: unknown[] = [];
  let passes = 0;
  const loop = new DrainLoop({
    drain: async () => {
      passes++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (due[0] === -1) throw new Error(`a bad row ${due.shift()}`);
      const now = Date.now();
      for (let i = due.findIndex((at) => at <= now); i >= 0; i = due.findIndex((at) => at <= now)) drained.push(...due.splice(i, 1));
    },
    nextDueAt: () => (due.length ? Math.min(...due) : undefined),
    now: Date.now,
    failed: (error) => failures.push(error),
  });
  return { loop, due, drained, passes: () => passes, failures };
}

describe("the drain loop the fan-out engine and the alert dispatcher share", () => {
  it("runs one more pass for work that arrives during a pass, and comes back by itself for work due later", async () => {
    const { loop, due, drained, passes } = queueWithLoop();
    due.push(Date.now());
    loop.wake();
    // Arrives while the first pass is under way: a second pass picks it up, not a second concurrent drain.
    due.push(Date.now());
    loop.wake();
    loop.wake();
    await loop.idle();
    assert.equal(drained.length, 2);
    assert.equal(passes(), 2);

    const later = Date.now() + 30;
    due.push(later);
    loop.wake();
    await loop.idle();
    assert.deepEqual(drained.slice(2), [], "not due yet");
    await new Promise((resolve) => setTimeout(resolve, 60));
    await loop.idle();
    assert.deepEqual(drained.slice(2), [later], "drained when it fell due, with no wake from outside");
    await loop.stop();
  });

  it("reports a failed pass and carries on; once stopped, nothing more is drained", async () => {
    const { loop, due, drained, failures } = queueWithLoop();
    due.push(-1);
    loop.wake();
    await loop.idle();
    assert.equal(failures.length, 1);
    assert.match(String(failures[0]), /a bad row/);
    due.push(Date.now());
    loop.wake();
    await loop.idle();
    assert.equal(drained.length, 1, "the next pass drains as before");

    await loop.stop();
    due.push(Date.now());
    loop.wake();
    await loop.idle();
    assert.equal(loop.stopped, true);
    assert.equal(drained.length, 1, "nothing after the stop");
  });
});
