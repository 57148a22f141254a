// The headteacher API's JSON shapes, shared by the server routes and the browser pages.
import type { LaptopLoanStatus, LaptopReturnCondition } from "../../../records/laptop-loan.js";
import type { IcoClock } from "../../../records/read-models/report-register.js";
import type { ReportKind, ReportStatus, StatusHistoryEntry } from "../../../records/types.js";
import type { MonitoringRecord } from "../../../records/monitoring/monitoring-record.js";

export type { YearAtAGlance } from "../../../records/read-models/year-at-a-glance.js";
export type { IcoClock } from "../../../records/read-models/report-register.js";
export type { GovernorsPack } from "../../../records/read-models/governors-pack.js";
export type { MonitoringRecord } from "../../../records/monitoring/monitoring-record.js";
export type { MonitoringNotice } from "../../../records/monitoring/monitoring-notice.js";

import type { Decidable, DecisionSummary } from "../decision-view.js";
export type { Decidable, DecisionSummary } from "../decision-view.js";

export type StaffRoleName = "headteacher" | "it-technician";

/** GET /api/me/roles: what the tab shows this person. */
export interface MyRoles {
  readonly roles: readonly StaffRoleName[];
}

export interface RemindResult {
  /** Cards sent now. */
  readonly sent: number;
  readonly message: string;
  /** "Remind everyone now" (202): cards queued to go at Teams' pace, and to how many members of staff. */
  readonly queued?: { readonly cards: number; readonly people: number };
}

export interface ReportRow {
  /** The record's id: what the report is opened and changed by. */
  readonly recordId: string;
  /** What staff quote, e.g. "R-2026-0007" (the record id for reports saved before references existed). */
  readonly reference: string;
  readonly kind: ReportKind;
  readonly kindTitle: string;
  readonly summary: string;
  readonly reporterName: string;
  readonly reportedAt: string;
  readonly occurredAt: string;
  readonly urgent: boolean;
  readonly status: ReportStatus;
  readonly statusChangedAt: string;
  /** Only for a possible personal-data breach. */
  readonly ico?: IcoClock;
  /** Only once closed. */
  readonly hoursToClose?: number;
  /** A request's decision, once made. */
  readonly decision?: DecisionSummary;
}

export interface ReportList {
  /** One page of the filtered view, newest first. */
  readonly reports: readonly ReportRow[];
  /** Which page (from 1), its size, and how many pages the filtered view makes. */
  readonly page: number;
  readonly pageSize: number;
  readonly pages: number;
  /** How many reports match the filters, and how many the viewer may see at all (safeguarding concerns count only for those who may read them). */
  readonly total: number;
  readonly unfiltered: number;
  /** The kinds the viewer may see, for the Kind filter: never a safeguarding kind for the IT technician alone. */
  readonly kinds: readonly ReportKind[];
}

export interface ReportInFull extends ReportRow {
  readonly reporterUpn: string;
  readonly statusChangedBy: string;
  /** Each question and its answer, in the form's order. */
  readonly answers: ReadonlyArray<readonly [string, string]>;
  readonly history: readonly StatusHistoryEntry[];
  /** An undecided request: whether the viewer may decide it, and the form's suggestions. */
  readonly decidable?: Decidable;
}

/** POST /api/headteacher/reports/:recordId/decision. */
export interface DecisionBody {
  readonly outcome: "approved" | "declined";
  readonly conditions?: string;
  readonly reason?: string;
  /** YYYY-MM-DD. */
  readonly expiresOn?: string;
}

export interface StatusChangeBody {
  readonly status: ReportStatus;
  readonly note?: string;
}

export interface LoanRow {
  readonly recordId: string;
  readonly borrowerName: string;
  readonly borrowerId: string;
  readonly model: string;
  readonly serialNumber: string;
  readonly assetTag: string;
  readonly issuedOn: string;
  readonly issuedByName: string;
  readonly status: LaptopLoanStatus;
  readonly confirmedAt: string;
  readonly returnedAt: string;
  readonly returnCondition: LaptopReturnCondition | "";
  readonly returnNote: string;
}

export interface LoanList {
  readonly loans: readonly LoanRow[];
  /** The choices for the filter and the return form (records/laptop-loan.ts is not for the browser bundle). */
  readonly statuses: readonly LaptopLoanStatus[];
  readonly conditions: readonly LaptopReturnCondition[];
}

export interface ReturnBody {
  readonly condition: LaptopReturnCondition;
  readonly assetTagAttached: boolean;
  readonly note?: string;
}

export interface RetentionView {
  readonly periods: ReadonlyArray<{ readonly type: string; readonly label: string; readonly months: number; readonly reason: string }>;
  /** The soonest to go, without names: what it is and when. */
  readonly next: ReadonlyArray<{ readonly label: string; readonly what: string; readonly expiresAt: string }>;
  /** How many records have a date to go at all (the rest are live: open reports, loans out). */
  readonly scheduled: number;
}

export interface PersonChoice {
  readonly id: string;
  readonly displayName: string;
}

export interface PeopleList {
  readonly people: readonly PersonChoice[];
}

/** GET /api/headteacher/monitoring: the headteacher's monitoring records (policy 15.1), newest first. */
export interface MonitoringList {
  readonly records: readonly MonitoringRecord[];
  /** Suggestions for "requested in writing of" (records/monitoring is not for the browser bundle). */
  readonly requestedOfChoices: readonly string[];
}
