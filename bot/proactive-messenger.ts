import type { Activity, CloudAdapter } from "botbuilder";
import { NotFoundError, ThrottledError } from "../records/errors.js";
import { retryAfterMs } from "../records/graph/retry-policy.js";
import type { ConversationStore } from "./conversation-store.js";
import { UnreachableError, unreachableFrom } from "./delivery/delivery-errors.js";
import { unpaced, type SendPacer } from "./delivery/rate-limiter.js";

/** Sends a message to a person's personal chat with the bot, outside any turn they started. */
export interface ProactiveSender {
  /**
   * `onAdmitted` runs once the pace allows the send, just before the request leaves: the fan-out engine
   * records its claim there, so a claim always means "in flight".
   */
  send(recipientId: string, activity: Partial<Activity>, onAdmitted?: () => void): Promise<void>;
}

/** Replaces a message the bot sent earlier (`activity.id`) in a person's personal chat, outside any turn. */
export interface ProactiveUpdater {
  update(recipientId: string, activity: Partial<Activity> & { id: string }): Promise<void>;
}

export class ProactiveMessenger implements ProactiveSender, ProactiveUpdater {
  /** `botAppId` is empty locally, where bot authentication is off. Every send waits its turn with `pacer`. */
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    private readonly conversations: ConversationStore,
    private readonly pacer: SendPacer = unpaced,
  ) {}

  async send(recipientId: string, activity: Partial<Activity>, onAdmitted?: () => void): Promise<void> {
    const reference = await this.conversations.get(recipientId);
    if (!reference?.conversation?.id) {
      throw new UnreachableError(
        "NoConversation",
        `${recipientId} has no chat with the bot yet: the app must be installed for them in Teams.`,
      );
    }
    const conversationId = reference.conversation.id;
    try {
      await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
        // Paced as late as possible, once the connector client is ready: the request leaves right after.
        await this.pacer.acquire(conversationId);
        onAdmitted?.();
        await context.sendActivity(activity);
      });
    } catch (error) {
      const refused = unreachableFrom(error) ?? throttledOr(error);
      // Everyone slows down, not just this send: Teams counts the app as a whole.
      if (refused instanceof ThrottledError) this.pacer.throttled(refused.retryAfterSeconds * 1000);
      throw refused;
    }
  }

  async update(recipientId: string, activity: Partial<Activity> & { id: string }): Promise<void> {
    const reference = await this.conversations.get(recipientId);
    if (!reference?.conversation?.id) throw new NotFoundError(`${recipientId} has no chat with the bot any more, so the card cannot be updated.`);
    const conversationId = reference.conversation.id;
    try {
      await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
        await this.pacer.acquire(conversationId);
        await context.updateActivity(activity);
      });
    } catch (error) {
      const refused = throttledOr(error);
      if (refused instanceof ThrottledError) this.pacer.throttled(refused.retryAfterSeconds * 1000);
      throw refused;
    }
  }
}

/** The connector retries a 429 itself a few times; if it still refuses, keep its Retry-After for the queue. */
function throttledOr(error: unknown): unknown {
  const failure = error as { statusCode?: number; response?: { headers?: { get?(name: string): string | undefined } } };
  if (failure?.statusCode !== 429) return error;
  // Seconds, or an HTTP date (RFC 9110), read as Graph's is.
  const retryAfterMsFromNow = retryAfterMs(failure.response?.headers?.get?.("retry-after"), new Date());
  return new ThrottledError("Teams asked us to slow down.", retryAfterMsFromNow === undefined ? 30 : Math.ceil(retryAfterMsFromNow / 1000));
}
