// Typed errors that carry their meaning; server/http-errors.ts maps them to HTTP and card responses.

export abstract class AppError extends Error {
  abstract readonly code: string;
}

/** Input that will never be accepted as sent; the message says what to change. */
export class ValidationError extends AppError {
  readonly code = "ValidationError";
  constructor(
    message: string,
    readonly details: readonly string[] = [],
    /** The same problems by the id of the field each is about, so a form can mark the field. */
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** No valid identity, or an identity that may not do this. */
export class AuthError extends AppError {
  readonly code = "AuthError";
  constructor(message: string, readonly forbidden = false) {
    super(message);
  }
}

export class NotFoundError extends AppError {
  readonly code = "NotFoundError";
}

/** The thing changed since it was read (an eTag mismatch), or already exists. */
export class ConflictError extends AppError {
  readonly code = "ConflictError";
}

/** Too many requests; retry after the given number of seconds. */
export class ThrottledError extends AppError {
  readonly code = "ThrottledError";
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

/** An outside service (Graph, Bot Connector) failed in a way that may succeed later. */
export class UnavailableError extends AppError {
  readonly code = "UnavailableError";
}
