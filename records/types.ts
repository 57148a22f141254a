// The records the headteacher reads: what was acknowledged and what was reported.
import type { LaptopLoan, LaptopLoanQuery, LaptopReturn } from "./laptop-loan.js";
import type { RequestDecision, RequestDecisions } from "./decisions.js";

/** Who did something, always taken from a validated token or the Bot Framework activity. */
export interface Person {
  /** Entra object id (aadObjectId / oid). */
  readonly id: string;
  readonly displayName: string;
  /** User principal name; empty when the channel could not tell us. */
  readonly upn: string;
}

export type AcknowledgementChannel = "teams-bot" | "tab";

export interface Acknowledgement {
  /** Derived from policy, version, cycle and person, so writing twice keeps one record. */
  readonly recordId: string;
  readonly policyId: string;
  readonly policyVersion: string;
  /** Academic year, e.g. "2026/27". */
  readonly cycle: string;
  readonly person: Person;
  /** ISO 8601 instant. */
  readonly acknowledgedAt: string;
  readonly channel: AcknowledgementChannel;
}

export const REPORT_KINDS = [
  "inappropriate-material",
  "unauthorised-information",
  "compromised-account",
  "lost-equipment",
  // Concerns to raise (Appendix 1, 6.8, 6.9) and permissions to ask (9.2, 11.2, 14.1): records/concern-kinds.ts, request-kinds.ts.
  "online-references",
  "pupil-contact",
  "discriminatory-postings",
  "software-change",
  "personal-equipment",
  "sensitive-information",
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_STATUSES = ["New", "In review", "Closed"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface IncidentReport {
  readonly recordId: string;
  readonly kind: ReportKind;
  readonly reporter: Person;
  /** ISO 8601 instant the report was filed. */
  readonly reportedAt: string;
  /** ISO 8601 instant the thing happened or was noticed, as the reporter gave it. */
  readonly occurredAt: string;
  /** One line for lists and alerts, e.g. "Lost: Dell Latitude 5440 (SN 7XK2)". */
  readonly summary: string;
  /** The kind's own fields, as validated by the tab API. */
  readonly details: Readonly<Record<string, string | boolean>>;
  readonly urgent: boolean;
  readonly status: ReportStatus;
  readonly statusChangedAt: string;
  /** Display name of whoever last changed the status (the reporter when New). */
  readonly statusChangedBy: string;
  /**
   * The short reference people quote, e.g. "R-2026-0042": allocated by the store when the report is first
   * saved. Absent on reports saved before references existed; they are shown by their recordId.
   */
  readonly reference?: string;
  /** Every status change since it was filed, oldest first, with the note given; absent on reports never changed. */
  readonly statusHistory?: readonly StatusHistoryEntry[];
  /** A permission request's decision (records/decisions.ts); absent until decided, and on every other kind. */
  readonly decision?: RequestDecision;
}

export interface ReportSaveResult extends SaveResult {
  /** The report's reference: a new one, or the one it was given when first saved. */
  readonly reference: string;
}

/** One status change as recorded: what it became, when, by whom, and why (the headteacher's note). */
export interface StatusHistoryEntry {
  readonly status: ReportStatus;
  readonly at: string;
  readonly by: string;
  /** Empty when none was given (e.g. a press on the Teams card). */
  readonly note: string;
}

export interface SaveResult {
  /** False when an identical record (same record id) was already there. */
  readonly created: boolean;
}

export interface AcknowledgementQuery {
  readonly personId?: string;
  readonly policyId?: string;
  readonly cycle?: string;
}

export interface ReportQuery {
  readonly reporterId?: string;
  readonly status?: ReportStatus;
}

/**
 * The system of record. The embedded SQLite adapter is the local default; in tenant mode
 * the outbox adapter commits locally first and drains into SharePoint lists.
 */
export interface RecordStore {
  saveAcknowledgement(ack: Acknowledgement): Promise<SaveResult>;
  listAcknowledgements(query: AcknowledgementQuery): Promise<Acknowledgement[]>;
  /** Allocates the report's reference (any `reference` passed in is ignored); a repeat keeps the first. */
  saveReport(report: IncidentReport): Promise<ReportSaveResult>;
  listReports(query: ReportQuery): Promise<IncidentReport[]>;
  /** Throws NotFoundError when there is no such report. */
  getReport(recordId: string): Promise<IncidentReport>;
  /** Throws NotFoundError when there is no such report. The change (with its note) joins the report's statusHistory. */
  updateReportStatus(recordId: string, status: ReportStatus, changedBy: Person, at: Date, note?: string): Promise<IncidentReport>;
  readonly laptopLoans: LaptopLoanStore;
  /** Decisions on permission requests, kept on the request itself. */
  readonly decisions: RequestDecisions;
}

/** The laptop loan agreements, kept beside the other records by each adapter. */
export interface LaptopLoanStore {
  /** `created` is false when a loan with this record id was already there (a repeated "Issue"). */
  save(loan: LaptopLoan): Promise<SaveResult>;
  list(query: LaptopLoanQuery): Promise<LaptopLoan[]>;
  /** Throws NotFoundError when there is no such loan. */
  get(recordId: string): Promise<LaptopLoan>;
  /** The borrower's confirmation; a loan already confirmed keeps its first one. Throws NotFoundError. */
  confirm(recordId: string, at: Date): Promise<LaptopLoan>;
  /** The laptop handed back to the IT technician; a loan already returned keeps its first return. Throws NotFoundError. */
  markReturned(recordId: string, returned: LaptopReturn): Promise<LaptopLoan>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Tells the headteacher about a report, and the IT technician too when it is urgent. Implemented
 * by the bot (proactive Adaptive Cards); must return once the alert is durably queued, never block
 * on delivery, and retry delivery itself.
 */
export interface ReportAlerts {
  reportFiled(report: IncidentReport): Promise<void>;
}
