import type { Policy } from "../../policies/policy.js";
import { formatDate } from "./format.js";
import { adaptiveCard, executeAction, facts, heading, text, type AdaptiveCard, type OpenUrlAction, type TextBlock } from "./adaptive-card.js";

export const ACKNOWLEDGE_VERB = "policy.acknowledge";

export interface PolicyCardInput {
  readonly policy: Policy;
  /** Academic year the confirmation counts for, e.g. "2026/27". */
  readonly cycle: string;
  /** Origin of the app, where the full text is served as a page. */
  readonly publicUrl: string;
  /** Set when the campaign chases someone who has not answered yet. */
  readonly reminder?: { readonly firstAskedAt: string };
}

/** The card a member of staff reads and confirms: what it is, the exact declaration, and "I confirm". */
export function policyCard({ policy, cycle, publicUrl, reminder }: PolicyCardInput): AdaptiveCard {
  return adaptiveCard(
    [
      ...(reminder ? [reminderBanner(reminder.firstAskedAt)] : []),
      heading(policy.title),
      facts([
        ["Version", policy.version],
        ["Academic year", cycle],
      ]),
      text(policy.summary),
      text("Declaration", { weight: "bolder", spacing: "medium" }),
      text(policy.declaration),
    ],
    [
      readFullPolicyAction(policy, publicUrl),
      executeAction(
        "I confirm",
        ACKNOWLEDGE_VERB,
        { policyId: policy.id, policyVersion: policy.version, cycle },
        { style: "positive" },
      ),
    ],
    { fallbackText: `${policy.title} (version ${policy.version}): ${policy.declaration}` },
  );
}

export function readFullPolicyAction(policy: Policy, publicUrl: string): OpenUrlAction {
  return { type: "Action.OpenUrl", title: "Read the full policy", url: `${publicUrl}/policies/${encodeURIComponent(policy.id)}` };
}

function reminderBanner(firstAskedAt: string): TextBlock {
  return text(`Reminder: we first sent you this on ${formatDate(firstAskedAt)} and have not had your confirmation yet.`, {
    color: "attention",
    weight: "bolder",
  });
}
