// The campaign's view of reach: it sends only to staff it can reach, and names the others with why.
import type { RosterTable } from "../../records/roster/roster-table.js";
import { REACH_STATE_LABELS } from "../../records/roster/staff-roster.js";
import type { StaffMember } from "../campaigns/campaign-plan.js";
import type { CampaignReach } from "../campaigns/campaign-runner.js";
import type { NotReachedEntry } from "../cards/digest-card.js";
import type { ConversationStore } from "../conversation-store.js";
import { reachOf } from "./staff-status-refresher.js";

export class RosterReach implements CampaignReach {
  private chats: Promise<Set<string>> | undefined;

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

  /**
   * Who has a chat with the bot, read once for the campaign's pair of questions (reachable, then notReached,
   * in the same turn): reading every chat takes a few hundred milliseconds for ten thousand staff.
   */
  private withChat(): Promise<Set<string>> {
    if (!this.chats) {
      this.chats = this.conversations.list().then((people) => new Set(people.map((person) => person.id.toLowerCase())));
      const forget = this.chats;
      const clear = (): void => {
        if (this.chats === forget) this.chats = undefined;
      };
      setImmediate(() => void forget.then(clear, clear));
    }
    return this.chats;
  }

  private async states(staff: readonly StaffMember[]): Promise<Map<string, ReturnType<typeof reachOf>>> {
    const withChat = await this.withChat();
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
