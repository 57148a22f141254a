// How the year's acknowledgements stand, per all-staff document, against a staff list given by the caller:
// today the people the bot can reach (installed staff), later the school's roster, with no change here.
import { ukCalendarDate } from "../uk-time.js";
import type { Acknowledgement } from "../types.js";

export interface StaffEntry {
  readonly id: string;
  readonly displayName: string;
}

export interface DocumentRef {
  readonly id: string;
  readonly title: string;
  readonly version: string;
}

/** A card the campaign sent (or claimed to send): the ledger's row. */
export interface CampaignMessage {
  readonly personId: string;
  readonly policyId: string;
  readonly policyVersion: string;
  readonly step: string;
  readonly at: string;
}

export interface DocumentProgress {
  readonly policyId: string;
  readonly title: string;
  readonly version: string;
  readonly acknowledged: number;
  /** Sent the card, not yet confirmed. */
  readonly outstanding: number;
  /** Never sent the card this year at this version (e.g. the app is not installed for them). */
  readonly notReached: number;
}

export interface WeekProgress {
  /** The Monday the week starts, YYYY-MM-DD (UK date). */
  readonly weekStarting: string;
  /** Staff who had acknowledged each document by the end of that week, in `documents` order. */
  readonly acknowledgedByEnd: readonly number[];
}

export interface OutstandingPerson {
  readonly personId: string;
  readonly displayName: string;
  readonly documents: ReadonlyArray<{ readonly policyId: string; readonly title: string; readonly firstAskedAt?: string; readonly reached: boolean }>;
}

export interface YearAtAGlance {
  readonly cycle: string;
  readonly staffCount: number;
  readonly documents: readonly DocumentProgress[];
  /** From the week the campaign began (first card or acknowledgement) to this week. */
  readonly weeks: readonly WeekProgress[];
  readonly outstanding: readonly OutstandingPerson[];
}

export interface GlanceInput {
  readonly cycle: string;
  readonly now: Date;
  readonly documents: readonly DocumentRef[];
  readonly staff: readonly StaffEntry[];
  /** This cycle's acknowledgements (any version; only the current one counts). */
  readonly acknowledgements: readonly Acknowledgement[];
  /** This cycle's campaign messages. */
  readonly messages: readonly CampaignMessage[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const key = (personId: string, policyId: string) => `${personId.toLowerCase()}\u0000${policyId}`;

export function yearAtAGlance(input: GlanceInput): YearAtAGlance {
  const staffIds = new Set(input.staff.map((person) => person.id.toLowerCase()));
  const current = new Map(input.documents.map((doc) => [doc.id, doc.version]));
  // The first confirmation of the current version by each member of staff.
  const acknowledgedAt = new Map<string, string>();
  for (const ack of input.acknowledgements) {
    if (current.get(ack.policyId) !== ack.policyVersion || !staffIds.has(ack.person.id.toLowerCase())) continue;
    const k = key(ack.person.id, ack.policyId);
    const earlier = acknowledgedAt.get(k);
    if (!earlier || ack.acknowledgedAt < earlier) acknowledgedAt.set(k, ack.acknowledgedAt);
  }
  const firstAsked = new Map<string, string>();
  for (const message of input.messages) {
    if (current.get(message.policyId) !== message.policyVersion || message.step !== "invite") continue;
    firstAsked.set(key(message.personId, message.policyId), message.at);
  }

  const documents = input.documents.map((doc): DocumentProgress => {
    let acknowledged = 0;
    let outstanding = 0;
    for (const person of input.staff) {
      const k = key(person.id, doc.id);
      if (acknowledgedAt.has(k)) acknowledged++;
      else if (firstAsked.has(k)) outstanding++;
    }
    return { policyId: doc.id, title: doc.title, version: doc.version, acknowledged, outstanding, notReached: input.staff.length - acknowledged - outstanding };
  });

  const outstanding = input.staff
    .map((person): OutstandingPerson => ({
      personId: person.id,
      displayName: person.displayName || person.id,
      documents: input.documents
        .filter((doc) => !acknowledgedAt.has(key(person.id, doc.id)))
        .map((doc) => {
          const asked = firstAsked.get(key(person.id, doc.id));
          return { policyId: doc.id, title: doc.title, reached: asked !== undefined, ...(asked ? { firstAskedAt: asked } : {}) };
        }),
    }))
    .filter((person) => person.documents.length > 0)
    .sort((a, b) => a.displayName.localeCompare(b.displayName, "en-GB"));

  return { cycle: input.cycle, staffCount: input.staff.length, documents, weeks: weeklyProgress(input, acknowledgedAt, firstAsked), outstanding };
}

function weeklyProgress(input: GlanceInput, acknowledgedAt: Map<string, string>, firstAsked: Map<string, string>): WeekProgress[] {
  const starts = [...acknowledgedAt.values(), ...firstAsked.values()].map((iso) => Date.parse(iso)).filter((t) => !Number.isNaN(t));
  if (!starts.length) return [];
  const firstMonday = mondayOf(new Date(Math.min(...starts)));
  const weeks: WeekProgress[] = [];
  // Sorted once per document, then each week is a count of those before its end.
  const timesByDocument = input.documents.map((doc) =>
    [...acknowledgedAt.entries()]
      .filter(([k]) => k.endsWith(`\u0000${doc.id}`))
      .map(([, at]) => Date.parse(at))
      .sort((a, b) => a - b),
  );
  for (let start = firstMonday; start <= input.now.getTime(); start += 7 * DAY_MS) {
    const end = start + 7 * DAY_MS;
    weeks.push({
      weekStarting: ukCalendarDate(new Date(start + 12 * 60 * 60 * 1000)),
      acknowledgedByEnd: timesByDocument.map((times) => countBefore(times, end)),
    });
  }
  return weeks;
}

/** Midnight UTC on the Monday of the week holding `date`: close enough to the UK's week for a weekly chart. */
function mondayOf(date: Date): number {
  const day = (date.getUTCDay() + 6) % 7;
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day);
}

function countBefore(sorted: readonly number[], end: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((sorted[mid] as number) < end) low = mid + 1;
    else high = mid;
  }
  return low;
}
