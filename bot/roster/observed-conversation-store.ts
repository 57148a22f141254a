// The conversation store, telling the roster when someone gains or loses a chat with the bot.
import type { ConversationReference } from "botbuilder";
import type { RosterTable } from "../../records/roster/roster-table.js";
import type { ConversationStore, KnownMember } from "../conversation-store.js";

export class ObservedConversationStore implements ConversationStore {
  constructor(
    private readonly inner: ConversationStore,
    private readonly table: RosterTable,
    private readonly changed: (personId: string) => void,
  ) {}

  async save(aadObjectId: string, reference: Partial<ConversationReference>): Promise<{ created: boolean }> {
    const result = await this.inner.save(aadObjectId, reference);
    if (result.created) {
      // A new chat (installed again, or for the first time): an old "not reached" no longer holds.
      this.table.clearMark(aadObjectId);
      this.changed(aadObjectId);
    }
    return result;
  }

  get(aadObjectId: string): Promise<Partial<ConversationReference> | undefined> {
    return this.inner.get(aadObjectId);
  }

  member(aadObjectId: string): Promise<KnownMember | undefined> {
    return this.inner.member(aadObjectId);
  }

  setMemberDetails(aadObjectId: string, details: { upn: string; displayName: string }): Promise<boolean> {
    return this.inner.setMemberDetails(aadObjectId, details);
  }

  async delete(aadObjectId: string): Promise<void> {
    await this.inner.delete(aadObjectId);
    this.changed(aadObjectId);
  }

  list(): Promise<Array<{ id: string; displayName: string; upn: string }>> {
    return this.inner.list();
  }
}
