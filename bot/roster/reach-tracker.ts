// What the fan-out engine learns about each send, kept as each person's reach state for the staff status list.
import type { RosterTable } from "../../records/roster/roster-table.js";
import type { ReachMark } from "../../records/roster/staff-roster.js";
import type { ConversationStore } from "../conversation-store.js";
import type { DeliveryOutcomes, UnreachableReason } from "../delivery/delivery-outcomes.js";

export interface ReachTrackerDependencies {
  readonly table: RosterTable;
  readonly conversations: ConversationStore;
  /** Installs the app again for someone who lost it; a no-op when proactive installation is off. */
  readonly reinstall: (personId: string) => void;
  readonly installsProactively: boolean;
  /** This person's status row shows something that changed. */
  readonly changed: (personId: string) => void;
  readonly log: { error(message: string, error?: unknown): void };
}

export class ReachTracker implements DeliveryOutcomes {
  constructor(private readonly deps: ReachTrackerDependencies) {}

  /** A send reached them: any old "not reached" no longer holds, and their row's invited or reminded date moved. */
  delivered(personId: string, _at: Date): void {
    this.deps.table.clearMark(personId);
    this.deps.changed(personId);
  }

  unreachable(personId: string, reason: UnreachableReason, _detail: string, at: Date): void {
    const mark = (state: ReachMark["state"], detail: string): void => {
      if (this.deps.table.mark(personId, { state, detail, at: at.toISOString() })) this.deps.changed(personId);
    };
    if (reason === "ConversationBlockedByUser") {
      mark("blocked", "They blocked the app's chat in Teams; it is not tried again until they unblock it. You may wish to ask them.");
    } else if (reason === "BotDisabledByAdmin") {
      mark("install-refused", "The Teams admin has blocked or disabled the app for them: allow it for staff in the Teams admin centre (see infra/staff-roster.md).");
    } else if (reason === "BotNotInConversationRoster" || reason === "ConversationNotFound") {
      const what = reason === "BotNotInConversationRoster" ? "The app was removed from their Teams" : "Their chat with the app no longer exists";
      mark("not-reached-yet", this.deps.installsProactively ? `${what}; it is being installed again.` : `${what}; they can add it again from the Teams app store.`);
      // The old chat is no use now: forgetting it makes the next sync (or the reinstall below) reach them afresh.
      this.deps.conversations
        .delete(personId)
        .then(() => this.deps.reinstall(personId))
        .catch((error: unknown) => this.deps.log.error(`Could not forget the old chat of ${personId}`, error));
    } else {
      mark("not-reached-yet", this.deps.installsProactively ? "The app is being installed for them." : "The app is not installed for them yet.");
    }
  }
}
