import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Activity } from "botbuilder";
import { AlertDispatcher } from "../../bot/alerts/alert-dispatcher.js";
import { SqliteAlertQueue } from "../../bot/alerts/alert-queue.js";
import type { ProactiveSender } from "../../bot/proactive-messenger.js";
import { ThrottledError } from "../../records/errors.js";
import { openDatabase, type SqliteDatabase } from "../../records/sqlite/database.js";
import type { IncidentReport } from "../../records/types.js";

const NOW = new Date("2026-11-28T10:00:00.000Z");
const report: IncidentReport = {
  recordId: "rep-1",
  kind: "lost-equipment",
  reporter: { id: "aad-alex", displayName: "Alex Wilber", upn: "" },
  reportedAt: NOW.toISOString(),
  occurredAt: NOW.toISOString(),
  summary: "Lost: Dell Latitude 5440 (SN 7XK2)",
  details: {},
  urgent: true,
  status: "New",
  statusChangedAt: NOW.toISOString(),
  statusChangedBy: "Alex Wilber",
};

/** A ProactiveSender double that fails with whatever the test says, as the port allows. */
class ScriptedSender implements ProactiveSender {
  readonly sent: { recipientId: string; activity: Partial<Activity> }[] = [];
  constructor(private readonly failWith: (recipientId: string) => Error | undefined) {}
  send(recipientId: string, activity: Partial<Activity>): Promise<void> {
    const failure = this.failWith(recipientId);
    if (failure) return Promise.reject(failure);
    this.sent.push({ recipientId, activity });
    return Promise.resolve();
  }
}

describe("the alert dispatcher's retry schedule", () => {
  let dir: string;
  let db: SqliteDatabase;
  let queue: SqliteAlertQueue;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-alerts-"));
    db = openDatabase(dir);
    queue = new SqliteAlertQueue(db);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const dispatcherWith = (sender: ProactiveSender) =>
    new AlertDispatcher(queue, sender, { urgent: ["head", "tech"], routine: ["head"] }, { now: () => NOW }, { info: () => undefined, error: () => undefined }, {
      firstDelayMs: 5_000,
      maxDelayMs: 60_000,
      maxAttempts: 3,
    });

  it("waits as long as Teams' Retry-After says, when that is longer than its own backoff, its attempts intact", async () => {
    const dispatcher = dispatcherWith(new ScriptedSender((id) => (id === "head" ? new ThrottledError("slow down", 120) : undefined)));
    await dispatcher.reportFiled(report);
    await dispatcher.idle();
    await dispatcher.stop();

    const [head, tech] = queue.deliveries(report.recordId);
    assert.deepEqual(
      { attempts: head?.attempts, nextAttemptAt: head?.nextAttemptAt, lastError: head?.lastError },
      { attempts: 0, nextAttemptAt: "2026-11-28T10:02:00.000Z", lastError: "slow down" },
    );
    assert.equal(tech?.deliveredAt, NOW.toISOString());
  });

  it("backs off from its first delay on other failures, and picks up undelivered alerts when started again", async () => {
    let down = true;
    const sender = new ScriptedSender(() => (down ? new Error("connect ECONNREFUSED") : undefined));
    const first = dispatcherWith(sender);
    await first.reportFiled(report);
    await first.idle();
    await first.stop();
    assert.deepEqual(queue.deliveries(report.recordId).map((d) => d.nextAttemptAt), ["2026-11-28T10:00:05.000Z", "2026-11-28T10:00:05.000Z"]);

    // After a restart, with Teams reachable again and the retry time reached.
    down = false;
    const later = new Date("2026-11-28T10:00:06.000Z");
    const restarted = new AlertDispatcher(queue, sender, { urgent: ["head", "tech"], routine: ["head"] }, { now: () => later }, { info: () => undefined, error: () => undefined });
    restarted.start();
    await restarted.idle();
    await restarted.stop();
    assert.deepEqual(sender.sent.map((s) => s.recipientId).sort(), ["head", "tech"]);
    assert.ok(queue.deliveries(report.recordId).every((d) => d.deliveredAt === later.toISOString() && d.attempts === 2));
  });

  it("tries an alert it had given up on once more when started again, e.g. once the headteacher has the app", async () => {
    let installed = false;
    const sender = new ScriptedSender((id) => (id === "head" && !installed ? new Error("head has no chat with the bot yet") : undefined));
    const quiet = { info: () => undefined, error: () => undefined };
    const retry = { firstDelayMs: 5_000, maxDelayMs: 60_000, maxAttempts: 1 };
    const first = new AlertDispatcher(queue, sender, { urgent: ["head", "tech"], routine: ["head"] }, { now: () => NOW }, quiet, retry);
    await first.reportFiled(report);
    await first.idle();
    await first.stop();
    assert.deepEqual(queue.deliveries(report.recordId).map((d) => [d.recipientId, d.nextAttemptAt, d.deliveredAt === null]), [
      ["head", null, true],
      ["tech", null, false],
    ]);

    installed = true;
    const later = new Date("2026-11-29T08:00:00.000Z");
    const restarted = new AlertDispatcher(queue, sender, { urgent: ["head", "tech"], routine: ["head"] }, { now: () => later }, quiet, retry);
    restarted.start();
    await restarted.idle();
    await restarted.stop();
    assert.deepEqual(sender.sent.map((s) => s.recipientId), ["tech", "head"], "the IT technician's alert is not sent twice");
    assert.equal(queue.deliveries(report.recordId)[0]?.deliveredAt, later.toISOString());
  });

  it("queues a report once however often it is filed", async () => {
    const sender = new ScriptedSender(() => undefined);
    const dispatcher = dispatcherWith(sender);
    await dispatcher.reportFiled(report);
    await dispatcher.reportFiled(report);
    await dispatcher.idle();
    await dispatcher.stop();
    assert.equal(sender.sent.length, 2);
  });
});
