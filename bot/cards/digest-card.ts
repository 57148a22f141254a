import type { Policy } from "../../policies/policy.js";
import { adaptiveCard, facts, heading, text, type AdaptiveCard, type CardAction, type CardElement } from "./adaptive-card.js";
import { formatDate } from "./format.js";

export interface OutstandingEntry {
  readonly displayName: string;
  readonly policy: Policy;
  /** ISO instant the person was first sent the card; undefined if never sent yet. */
  readonly firstAskedAt: string | undefined;
}

/** A member of staff the bot cannot reach, and why, in the headteacher's words. */
export interface NotReachedEntry {
  readonly displayName: string;
  /** e.g. "Not reached yet", "Install refused", "Blocked the bot". */
  readonly state: string;
  readonly detail: string;
}

export interface CampaignPicture {
  readonly cycle: string;
  /** Members of staff on the roster, for "27 of 31 staff". */
  readonly rosterSize: number;
  /** How many of them have acknowledged each all-staff policy's current version this cycle. */
  readonly acknowledgedCounts: ReadonlyArray<{ readonly policy: Policy; readonly count: number }>;
  /** Staff the bot cannot reach, with the reason; they are counted but not sent anything. */
  readonly notReached?: readonly NotReachedEntry[];
  /** Where the headteacher sees everyone: the SharePoint staff status list, or /records locally. */
  readonly statusListUrl?: string;
}

/**
 * A card stays well inside Teams' 28 KB: past these many names it says how many more, and the staff status
 * list has everyone.
 */
export const MAX_NAMED_OUTSTANDING = 40;
export const MAX_NAMED_NOT_REACHED = 25;

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
  const notReached = picture.notReached?.length ?? 0;
  const intro = outstanding.length
    ? `${outstanding.length} ${outstanding.length === 1 ? "acknowledgement" : "acknowledgements"} still to confirm. ` +
      `Reminders go automatically; type "remind" to send any that are due now.`
    : notReached
      ? "Everyone the bot can reach has acknowledged everything this year."
      : "Every member of staff has acknowledged everything this year.";
  return campaignCard(`Acknowledgements, ${picture.cycle}`, intro, picture, outstanding);
}

function campaignCard(title: string, intro: string, picture: CampaignPicture, people: readonly OutstandingEntry[]): AdaptiveCard {
  const lines = people.slice(0, MAX_NAMED_OUTSTANDING).map((entry) =>
    text(
      `- **${entry.displayName || "(name unknown)"}**: ${entry.policy.title}` +
        (entry.firstAskedAt ? ` (first sent ${formatDate(entry.firstAskedAt)})` : " (not sent yet)"),
    ),
  );
  const more = people.length - lines.length;
  const notReached = picture.notReached ?? [];
  const actions: CardAction[] = picture.statusListUrl
    ? [{ type: "Action.OpenUrl", title: "Open the staff status list", url: picture.statusListUrl }]
    : [];
  return adaptiveCard(
    [
      heading(title),
      text(intro),
      ...lines,
      ...(more > 0 ? [text(`… and ${more} more: the "AUP staff status" list has everyone.`, { isSubtle: true })] : []),
      text("This year so far", { weight: "bolder", spacing: "medium" }),
      facts(picture.acknowledgedCounts.map(({ policy, count }) => [policy.title, `${count} of ${picture.rosterSize} staff`])),
      ...notReachedSection(notReached),
    ],
    actions,
    { fallbackText: `${title}: ${intro}` },
  );
}

/** Who the bot could not reach, grouped by why, named up to a limit. */
function notReachedSection(notReached: readonly NotReachedEntry[]): CardElement[] {
  if (notReached.length === 0) return [];
  const named = notReached.slice(0, MAX_NAMED_NOT_REACHED);
  const more = notReached.length - named.length;
  const byState = new Map<string, number>();
  for (const entry of notReached) byState.set(entry.state, (byState.get(entry.state) ?? 0) + 1);
  return [
    text(`Not reached (${notReached.length})`, { weight: "bolder", spacing: "medium" }),
    text([...byState].map(([state, count]) => `${state}: ${count}`).join(" · "), { isSubtle: true }),
    ...named.map((entry) => text(`- **${entry.displayName || "(name unknown)"}**: ${entry.state}. ${entry.detail}`)),
    ...(more > 0 ? [text(`… and ${more} more: the "AUP staff status" list has everyone.`, { isSubtle: true })] : []),
  ];
}
