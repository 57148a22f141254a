// Who may read a report beyond its reporter, from its kind's privacy tier (records/report-kinds.ts).
// README "Who sees what" is the table these rules implement; each has a test.
import { reportKind } from "./report-kinds.js";
import type { IncidentReport } from "./types.js";

export type ReaderRole = "headteacher" | "it-technician";

/** A safeguarding concern is the headteacher's (and senior leaders', by alert) alone: never the IT technician's. */
export function isRestricted(report: Pick<IncidentReport, "kind">): boolean {
  return reportKind(report.kind).privacy === "safeguarding";
}

/** Whether someone holding these roles may see the report in the headteacher's views and exports. */
export function mayRead(report: Pick<IncidentReport, "kind">, roles: ReadonlySet<ReaderRole> | readonly ReaderRole[]): boolean {
  const held = new Set(roles);
  return !isRestricted(report) || held.has("headteacher");
}
