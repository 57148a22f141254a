import { AuthError } from "../records/errors.js";
import { isRestricted } from "../records/privacy.js";
import type { Clock, IncidentReport, Person, RecordStore, ReportStatus } from "../records/types.js";
import { seniorLeadersAlerted, type StaffAudience } from "./alerts/alert-routing.js";
import { deciderRolesOf } from "../records/decision-service.js";
import type { DeciderRole } from "../records/report-kind-fields.js";

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
    /**
     * SENIOR_LEADER_AAD_OBJECT_ID: sent the safeguarding alert card (bot/alerts/alert-routing.ts), so its buttons
     * work for them too; only for safeguarding concerns, and never for one who is also only the IT technician.
     */
    seniorLeaderIds: readonly string[] = [],
    itTechnicianIds: readonly string[] = [],
  ) {
    this.handlers = new Set(handlerIds.map((id) => id.toLowerCase()));
    this.headteachers = new Set(headteacherIds.map((id) => id.toLowerCase()));
    const technicianOnly = new Set(itTechnicianIds.map((id) => id.toLowerCase()).filter((id) => !this.headteachers.has(id)));
    this.safeguardingReaders = new Set([...this.headteachers, ...seniorLeaderIds.map((id) => id.toLowerCase()).filter((id) => !technicianOnly.has(id))]);
    this.audience = { headteachers: headteacherIds, itTechnicians: itTechnicianIds, seniorLeaders: seniorLeaderIds };
  }

  private readonly audience: StaffAudience;

  /** Whether a safeguarding concern's alert reached a senior leader, so a worked card keeps saying who knows. */
  seniorLeadersTold(report: IncidentReport): boolean {
    return seniorLeadersAlerted(report, this.audience);
  }

  /** A refreshed request card shows its requester-who-decides no buttons, as the alert did. */
  deciderRolesOf(person: Person): Set<DeciderRole> {
    return deciderRolesOf(person.id, { headteacherIds: this.audience.headteachers, itTechnicianIds: this.audience.itTechnicians });
  }

  private readonly headteachers: ReadonlySet<string>;
  private readonly safeguardingReaders: ReadonlySet<string>;

  async setStatus(actor: Person, reportId: string, status: ReportStatus): Promise<IncidentReport> {
    await this.readable(actor, reportId, "change a report's status");
    return this.records.updateReportStatus(reportId, status, actor, this.clock.now());
  }

  /** The report as it stands now, for an alert card that refreshes itself. */
  async current(actor: Person, reportId: string): Promise<IncidentReport> {
    return this.readable(actor, reportId, "see this report");
  }

  /**
   * A safeguarding concern is worked by whoever it alerts (the headteacher and the senior leaders) and refused to
   * the IT technician, who is never sent it; any other report by its handlers (the headteacher and IT technician).
   */
  private async readable(actor: Person, reportId: string, toDo: string): Promise<IncidentReport> {
    const id = actor.id.toLowerCase();
    if (this.safeguardingReaders.has(id) && !this.handlers.has(id)) {
      // Only a senior leader gets here: first make sure the report is one they were sent.
      const report = await this.records.getReport(reportId);
      if (isRestricted(report)) return report;
    }
    this.assertHandler(actor, toDo);
    const report = await this.records.getReport(reportId);
    if (isRestricted(report) && !this.safeguardingReaders.has(id)) {
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
