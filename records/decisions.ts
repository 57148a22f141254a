// A decision on a permission request (9.2, 11.2, 14.1): approved, with any conditions and an end date, or
// declined with a reason; who decided and when. The rules here are the same from the card and the tab.
// Browser-safe: the tab's pages format decisions with it, so no Node modules here.
import { AuthError, ValidationError } from "./errors.js";
import type { DeciderRole } from "./report-kind-fields.js";
import { reportKind } from "./report-kinds.js";
import type { IncidentReport, Person, StatusHistoryEntry } from "./types.js";
import { ukCalendarDate } from "./uk-time.js";

export const DECISION_OUTCOMES = ["approved", "declined"] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const CONDITIONS_MAX_LENGTH = 500;
export const REASON_MAX_LENGTH = 1000;
/** The latest end date an approval may be given, in years from today; an approval with no end date has none. */
export const EXPIRY_MAX_YEARS = 5;

export interface RequestDecision {
  readonly outcome: DecisionOutcome;
  /** Approved only, e.g. "encrypted stick only"; empty when none. */
  readonly conditions: string;
  /** Declined only, and then required; empty on an approval. */
  readonly reason: string;
  /** Approved only: the last day the permission holds (YYYY-MM-DD, a UK calendar day); absent when open-ended. */
  readonly expiresOn?: string;
  readonly decidedBy: Person;
  /** ISO 8601 instant. */
  readonly decidedAt: string;
  /** Set once, by the daily expiry job, when the day after expiresOn has begun in the UK. */
  readonly expiredAt?: string;
}

/** What a decider sends, from the card's inputs or the tab's form, before it is checked. */
export interface DecisionInput {
  readonly outcome: string;
  readonly conditions?: string | undefined;
  readonly reason?: string | undefined;
  readonly expiresOn?: string | undefined;
}

export interface DecideOutcome {
  readonly report: IncidentReport;
  /** False when the request already had a decision: that one stands and nothing changed. */
  readonly recorded: boolean;
}

/**
 * The store's side (records/sqlite/sqlite-decisions.ts, records/outbox/outbox-decisions.ts). `then` runs in the
 * same transaction as the write, only when it was this call that recorded it: the notice it queues and the
 * decision commit together, so a crash can neither lose the requester's card nor send it twice.
 */
export interface RequestDecisions {
  /** Records the first decision on a request and closes it with `closing` in the same write. */
  decide(recordId: string, decision: RequestDecision, closing: StatusHistoryEntry, then: (report: IncidentReport) => void): Promise<DecideOutcome>;
  /** Marks an approval as ended; false when it was already marked (the job ran before, on this or another start). */
  markExpired(recordId: string, at: string, then: (report: IncidentReport) => void): Promise<boolean>;
}

/** Told (inside the store's transaction) so the requester and decider get their cards, durably queued. */
export interface DecisionNotices {
  decided(report: IncidentReport): void;
  expired(report: IncidentReport): void;
}

const DAY_MONTH = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "Europe/London" });
const CALENDAR_DAY = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

/** "3 December 2026": a decision's day as people in the UK write it. */
export function formatLongDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DAY_MONTH.format(date);
}

/** "31 July 2027" for a calendar day (YYYY-MM-DD), which has no time zone. */
export function formatCalendarDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : CALENDAR_DAY.format(date);
}

/** "Approved by Jo Bloggs on 3 December 2026", the line every view of a decision starts with. */
export function decisionLine(decision: RequestDecision): string {
  return `${decision.outcome === "approved" ? "Approved" : "Declined"} by ${decision.decidedBy.displayName} on ${formatLongDate(decision.decidedAt)}`;
}

/** ", until 31 July 2027: encrypted stick only" or ": the reason", what follows the line above. */
export function decisionTerms(decision: RequestDecision): string {
  if (decision.outcome === "declined") return `: ${decision.reason}`;
  const until = decision.expiresOn ? `, until ${formatCalendarDay(decision.expiresOn)}` : "";
  return `${until}${decision.conditions ? `: ${decision.conditions}` : ""}`;
}

/** Whether the request's deciders include one of these roles (9.2 either; 11.2 and 14.1 the headteacher). */
export function mayDecide(report: Pick<IncidentReport, "kind">, roles: ReadonlySet<DeciderRole>): boolean {
  return (reportKind(report.kind).deciders ?? []).some((role) => roles.has(role));
}

/** Only a request can be decided, and only by its deciders; anyone else is refused, saying who can. */
export function assertMayDecide(report: IncidentReport, roles: ReadonlySet<DeciderRole>): void {
  const kind = reportKind(report.kind);
  if (kind.category !== "request" || !kind.deciders) {
    throw new ValidationError(`Only a permission request can be approved or declined; this ${kind.category} is worked through its status.`);
  }
  if (!mayDecide(report, roles)) {
    const who = kind.deciders.length > 1 ? "the headteacher or the IT technician" : "the headteacher";
    throw new AuthError(`Only ${who} can decide this request (policy ${kind.policySections}).`, true);
  }
}

/**
 * Nobody grants themselves a permission while someone else can: the IT technician's own 9.2 request is the
 * headteacher's to decide. The headteacher's own request has no other decider in the app, so it stays theirs.
 */
export function assertNotOwnRequest(report: IncidentReport, actor: Person, roles: ReadonlySet<DeciderRole>): void {
  if (report.reporter.id.toLowerCase() !== actor.id.toLowerCase()) return;
  const kind = reportKind(report.kind);
  const others = (kind.deciders ?? []).filter((role) => !roles.has(role));
  if (others.length) throw new AuthError(`You asked for this, so ${others.map((role) => `the ${role === "headteacher" ? "headteacher" : "IT technician"}`).join(" or ")} decides it (policy ${kind.policySections}).`, true);
}

/** The end date the requester asked for, as a suggestion for 14.1 ("until 31 July"); the decider sets it. */
export function suggestedExpiry(report: IncidentReport, now: Date): string | undefined {
  if (report.kind !== "sensitive-information") return undefined;
  const asked = typeof report.details.howLong === "string" ? report.details.howLong : "";
  const match = /(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})(?:\s+(\d{4}))?/.exec(asked) ?? undefined;
  if (!match) return undefined;
  const month = MONTHS.indexOf((match[2] ?? "").slice(0, 3).toLowerCase());
  if (month < 0) return undefined;
  const today = ukCalendarDate(now);
  const day = (year: number) => `${year}-${String(month + 1).padStart(2, "0")}-${(match[1] ?? "").padStart(2, "0")}`;
  const thisYear = Number(today.slice(0, 4));
  const candidate = match[3] ? day(Number(match[3])) : day(thisYear) >= today ? day(thisYear) : day(thisYear + 1);
  return isCalendarDay(candidate) && candidate >= today ? candidate : undefined;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Checks what the decider sent; every problem is named by its field, so a form can show it beside the field. */
export function validateDecision(input: DecisionInput, decidedBy: Person, now: Date): RequestDecision {
  const fields: Record<string, string> = {};
  const outcome = DECISION_OUTCOMES.find((candidate) => candidate === input.outcome);
  if (!outcome) fields.outcome = "Choose approve or decline.";
  const conditions = (input.conditions ?? "").trim();
  const reason = (input.reason ?? "").trim();
  const expiresOn = (input.expiresOn ?? "").trim();
  if (outcome === "declined" && !reason) fields.reason = "Give a reason: the requester is told it.";
  if (outcome === "declined" && reason.length > REASON_MAX_LENGTH) fields.reason = `Keep the reason to ${REASON_MAX_LENGTH} characters or fewer.`;
  if (outcome === "approved" && conditions.length > CONDITIONS_MAX_LENGTH) {
    fields.conditions = `Keep the conditions to ${CONDITIONS_MAX_LENGTH} characters or fewer.`;
  }
  if (outcome === "approved" && expiresOn) {
    if (!isCalendarDay(expiresOn)) fields.expiresOn = "Give the end date as a date, e.g. 31/07/2027.";
    else if (expiresOn < ukCalendarDate(now)) fields.expiresOn = `The end date ${formatCalendarDay(expiresOn)} has already passed.`;
    // A date decades away is an open-ended approval under another name (and SharePoint's dates end in 8900).
    else if (expiresOn > yearsAhead(ukCalendarDate(now), EXPIRY_MAX_YEARS)) {
      fields.expiresOn = "Give an end date no more than five years from today, or none for an approval without one.";
    }
  }
  const problems = Object.values(fields);
  if (problems.length || !outcome) throw new ValidationError(`The decision was not recorded: ${problems.join(" ")}`, problems, fields);
  const base = { outcome, decidedBy, decidedAt: now.toISOString() };
  if (outcome === "declined") return { ...base, conditions: "", reason };
  return { ...base, conditions, reason: "", ...(expiresOn ? { expiresOn } : {}) };
}

/** The status change a decision brings: the request is closed, with the decision as the note. */
export function closingEntry(decision: RequestDecision): StatusHistoryEntry {
  return { status: "Closed", at: decision.decidedAt, by: decision.decidedBy.displayName, note: `${decisionLine(decision)}${decisionTerms(decision)}` };
}

/** An approval whose last day has gone by in the UK, not yet marked. */
export function hasLapsed(decision: RequestDecision | undefined, now: Date): decision is RequestDecision & { expiresOn: string } {
  return decision?.outcome === "approved" && !decision.expiredAt && decision.expiresOn !== undefined && decision.expiresOn < ukCalendarDate(now);
}

/** "2031-12-03" for ("2026-12-03", 5): the same day that many years on (29 February compares as the 28th's day after). */
function yearsAhead(day: string, years: number): string {
  return `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;
}

function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
