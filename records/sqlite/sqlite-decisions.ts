// Decisions on requests in the embedded store: a `decision` column (JSON) on the reports table, written in one
// statement with the request's closing status, so a second decision (a double press, the other decider) finds it.
import type { DecideOutcome, RequestDecision, RequestDecisions } from "../decisions.js";
import { NotFoundError } from "../errors.js";
import type { IncidentReport, StatusHistoryEntry } from "../types.js";
import type { SqliteDatabase } from "./database.js";

export class SqliteDecisions implements RequestDecisions {
  constructor(
    private readonly db: SqliteDatabase,
    /** The report as the store reads it, synchronously, inside the same transaction. */
    private readonly read: (recordId: string) => IncidentReport | undefined,
  ) {
    // Added with decisions: a database made before gets the column, its reports none.
    const columns = db.prepare(`PRAGMA table_info(reports)`).all() as { name: string }[];
    if (!columns.some((column) => column.name === "decision")) db.exec(`ALTER TABLE reports ADD COLUMN decision TEXT`);
  }

  decide(recordId: string, decision: RequestDecision, closing: StatusHistoryEntry, then: (report: IncidentReport) => void): Promise<DecideOutcome> {
    const run = this.db.transaction((): DecideOutcome => {
      const changed = this.db
        .prepare(
          `UPDATE reports SET decision = ?, status = ?, status_changed_at = ?, status_changed_by = ?,
             status_history = json_insert(COALESCE(status_history, '[]'), '$[#]', json(?))
           WHERE record_id = ? AND decision IS NULL`,
        )
        .run(JSON.stringify(decision), closing.status, closing.at, closing.by, JSON.stringify(closing), recordId).changes;
      const report = this.read(recordId);
      if (!report) throw new NotFoundError(`There is no report ${recordId}.`);
      if (changed === 1) then(report);
      return { report, recorded: changed === 1 };
    });
    return Promise.resolve(run());
  }

  markExpired(recordId: string, at: string, then: (report: IncidentReport) => void): Promise<boolean> {
    const run = this.db.transaction((): boolean => {
      const changed = this.db
        .prepare(
          `UPDATE reports SET decision = json_set(decision, '$.expiredAt', ?)
           WHERE record_id = ? AND json_extract(decision, '$.outcome') = 'approved' AND json_extract(decision, '$.expiredAt') IS NULL`,
        )
        .run(at, recordId).changes;
      const report = changed === 1 ? this.read(recordId) : undefined;
      if (report) then(report);
      return report !== undefined;
    });
    return Promise.resolve(run());
  }
}
