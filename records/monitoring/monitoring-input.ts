// What the headteacher sends to record or close a monitoring request, checked before anything is kept:
// every problem named, by field, so the page can mark each one.
import { z } from "zod";
import { ValidationError } from "../errors.js";
import type { Person } from "../types.js";
import { ukCalendarDate } from "../uk-time.js";
import { monitoringRecordId, type MonitoringClosure, type MonitoringRecord } from "./monitoring-record.js";

export interface MonitoringRequestBody {
  /** The page's id for this filled-in form, so sending it twice records one request. */
  readonly formId: string;
  /** A member of staff from the roster, by Entra object id; or, for someone not on it, name and UPN. */
  readonly employeeId?: string;
  readonly employeeName?: string;
  readonly employeeUpn?: string;
  readonly reason: string;
  readonly from: string;
  readonly to: string;
  readonly requestedOf: string;
  readonly requestedOn: string;
}

export interface MonitoringCloseBody {
  readonly outcome: string;
}

const text = (label: string, max: number) =>
  z
    .string({ error: `${label}: this is required.` })
    .trim()
    .min(1, { error: `${label}: this is required.` })
    .max(max, { error: `${label}: keep it to ${max} characters or fewer.` });
// The page's date pickers send "" for a date not chosen: ask for the date, not for a format nobody typed.
const day = (label: string, missing = `${label}: this is required.`) =>
  z.union([z.literal("").transform(() => undefined), z.iso.date({ error: `${label}: give a date as YYYY-MM-DD.` })], { error: `${label}: give a date as YYYY-MM-DD.` }).refine((value) => value !== undefined, { error: missing });
const optional = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const requestSchema = z.object({
  formId: z.uuid({ error: "formId: give the form's id (a UUID)." }),
  employeeId: optional,
  employeeName: optional,
  employeeUpn: optional,
  reason: text("Reason", 2000),
  from: day("From"),
  to: day("To", "To: give the day the monitoring ends."),
  requestedOf: text("Requested in writing of", 200),
  requestedOn: day("Requested on"),
});

const closeSchema = z.object({ outcome: text("Outcome", 2000) });

/** The list's single-line text columns (EmployeeName, EmployeeUpn) hold 255 characters; SharePoint refuses more. */
const SINGLE_LINE_MAX = 255;
/** No monitoring record predates the app by decades, and none runs for years ahead; SharePoint's dates end in 8900. */
const EARLIEST_DAY = "2000-01-01";
const YEARS_AHEAD = 5;

/** A date the list could not hold or no record could mean (e.g. 9999-12-31), named by its field; undefined when fine. */
function outOfRange(day: string | undefined, label: string, now: Date): string | undefined {
  if (!day) return undefined;
  if (day < EARLIEST_DAY) return `${label}: give a date from 1 January 2000.`;
  const today = ukCalendarDate(now);
  const latest = `${Number(today.slice(0, 4)) + YEARS_AHEAD}${today.slice(4)}`;
  return day > latest ? `${label}: give a date no more than five years from today.` : undefined;
}

/** A UPN looks like an email address; nothing more can be checked without asking Entra. */
const UPN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The new record, or a ValidationError naming every problem. `staffMember` finds a roster entry by id; someone
 * not on the roster (a supply teacher, a leaver) is named by hand.
 */
export function monitoringRecordFrom(
  body: unknown,
  staffMember: (id: string) => Person | undefined,
  recordedBy: Person,
  now: Date,
): MonitoringRecord {
  // Field by field, so every problem is named at once (a blank reason does not hide a date in the wrong order).
  const sent = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const problems = new Map<string, string>();
  const values: Record<string, string | undefined> = {};
  for (const [name, schema] of Object.entries(requestSchema.shape)) {
    const parsed = schema.safeParse(sent[name]);
    if (parsed.success) values[name] = parsed.data;
    else problems.set(name, parsed.error.issues[0]?.message ?? `${name}: this is not valid.`);
  }
  const input = values as Partial<z.infer<typeof requestSchema>>;
  const employee = employeeOf(input, staffMember, problems);
  for (const [name, label] of [["from", "From"], ["to", "To"], ["requestedOn", "Requested on"]] as const) {
    const problem = outOfRange(input[name], label, now);
    if (problem) problems.set(name, problem);
  }
  if (input.from && input.to && input.to < input.from) problems.set("to", "To: the monitoring cannot end before it starts.");
  if (input.requestedOn && input.requestedOn > ukCalendarDate(now)) problems.set("requestedOn", "Requested on: this cannot be in the future.");
  if (problems.size || !employee || !input.formId || !input.reason || !input.from || !input.to || !input.requestedOf || !input.requestedOn) {
    const fields = Object.fromEntries(problems);
    throw new ValidationError("The monitoring request was not recorded: check the fields marked.", [...problems.values()], fields);
  }
  return {
    recordId: monitoringRecordId(input.formId, recordedBy.id),
    employee,
    reason: input.reason,
    from: input.from,
    to: input.to,
    requestedOf: input.requestedOf,
    requestedOn: input.requestedOn,
    recordedBy,
    recordedAt: now.toISOString(),
    state: "Open",
  };
}

function employeeOf(input: Partial<z.infer<typeof requestSchema>>, staffMember: (id: string) => Person | undefined, problems: Map<string, string>): Person | undefined {
  if (input.employeeId) {
    const found = staffMember(input.employeeId);
    if (!found) problems.set("employeeId", "Member of staff: choose them from the list, or name someone not on it.");
    return found;
  }
  // Nothing chosen and nothing typed: the list is what to fix, so the error goes beside it, once.
  if (!input.employeeName && !input.employeeUpn) {
    problems.set("employeeId", "Member of staff: choose them from the list, or give the name and school email address of someone not on it.");
    return undefined;
  }
  if (!input.employeeName) problems.set("employeeName", "Name: give the name of the member of staff not on the list.");
  else if (input.employeeName.length > SINGLE_LINE_MAX) problems.set("employeeName", `Name: keep it to ${SINGLE_LINE_MAX} characters or fewer.`);
  if (input.employeeUpn && input.employeeUpn.length > SINGLE_LINE_MAX) problems.set("employeeUpn", `School email address: keep it to ${SINGLE_LINE_MAX} characters or fewer.`);
  else if (!input.employeeUpn || !UPN.test(input.employeeUpn)) problems.set("employeeUpn", "School email address: give theirs in full, e.g. j.smith@school.org.uk.");
  return input.employeeName && input.employeeUpn ? { id: "", displayName: input.employeeName, upn: input.employeeUpn } : undefined;
}

export function monitoringClosureFrom(body: unknown, closedBy: Person, now: Date): MonitoringClosure {
  const parsed = closeSchema.safeParse(body);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "Outcome: this is required.";
    throw new ValidationError("The record was not closed: say what came of the monitoring.", [message], { outcome: message });
  }
  return { closedAt: now.toISOString(), closedBy, outcome: parsed.data.outcome };
}
