// A request's decision as the tab shows it, to the requester (My records) and on the headteacher's pages.
import { decisionLine, decisionTerms, formatCalendarDay, mayDecide, suggestedExpiry, type DecisionOutcome } from "../../records/decisions.js";
import type { DeciderRole } from "../../records/report-kind-fields.js";
import { reportKind } from "../../records/report-kinds.js";
import type { IncidentReport } from "../../records/types.js";
import { ukCalendarDate } from "../../records/uk-time.js";

export interface DecisionSummary {
  readonly outcome: DecisionOutcome;
  /** "Approved by Jo Bloggs on 3 December 2026". */
  readonly line: string;
  /** ", until 31 July 2027: encrypted stick only" or ": the reason". */
  readonly terms: string;
  readonly conditions: string;
  readonly reason: string;
  /** YYYY-MM-DD, the approval's last day. */
  readonly expiresOn?: string;
  /** The approval's end date has passed (flagged by the daily check). */
  readonly expired: boolean;
  readonly decidedByName: string;
  readonly decidedAt: string;
}

/** For an undecided request: whether this viewer may decide it, and what the form suggests. */
export interface Decidable {
  readonly mayDecide: boolean;
  /** The viewer asked for it and another decides it (assertNotOwnRequest): the page says so instead of a form. */
  readonly ownRequest?: true;
  /** "the headteacher" or "the headteacher or the IT technician". */
  readonly deciders: string;
  /** Today in the UK: the earliest end date. */
  readonly today: string;
  /** 14.1: the end date the requester asked for, for the decider to confirm or change. */
  readonly suggestedExpiry?: string;
}

export function decisionSummaryOf(report: IncidentReport): { decision?: DecisionSummary } {
  const { decision } = report;
  if (!decision) return {};
  return {
    decision: {
      outcome: decision.outcome,
      line: decisionLine(decision),
      terms: decisionTerms(decision),
      conditions: decision.conditions,
      reason: decision.reason,
      ...(decision.expiresOn ? { expiresOn: decision.expiresOn } : {}),
      expired: decision.expiredAt !== undefined,
      decidedByName: decision.decidedBy.displayName,
      decidedAt: decision.decidedAt,
    },
  };
}

export function decidableOf(report: IncidentReport, roles: ReadonlySet<DeciderRole>, now: Date, viewerId?: string): { decidable?: Decidable } {
  const deciders = reportKind(report.kind).deciders;
  if (!deciders || report.decision) return {};
  const suggested = suggestedExpiry(report, now);
  const own = viewerId !== undefined && viewerId.toLowerCase() === report.reporter.id.toLowerCase();
  const others = own ? deciders.filter((role) => !roles.has(role)) : [];
  if (others.length) {
    const who = others.map((role) => (role === "headteacher" ? "the headteacher" : "the IT technician")).join(" or ");
    return { decidable: { mayDecide: false, ownRequest: true, deciders: who, today: ukCalendarDate(now), ...(suggested ? { suggestedExpiry: suggested } : {}) } };
  }
  return {
    decidable: {
      mayDecide: mayDecide(report, roles),
      deciders: deciders.length > 1 ? "the headteacher or the IT technician" : "the headteacher",
      today: ukCalendarDate(now),
      ...(suggested ? { suggestedExpiry: suggested } : {}),
    },
  };
}

/** The sentence people read: "Approved by Jo Bloggs on 3 December 2026, until 31 July 2027: encrypted stick only." */
export function decisionSentence(decision: DecisionSummary): string {
  const ended = decision.expired && decision.expiresOn ? ` The permission ended on ${formatCalendarDay(decision.expiresOn)}.` : "";
  return `${decision.line}${decision.terms}.${ended}`;
}

/** One CSV cell: "Approved by … on …, until …: conditions (ended)". */
export function decisionCell(report: IncidentReport): string {
  const summary = decisionSummaryOf(report).decision;
  return summary ? `${summary.line}${summary.terms}${summary.expired ? " (ended)" : ""}` : "";
}
