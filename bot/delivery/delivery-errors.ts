import { NotFoundError } from "../../records/errors.js";
import type { UnreachableReason } from "./delivery-outcomes.js";

/**
 * Teams will not take messages for this person until something changes on their side; never retried on its
 * own. A kind of NotFoundError, as callers that only need "no chat with this person" already treat it.
 */
export class UnreachableError extends NotFoundError {
  constructor(
    readonly reason: UnreachableReason,
    /** Teams' own words, for the log. */
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

/** The Bot Connector's answers that say "this person cannot be reached", by status and error code. */
const UNREACHABLE: Record<number, readonly UnreachableReason[]> = {
  403: ["ConversationBlockedByUser", "BotDisabledByAdmin", "BotNotInConversationRoster"],
  404: ["ConversationNotFound"],
};

/**
 * The Bot Connector's failure as botbuilder throws it (statusCode, and the body's
 * `{"error":{"code","message"}}` as code and details), if it names an unreachable person.
 */
export function unreachableFrom(error: unknown): UnreachableError | undefined {
  const failure = error as { statusCode?: number; code?: string; details?: { error?: { code?: string; message?: string } } } | undefined;
  const code = failure?.details?.error?.code ?? failure?.code;
  const known = UNREACHABLE[failure?.statusCode ?? 0];
  const reason = known?.find((candidate) => candidate === code);
  if (!reason) return undefined;
  return new UnreachableError(reason, failure?.details?.error?.message ?? `Teams answered ${failure?.statusCode ?? "?"} ${reason}`);
}
