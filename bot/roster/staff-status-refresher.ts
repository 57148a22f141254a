// Works out each member of staff's row for this year from what the app knows, and writes the rows that changed.
import type { Policy } from "../../policies/policy.js";
import type { PolicyCatalog } from "../../policies/policy-catalog.js";
import { academicYearOf } from "../../records/cycle.js";
import type { RosterEntry, RosterTable } from "../../records/roster/roster-table.js";
import type { ReachState } from "../../records/roster/staff-roster.js";
import { staffStatusRecordId, type StaffStatus } from "../../records/roster/staff-status.js";
import type { SqliteStaffStatus } from "../../records/sqlite/sqlite-staff-status.js";
import type { Acknowledgement, Clock, RecordStore } from "../../records/types.js";
import { formatUkTime } from "../../records/uk-time.js";
import type { TakenStep } from "../campaigns/campaign-plan.js";
import type { ConversationStore } from "../conversation-store.js";

export interface StaffStatusRefresherDependencies {
  readonly table: RosterTable;
  readonly statuses: SqliteStaffStatus;
  readonly conversations: ConversationStore;
  readonly records: RecordStore;
  readonly policies: PolicyCatalog;
  /** The campaign's steps this cycle (invitations and reminders), from its ledger; with a person, only theirs. */
  readonly taken: (cycle: string, personId?: string) => TakenStep[];
  readonly clock: Clock;
  /** What "not reached yet" means when nothing more is known, e.g. "Has not opened the app yet." */
  readonly notInstalledDetail: string;
}

/** Everyone's row, or only the rows of the people (lower-case ids) whose reach or acknowledgements changed. */
export type RefreshScope = "everyone" | ReadonlySet<string>;

/** Rows worked out and written (in one transaction) between two turns of the event loop. */
export const REFRESH_CHUNK = 50;

interface StepTimes {
  invitedAt?: string;
  lastRemindedAt?: string;
}

/** What a chunk of rows is worked out from. */
interface Facts {
  /** `${personId}|${policyId}` to the earliest acknowledgement of the current version this cycle. */
  readonly acknowledgedAt: ReadonlyMap<string, string>;
  readonly steps: ReadonlyMap<string, StepTimes>;
  readonly withChat: ReadonlySet<string>;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class StaffStatusRefresher {
  /** The year and document versions of the last refresh of everyone: a change to either changes every row. */
  private everyoneAsOf: string | undefined;

  constructor(private readonly deps: StaffStatusRefresherDependencies) {}

  /**
   * Writes every row (of the scope) whose content changed; returns how many. The work goes in chunks of
   * REFRESH_CHUNK rows (a few milliseconds each), each one transaction, with the event loop free between
   * them: ten thousand rows in one block would hold up every send and every reply for seconds.
   */
  async refresh(scope: RefreshScope = "everyone"): Promise<number> {
    const { deps } = this;
    const now = deps.clock.now();
    const cycle = academicYearOf(now);
    const policies = deps.policies.forAllStaff();
    const asOf = `${cycle}|${policies.map((policy) => `${policy.id}@${policy.version}`).join(",")}`;
    const everyone = scope === "everyone" || asOf !== this.everyoneAsOf;
    const entries = everyone ? deps.table.all() : [...scope].flatMap((id) => deps.table.get(id) ?? []);
    // No staff yet (no roster source and nobody has the app): nothing to read or write.
    if (entries.length === 0) {
      if (everyone) this.everyoneAsOf = asOf;
      return 0;
    }
    const allFacts = everyone ? await this.factsForEveryone(cycle, policies) : undefined;
    let written = 0;
    for (let start = 0; start < entries.length; start += REFRESH_CHUNK) {
      if (start > 0) await nextTurn();
      const chunk = entries.slice(start, start + REFRESH_CHUNK);
      const facts = allFacts ?? (await this.factsFor(chunk, cycle, policies));
      const writes = chunk.map((entry) => ({
        status: this.rowOf(entry, facts, cycle, policies, now),
        // Someone who left before this year began has no row to keep up to date.
        onlyIfKept: entry.leftAt !== undefined,
      }));
      written += deps.statuses.writeAll(writes, now);
    }
    if (everyone) this.everyoneAsOf = asOf;
    return written;
  }

  private rowOf(entry: RosterEntry, facts: Facts, cycle: string, policies: readonly Policy[], now: Date): StaffStatus {
    const [reach, reachDetail] = reachOf(entry, facts.withChat.has(entry.id), this.deps.notInstalledDetail);
    const times = facts.steps.get(entry.id);
    return {
      recordId: staffStatusRecordId(entry.id, cycle),
      cycle,
      person: { id: entry.id, displayName: entry.displayName, upn: entry.upn },
      documents: policies.map((policy) => ({
        policyId: policy.id,
        title: policy.title,
        version: policy.version,
        acknowledgedAt: facts.acknowledgedAt.get(`${entry.id}|${policy.id}`),
      })),
      reach,
      reachDetail,
      invitedAt: times?.invitedAt,
      lastRemindedAt: times?.lastRemindedAt,
      updatedAt: now.toISOString(),
    };
  }

  private async factsForEveryone(cycle: string, policies: readonly Policy[]): Promise<Facts> {
    const acknowledgedAt = new Map<string, string>();
    for (const policy of policies) {
      for (const ack of await this.deps.records.listAcknowledgements({ policyId: policy.id, cycle })) earliest(acknowledgedAt, ack, policy);
    }
    const withChat = new Set((await this.deps.conversations.list()).map((person) => person.id.toLowerCase()));
    return { acknowledgedAt, steps: stepTimes(this.deps.taken(cycle)), withChat };
  }

  /** A few people's facts, read for each of them: cheaper than reading everyone's for a handful of changes. */
  private async factsFor(entries: readonly RosterEntry[], cycle: string, policies: readonly Policy[]): Promise<Facts> {
    const acknowledgedAt = new Map<string, string>();
    const taken: TakenStep[] = [];
    const withChat = new Set<string>();
    const byId = new Map(policies.map((policy) => [policy.id, policy]));
    for (const entry of entries) {
      for (const ack of await this.deps.records.listAcknowledgements({ personId: entry.id, cycle })) {
        const policy = byId.get(ack.policyId);
        if (policy) earliest(acknowledgedAt, ack, policy);
      }
      taken.push(...this.deps.taken(cycle, entry.id));
      if (await this.deps.conversations.get(entry.id)) withChat.add(entry.id);
    }
    return { acknowledgedAt, steps: stepTimes(taken), withChat };
  }
}

/** Keeps the earliest acknowledgement of the policy's current version. */
function earliest(acknowledgedAt: Map<string, string>, ack: Acknowledgement, policy: Policy): void {
  if (ack.policyVersion !== policy.version) return;
  const key = `${ack.person.id.toLowerCase()}|${policy.id}`;
  const earlier = acknowledgedAt.get(key);
  if (!earlier || ack.acknowledgedAt < earlier) acknowledgedAt.set(key, ack.acknowledgedAt);
}

/** Whether the bot can reach someone, and if not why: leaving, a refusal or a block outrank having a chat. */
export function reachOf(entry: RosterEntry, hasChat: boolean, notInstalledDetail: string): [ReachState, string] {
  if (entry.leftAt) return ["left", `Left the staff groups on ${formatUkTime(entry.leftAt, true)}; no longer chased.`];
  const mark = entry.mark;
  if (mark && (mark.state === "blocked" || mark.state === "install-refused")) return [mark.state, mark.detail];
  if (hasChat) return ["reached", ""];
  return ["not-reached-yet", mark?.detail ?? notInstalledDetail];
}

/** When each person was first invited this cycle, and last reminded. */
function stepTimes(taken: readonly TakenStep[]): Map<string, StepTimes> {
  const times = new Map<string, StepTimes>();
  for (const step of taken) {
    const id = step.personId.toLowerCase();
    const current = times.get(id) ?? {};
    if (step.step === "invite" && (!current.invitedAt || step.at < current.invitedAt)) current.invitedAt = step.at;
    if (step.step.startsWith("reminder-") && (!current.lastRemindedAt || step.at > current.lastRemindedAt)) current.lastRemindedAt = step.at;
    times.set(id, current);
  }
  return times;
}
