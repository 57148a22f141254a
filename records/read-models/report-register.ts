// Reports as the headteacher works through them: filters, the ICO 72-hour clock and time to close.
import { ValidationError } from "../errors.js";
import { REPORT_KINDS, REPORT_STATUSES, type IncidentReport, type ReportKind, type ReportStatus } from "../types.js";

/** UK GDPR Art. 33: a reportable personal-data breach must reach the ICO within 72 hours of becoming aware of it. */
export const ICO_DEADLINE_HOURS = 72;
const HOUR_MS = 3_600_000;

export interface ReportFilter {
  readonly kind?: ReportKind;
  readonly status?: ReportStatus;
  readonly urgent?: boolean;
  /** Reported on or after this UK date (YYYY-MM-DD). */
  readonly from?: string;
  /** Reported on or before this UK date (YYYY-MM-DD). */
  readonly to?: string;
  /** The reference someone quotes ("R-2026-0007", any case) or a record id: that one report. */
  readonly reference?: string;
}

/** Reads a filter from query parameters, refusing values that could never match. */
export function reportFilterFrom(query: Readonly<Record<string, unknown>>): ReportFilter {
  const text = (name: string): string | undefined => {
    const value = query[name];
    return typeof value === "string" && value.trim() ? value.trim() : undefined;
  };
  const problems: string[] = [];
  const kind = text("kind");
  if (kind && !(REPORT_KINDS as readonly string[]).includes(kind)) problems.push(`kind must be one of ${REPORT_KINDS.join(", ")}.`);
  const status = text("status");
  if (status && !(REPORT_STATUSES as readonly string[]).includes(status)) problems.push(`status must be one of ${REPORT_STATUSES.join(", ")}.`);
  const urgent = text("urgent");
  if (urgent && urgent !== "yes" && urgent !== "no") problems.push("urgent must be yes or no.");
  const from = text("from");
  const to = text("to");
  for (const [name, value] of [["from", from], ["to", to]] as const) {
    if (value && !isCalendarDate(value)) problems.push(`${name} must be a date as YYYY-MM-DD.`);
  }
  if (problems.length) throw new ValidationError("The filter could not be used.", problems);
  const reference = text("reference");
  return {
    ...(reference ? { reference: reference.toUpperCase() } : {}),
    ...(kind ? { kind: kind as ReportKind } : {}),
    ...(status ? { status: status as ReportStatus } : {}),
    ...(urgent ? { urgent: urgent === "yes" } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

export function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** The UK calendar date of an instant, for comparing with from/to. */
const UK_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

export function filterReports(reports: readonly IncidentReport[], filter: ReportFilter): IncidentReport[] {
  return reports.filter((report) => {
    if (filter.reference && (report.reference ?? "").toUpperCase() !== filter.reference && report.recordId.toUpperCase() !== filter.reference) return false;
    if (filter.kind && report.kind !== filter.kind) return false;
    if (filter.status && report.status !== filter.status) return false;
    if (filter.urgent !== undefined && report.urgent !== filter.urgent) return false;
    if (filter.from || filter.to) {
      const day = UK_DATE.format(new Date(report.reportedAt));
      if (filter.from && day < filter.from) return false;
      if (filter.to && day > filter.to) return false;
    }
    return true;
  });
}

/** A report that may involve personal data: the reporter said so (the kinds' personalData question). */
export function mayBePersonalDataBreach(report: IncidentReport): boolean {
  return report.details.personalData === true;
}

export interface IcoClock {
  /** When the ICO must be told by, if it is a reportable breach: 72 hours from when it was noticed. */
  readonly deadline: string;
  /** Whole hours left (rounded down), negative once passed. */
  readonly hoursLeft: number;
}

export function icoClock(report: IncidentReport, now: Date): IcoClock | undefined {
  if (!mayBePersonalDataBreach(report)) return undefined;
  const deadline = Date.parse(report.occurredAt) + ICO_DEADLINE_HOURS * HOUR_MS;
  return { deadline: new Date(deadline).toISOString(), hoursLeft: Math.floor((deadline - now.getTime()) / HOUR_MS) };
}

/** Hours from filing to the first "Closed", or undefined while open. */
export function hoursToClose(report: IncidentReport): number | undefined {
  if (report.status !== "Closed") return undefined;
  const closedAt = report.statusHistory?.find((entry) => entry.status === "Closed")?.at ?? report.statusChangedAt;
  return Math.max(0, (Date.parse(closedAt) - Date.parse(report.reportedAt)) / HOUR_MS);
}

export function median(values: readonly number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}
