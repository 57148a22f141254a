import type { Activity, CloudAdapter } from "botbuilder";
import { NotFoundError, ThrottledError } from "../records/errors.js";
import { retryAfterMs } from "../records/graph/retry-policy.js";
import type { ConversationStore } from "./conversation-store.js";

/** Sends a message to a person's personal chat with the bot, outside any turn they started. */
export interface ProactiveSender {
  send(recipientId: string, activity: Partial<Activity>): Promise<void>;
}

/** Replaces a message the bot sent earlier (`activity.id`) in a person's personal chat, outside any turn. */
export interface ProactiveUpdater {
  update(recipientId: string, activity: Partial<Activity> & { id: string }): Promise<void>;
}

export class ProactiveMessenger implements ProactiveSender, ProactiveUpdater {
  /** `botAppId` is empty locally, where bot authentication is off. */
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    private readonly conversations: ConversationStore,
  ) {}

  async send(recipientId: string, activity: Partial<Activity>): Promise<void> {
    const reference = await this.conversations.get(recipientId);
    if (!reference) {
      throw new NotFoundError(`${recipientId} has no chat with the bot yet: the app must be installed for them in Teams.`);
    }
    try {
      await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
        await context.sendActivity(activity);
      });
    } catch (error) {
      throw throttledOr(error);
    }
  }

  async update(recipientId: string, activity: Partial<Activity> & { id: string }): Promise<void> {
    const reference = await this.conversations.get(recipientId);
    if (!reference) throw new NotFoundError(`${recipientId} has no chat with the bot any more, so the card cannot be updated.`);
    try {
      await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
        await context.updateActivity(activity);
      });
    } catch (error) {
      throw throttledOr(error);
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
