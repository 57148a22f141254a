import type { ErrorRequestHandler } from "express";
import { newErrorReference, somethingWentWrong } from "../records/error-reference.js";
import { AppError, AuthError, ConflictError, NotFoundError, ThrottledError, UnavailableError, ValidationError } from "../records/errors.js";

export interface HttpProblem {
  readonly status: number;
  readonly body: {
    readonly error: {
      readonly code: string;
      readonly message: string;
      readonly details?: readonly string[];
      readonly fields?: Readonly<Record<string, string>>;
      readonly ref?: string;
    };
  };
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The one mapping from our typed errors to what an HTTP caller sees. A 4xx message is meant for the
 * person; a 5xx says what to do and quotes `reference`, which the log carries beside the detail.
 */
export function toHttpProblem(error: unknown, reference = newErrorReference()): HttpProblem {
  const problem = (status: number, code: string, message: string, details?: readonly string[]): HttpProblem => ({
    status,
    body: { error: details?.length ? { code, message, details } : { code, message } },
  });
  if (error instanceof ValidationError) {
    const refused = problem(400, error.code, error.message, error.details);
    return Object.keys(error.fields).length ? { ...refused, body: { error: { ...refused.body.error, fields: error.fields } } } : refused;
  }
  if (error instanceof AuthError) return problem(error.forbidden ? 403 : 401, error.code, error.message);
  if (error instanceof NotFoundError) return problem(404, error.code, error.message);
  if (error instanceof ConflictError) return problem(409, error.code, error.message);
  if (error instanceof ThrottledError) {
    return { ...problem(429, error.code, error.message), headers: { "Retry-After": String(error.retryAfterSeconds) } };
  }
  const ours = (status: number, code: string): HttpProblem => ({ status, body: { error: { code, message: somethingWentWrong(reference), ref: reference } } });
  if (error instanceof UnavailableError) return ours(503, error.code);
  if (error instanceof AppError) return ours(500, error.code);
  // express.json() raises these (each with a `type`) for bodies it cannot read; the router a URIError for a bad address.
  const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
  if (status === 413) return problem(413, "PayloadTooLarge", "The request body is too large.");
  if (type === "entity.parse.failed") return problem(400, "MalformedJson", "The request body is not valid JSON.");
  if (status === 415) return problem(415, "UnsupportedMediaType", "Send the request body as JSON in UTF-8, uncompressed or gzip-compressed.");
  if (status === 400 && (typeof type === "string" || error instanceof URIError)) {
    return problem(400, "BadRequest", "The request could not be read: check its address and body, then try again.");
  }
  return ours(500, "InternalError");
}

export function errorMiddleware(log: (message: string, error: unknown) => void): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const reference = newErrorReference();
    const problem = toHttpProblem(error, reference);
    if (problem.status >= 500) log(`Request failed (ref ${reference})`, error);
    res.status(problem.status).set(problem.headers ?? {}).json(problem.body);
  };
}
