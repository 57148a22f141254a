// Who is due which message in the yearly acknowledgement campaign. Pure: the runner does the sending.
import type { Policy } from "../../policies/policy.js";

/** invite, then reminder-1..N, then escalated (named in the headteacher's digest). */
export type CampaignStep = "invite" | `reminder-${number}` | "escalated";

export interface CampaignSchedule {
  /** Days after the invite or last reminder before chasing again. */
  readonly chaseAfterDays: number;
  /** Reminders before the headteacher is told. */
  readonly reminders: number;
}

export const DEFAULT_CAMPAIGN_SCHEDULE: CampaignSchedule = { chaseAfterDays: 7, reminders: 2 };

export interface StaffMember {
  readonly id: string;
  readonly displayName: string;
}

/** A step already taken (or claimed) for one person and one policy version this cycle. */
export interface TakenStep {
  readonly personId: string;
  readonly policyId: string;
  readonly policyVersion: string;
  readonly step: CampaignStep;
  /** ISO instant the step was claimed; a claimed step counts as taken, so a crash never sends twice. */
  readonly at: string;
}

export interface DueStep {
  readonly person: StaffMember;
  readonly policy: Policy;
  readonly step: CampaignStep;
  /** For reminders: when the person was first asked, to tell them how long it has been. */
  readonly firstAskedAt?: string;
}

export interface CampaignInput {
  readonly now: Date;
  readonly roster: readonly StaffMember[];
  readonly policies: readonly Policy[];
  /** "personId|policyId|version" for every acknowledgement of a current version this cycle. */
  readonly acknowledged: ReadonlySet<string>;
  readonly taken: readonly TakenStep[];
  readonly schedule: CampaignSchedule;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function acknowledgedKey(personId: string, policyId: string, policyVersion: string): string {
  return `${personId.toLowerCase()}|${policyId}|${policyVersion}`;
}

export function reminderStep(n: number): CampaignStep {
  return `reminder-${n}`;
}

/** Every message due now: at most one step per person and policy, the next one in the sequence. */
export function planCampaign(input: CampaignInput): DueStep[] {
  const stepsByKey = new Map<string, TakenStep[]>();
  for (const taken of input.taken) {
    const key = acknowledgedKey(taken.personId, taken.policyId, taken.policyVersion);
    stepsByKey.set(key, [...(stepsByKey.get(key) ?? []), taken]);
  }
  const due: DueStep[] = [];
  for (const person of input.roster) {
    for (const policy of input.policies) {
      const key = acknowledgedKey(person.id, policy.id, policy.version);
      if (input.acknowledged.has(key)) continue;
      const next = nextStep(stepsByKey.get(key) ?? [], input.now, input.schedule);
      if (next) due.push({ person, policy, ...next });
    }
  }
  return due;
}

function nextStep(
  taken: readonly TakenStep[],
  now: Date,
  schedule: CampaignSchedule,
): { step: CampaignStep; firstAskedAt?: string } | undefined {
  const invite = taken.find((t) => t.step === "invite");
  if (!invite) return { step: "invite" };
  if (taken.some((t) => t.step === "escalated")) return undefined;
  const sent = taken.filter((t) => t.step !== "escalated").sort((a, b) => a.at.localeCompare(b.at));
  const last = sent[sent.length - 1] ?? invite;
  if (now.getTime() - Date.parse(last.at) < schedule.chaseAfterDays * DAY_MS) return undefined;
  const remindersSent = sent.length - 1;
  const step = remindersSent < schedule.reminders ? reminderStep(remindersSent + 1) : "escalated";
  return { step, firstAskedAt: invite.at };
}

/** Why a pass had nothing to send, so the headteacher's "remind" can say so rather than "Sent 0". */
export type QuietReason =
  | { readonly kind: "nobody-reachable" }
  | { readonly kind: "all-acknowledged"; readonly people: number }
  | { readonly kind: "not-due-yet"; readonly outstanding: number; readonly nextDueAt: string }
  | { readonly kind: "all-escalated"; readonly outstanding: number };

/** For a plan with nothing due: who is left, and when the next reminder falls due. */
export function whyNothingIsDue(input: Omit<CampaignInput, "now">): QuietReason {
  if (input.roster.length === 0) return { kind: "nobody-reachable" };
  let outstanding = 0;
  let nextDue: number | undefined;
  for (const person of input.roster) {
    for (const policy of input.policies) {
      if (input.acknowledged.has(acknowledgedKey(person.id, policy.id, policy.version))) continue;
      outstanding++;
      const taken = input.taken.filter(
        (t) => t.personId.toLowerCase() === person.id.toLowerCase() && t.policyId === policy.id && t.policyVersion === policy.version,
      );
      if (taken.length === 0 || taken.some((t) => t.step === "escalated")) continue;
      const last = Math.max(...taken.map((t) => Date.parse(t.at)));
      const due = last + input.schedule.chaseAfterDays * DAY_MS;
      nextDue = nextDue === undefined ? due : Math.min(nextDue, due);
    }
  }
  if (outstanding === 0) return { kind: "all-acknowledged", people: input.roster.length };
  if (nextDue === undefined) return { kind: "all-escalated", outstanding };
  return { kind: "not-due-yet", outstanding, nextDueAt: new Date(nextDue).toISOString() };
}
