// What a press on one of our cards asks for, validated before anything is done with it.
import { z } from "zod";
import { ValidationError } from "../records/errors.js";
import { isAcademicYear } from "../records/cycle.js";
import { ACKNOWLEDGE_VERB } from "./cards/policy-card.js";
import { REFRESH_REPORT_VERB, SET_STATUS_VERB } from "./cards/report-alert-card.js";
import { CONFIRM_LAPTOP_VERB } from "./cards/laptop-agreement-card.js";
import { ISSUE_LAPTOP_VERB } from "./cards/laptop-issue-card.js";
import { laptopConfirmData, laptopIssueData } from "./laptops/laptop-issue-request.js";
import { RETURN_LAPTOP_VERB } from "./cards/laptop-loans-card.js";
import { laptopReturnData } from "./laptops/laptop-return-request.js";
import { DECIDE_REQUEST_VERB } from "./cards/request-decision-card.js";
import { DECISION_OUTCOMES } from "../records/decisions.js";

const acknowledgeData = z.object({
  policyId: z.string().min(1).max(100),
  policyVersion: z.string().min(1).max(32),
  cycle: z.string().refine(isAcademicYear, "must be an academic year such as 2026/27"),
});

const setStatusData = z.object({
  reportId: z.string().min(1).max(100),
  // "New" is where a report starts; nobody sets it back by pressing a button.
  status: z.enum(["In review", "Closed"]),
});

const refreshReportData = z.object({ reportId: z.string().min(1).max(100) });

// The inputs' lengths are checked by records/decisions.ts, which says what is wrong in words; these bounds only stop abuse.
const decideRequestData = z.object({
  reportId: z.string().min(1).max(100),
  outcome: z.enum(DECISION_OUTCOMES),
  conditions: z.string().max(20_000).optional(),
  reason: z.string().max(20_000).optional(),
  expiresOn: z.string().max(40).optional(),
});

export type CardActionRequest =
  | ({ readonly verb: typeof ACKNOWLEDGE_VERB } & z.infer<typeof acknowledgeData>)
  | ({ readonly verb: typeof SET_STATUS_VERB } & z.infer<typeof setStatusData>)
  | ({ readonly verb: typeof REFRESH_REPORT_VERB } & z.infer<typeof refreshReportData>)
  | ({ readonly verb: typeof ISSUE_LAPTOP_VERB } & z.infer<typeof laptopIssueData>)
  | ({ readonly verb: typeof CONFIRM_LAPTOP_VERB } & z.infer<typeof laptopConfirmData>)
  | ({ readonly verb: typeof RETURN_LAPTOP_VERB } & z.infer<typeof laptopReturnData>)
  | ({ readonly verb: typeof DECIDE_REQUEST_VERB } & z.infer<typeof decideRequestData>);

/** The `adaptiveCard/action` invoke value Teams sends for Action.Execute. */
const invokeValue = z.object({
  action: z.object({
    type: z.literal("Action.Execute"),
    verb: z.string(),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** Reads an Action.Execute invoke value; throws ValidationError saying what is wrong. */
export function parseInvokeAction(value: unknown): CardActionRequest {
  const parsed = invokeValue.safeParse(value);
  if (!parsed.success) throw invalid("The card action is malformed", parsed.error);
  return parseCardAction(parsed.data.action.verb, parsed.data.action.data ?? {});
}

/** Reads the Action.Submit fallback, whose data carries the verb. */
export function parseSubmitAction(value: unknown): CardActionRequest {
  const parsed = z.object({ verb: z.string() }).loose().safeParse(value);
  if (!parsed.success) throw invalid("The card action is malformed", parsed.error);
  return parseCardAction(parsed.data.verb, parsed.data);
}

function parseCardAction(verb: string, data: unknown): CardActionRequest {
  if (verb === ACKNOWLEDGE_VERB) {
    const parsed = acknowledgeData.safeParse(data);
    if (!parsed.success) throw invalid("The acknowledgement is missing its policy, version or year", parsed.error);
    return { verb, ...parsed.data };
  }
  if (verb === SET_STATUS_VERB) {
    const parsed = setStatusData.safeParse(data);
    if (!parsed.success) throw invalid("The status change is missing its report or status", parsed.error);
    return { verb, ...parsed.data };
  }
  if (verb === REFRESH_REPORT_VERB) {
    const parsed = refreshReportData.safeParse(data);
    if (!parsed.success) throw invalid("The card refresh is missing its report", parsed.error);
    return { verb, ...parsed.data };
  }
  if (verb === ISSUE_LAPTOP_VERB) {
    const parsed = laptopIssueData.safeParse(data);
    if (!parsed.success) throw invalid("The laptop details need correcting", parsed.error);
    return { verb, ...parsed.data };
  }
  if (verb === CONFIRM_LAPTOP_VERB) {
    const parsed = laptopConfirmData.safeParse(data);
    if (!parsed.success) throw invalid("The laptop agreement is missing its loan", parsed.error);
    return { verb, ...parsed.data };
  }
  if (verb === RETURN_LAPTOP_VERB) {
    const parsed = laptopReturnData.safeParse(data);
    if (!parsed.success) throw invalid("The laptop return needs correcting", parsed.error);
    return { verb, ...parsed.data };
  }
  if (verb === DECIDE_REQUEST_VERB) {
    const parsed = decideRequestData.safeParse(data);
    if (!parsed.success) throw invalid("The decision is missing its request or answer", parsed.error);
    return { verb, ...parsed.data };
  }
  throw new ValidationError(`This card's button ("${verb.slice(0, 60)}") is not one this bot knows. Type "policy" to get current cards.`);
}

function invalid(message: string, error: z.ZodError): ValidationError {
  const details = error.issues.map((issue) => `${issue.path.join(".") || "value"}: ${issue.message}`);
  return new ValidationError(`${message}: ${details.join("; ")}.`, details);
}
