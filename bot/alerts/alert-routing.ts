// Who is told about a report, per report, from its kind's privacy tier and deciders (records/report-kinds.ts).
import { reportKind } from "../../records/report-kinds.js";
import type { IncidentReport } from "../../records/types.js";

/** The people the school named in config, by Entra object id. */
export interface StaffAudience {
  readonly headteachers: readonly string[];
  readonly itTechnicians: readonly string[];
  /** SENIOR_LEADER_AAD_OBJECT_ID: told at once of safeguarding concerns (6.8). */
  readonly seniorLeaders: readonly string[];
}

/**
 * - safeguarding (inappropriate contact from a pupil): the headteacher and the senior leaders, at once,
 *   and never the IT technician, even one who is also listed as a senior leader; one person who is both
 *   headteacher and technician (a small school, or local mode) is told as the headteacher.
 * - a request: the people who may decide it (9.2 headteacher or IT technician; 11.2 and 14.1 the headteacher).
 * - urgent: the headteacher and the IT technician; routine: the headteacher.
 */
export function alertRecipientsFor(report: IncidentReport, audience: StaffAudience): string[] {
  const lower = (ids: readonly string[]) => ids.map((id) => id.toLowerCase());
  const headteachers = lower(audience.headteachers);
  const technicians = lower(audience.itTechnicians);
  const kind = reportKind(report.kind);
  let ids: string[];
  if (kind.privacy === "safeguarding") {
    const technicianOnly = new Set(technicians.filter((id) => !headteachers.includes(id)));
    ids = [...headteachers, ...lower(audience.seniorLeaders)].filter((id) => !technicianOnly.has(id));
  } else if (kind.deciders) {
    ids = kind.deciders.flatMap((role) => (role === "headteacher" ? headteachers : technicians));
  } else {
    ids = report.urgent ? [...headteachers, ...technicians] : headteachers;
  }
  return [...new Set(ids)];
}

/**
 * Whether a safeguarding concern's alert reaches anyone besides the headteacher: with no senior leader set, or
 * only the headteacher or an IT technician named as one, it does not, and the headteacher's card must say so.
 */
export function seniorLeadersAlerted(report: IncidentReport, audience: StaffAudience): boolean {
  const headteachers = new Set(audience.headteachers.map((id) => id.toLowerCase()));
  return alertRecipientsFor(report, audience).some((id) => !headteachers.has(id));
}
