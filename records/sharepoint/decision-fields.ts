// A request's decision as columns of the "AUP incident reports" list (list-schemas.ts), and back.
import type { RequestDecision } from "../decisions.js";
import type { ItemFields } from "./item-fields.js";

const OUTCOME_LABELS = { approved: "Approved", declined: "Declined" } as const;

/** The decision's columns; an absent end date is left out rather than sent as "". */
export function decisionFields(decision: RequestDecision): ItemFields {
  return {
    Decision: OUTCOME_LABELS[decision.outcome],
    DecisionConditions: decision.conditions,
    DecisionReason: decision.reason,
    DecidedBy: decision.decidedBy.displayName,
    DecidedById: decision.decidedBy.id,
    DecidedAt: decision.decidedAt,
    ...(decision.expiresOn ? { DecisionExpiresOn: decision.expiresOn } : {}),
    DecisionExpired: false,
  };
}

/** Every decision column as the item holds it once decided (and ended): what /records shows locally. */
export function decidedFields(decision: RequestDecision): ItemFields {
  return { ...decisionFields(decision), ...(decision.expiredAt ? decisionExpiredFields(decision.expiredAt) : {}) };
}

/** Set by the daily job, once, when an approval's last day has gone by. */
export function decisionExpiredFields(expiredAt: string): ItemFields {
  return { DecisionExpired: true, DecisionExpiredAt: expiredAt };
}

/** The decision on an item, if it has one (read by item-fields.ts reportFromFields). */
export function decisionFromFields(fields: ItemFields): { decision?: RequestDecision } {
  const text = (name: string): string => {
    const value = fields[name];
    return typeof value === "string" ? value : "";
  };
  const outcome = text("Decision") === "Approved" ? "approved" : text("Decision") === "Declined" ? "declined" : undefined;
  if (!outcome) return {};
  const expiresOn = text("DecisionExpiresOn").slice(0, 10); // a date-only column comes back as midnight UTC
  const decision: RequestDecision = {
    outcome,
    conditions: text("DecisionConditions"),
    reason: text("DecisionReason"),
    // The list keeps the decider's name and id, not their UPN.
    decidedBy: { id: text("DecidedById"), displayName: text("DecidedBy"), upn: "" },
    decidedAt: text("DecidedAt"),
    ...(expiresOn ? { expiresOn } : {}),
    ...(fields.DecisionExpired === true ? { expiredAt: text("DecisionExpiredAt") || text("DecidedAt") } : {}),
  };
  return { decision };
}
