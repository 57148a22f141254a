import type { SqliteDatabase } from "../../records/sqlite/database.js";
import type { IncidentReport } from "../../records/types.js";

/** One alert to one recipient, waiting for its next attempt. */
export interface PendingAlert {
  readonly report: IncidentReport;
  readonly recipientId: string;
  readonly attempts: number;
}

/** What the queue knows about one delivery, for the records page and for tests. */
export interface AlertDelivery {
  readonly reportId: string;
  readonly recipientId: string;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastError: string | null;
  readonly deliveredAt: string | null;
}

interface DeliveryRow {
  report_id: string;
  recipient_id: string;
  report: string;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  delivered_at: string | null;
}

/**
 * Durable alert queue: one row per report and recipient, committed before the reporter is told
 * "recorded", so a crash or an unreachable Teams never loses an alert.
 */
export class SqliteAlertQueue {
  constructor(private readonly db: SqliteDatabase) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS alert_deliveries (
        report_id TEXT NOT NULL,
        recipient_id TEXT NOT NULL,
        report TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error TEXT,
        delivered_at TEXT,
        created_at TEXT NOT NULL,
        PRIMARY KEY (report_id, recipient_id)
      );
      CREATE INDEX IF NOT EXISTS alert_deliveries_due ON alert_deliveries (next_attempt_at);
    `);
  }

  /** Queues the report for each recipient; queuing the same report again changes nothing. */
  enqueue(report: IncidentReport, recipientIds: readonly string[], now: Date): void {
    const insert = this.db.prepare(
      `INSERT INTO alert_deliveries (report_id, recipient_id, report, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (report_id, recipient_id) DO NOTHING`,
    );
    const json = JSON.stringify(report);
    this.db.transaction(() => {
      for (const recipientId of recipientIds) insert.run(report.recordId, recipientId, json, now.toISOString(), now.toISOString());
    })();
  }

  due(now: Date, limit = 20): PendingAlert[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM alert_deliveries WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= ?
         ORDER BY next_attempt_at LIMIT ?`,
      )
      .all(now.toISOString(), limit) as DeliveryRow[];
    return rows.map((row) => ({
      report: JSON.parse(row.report) as IncidentReport,
      recipientId: row.recipient_id,
      attempts: row.attempts,
    }));
  }

  markDelivered(alert: PendingAlert, at: Date): void {
    this.db
      .prepare(
        `UPDATE alert_deliveries SET attempts = attempts + 1, delivered_at = ?, next_attempt_at = NULL, last_error = NULL
         WHERE report_id = ? AND recipient_id = ?`,
      )
      .run(at.toISOString(), alert.report.recordId, alert.recipientId);
  }

  /** `retryAt` null means the queue has given up on this delivery. */
  markFailed(alert: PendingAlert, error: string, retryAt: Date | null): void {
    this.db
      .prepare(
        `UPDATE alert_deliveries SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?
         WHERE report_id = ? AND recipient_id = ?`,
      )
      .run(error.slice(0, 500), retryAt?.toISOString() ?? null, alert.report.recordId, alert.recipientId);
  }

  /** Teams said "not now" (429): try again at `retryAt`, without using up one of the delivery's attempts. */
  markThrottled(alert: PendingAlert, error: string, retryAt: Date): void {
    this.db
      .prepare(`UPDATE alert_deliveries SET last_error = ?, next_attempt_at = ? WHERE report_id = ? AND recipient_id = ?`)
      .run(error.slice(0, 500), retryAt.toISOString(), alert.report.recordId, alert.recipientId);
  }

  /** Makes every delivery the queue gave up on due now, for one more try; returns how many. */
  retryGivenUp(now: Date): number {
    return this.db
      .prepare(`UPDATE alert_deliveries SET next_attempt_at = ? WHERE next_attempt_at IS NULL AND delivered_at IS NULL`)
      .run(now.toISOString()).changes;
  }

  nextAttemptAt(): Date | undefined {
    const row = this.db.prepare(`SELECT MIN(next_attempt_at) AS next FROM alert_deliveries`).get() as { next: string | null };
    return row.next ? new Date(row.next) : undefined;
  }

  deliveries(reportId: string): AlertDelivery[] {
    const rows = this.db
      .prepare(`SELECT * FROM alert_deliveries WHERE report_id = ? ORDER BY recipient_id`)
      .all(reportId) as DeliveryRow[];
    return rows.map((row) => ({
      reportId: row.report_id,
      recipientId: row.recipient_id,
      attempts: row.attempts,
      nextAttemptAt: row.next_attempt_at,
      lastError: row.last_error,
      deliveredAt: row.delivered_at,
    }));
  }
}
