import type { Policy } from "../../policies/policy.js";
import type { Acknowledgement } from "../../records/types.js";
import { adaptiveCard, heading, text, type AdaptiveCard } from "./adaptive-card.js";
import { DONE_SIGN, formatDateTime } from "./format.js";
import { readFullPolicyAction } from "./policy-card.js";

/** "Acknowledged by Alex Wilber on 28 November 2026 at 17:30, version 2026.1" */
export function receiptLine(ack: Acknowledgement): string {
  return `Acknowledged by ${ack.person.displayName} on ${formatDateTime(ack.acknowledgedAt)}, version ${ack.policyVersion}`;
}

/** What the policy card turns into once confirmed: the receipt, with no button left to press. */
export function receiptCard(policy: Policy, ack: Acknowledgement, publicUrl: string): AdaptiveCard {
  return adaptiveCard(
    [
      heading(policy.title),
      text(`${DONE_SIGN} ${receiptLine(ack)}`, { weight: "bolder" }),
      text(`Academic year ${ack.cycle}. You confirmed: "${policy.declaration}"`, { isSubtle: true }),
    ],
    [readFullPolicyAction(policy, publicUrl)],
    { fallbackText: `${policy.title}: ${receiptLine(ack)}` },
  );
}
