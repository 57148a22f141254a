import { AuthError } from "../records/errors.js";
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
  ) {
    this.handlers = new Set(handlerIds.map((id) => id.toLowerCase()));
  }

  async setStatus(actor: Person, reportId: string, status: ReportStatus): Promise<IncidentReport> {
    if (!this.handlers.has(actor.id.toLowerCase())) {
      throw new AuthError("Only the headteacher or the IT technician can change a report's status.", true);
    }
    return this.records.updateReportStatus(reportId, status, actor, this.clock.now());
  }
}
