// The durable outbox: every write lands here, in the shared SQLite file, before anyone is told "recorded".
import type { SqliteDatabase } from "../sqlite/database.js";

export type OutboxOp =
  | "create-acknowledgement"
  | "create-report"
  | "create-laptop-loan"
  | "update-status"
  | "confirm-laptop-loan"
  | "return-laptop-loan"
  | "create-staff-status"
  | "update-staff-status"
  /** The headteacher's monitoring record (policy 15.1), to its restricted list; and its closure. */
  | "create-monitoring-record"
  | "close-monitoring-record"
  /** Retention: the record's time is up; its item is deleted from its SharePoint list. */
  | "delete-record"
  /** A request's decision (records/decisions.ts), with its closing status; one per request. */
  | "decide-request"
  /** An approval's end date has passed: DecisionExpired; one per request. */
  | "expire-decision";
export type OutboxState = "pending" | "done" | "parked";

export interface OutboxRow {
  readonly seq: number;
  readonly op: OutboxOp;
  readonly recordId: string;
  readonly payload: string;
  readonly state: OutboxState;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly lastError: string | null;
  readonly enqueuedAt: string;
}

interface RawRow {
  seq: number;
  op: OutboxOp;
  record_id: string;
  payload: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  enqueued_at: string;
}

/** A change (status, confirmation, return) may go out only once the record's create, and any earlier change, are done. */
const ELIGIBLE = `state = 'pending' AND (op LIKE 'create-%' OR NOT EXISTS (
  SELECT 1 FROM outbox earlier WHERE earlier.record_id = outbox.record_id AND earlier.seq < outbox.seq AND earlier.state != 'done'))`;

export class OutboxTable {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly db: SqliteDatabase) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        op_key TEXT NOT NULL UNIQUE,
        op TEXT NOT NULL,
        record_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        enqueued_at TEXT NOT NULL,
        finished_at TEXT
      );
      CREATE INDEX IF NOT EXISTS outbox_due ON outbox (state, next_attempt_at, seq);
      CREATE INDEX IF NOT EXISTS outbox_by_record ON outbox (record_id, seq);
    `);
  }

  /** Commits the write durably; false when the same op key was already there (a repeat press). */
  enqueue(op: OutboxOp, opKey: string, recordId: string, payload: unknown, now: Date): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO outbox (op_key, op, record_id, payload, enqueued_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, 0)
         ON CONFLICT (op_key) DO NOTHING`,
      )
      .run(opKey, op, recordId, JSON.stringify(payload), now.toISOString());
    if (result.changes === 1) for (const listener of this.listeners) listener();
    return result.changes === 1;
  }

  /** Runs `work` in one transaction, e.g. a write and the notice it brings, so both commit or neither. */
  inTransaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** Called after each enqueue, so the writer wakes at once instead of on its next poll. */
  onEnqueue(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  due(now: Date, limit: number): OutboxRow[] {
    const rows = this.db
      .prepare(`SELECT * FROM outbox WHERE ${ELIGIBLE} AND next_attempt_at <= ? ORDER BY seq LIMIT ?`)
      .all(now.getTime(), limit) as RawRow[];
    return rows.map(fromRaw);
  }

  /** When the next eligible row falls due, or undefined when nothing is waiting. */
  nextDueAt(): number | undefined {
    const row = this.db.prepare(`SELECT MIN(next_attempt_at) AS at FROM outbox WHERE ${ELIGIBLE}`).get() as { at: number | null };
    return row.at ?? undefined;
  }

  markDone(seqs: readonly number[], now: Date): void {
    const done = this.db.prepare(`UPDATE outbox SET state = 'done', finished_at = ?, last_error = NULL WHERE seq = ?`);
    this.db.transaction(() => seqs.forEach((seq) => done.run(now.toISOString(), seq)))();
  }

  retryLater(seq: number, nextAttemptAt: number, error: string): void {
    this.db
      .prepare(`UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE seq = ?`)
      .run(nextAttemptAt, error, seq);
  }

  /** Graph will never accept this as it is: keep it, with the reason, for the admin. */
  park(seq: number, reason: string, now: Date): void {
    this.db
      .prepare(`UPDATE outbox SET state = 'parked', attempts = attempts + 1, last_error = ?, finished_at = ? WHERE seq = ?`)
      .run(reason, now.toISOString(), seq);
  }

  /** Everything of this kind not yet in SharePoint (pending or parked), oldest first. */
  notYetWritten(op: OutboxOp): OutboxRow[] {
    const rows = this.db.prepare(`SELECT * FROM outbox WHERE op = ? AND state != 'done' ORDER BY seq`).all(op) as RawRow[];
    return rows.map(fromRaw);
  }

  /** Creates and status changes for one record not yet in SharePoint, oldest first. */
  notYetWrittenFor(recordId: string): OutboxRow[] {
    const rows = this.db.prepare(`SELECT * FROM outbox WHERE record_id = ? AND state != 'done' ORDER BY seq`).all(recordId) as RawRow[];
    return rows.map(fromRaw);
  }

  /** The create of this record in whatever state, e.g. to know what the app wrote while SharePoint is down. */
  createOf(recordId: string): OutboxRow | undefined {
    const row = this.db.prepare(`SELECT * FROM outbox WHERE record_id = ? AND op LIKE 'create-%'`).get(recordId) as RawRow | undefined;
    return row ? fromRaw(row) : undefined;
  }

  /** Record ids with a deletion not yet done in SharePoint: reads leave them out already. */
  pendingDeletes(): Set<string> {
    const rows = this.db.prepare(`SELECT record_id FROM outbox WHERE op = 'delete-record' AND state != 'done'`).all() as { record_id: string }[];
    return new Set(rows.map((row) => row.record_id));
  }

  /** Deletes writes SharePoint has had since before `cutoff`: the list is the record, the outbox no archive. */
  forgetDoneBefore(cutoff: Date): number {
    return this.db.prepare(`DELETE FROM outbox WHERE state = 'done' AND finished_at < ?`).run(cutoff.toISOString()).changes;
  }

  /**
   * Puts every parked write back in the queue, e.g. after the admin re-ran provisioning: a write
   * SharePoint still refuses is parked again, with the new reason. Returns how many.
   */
  retryParked(): number {
    return this.db.prepare(`UPDATE outbox SET state = 'pending', next_attempt_at = 0, finished_at = NULL WHERE state = 'parked'`).run().changes;
  }

  /** When the oldest write still waiting for SharePoint was committed (parked ones are counted apart). */
  oldestPendingAt(): Date | undefined {
    const row = this.db.prepare(`SELECT MIN(enqueued_at) AS at FROM outbox WHERE state = 'pending'`).get() as { at: string | null };
    return row.at ? new Date(row.at) : undefined;
  }

  /** Makes every waiting write due now: SharePoint has just come back, so nothing should sit out its backoff. */
  retryPendingNow(): number {
    return this.db.prepare(`UPDATE outbox SET next_attempt_at = 0 WHERE state = 'pending' AND next_attempt_at > 0`).run().changes;
  }

  parked(): OutboxRow[] {
    return (this.db.prepare(`SELECT * FROM outbox WHERE state = 'parked' ORDER BY seq`).all() as RawRow[]).map(fromRaw);
  }

  counts(): Record<OutboxState, number> {
    const rows = this.db.prepare(`SELECT state, COUNT(*) AS n FROM outbox GROUP BY state`).all() as { state: OutboxState; n: number }[];
    const counts: Record<OutboxState, number> = { pending: 0, done: 0, parked: 0 };
    for (const row of rows) counts[row.state] = row.n;
    return counts;
  }
}

function fromRaw(row: RawRow): OutboxRow {
  return {
    seq: row.seq,
    op: row.op,
    recordId: row.record_id,
    payload: row.payload,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    enqueuedAt: row.enqueued_at,
  };
}
