// The campaign's view of reach: it sends only to staff it can reach, and names the others with why.
import type { RosterTable } from "../../records/roster/roster-table.js";
import { REACH_STATE_LABELS } from "../../records/roster/staff-roster.js";
import type { StaffMember } from "../campaigns/campaign-plan.js";
import type { CampaignReach } from "../campaigns/campaign-runner.js";
import type { NotReachedEntry } from "../cards/digest-card.js";
import type { ConversationStore } from "../conversation-store.js";
import { reachOf } from "./staff-status-refresher.js";

export class RosterReach implements CampaignReach {
  constructor(
    private readonly table: RosterTable,
    private readonly conversations: ConversationStore,
    private readonly notInstalledDetail: string,
    readonly statusListUrl: string | undefined,
  ) {}

  async reachable(staff: readonly StaffMember[]): Promise<StaffMember[]> {
    const states = await this.states(staff);
    return staff.filter((person) => states.get(person.id.toLowerCase())?.[0] === "reached");
  }

  async notReached(staff: readonly StaffMember[]): Promise<NotReachedEntry[]> {
    const states = await this.states(staff);
    return staff.flatMap((person) => {
      const [state, detail] = states.get(person.id.toLowerCase()) ?? ["not-reached-yet", this.notInstalledDetail];
      return state === "reached" ? [] : [{ displayName: person.displayName, state: REACH_STATE_LABELS[state], detail }];
    });
  }

  private async states(staff: readonly StaffMember[]): Promise<Map<string, ReturnType<typeof reachOf>>> {
    const withChat = new Set((await this.conversations.list()).map((person) => person.id.toLowerCase()));
    // One read of the roster rather than one query a person: a campaign asks this for thousands at once.
    const roster = new Map(this.table.all().map((entry) => [entry.id, entry]));
    const states = new Map<string, ReturnType<typeof reachOf>>();
    for (const person of staff) {
      const id = person.id.toLowerCase();
      const entry = roster.get(id);
      states.set(id, entry ? reachOf(entry, withChat.has(id), this.notInstalledDetail) : withChat.has(id) ? ["reached", ""] : ["not-reached-yet", this.notInstalledDetail]);
    }
    return states;
  }
}
