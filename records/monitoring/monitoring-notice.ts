// The written notice policy 15.1 asks for: the employee told that their email was monitored, and why. Built
// here as data (the tab prints it; a test reads it), only once the monitoring has ended.
import { ConflictError } from "../errors.js";
import { formatUkLongDate, ukCalendarDate } from "../uk-time.js";
import type { MonitoringRecord } from "./monitoring-record.js";

/** The policy's words the notice quotes, with their section. */
export const POLICY_SECTION = "15.1";
export const POLICY_QUOTE =
  "The Headteacher will record the reason for the monitoring. Whenever an employee’s emails have been accessed/monitored, they will be notified and given the reasons in writing.";

export interface MonitoringNotice {
  readonly recordId: string;
  readonly schoolName: string;
  readonly title: string;
  /** The day the notice was produced, written out as a UK letter has it ("30 November 2026"). */
  readonly dated: string;
  readonly addressee: { readonly name: string; readonly upn: string };
  readonly salutation: string;
  /** The letter's body, in order; the reasons and the outcome in the headteacher's own words. */
  readonly paragraphs: readonly string[];
  readonly reasons: string;
  readonly outcome: string;
  readonly policySection: string;
  readonly policyQuote: string;
  readonly signOff: { readonly name: string; readonly role: string };
}

/** A formal letter: dates in full ("2 November 2026"), not the short form of the tables. */
const ukDay = (yyyyMmDd: string) => formatUkLongDate(`${yyyyMmDd}T12:00:00Z`);

/** ConflictError while the monitoring is still open: the notice is given when it ends. */
export function monitoringNotice(record: MonitoringRecord, schoolName: string, now: Date): MonitoringNotice {
  const { closed } = record;
  if (record.state !== "Closed" || !closed) {
    throw new ConflictError("The notice is given when the monitoring ends: close the record first, with its outcome.");
  }
  const account = record.employee.upn ? `your school email account (${record.employee.upn})` : "your school email account";
  return {
    recordId: record.recordId,
    schoolName,
    title: "Notice of email monitoring",
    dated: ukDay(ukCalendarDate(now)),
    addressee: { name: record.employee.displayName, upn: record.employee.upn },
    salutation: `Dear ${record.employee.displayName},`,
    paragraphs: [
      `Under section ${POLICY_SECTION} of the school's Staff IT Acceptable Use Policy, I am writing to tell you that ${account} was monitored from ${ukDay(record.from)} to ${ukDay(record.to)}.`,
      `I asked for the monitoring in writing on ${ukDay(record.requestedOn)}; the request went to ${lowerFirst(record.requestedOf)}. The reasons for it, as I recorded them at the time, are set out below.`,
      `The monitoring has ended, and I closed the record of it on ${formatUkLongDate(closed.closedAt)}. What came of it is set out below.`,
      "You may ask to see the information the school holds about you (a subject access request under UK GDPR). If you have any questions about this notice, please speak to me.",
    ],
    reasons: record.reason,
    outcome: closed.outcome,
    policySection: POLICY_SECTION,
    policyQuote: POLICY_QUOTE,
    signOff: { name: record.recordedBy.displayName, role: "Headteacher" },
  };
}

/** "The email provider" reads as "the email provider" mid-sentence. */
function lowerFirst(text: string): string {
  return /^The\s/.test(text) ? `t${text.slice(1)}` : text;
}
