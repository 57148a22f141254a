// The monitoring records table of the embedded store: a table of its own, which nothing that lists reports
// (/records, CSV, the governors' pack, the year at a glance) reads.
import { NotFoundError } from "../errors.js";
import type { SqliteDatabase } from "../sqlite/database.js";
import { matches, type MonitoringClosure, type MonitoringQuery, type MonitoringRecord, type MonitoringRecords } from "./monitoring-record.js";

interface MonitoringRow {
  record_id: string;
  employee_id: string;
  employee_name: string;
  employee_upn: string;
  reason: string;
  from_day: string;
  to_day: string;
  requested_of: string;
  requested_on: string;
  recorded_by_id: string;
  recorded_by_name: string;
  recorded_by_upn: string;
  recorded_at: string;
  state: MonitoringRecord["state"];
  closed_at: string;
  closed_by_id: string;
  closed_by_name: string;
  closed_by_upn: string;
  outcome: string;
}

export class SqliteMonitoringRecords implements MonitoringRecords {
  constructor(private readonly db: SqliteDatabase) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS monitoring_records (
        record_id TEXT PRIMARY KEY,
        employee_id TEXT NOT NULL,
        employee_name TEXT NOT NULL,
        employee_upn TEXT NOT NULL,
        reason TEXT NOT NULL,
        from_day TEXT NOT NULL,
        to_day TEXT NOT NULL,
        requested_of TEXT NOT NULL,
        requested_on TEXT NOT NULL,
        recorded_by_id TEXT NOT NULL,
        recorded_by_name TEXT NOT NULL,
        recorded_by_upn TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        state TEXT NOT NULL,
        closed_at TEXT NOT NULL DEFAULT '',
        closed_by_id TEXT NOT NULL DEFAULT '',
        closed_by_name TEXT NOT NULL DEFAULT '',
        closed_by_upn TEXT NOT NULL DEFAULT '',
        outcome TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX IF NOT EXISTS monitoring_records_by_employee ON monitoring_records (employee_id);
    `);
  }

  save(record: MonitoringRecord): Promise<{ created: boolean }> {
    const row = toRow(record);
    const names = Object.keys(row);
    const result = this.db
      .prepare(
        `INSERT INTO monitoring_records (${names.join(", ")}) VALUES (${names.map((name) => `@${name}`).join(", ")})
         ON CONFLICT (record_id) DO NOTHING`,
      )
      .run(row);
    return Promise.resolve({ created: result.changes === 1 });
  }

  list(query: MonitoringQuery): Promise<MonitoringRecord[]> {
    const rows = this.db.prepare(`SELECT * FROM monitoring_records ORDER BY recorded_at DESC, record_id`).all() as MonitoringRow[];
    return Promise.resolve(rows.map(toRecord).filter((record) => matches(record, query)));
  }

  get(recordId: string): Promise<MonitoringRecord> {
    const row = this.db.prepare(`SELECT * FROM monitoring_records WHERE record_id = ?`).get(recordId) as MonitoringRow | undefined;
    if (!row) return Promise.reject(new NotFoundError(`There is no monitoring record ${recordId}.`));
    return Promise.resolve(toRecord(row));
  }

  /** Only an open record changes, so a second press keeps the first closure. */
  close(recordId: string, closure: MonitoringClosure): Promise<MonitoringRecord> {
    this.db
      .prepare(
        `UPDATE monitoring_records SET state = 'Closed', closed_at = @closed_at, closed_by_id = @closed_by_id,
           closed_by_name = @closed_by_name, closed_by_upn = @closed_by_upn, outcome = @outcome
         WHERE record_id = @record_id AND state = 'Open'`,
      )
      .run({ record_id: recordId, ...closureColumns(closure) });
    return this.get(recordId);
  }
}

function closureColumns(closure: MonitoringClosure | undefined): Pick<MonitoringRow, "closed_at" | "closed_by_id" | "closed_by_name" | "closed_by_upn" | "outcome"> {
  return {
    closed_at: closure?.closedAt ?? "",
    closed_by_id: closure?.closedBy.id ?? "",
    closed_by_name: closure?.closedBy.displayName ?? "",
    closed_by_upn: closure?.closedBy.upn ?? "",
    outcome: closure?.outcome ?? "",
  };
}

function toRow(record: MonitoringRecord): MonitoringRow {
  return {
    record_id: record.recordId,
    employee_id: record.employee.id,
    employee_name: record.employee.displayName,
    employee_upn: record.employee.upn,
    reason: record.reason,
    from_day: record.from,
    to_day: record.to,
    requested_of: record.requestedOf,
    requested_on: record.requestedOn,
    recorded_by_id: record.recordedBy.id,
    recorded_by_name: record.recordedBy.displayName,
    recorded_by_upn: record.recordedBy.upn,
    recorded_at: record.recordedAt,
    state: record.state,
    ...closureColumns(record.closed),
  };
}

function toRecord(row: MonitoringRow): MonitoringRecord {
  const record: MonitoringRecord = {
    recordId: row.record_id,
    employee: { id: row.employee_id, displayName: row.employee_name, upn: row.employee_upn },
    reason: row.reason,
    from: row.from_day,
    to: row.to_day,
    requestedOf: row.requested_of,
    requestedOn: row.requested_on,
    recordedBy: { id: row.recorded_by_id, displayName: row.recorded_by_name, upn: row.recorded_by_upn },
    recordedAt: row.recorded_at,
    state: row.state,
  };
  if (row.state !== "Closed") return record;
  return {
    ...record,
    closed: { closedAt: row.closed_at, closedBy: { id: row.closed_by_id, displayName: row.closed_by_name, upn: row.closed_by_upn }, outcome: row.outcome },
  };
}
