import type { Policy } from "../../policies/policy.js";
import type { Acknowledgement } from "../../records/types.js";
import { adaptiveCard, heading, text, type AdaptiveCard, type TextBlock } from "./adaptive-card.js";
import { DONE_SIGN } from "./format.js";
import { receiptLine } from "./receipt-card.js";

export interface PolicyStatus {
  readonly policy: Policy;
  /** The acknowledgement of the policy's current version this cycle, if there is one. */
  readonly acknowledgement?: Acknowledgement;
}

/** Answer to "status": each document, acknowledged or not, this cycle. */
export function statusCard(cycle: string, statuses: readonly PolicyStatus[]): AdaptiveCard {
  const outstanding = statuses.filter((s) => !s.acknowledgement).length;
  const lines: TextBlock[] = statuses.map(({ policy, acknowledgement }) =>
    acknowledgement
      ? text(`${DONE_SIGN} **${policy.title}**: ${receiptLine(acknowledgement)}`)
      : text(`**${policy.title}** (version ${policy.version}): not yet acknowledged`, { color: "attention" }),
  );
  const summary =
    outstanding === 0
      ? "You have acknowledged everything for this year."
      : `${outstanding} still to acknowledge: type "policy" to get the cards again.`;
  return adaptiveCard([heading(`Your acknowledgements for ${cycle}`), ...lines, text(summary, { spacing: "medium" })]);
}
