// The staff status rows in the shared database: the local record (shown on /records) and, in tenant mode,
// the app's memory of what it last sent to the SharePoint list, so only changes are written.
import type Database from "better-sqlite3";
import type { SqliteDatabase } from "./database.js";
import { contentOf, type StaffStatus, type StaffStatusPublisher } from "../roster/staff-status.js";

interface StatusRow {
  snapshot: string;
  revision: number;
}

/** One row to write; `onlyIfKept`: someone who left is kept up to date only if they already have a row this year. */
export interface StatusWrite {
  readonly status: StaffStatus;
  readonly onlyIfKept?: boolean;
}

export class SqliteStaffStatus {
  private readonly select: Database.Statement;
  private readonly upsert: Database.Statement;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly publisher?: StaffStatusPublisher,
  ) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS staff_status (
        record_id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL,
        cycle TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        revision INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS staff_status_by_cycle ON staff_status (cycle, person_id);
    `);
    // Prepared once: a refresh of thousands of rows would otherwise compile the same SQL for each.
    this.select = db.prepare(`SELECT snapshot, revision FROM staff_status WHERE record_id = ?`);
    this.upsert = db.prepare(
      `INSERT INTO staff_status (record_id, person_id, cycle, snapshot, revision, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (record_id) DO UPDATE SET snapshot = excluded.snapshot, revision = excluded.revision, updated_at = excluded.updated_at`,
    );
  }

  /** Writes the row if its content changed; the publisher's write commits with it. True when written. */
  write(status: StaffStatus, now: Date): boolean {
    return this.writeAll([{ status }], now) === 1;
  }

  /**
   * Writes each row whose content changed, all in one transaction (one disk flush for the lot), each with its
   * publisher's write; returns how many were written. A crash leaves all of them or none.
   */
  writeAll(writes: readonly StatusWrite[], now: Date): number {
    return this.db.transaction(() => {
      let written = 0;
      for (const { status, onlyIfKept } of writes) {
        const row = this.select.get(status.recordId) as StatusRow | undefined;
        if (!row && onlyIfKept) continue;
        const snapshot = JSON.stringify(status);
        if (row && contentOf(JSON.parse(row.snapshot) as StaffStatus) === contentOf(status)) continue;
        const revision = (row?.revision ?? 0) + 1;
        this.upsert.run(status.recordId, status.person.id.toLowerCase(), status.cycle, snapshot, revision, status.updatedAt);
        this.publisher?.publish(status, row === undefined, revision, now);
        written++;
      }
      return written;
    })();
  }

  get(recordId: string): StaffStatus | undefined {
    const row = this.select.get(recordId) as StatusRow | undefined;
    return row ? (JSON.parse(row.snapshot) as StaffStatus) : undefined;
  }

  /** The year's rows, by name. */
  list(cycle: string): StaffStatus[] {
    const rows = this.db.prepare(`SELECT snapshot FROM staff_status WHERE cycle = ?`).all(cycle) as { snapshot: string }[];
    return rows
      .map((row) => JSON.parse(row.snapshot) as StaffStatus)
      .sort((a, b) => a.person.displayName.localeCompare(b.person.displayName, "en-GB") || a.person.id.localeCompare(b.person.id));
  }
}
