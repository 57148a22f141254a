import { AuthError } from "../records/errors.js";
import { isRestricted } from "../records/privacy.js";
import type { Clock, IncidentReport, Person, RecordStore, ReportStatus } from "../records/types.js";

/** Who handles urgent reports: the configured headteacher and IT technician, by Entra object id. */
export function reportHandlerIds(config: { headteacherIds: readonly string[]; itTechnicianIds: readonly string[] }): string[] {
  return [...new Set([...config.headteacherIds, ...config.itTechnicianIds].map((id) => id.toLowerCase()))];
}

/** "Mark in review" and "Close" on an alert card; only the report handlers may press them. */
export class ReportStatusService {
  private readonly handlers: ReadonlySet<string>;

  constructor(
    private readonly records: RecordStore,
    private readonly clock: Clock,
    handlerIds: readonly string[],
    /** Only they may see or change a safeguarding concern from a card (records/privacy.ts); absent: nobody. */
    headteacherIds: readonly string[] = [],
  ) {
    this.handlers = new Set(handlerIds.map((id) => id.toLowerCase()));
    this.headteachers = new Set(headteacherIds.map((id) => id.toLowerCase()));
  }

  private readonly headteachers: ReadonlySet<string>;

  async setStatus(actor: Person, reportId: string, status: ReportStatus): Promise<IncidentReport> {
    this.assertHandler(actor, "change a report's status");
    await this.readable(actor, reportId);
    return this.records.updateReportStatus(reportId, status, actor, this.clock.now());
  }

  /** The report as it stands now, for an alert card that refreshes itself. */
  async current(actor: Person, reportId: string): Promise<IncidentReport> {
    this.assertHandler(actor, "see this report");
    return this.readable(actor, reportId);
  }

  /** A safeguarding concern never reaches the IT technician, so a press or refresh from them is refused. */
  private async readable(actor: Person, reportId: string): Promise<IncidentReport> {
    const report = await this.records.getReport(reportId);
    if (isRestricted(report) && !this.headteachers.has(actor.id.toLowerCase())) {
      throw new AuthError("Only the headteacher and the senior leaders can see a safeguarding concern.", true);
    }
    return report;
  }

  private assertHandler(actor: Person, toDo: string): void {
    if (!this.handlers.has(actor.id.toLowerCase())) {
      throw new AuthError(`Only the headteacher or the IT technician can ${toDo}.`, true);
    }
  }
}
