import type { SqliteDatabase } from "./database.js";
import { NotFoundError } from "../errors.js";
import { SqliteLaptopLoans } from "./sqlite-laptop-loans.js";
import { SqliteReportReferences } from "./report-references.js";
import { SqliteDecisions } from "./sqlite-decisions.js";
import type { RequestDecision } from "../decisions.js";
import type {
  Acknowledgement,
  AcknowledgementQuery,
  IncidentReport,
  Person,
  RecordStore,
  ReportQuery,
  ReportSaveResult,
  ReportStatus,
  SaveResult,
  StatusHistoryEntry,
} from "../types.js";

interface AcknowledgementRow {
  record_id: string;
  policy_id: string;
  policy_version: string;
  cycle: string;
  person_id: string;
  person_name: string;
  person_upn: string;
  acknowledged_at: string;
  channel: Acknowledgement["channel"];
}

interface ReportRow {
  record_id: string;
  kind: IncidentReport["kind"];
  reporter_id: string;
  reporter_name: string;
  reporter_upn: string;
  reported_at: string;
  occurred_at: string;
  summary: string;
  details: string;
  urgent: number;
  status: ReportStatus;
  status_changed_at: string;
  status_changed_by: string;
  /** Null on reports saved before references existed. */
  reference: string | null;
  status_history: string | null;
  /** A request's decision as JSON (records/decisions.ts); null until decided. */
  decision?: string | null;
}

/** The embedded system of record: the local default, and what the /records page shows. */
export class SqliteRecordStore implements RecordStore {
  readonly laptopLoans: SqliteLaptopLoans;
  readonly decisions: SqliteDecisions;
  private readonly references: SqliteReportReferences;

  constructor(private readonly db: SqliteDatabase) {
    this.laptopLoans = new SqliteLaptopLoans(db);
    this.references = new SqliteReportReferences(db);
    db.exec(`
      CREATE TABLE IF NOT EXISTS acknowledgements (
        record_id TEXT PRIMARY KEY,
        policy_id TEXT NOT NULL,
        policy_version TEXT NOT NULL,
        cycle TEXT NOT NULL,
        person_id TEXT NOT NULL,
        person_name TEXT NOT NULL,
        person_upn TEXT NOT NULL,
        acknowledged_at TEXT NOT NULL,
        channel TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS acknowledgements_by_person ON acknowledgements (person_id, cycle);
      CREATE INDEX IF NOT EXISTS acknowledgements_by_policy ON acknowledgements (policy_id, cycle);
      CREATE TABLE IF NOT EXISTS reports (
        record_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        reporter_id TEXT NOT NULL,
        reporter_name TEXT NOT NULL,
        reporter_upn TEXT NOT NULL,
        reported_at TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        summary TEXT NOT NULL,
        details TEXT NOT NULL,
        urgent INTEGER NOT NULL,
        status TEXT NOT NULL,
        status_changed_at TEXT NOT NULL,
        status_changed_by TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS reports_by_reporter ON reports (reporter_id);
      CREATE INDEX IF NOT EXISTS reports_by_status ON reports (status);
    `);
    // Added with references: a database made before gets the column, its old reports none.
    const columns = db.prepare(`PRAGMA table_info(reports)`).all() as { name: string }[];
    if (!columns.some((column) => column.name === "reference")) db.exec(`ALTER TABLE reports ADD COLUMN reference TEXT`);
    db.exec(`CREATE UNIQUE INDEX IF NOT EXISTS reports_by_reference ON reports (reference)`);
    if (!columns.some((column) => column.name === "status_history")) db.exec(`ALTER TABLE reports ADD COLUMN status_history TEXT`);
    this.decisions = new SqliteDecisions(db, (recordId) => {
      const row = db.prepare(`SELECT * FROM reports WHERE record_id = ?`).get(recordId) as ReportRow | undefined;
      return row ? toReport(row) : undefined;
    });
  }

  saveAcknowledgement(ack: Acknowledgement): Promise<SaveResult> {
    const result = this.db
      .prepare(
        `INSERT INTO acknowledgements VALUES
           (@recordId, @policyId, @policyVersion, @cycle, @personId, @personName, @personUpn, @acknowledgedAt, @channel)
         ON CONFLICT (record_id) DO NOTHING`,
      )
      .run({
        recordId: ack.recordId,
        policyId: ack.policyId,
        policyVersion: ack.policyVersion,
        cycle: ack.cycle,
        personId: ack.person.id,
        personName: ack.person.displayName,
        personUpn: ack.person.upn,
        acknowledgedAt: ack.acknowledgedAt,
        channel: ack.channel,
      });
    return Promise.resolve({ created: result.changes === 1 });
  }

  listAcknowledgements(query: AcknowledgementQuery): Promise<Acknowledgement[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM acknowledgements
         WHERE (@personId IS NULL OR person_id = @personId)
           AND (@policyId IS NULL OR policy_id = @policyId)
           AND (@cycle IS NULL OR cycle = @cycle)
         ORDER BY acknowledged_at DESC, record_id`,
      )
      .all({ personId: query.personId ?? null, policyId: query.policyId ?? null, cycle: query.cycle ?? null }) as AcknowledgementRow[];
    return Promise.resolve(rows.map(toAcknowledgement));
  }

  saveReport(report: IncidentReport): Promise<ReportSaveResult> {
    const save = this.db.transaction((): ReportSaveResult => {
      const existing = this.db.prepare(`SELECT reference FROM reports WHERE record_id = ?`).get(report.recordId) as
        | Pick<ReportRow, "reference">
        | undefined;
      if (existing) return { created: false, reference: existing.reference ?? report.recordId };
      return this.references.withReference(report.recordId, report.reportedAt, (reference) => {
        this.db
          .prepare(
            `INSERT INTO reports (record_id, kind, reporter_id, reporter_name, reporter_upn, reported_at, occurred_at, summary,
               details, urgent, status, status_changed_at, status_changed_by, status_history, reference)
             VALUES (@recordId, @kind, @reporterId, @reporterName, @reporterUpn, @reportedAt, @occurredAt, @summary,
               @details, @urgent, @status, @statusChangedAt, @statusChangedBy, @statusHistory, @reference)`,
          )
          .run({ ...toReportParams(report), reference });
        return { created: true, reference };
      });
    });
    return Promise.resolve(save());
  }

  listReports(query: ReportQuery): Promise<IncidentReport[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM reports
         WHERE (@reporterId IS NULL OR reporter_id = @reporterId)
           AND (@status IS NULL OR status = @status)
         ORDER BY reported_at DESC, record_id`,
      )
      .all({ reporterId: query.reporterId ?? null, status: query.status ?? null }) as ReportRow[];
    return Promise.resolve(rows.map(toReport));
  }

  getReport(recordId: string): Promise<IncidentReport> {
    const row = this.db.prepare(`SELECT * FROM reports WHERE record_id = ?`).get(recordId) as ReportRow | undefined;
    if (!row) return Promise.reject(new NotFoundError(`There is no report ${recordId}.`));
    return Promise.resolve(toReport(row));
  }

  async updateReportStatus(recordId: string, status: ReportStatus, changedBy: Person, at: Date, note = ""): Promise<IncidentReport> {
    const entry: StatusHistoryEntry = { status, at: at.toISOString(), by: changedBy.displayName, note };
    // One statement: the history grows by exactly this change even when two arrive together.
    const result = this.db
      .prepare(
        `UPDATE reports SET status = ?, status_changed_at = ?, status_changed_by = ?,
           status_history = json_insert(COALESCE(status_history, '[]'), '$[#]', json(?))
         WHERE record_id = ?`,
      )
      .run(status, entry.at, entry.by, JSON.stringify(entry), recordId);
    if (result.changes === 0) throw new NotFoundError(`There is no report ${recordId}.`);
    return this.getReport(recordId);
  }
}

function toAcknowledgement(row: AcknowledgementRow): Acknowledgement {
  return {
    recordId: row.record_id,
    policyId: row.policy_id,
    policyVersion: row.policy_version,
    cycle: row.cycle,
    person: { id: row.person_id, displayName: row.person_name, upn: row.person_upn },
    acknowledgedAt: row.acknowledged_at,
    channel: row.channel,
  };
}

function toReportParams(report: IncidentReport): Record<string, string | number | null> {
  return {
    recordId: report.recordId,
    kind: report.kind,
    reporterId: report.reporter.id,
    reporterName: report.reporter.displayName,
    reporterUpn: report.reporter.upn,
    reportedAt: report.reportedAt,
    occurredAt: report.occurredAt,
    summary: report.summary,
    details: JSON.stringify(report.details),
    urgent: report.urgent ? 1 : 0,
    status: report.status,
    statusChangedAt: report.statusChangedAt,
    statusChangedBy: report.statusChangedBy,
    statusHistory: report.statusHistory ? JSON.stringify(report.statusHistory) : null,
  };
}

function toReport(row: ReportRow): IncidentReport {
  return {
    recordId: row.record_id,
    kind: row.kind,
    reporter: { id: row.reporter_id, displayName: row.reporter_name, upn: row.reporter_upn },
    reportedAt: row.reported_at,
    occurredAt: row.occurred_at,
    summary: row.summary,
    details: JSON.parse(row.details) as IncidentReport["details"],
    urgent: row.urgent === 1,
    status: row.status,
    statusChangedAt: row.status_changed_at,
    statusChangedBy: row.status_changed_by,
    ...(row.reference ? { reference: row.reference } : {}),
    ...(row.status_history ? { statusHistory: JSON.parse(row.status_history) as StatusHistoryEntry[] } : {}),
    ...(row.decision ? { decision: JSON.parse(row.decision) as RequestDecision } : {}),
  };
}
