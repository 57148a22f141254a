// The staff status rows in the shared database: the local record (shown on /records) and, in tenant mode,
// the app's memory of what it last sent to the SharePoint list, so only changes are written.
import type { SqliteDatabase } from "./database.js";
import { sameContent, type StaffStatus, type StaffStatusPublisher } from "../roster/staff-status.js";

interface StatusRow {
  snapshot: string;
  revision: number;
}

export class SqliteStaffStatus {
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
  }

  /** Writes the row if its content changed; the publisher's write commits with it. True when written. */
  write(status: StaffStatus, now: Date): boolean {
    return this.db.transaction(() => {
      const row = this.db.prepare(`SELECT snapshot, revision FROM staff_status WHERE record_id = ?`).get(status.recordId) as StatusRow | undefined;
      if (row && sameContent(JSON.parse(row.snapshot) as StaffStatus, status)) return false;
      const revision = (row?.revision ?? 0) + 1;
      this.db
        .prepare(
          `INSERT INTO staff_status (record_id, person_id, cycle, snapshot, revision, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (record_id) DO UPDATE SET snapshot = excluded.snapshot, revision = excluded.revision, updated_at = excluded.updated_at`,
        )
        .run(status.recordId, status.person.id.toLowerCase(), status.cycle, JSON.stringify(status), revision, status.updatedAt);
      this.publisher?.publish(status, row === undefined, revision, now);
      return true;
    })();
  }

  get(recordId: string): StaffStatus | undefined {
    const row = this.db.prepare(`SELECT snapshot FROM staff_status WHERE record_id = ?`).get(recordId) as { snapshot: string } | undefined;
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
