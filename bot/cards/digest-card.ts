import type { Policy } from "../../policies/policy.js";
import { adaptiveCard, facts, heading, text, type AdaptiveCard } from "./adaptive-card.js";
import { formatDate } from "./format.js";

export interface DigestEntry {
  readonly displayName: string;
  readonly policy: Policy;
  /** ISO instant the person was first sent the card. */
  readonly firstAskedAt: string;
}

export interface DigestInput {
  readonly cycle: string;
  /** Staff the bot can reach, for "12 of 15". */
  readonly rosterSize: number;
  /** How many have acknowledged each all-staff policy's current version this cycle. */
  readonly acknowledgedCounts: ReadonlyArray<{ readonly policy: Policy; readonly count: number }>;
  /** Still outstanding after every reminder. */
  readonly overdue: readonly DigestEntry[];
  readonly reminders: number;
}

/** The headteacher's escalation: who has not confirmed after every reminder, and how the year stands. */
export function digestCard(input: DigestInput): AdaptiveCard {
  const overdueLines = input.overdue.map((entry) =>
    text(`- **${entry.displayName}**: ${entry.policy.title} (first sent ${formatDate(entry.firstAskedAt)})`),
  );
  return adaptiveCard(
    [
      heading(`Acknowledgements outstanding, ${input.cycle}`),
      text(
        `${input.overdue.length} acknowledgement${input.overdue.length === 1 ? " is" : "s are"} still outstanding ` +
          `after ${input.reminders} reminder${input.reminders === 1 ? "" : "s"}. You may wish to speak to the people named.`,
      ),
      ...overdueLines,
      text("This year so far", { weight: "bolder", spacing: "medium" }),
      facts(input.acknowledgedCounts.map(({ policy, count }) => [policy.title, `${count} of ${input.rosterSize} acknowledged`])),
    ],
    [],
    { fallbackText: `${input.overdue.length} acknowledgements outstanding after every reminder (${input.cycle}).` },
  );
}
