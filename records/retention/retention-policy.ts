// How long each kind of record is kept, and when each one falls due for deletion. The defaults and their
// reasoning are in README.md ("Retention"); server/config.ts reads the settings.
import type { LaptopLoan } from "../laptop-loan.js";
import type { MonitoringRecord } from "../monitoring/monitoring-record.js";
import type { Acknowledgement, IncidentReport } from "../types.js";

export const RETENTION_TYPES = ["acknowledgements", "reports", "laptop-loans", "monitoring-records"] as const;
export type RetentionType = (typeof RETENTION_TYPES)[number];

/** Months each type is kept after the moment it stops being live (see `retentionStart`). */
export type RetentionPeriods = Readonly<Record<RetentionType, number>>;

/**
 * Six years throughout: the period the IRMS Information Management Toolkit for Schools uses for records
 * that may be needed to answer a claim (the Limitation Act 1980's six years for contract and most
 * claims). Each is counted from when the record stopped being live, never from when it was made.
 */
export const DEFAULT_RETENTION_MONTHS: RetentionPeriods = { acknowledgements: 72, reports: 72, "laptop-loans": 72, "monitoring-records": 72 };

export const RETENTION_REASONS: Readonly<Record<RetentionType, string>> = {
  acknowledgements:
    "Evidence that the member of staff accepted the policy, a term of their employment: kept six years after the academic year it was for ends, as the IRMS toolkit keeps staff employment records for six years. The record of when each person was sent and reminded that year's cards goes with them.",
  reports:
    "Incident reports, including possible personal-data breaches the school must be able to account for (UK GDPR Art. 33(5)): kept six years after the report is closed. Open reports are never deleted.",
  "laptop-loans":
    "The loan agreement and the return: kept six years after the laptop came back, the period for a claim under the agreement. Loans still out are never deleted.",
  "monitoring-records":
    "The record of each written request to monitor a member of staff's email (policy 15.1): the school's evidence that the monitoring was asked for in writing, for a recorded reason, and that the employee was told. Kept six years after it was closed, the period for a claim the employee might bring about it. Open records are never deleted.",
};

export interface RetainedRecord {
  readonly type: RetentionType;
  readonly recordId: string;
  /** What the record is, without naming anyone: the page and the log show counts and this only. */
  readonly what: string;
  /** When its retention period started; undefined while it is still live (open report, loan out). */
  readonly from: string | undefined;
}

/** 31 August of the academic year "2026/27" (its last day, UK), as an ISO instant at the end of that day. */
function endOfAcademicYear(cycle: string): string | undefined {
  const match = /^(\d{4})\/\d{2}$/.exec(cycle);
  return match ? `${Number(match[1]) + 1}-08-31T23:00:00.000Z` : undefined;
}

export function acknowledgementRetained(ack: Acknowledgement): RetainedRecord {
  return { type: "acknowledgements", recordId: ack.recordId, what: `${ack.policyId} v${ack.policyVersion} (${ack.cycle})`, from: endOfAcademicYear(ack.cycle) ?? ack.acknowledgedAt };
}

export function reportRetained(report: IncidentReport): RetainedRecord {
  const closedAt = report.status === "Closed" ? report.statusChangedAt : undefined;
  return { type: "reports", recordId: report.recordId, what: `${report.kind} report`, from: closedAt };
}

export function loanRetained(loan: LaptopLoan): RetainedRecord {
  return { type: "laptop-loans", recordId: loan.recordId, what: `laptop loan (${loan.model})`, from: loan.returned?.returnedAt };
}

/** Counted from the closure: the monitoring has ended and the employee has been given the notice. */
export function monitoringRetained(record: MonitoringRecord): RetainedRecord {
  return { type: "monitoring-records", recordId: record.recordId, what: "monitoring record (15.1)", from: record.state === "Closed" ? record.closed?.closedAt : undefined };
}

/**
 * The campaign's per-person chase history for an academic year (who was invited and reminded when) is part of the
 * evidence the acknowledgements are: it goes with that year's acknowledgements, under their rule and period.
 */
export function campaignStepsExpireAt(cycle: string, periods: RetentionPeriods): Date | undefined {
  const from = endOfAcademicYear(cycle);
  return from ? expiresAt({ type: "acknowledgements", recordId: `campaign-steps:${cycle}`, what: `campaign messages (${cycle})`, from }, periods) : undefined;
}

/** The instant the record may be deleted, or undefined while it is live. */
export function expiresAt(record: RetainedRecord, periods: RetentionPeriods): Date | undefined {
  if (!record.from) return undefined;
  const start = new Date(record.from);
  if (Number.isNaN(start.getTime())) return undefined;
  const end = new Date(start);
  end.setUTCMonth(end.getUTCMonth() + periods[record.type]);
  return end;
}

export interface Scheduled extends RetainedRecord {
  readonly expiresAt: string;
}

/** Everything with an expiry, soonest first. */
export function retentionSchedule(records: readonly RetainedRecord[], periods: RetentionPeriods): Scheduled[] {
  return records
    .flatMap((record) => {
      const at = expiresAt(record, periods);
      return at ? [{ ...record, expiresAt: at.toISOString() }] : [];
    })
    .sort((a, b) => a.expiresAt.localeCompare(b.expiresAt) || a.recordId.localeCompare(b.recordId));
}
