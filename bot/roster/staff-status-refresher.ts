// Works out each member of staff's row for this year from what the app knows, and writes the rows that changed.
import type { PolicyCatalog } from "../../policies/policy-catalog.js";
import { academicYearOf } from "../../records/cycle.js";
import type { RosterEntry, RosterTable } from "../../records/roster/roster-table.js";
import type { ReachState } from "../../records/roster/staff-roster.js";
import { staffStatusRecordId, type StaffStatus } from "../../records/roster/staff-status.js";
import type { SqliteStaffStatus } from "../../records/sqlite/sqlite-staff-status.js";
import type { Clock, RecordStore } from "../../records/types.js";
import { formatUkTime } from "../../records/uk-time.js";
import type { TakenStep } from "../campaigns/campaign-plan.js";
import type { ConversationStore } from "../conversation-store.js";

export interface StaffStatusRefresherDependencies {
  readonly table: RosterTable;
  readonly statuses: SqliteStaffStatus;
  readonly conversations: ConversationStore;
  readonly records: RecordStore;
  readonly policies: PolicyCatalog;
  /** The campaign's steps this cycle (invitations and reminders), from its ledger. */
  readonly taken: (cycle: string) => TakenStep[];
  readonly clock: Clock;
  /** What "not reached yet" means when nothing more is known, e.g. "Has not opened the app yet." */
  readonly notInstalledDetail: string;
}

export class StaffStatusRefresher {
  constructor(private readonly deps: StaffStatusRefresherDependencies) {}

  /** Writes every row whose content changed; returns how many. */
  async refresh(): Promise<number> {
    const { deps } = this;
    const roster = deps.table.all();
    // No staff yet (no roster source and nobody has the app): nothing to read or write.
    if (roster.length === 0) return 0;
    const now = deps.clock.now();
    const cycle = academicYearOf(now);
    const policies = deps.policies.forAllStaff();
    const acknowledgedAt = new Map<string, string>();
    for (const policy of policies) {
      for (const ack of await deps.records.listAcknowledgements({ policyId: policy.id, cycle })) {
        if (ack.policyVersion !== policy.version) continue;
        const key = `${ack.person.id.toLowerCase()}|${policy.id}`;
        const earlier = acknowledgedAt.get(key);
        if (!earlier || ack.acknowledgedAt < earlier) acknowledgedAt.set(key, ack.acknowledgedAt);
      }
    }
    const steps = stepTimes(deps.taken(cycle));
    const withChat = new Set((await deps.conversations.list()).map((person) => person.id.toLowerCase()));
    let written = 0;
    for (const entry of roster) {
      const recordId = staffStatusRecordId(entry.id, cycle);
      // Someone who left before this year began has no row to keep up to date.
      if (entry.leftAt && !deps.statuses.get(recordId)) continue;
      const [reach, reachDetail] = reachOf(entry, withChat.has(entry.id), deps.notInstalledDetail);
      const times = steps.get(entry.id);
      const status: StaffStatus = {
        recordId,
        cycle,
        person: { id: entry.id, displayName: entry.displayName, upn: entry.upn },
        documents: policies.map((policy) => ({
          policyId: policy.id,
          title: policy.title,
          version: policy.version,
          acknowledgedAt: acknowledgedAt.get(`${entry.id}|${policy.id}`),
        })),
        reach,
        reachDetail,
        invitedAt: times?.invitedAt,
        lastRemindedAt: times?.lastRemindedAt,
        updatedAt: now.toISOString(),
      };
      if (deps.statuses.write(status, now)) written++;
    }
    return written;
  }
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
function stepTimes(taken: readonly TakenStep[]): Map<string, { invitedAt?: string; lastRemindedAt?: string }> {
  const times = new Map<string, { invitedAt?: string; lastRemindedAt?: string }>();
  for (const step of taken) {
    const id = step.personId.toLowerCase();
    const current = times.get(id) ?? {};
    if (step.step === "invite" && (!current.invitedAt || step.at < current.invitedAt)) current.invitedAt = step.at;
    if (step.step.startsWith("reminder-") && (!current.lastRemindedAt || step.at > current.lastRemindedAt)) current.lastRemindedAt = step.at;
    times.set(id, current);
  }
  return times;
}
