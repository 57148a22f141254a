// The answer to "policy" once everything is confirmed: nothing to press, but every document to read again.
import { adaptiveCard, heading, text, type AdaptiveCard, type OpenUrlAction } from "./adaptive-card.js";
import { DONE_SIGN, formatDate } from "./format.js";
import type { PolicyStatus } from "./status-card.js";

export function allAcknowledgedCard(cycle: string, statuses: readonly PolicyStatus[], publicUrl: string): AdaptiveCard {
  const done = `You have acknowledged everything for ${cycle}. Thank you.`;
  const links: OpenUrlAction[] = statuses.map(({ policy }) => ({
    type: "Action.OpenUrl",
    title: `Read: ${policy.title}`,
    url: `${publicUrl}/policies/${encodeURIComponent(policy.id)}`,
  }));
  return adaptiveCard(
    [
      heading(done),
      ...statuses.map(({ policy, acknowledgement }) =>
        text(
          `${DONE_SIGN} **${policy.title}** (version ${policy.version}): ` +
            (acknowledgement ? `acknowledged on ${formatDate(acknowledgement.acknowledgedAt)}` : "not yet acknowledged"),
        ),
      ),
      text("You can read each document again at any time:", { spacing: "medium" }),
    ],
    links,
    { fallbackText: done },
  );
}
