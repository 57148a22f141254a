// Short report references ("R-2026-0042"), numbered per calendar year from the local database. Tenant mode
// uses the outbox's database, so the numbers are unique there too; SharePoint's unique column backs it up.
import { formatReportReference } from "../record-id.js";
import { ukCalendarDate } from "../uk-time.js";
import type { SqliteDatabase } from "./database.js";

export class SqliteReportReferences {
  constructor(private readonly db: SqliteDatabase) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS report_reference_sequences (
        year TEXT PRIMARY KEY,
        last_number INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS report_references (
        record_id TEXT PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE,
        allocated_at TEXT NOT NULL
      );
    `);
  }

  /**
   * Finds the report's reference or allocates the next one for the year it was reported in (UK time), then
   * runs `write` with it, all in one transaction: a write that fails takes its number back with it, and the
   * same record id always gets the same reference.
   */
  withReference<T>(recordId: string, reportedAt: string, write: (reference: string) => T): T {
    return this.db.transaction(() => write(this.existing(recordId) ?? this.allocate(recordId, reportedAt)))();
  }

  private existing(recordId: string): string | undefined {
    const row = this.db.prepare(`SELECT reference FROM report_references WHERE record_id = ?`).get(recordId) as { reference: string } | undefined;
    return row?.reference;
  }

  private allocate(recordId: string, reportedAt: string): string {
    const year = ukCalendarDate(new Date(reportedAt)).slice(0, 4);
    const { last_number } = this.db
      .prepare(
        `INSERT INTO report_reference_sequences (year, last_number) VALUES (?, 1)
         ON CONFLICT (year) DO UPDATE SET last_number = last_number + 1 RETURNING last_number`,
      )
      .get(year) as { last_number: number };
    const reference = formatReportReference(year, last_number);
    this.db.prepare(`INSERT INTO report_references (record_id, reference, allocated_at) VALUES (?, ?, ?)`).run(recordId, reference, new Date().toISOString());
    return reference;
  }
}
