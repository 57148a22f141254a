// The monitoring record (policy 15.1): the headteacher asked in writing for a member of staff's email to be
// monitored and recorded why; the employee is told, with the reasons, in writing. Deliberately a port of its
// own, outside RecordStore, so no report listing, export, pack or search can ever reach it.
import { createHash } from "node:crypto";
import type { Person } from "../types.js";

export const MONITORING_STATES = ["Open", "Closed"] as const;
export type MonitoringState = (typeof MONITORING_STATES)[number];

/** Who the written request went to: the school's Network Manager / IT technician, or the email provider. */
export const MONITORING_REQUESTED_OF = ["The IT technician (Network Manager)", "The email provider"] as const;

export interface MonitoringClosure {
  /** ISO instant the headteacher closed the record. */
  readonly closedAt: string;
  /** The headteacher who closed it, from the validated token. */
  readonly closedBy: Person;
  /** What came of it, in the headteacher's words; goes into the notice. */
  readonly outcome: string;
}

export interface MonitoringRecord {
  readonly recordId: string;
  /** Whose email: a member of staff from the roster (with their Entra id) or named by hand (id empty). */
  readonly employee: Person;
  /** Policy 15.1: "The Headteacher will record the reason for the monitoring." */
  readonly reason: string;
  /** Calendar dates (YYYY-MM-DD) the monitoring runs from and to. */
  readonly from: string;
  readonly to: string;
  /** Who the headteacher asked in writing, and on what day (YYYY-MM-DD). */
  readonly requestedOf: string;
  readonly requestedOn: string;
  /** The headteacher who opened the record, from the validated token, and when. */
  readonly recordedBy: Person;
  readonly recordedAt: string;
  readonly state: MonitoringState;
  /** Set (with state "Closed") once the monitoring has ended. */
  readonly closed?: MonitoringClosure;
}

export interface MonitoringQuery {
  /** One member of staff's records (subject access), by Entra object id. */
  readonly employeeId?: string;
  readonly state?: MonitoringState;
}

/** The port: SQLite locally, the outbox and the restricted "AUP monitoring record" list in tenant mode. */
export interface MonitoringRecords {
  /** created is false when the same form was sent before: the first record stands. */
  save(record: MonitoringRecord): Promise<{ created: boolean }>;
  list(query: MonitoringQuery): Promise<MonitoringRecord[]>;
  /** NotFoundError when there is none. */
  get(recordId: string): Promise<MonitoringRecord>;
  /** Closing twice keeps the first closure. */
  close(recordId: string, closure: MonitoringClosure): Promise<MonitoringRecord>;
}

/** One form, one record: sending the same form again (a lost answer, a double press) finds the first. */
export function monitoringRecordId(formId: string, headteacherId: string): string {
  const key = ["monitoring", formId.toLowerCase(), headteacherId.toLowerCase()].join("\u0000");
  return "mon-" + createHash("sha256").update(key).digest("hex").slice(0, 32);
}

/** The record once closed; a record already closed keeps its first closure. */
export function closedRecord(record: MonitoringRecord, closure: MonitoringClosure): MonitoringRecord {
  return record.state === "Closed" ? record : { ...record, state: "Closed", closed: closure };
}

/** Newest first, then by id, the same in every adapter. */
export function newestFirst(a: MonitoringRecord, b: MonitoringRecord): number {
  return Date.parse(b.recordedAt) - Date.parse(a.recordedAt) || a.recordId.localeCompare(b.recordId);
}

export function matches(record: MonitoringRecord, query: MonitoringQuery): boolean {
  const sameEmployee = !query.employeeId || record.employee.id.toLowerCase() === query.employeeId.toLowerCase();
  return sameEmployee && (!query.state || record.state === query.state);
}
