import { adaptiveCard, heading, text, type AdaptiveCard, type TextBlock } from "./adaptive-card.js";

/** Teams' reasons, as a headteacher would say them. */
const REASONS: Record<string, string> = {
  ConversationBlockedByUser: "has blocked the bot in Teams",
  BotDisabledByAdmin: "cannot get the app: it is blocked in the Teams admin centre",
  BotNotInConversationRoster: "has removed the app",
  ConversationNotFound: "no longer has a chat with the bot",
  NoConversation: "has never opened the app",
};

/** Past this many names the card says how many more, to stay well inside Teams' card size limit. */
const NAMED = 30;

export interface UnreachablePerson {
  readonly displayName: string;
  readonly reason: string;
}

/** Sent to the headteacher when a "remind" run has finished: what went, and who could not be reached and why. */
export function campaignRunCard(cycle: string, outcome: string, unreachable: readonly UnreachablePerson[]): AdaptiveCard {
  const lines: TextBlock[] = unreachable
    .slice(0, NAMED)
    .map((person) => text(`**${person.displayName}** ${REASONS[person.reason] ?? `could not be reached (${person.reason})`}.`, { spacing: "none" }));
  if (unreachable.length > NAMED) lines.push(text(`and ${unreachable.length - NAMED} more.`, { spacing: "none" }));
  const named = unreachable.length
    ? [text(`Teams would not deliver to ${unreachable.length === 1 ? "1 person" : `${unreachable.length} people`}; they are not sent it again until that changes:`, { spacing: "medium" }), ...lines]
    : [];
  return adaptiveCard([heading(`Reminders sent, ${cycle}`), text(outcome), ...named], [], { fallbackText: outcome });
}
