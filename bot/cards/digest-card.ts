import type { Policy } from "../../policies/policy.js";
import { adaptiveCard, facts, heading, text, type AdaptiveCard } from "./adaptive-card.js";
import { formatDate } from "./format.js";

export interface OutstandingEntry {
  readonly displayName: string;
  readonly policy: Policy;
  /** ISO instant the person was first sent the card; undefined if never sent yet. */
  readonly firstAskedAt: string | undefined;
}

export interface CampaignPicture {
  readonly cycle: string;
  /** Staff the bot can reach, for "12 of 15". */
  readonly rosterSize: number;
  /** How many have acknowledged each all-staff policy's current version this cycle. */
  readonly acknowledgedCounts: ReadonlyArray<{ readonly policy: Policy; readonly count: number }>;
}

/** The headteacher's escalation: who has not confirmed after every reminder, and how the year stands. */
export function digestCard(picture: CampaignPicture, overdue: readonly OutstandingEntry[], reminders: number): AdaptiveCard {
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  return campaignCard(
    `Acknowledgements overdue, ${picture.cycle}`,
    `${plural(overdue.length, "acknowledgement is", "acknowledgements are")} still outstanding after ` +
      `${plural(reminders, "reminder", "reminders")}. You may wish to speak to the people named.`,
    picture,
    overdue,
  );
}

/** Answer to the headteacher's "campaign": the year so far and everyone still to confirm. */
export function campaignOverviewCard(picture: CampaignPicture, outstanding: readonly OutstandingEntry[]): AdaptiveCard {
  const intro = outstanding.length
    ? `${outstanding.length} ${outstanding.length === 1 ? "acknowledgement" : "acknowledgements"} still to confirm. ` +
      `Reminders go automatically; type "remind" to send any that are due now.`
    : "Everyone the bot can reach has acknowledged everything this year.";
  return campaignCard(`Acknowledgements, ${picture.cycle}`, intro, picture, outstanding);
}

function campaignCard(title: string, intro: string, picture: CampaignPicture, people: readonly OutstandingEntry[]): AdaptiveCard {
  const lines = people.map((entry) =>
    text(
      `- **${entry.displayName || "(name unknown)"}**: ${entry.policy.title}` +
        (entry.firstAskedAt ? ` (first sent ${formatDate(entry.firstAskedAt)})` : " (not sent yet)"),
    ),
  );
  return adaptiveCard(
    [
      heading(title),
      text(intro),
      ...lines,
      text("This year so far", { weight: "bolder", spacing: "medium" }),
      facts(picture.acknowledgedCounts.map(({ policy, count }) => [policy.title, `${count} of ${picture.rosterSize} acknowledged`])),
    ],
    [],
    { fallbackText: `${title}: ${intro}` },
  );
}
