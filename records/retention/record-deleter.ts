// The one write retention needs: delete a record for good. SQLite deletes the row; the outbox queues a
// delete of the SharePoint item, keyed by record id so it is queued once, however often the job runs.
import type { OutboxTable } from "../outbox/outbox-table.js";
import type { SqliteDatabase } from "../sqlite/database.js";
import type { RetentionType } from "./retention-policy.js";

export interface RecordDeleter {
  /** True when this call deleted (or queued the deletion of) the record; false when already done or queued. */
  delete(type: RetentionType, recordId: string): boolean;
}

const TABLES: Readonly<Record<RetentionType, string>> = { acknowledgements: "acknowledgements", reports: "reports", "laptop-loans": "laptop_loans", "monitoring-records": "monitoring_records" };

export class SqliteRecordDeleter implements RecordDeleter {
  constructor(private readonly db: SqliteDatabase) {}

  delete(type: RetentionType, recordId: string): boolean {
    return this.db.prepare(`DELETE FROM ${TABLES[type]} WHERE record_id = ?`).run(recordId).changes === 1;
  }
}

export interface DeletePayload {
  readonly type: RetentionType;
}

export class OutboxRecordDeleter implements RecordDeleter {
  constructor(
    private readonly outbox: OutboxTable,
    private readonly now: () => Date,
  ) {}

  delete(type: RetentionType, recordId: string): boolean {
    const payload: DeletePayload = { type };
    return this.outbox.enqueue("delete-record", `delete:${recordId}`, recordId, payload, this.now());
  }
}
