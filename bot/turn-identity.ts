import { TeamsInfo, type Activity, type CloudAdapter, type ConversationReference, type TeamsChannelAccount } from "botbuilder";
import { AuthError } from "../records/errors.js";
import type { Clock, Person } from "../records/types.js";
import type { ConversationStore } from "./conversation-store.js";

/** The person behind an activity, from the Bot Framework activity alone (never from card data). */
export interface TurnIdentity {
  readonly id: string;
  readonly displayName: string;
}

/**
 * Reads the Entra object id and checks the tenant. `expectedTenantId` is set in tenant mode; locally
 * the Agents Playground's made-up tenant is accepted.
 */
export function identityOf(activity: Activity, expectedTenantId: string | undefined): TurnIdentity {
  const id = activity.from?.aadObjectId?.trim();
  if (!id) {
    throw new AuthError("We could not tell who you are: open this app in Teams signed in with your school account, then try again.");
  }
  if (expectedTenantId) {
    const tenant = activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    if (tenant?.toLowerCase() !== expectedTenantId.toLowerCase()) {
      throw new AuthError("This app only serves the school's own Microsoft 365 tenant.", true);
    }
  }
  // Some events (installationUpdate) carry no name; the member lookup fills it in (PeopleDirectory).
  return { id, displayName: activity.from.name?.trim() ?? "" };
}

/** Teams' member lookup: what Teams says about the person at the other end of a personal chat. */
export interface MemberLookup {
  lookUp(reference: Partial<ConversationReference>): Promise<{ upn: string; displayName: string }>;
}

/** Asks the Bot Connector outside any turn, so a lookup can outlive the turn that started it. */
export class TeamsMemberLookup implements MemberLookup {
  /** `botAppId` is empty locally, where bot authentication is off. */
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
  ) {}

  async lookUp(reference: Partial<ConversationReference>): Promise<{ upn: string; displayName: string }> {
    const userId = reference.user?.id;
    if (!userId) throw new Error("The conversation reference names no user to look up.");
    let member: TeamsChannelAccount | undefined;
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      member = await TeamsInfo.getMember(context, userId);
    });
    return { upn: member?.userPrincipalName ?? "", displayName: member?.name ?? "" };
  }
}

/** After a failed or empty lookup, how long before a message or press may ask Teams again. */
const ASK_AGAIN_AFTER_MS = 5 * 60_000;

/**
 * Who is pressing or typing, with the UPN the records carry. The UPN does not change between presses,
 * so it is learnt once from Teams (at install, or in the background when it is missing) and kept with
 * the chat; a press reads it from there and never waits on Teams.
 */
export class PeopleDirectory {
  private readonly lookups = new Map<string, Promise<void>>();
  private readonly lastFailure = new Map<string, number>();
  private closed = false;

  constructor(
    private readonly conversations: ConversationStore,
    private readonly teams: MemberLookup,
    private readonly clock: Clock,
    private readonly log: { info(message: string): void },
  ) {}

  /**
   * An install or message in the personal chat: keeps the chat, and starts learning the UPN if it is
   * not known. `learning` settles when that is done (or has failed, which is logged); it never rejects.
   */
  async remember(identity: TurnIdentity, reference: Partial<ConversationReference>): Promise<{ created: boolean; learning: Promise<void> }> {
    const { created } = await this.conversations.save(identity.id, reference);
    const known = await this.conversations.member(identity.id);
    return { created, learning: known?.upn ? Promise.resolve() : this.learn(identity.id, reference) };
  }

  /**
   * The person behind a card press, from the activity and what the app keeps: no call to Teams. If the
   * UPN is not known yet the record carries an empty one, and a lookup in the background fills it in
   * for the next time.
   */
  async personOf(identity: TurnIdentity): Promise<Person> {
    const known = await this.conversations.member(identity.id);
    if (known && !known.upn) void this.learn(identity.id, known.reference);
    return { id: identity.id, displayName: identity.displayName || known?.displayName || identity.id, upn: known?.upn ?? "" };
  }

  /** Lookups still running finish on their own; what they learn after this is not kept (the store closes). */
  close(): void {
    this.closed = true;
  }

  private learn(aadObjectId: string, reference: Partial<ConversationReference>): Promise<void> {
    const key = aadObjectId.toLowerCase();
    const running = this.lookups.get(key);
    if (running) return running;
    const failedAt = this.lastFailure.get(key);
    if (failedAt !== undefined && this.clock.now().getTime() - failedAt < ASK_AGAIN_AFTER_MS) return Promise.resolve();
    const lookup = this.teams
      .lookUp(reference)
      .then(async (member) => {
        if (!member.upn) throw new Error("Teams gave no user principal name");
        if (!this.closed) await this.conversations.setMemberDetails(key, member);
        this.lastFailure.delete(key);
      })
      .catch((error: unknown) => {
        this.lastFailure.set(key, this.clock.now().getTime());
        // Not a fault to alarm anyone with: records carry an empty UPN until Teams tells us, as they always could.
        this.log.info(`Teams did not give the UPN of ${key} (${error instanceof Error ? error.message : String(error)}); a later message or press asks again.`);
      })
      .finally(() => this.lookups.delete(key));
    this.lookups.set(key, lookup);
    return lookup;
  }
}
