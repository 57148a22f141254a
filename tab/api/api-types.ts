// The tab API's JSON shapes, shared by the server routes and the browser code.
import type { ReportKind, ReportStatus } from "../../records/types.js";
import type { DecisionSummary } from "./decision-view.js";

export interface ReportView {
  readonly recordId: string;
  /** What the person quotes to the headteacher, e.g. "R-2026-0042" (the record id for reports from before references). */
  readonly reference: string;
  readonly kind: ReportKind;
  readonly kindTitle: string;
  readonly summary: string;
  readonly reportedAt: string;
  readonly occurredAt: string;
  readonly urgent: boolean;
  readonly status: ReportStatus;
  readonly statusChangedAt: string;
  /** A request's decision, once made: shown under My records. */
  readonly decision?: DecisionSummary;
}

/** "failed" means the alert could not be queued: the person should tell the headteacher in person. */
/** "already-recorded": the same form was sent twice (a retry); the first record stands. */
export type AlertOutcome = "queued" | "failed" | "already-recorded";

export interface ReportCreated {
  readonly report: ReportView;
  readonly alert: AlertOutcome;
  /**
   * A safeguarding concern whose alert was queued: whether it reached senior leaders besides the headteacher
   * (SENIOR_LEADER_AAD_OBJECT_ID), so the reporter is told truly who knows.
   */
  readonly safeguardingAlerted?: "headteacher" | "headteacher-and-senior-leaders";
}

export interface MyRecords {
  readonly person: { readonly displayName: string; readonly upn: string };
  readonly cycle: string;
  readonly acknowledgements: ReadonlyArray<{
    readonly policyId: string;
    readonly title: string;
    readonly version: string;
    readonly acknowledgedAt: string;
    /** False when the policy has a newer version since. */
    readonly current: boolean;
  }>;
  /** Documents for all staff not yet acknowledged at their current version this cycle. */
  readonly outstanding: ReadonlyArray<{ readonly policyId: string; readonly title: string; readonly version: string }>;
  readonly reports: readonly ReportView[];
}

export interface PolicyView {
  readonly id: string;
  readonly title: string;
  readonly version: string;
  readonly summary: string;
  readonly declaration: string;
  readonly audience: "all-staff" | "on-issue";
  readonly text: string;
}

export interface PolicyList {
  readonly policies: readonly PolicyView[];
}

/** Every error response (server/http-errors.ts). */
export interface ApiErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details?: readonly string[];
    /** For a refused report: each problem by the id of the field it is about. */
    readonly fields?: Readonly<Record<string, string>>;
  };
}
