import type { Activity } from "botbuilder";
import type { Statement } from "better-sqlite3";
import type { SqliteDatabase } from "../../records/sqlite/database.js";
import { StatementCache } from "../../records/sqlite/statement-cache.js";

/** pending: waiting its turn; claimed: the request has left (or was about to when the app died); then one of the last three. */
export type DeliveryState = "pending" | "claimed" | "sent" | "failed" | "unreachable";

/** One message for one person, as its sender describes it. */
export interface DeliveryItem {
  /** Unique for what this message is (e.g. one campaign step for one person): queuing it again changes nothing. */
  readonly key: string;
  /** Which handler hears how it ended ("campaign", "digest", ...). */
  readonly kind: string;
  /** What the message is, for the summary ("invite", "reminder-1", ...). */
  readonly label: string;
  readonly personId: string;
  /** The activity as JSON, rendered once when queued, sent as is. */
  readonly activity: string;
  /** Whatever the kind's handler needs afterwards, as JSON. */
  readonly meta?: string;
}

export interface Delivery {
  readonly id: number;
  readonly key: string;
  readonly batch: string;
  readonly kind: string;
  readonly label: string;
  readonly personId: string;
  readonly meta: string | null;
  readonly attempts: number;
  readonly throttles: number;
}

export interface BatchCount {
  readonly kind: string;
  readonly label: string;
  readonly state: DeliveryState;
  readonly count: number;
}

interface DeliveryRow {
  id: number;
  key: string;
  batch: string;
  kind: string;
  label: string;
  person_id: string;
  meta: string | null;
  attempts: number;
  throttles: number;
}

/**
 * Every proactive message the fan-out engine owes, one row each, in the shared database. A row is claimed
 * (committed) before its request leaves and marked sent once Teams has answered, so after a crash only the
 * claimed rows are in doubt: they are sent again (at most what was in flight), and nothing is skipped.
 */
export class DeliveryStore {
  /** Each statement compiled once: the engine runs several for every message, fifty a second. */
  private readonly statements: StatementCache;

  constructor(private readonly db: SqliteDatabase) {
    this.statements = new StatementCache(db);
    db.exec(`
      CREATE TABLE IF NOT EXISTS deliveries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        key TEXT NOT NULL UNIQUE,
        batch TEXT NOT NULL,
        kind TEXT NOT NULL,
        label TEXT NOT NULL,
        person_id TEXT NOT NULL,
        activity TEXT NOT NULL,
        meta TEXT,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        throttles INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        claimed_at TEXT,
        settled_at TEXT,
        reason TEXT,
        detail TEXT
      );
      CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (state, next_attempt_at, id);
      CREATE INDEX IF NOT EXISTS deliveries_batch ON deliveries (batch, state);
    `);
  }

  /**
   * Queues each item under `batch`; returns how many were queued. An item already queued or sent is left
   * alone; one that failed or was unreachable before is queued afresh (its sender decided to try again).
   */
  enqueue(batch: string, items: Iterable<DeliveryItem>, now: number): number {
    const insert = this.sql(
      `INSERT INTO deliveries (key, batch, kind, label, person_id, activity, meta, state, next_attempt_at)
       VALUES (@key, @batch, @kind, @label, @personId, @activity, @meta, 'pending', @now)
       ON CONFLICT (key) DO UPDATE SET batch = excluded.batch, activity = excluded.activity, meta = excluded.meta,
         state = 'pending', attempts = 0, throttles = 0, next_attempt_at = excluded.next_attempt_at,
         claimed_at = NULL, settled_at = NULL, reason = NULL, detail = NULL
       WHERE deliveries.state IN ('failed', 'unreachable')`,
    );
    let queued = 0;
    this.db.transaction(() => {
      for (const item of items) {
        queued += insert.run({ ...item, personId: item.personId.toLowerCase(), meta: item.meta ?? null, batch, now }).changes;
      }
    })();
    return queued;
  }

  /** Messages' ends and what their handlers record about them commit together, a few at a time (one disk flush). */
  inTransaction(work: () => void): void {
    this.db.transaction(work)();
  }

  /** After a crash: whatever was claimed may or may not have reached Teams; send it again rather than never. */
  reopenClaimed(now: number): number {
    return this.sql(`UPDATE deliveries SET state = 'pending', next_attempt_at = ? WHERE state = 'claimed'`).run(now).changes;
  }

  /**
   * The message itself, read just before it is sent rather than with its page: a page of parsed cards held
   * while it is worked through outlives the young generation and piles up as old garbage.
   */
  activityOf(id: number): Partial<Activity> {
    const row = this.sql(`SELECT activity FROM deliveries WHERE id = ?`).get(id) as { activity: string } | undefined;
    if (!row) throw new Error(`Delivery ${id} is gone from the table`);
    return JSON.parse(row.activity) as Partial<Activity>;
  }

  /** Pending rows due now, oldest first, leaving out those already being worked on. */
  due(now: number, limit: number, afterId = 0): Delivery[] {
    const rows = this
      .sql(
        `SELECT id, key, batch, kind, label, person_id, meta, attempts, throttles FROM deliveries
         WHERE state = 'pending' AND next_attempt_at <= ? AND id > ? ORDER BY id LIMIT ?`,
      )
      .all(now, afterId, limit) as DeliveryRow[];
    return rows.map((row) => ({
      id: row.id,
      key: row.key,
      batch: row.batch,
      kind: row.kind,
      label: row.label,
      personId: row.person_id,
      meta: row.meta,
      attempts: row.attempts,
      throttles: row.throttles,
    }));
  }

  /** Claims those still pending, in one commit before any of their requests leaves; returns the ids claimed. */
  claim(ids: readonly number[], at: Date): Set<number> {
    const claim = this.sql(`UPDATE deliveries SET state = 'claimed', claimed_at = ? WHERE id = ? AND state = 'pending'`);
    const claimed = new Set<number>();
    this.db.transaction(() => {
      for (const id of ids) if (claim.run(at.toISOString(), id).changes === 1) claimed.add(id);
    })();
    return claimed;
  }

  settle(id: number, state: "sent" | "failed" | "unreachable", at: Date, reason?: string, detail?: string): void {
    this
      .sql(`UPDATE deliveries SET state = ?, settled_at = ?, reason = ?, detail = ? WHERE id = ?`)
      .run(state, at.toISOString(), reason ?? null, detail?.slice(0, 500) ?? null, id);
  }

  /** Back in the queue for later; a throttle is counted apart from a failed attempt. */
  retryLater(id: number, nextAttemptAt: number, throttled: boolean, detail: string): void {
    this
      .sql(
        `UPDATE deliveries SET state = 'pending', next_attempt_at = ?, detail = ?,
           attempts = attempts + ?, throttles = throttles + ? WHERE id = ?`,
      )
      .run(nextAttemptAt, detail.slice(0, 500), throttled ? 0 : 1, throttled ? 1 : 0, id);
  }

  /** Claims whose requests never left (the app was stopping): back to pending, no attempt spent. */
  unclaim(ids: readonly number[]): void {
    const unclaim = this.sql(`UPDATE deliveries SET state = 'pending' WHERE id = ? AND state = 'claimed'`);
    this.db.transaction(() => {
      for (const id of ids) unclaim.run(id);
    })();
  }

  nextAttemptAt(): number | undefined {
    const row = this.sql(`SELECT MIN(next_attempt_at) AS next FROM deliveries WHERE state = 'pending'`).get() as { next: number | null };
    return row.next ?? undefined;
  }

  counts(batch: string): BatchCount[] {
    return this
      .sql(`SELECT kind, label, state, COUNT(*) AS count FROM deliveries WHERE batch = ? GROUP BY kind, label, state`)
      .all(batch) as BatchCount[];
  }

  /** Rows of the batch not yet settled (pending or claimed). */
  unsettled(batch: string): number {
    return (
      this.sql(`SELECT COUNT(*) AS n FROM deliveries WHERE batch = ? AND state IN ('pending', 'claimed')`).get(batch) as { n: number }
    ).n;
  }

  /** Who in the batch could not be reached, and Teams' reason. */
  unreachable(batch: string): { personId: string; reason: string }[] {
    return this
      .sql(`SELECT DISTINCT person_id AS personId, reason FROM deliveries WHERE batch = ? AND state = 'unreachable' ORDER BY person_id`)
      .all(batch) as { personId: string; reason: string }[];
  }

  /** How many rows of one kind in a batch are in the given states. */
  countOf(batch: string, kind: string, states: readonly DeliveryState[]): number {
    const placeholders = states.map(() => "?").join(", ");
    return (
      this
        .sql(`SELECT COUNT(*) AS n FROM deliveries WHERE batch = ? AND kind = ? AND state IN (${placeholders})`)
        .get(batch, kind, ...states) as { n: number }
    ).n;
  }

  private sql(text: string): Statement {
    return this.statements.get(text);
  }
}
