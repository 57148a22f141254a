import type { AdaptiveCardInvokeResponse, InvokeResponse } from "botbuilder";
import { AuthError, ConflictError, NotFoundError, ValidationError } from "../records/errors.js";
import { somethingWentWrong } from "../records/error-reference.js";
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from "./cards/adaptive-card.js";

const ERROR_CONTENT_TYPE = "application/vnd.microsoft.error";

// Teams expects HTTP 200 for every adaptiveCard/action answer; the outcome is the body's statusCode.
function invokeResponse(body: AdaptiveCardInvokeResponse): InvokeResponse<AdaptiveCardInvokeResponse> {
  return { status: 200, body };
}

/** Success: Teams replaces the card the person pressed with this one. */
export function cardInvokeResponse(card: AdaptiveCard): InvokeResponse<AdaptiveCardInvokeResponse> {
  return invokeResponse({ statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card as unknown as Record<string, unknown> });
}

/** The one mapping from our typed errors to what Teams shows under the card. */
export function errorInvokeResponse(error: unknown, reference: string): InvokeResponse<AdaptiveCardInvokeResponse> {
  const { statusCode, code, message } = describeCardError(error, reference);
  return invokeResponse({ statusCode, type: ERROR_CONTENT_TYPE, value: { code, message } });
}

/**
 * Also used for chat turns, where the message is sent back as text. A person's own mistake is told as
 * it is; anything else (Graph or Entra down, a bug) only as what to do and `reference`, which the
 * caller logs beside the detail.
 */
export function describeCardError(error: unknown, reference: string): { statusCode: number; code: string; message: string } {
  const isClientError =
    error instanceof ValidationError || error instanceof AuthError || error instanceof NotFoundError || error instanceof ConflictError;
  if (isClientError) return { statusCode: 400, code: error.code, message: error.message };
  return { statusCode: 500, code: "InternalError", message: somethingWentWrong(reference) };
}
