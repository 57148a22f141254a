// When to try a Graph request again, and how long to wait first.

/** Statuses that say "later": throttled (429), unavailable (503), gateway timeout (504), and other 5xx. */
export function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * 4xx answers that are about the app's set-up or a passing state, not the record: a token to refresh (401),
 * a permission or list the admin has yet to grant or provision (403, 404), a timeout or lock (408, 423).
 */
const RETRYABLE_CLIENT_STATUSES = new Set([401, 403, 404, 408, 423, 429]);

export type WriteOutcome = "done" | "retry" | "park";

/**
 * What one create's answer means for the record. 409, or SharePoint's "duplicate values" message on
 * the unique RecordId column, means an earlier attempt already wrote it. Other 4xx never succeed.
 */
export function createOutcome(status: number, body: unknown): WriteOutcome {
  if (status >= 200 && status < 300) return "done";
  if (status === 409 || /duplicate values/i.test(JSON.stringify(body ?? ""))) return "done";
  if (isTransientStatus(status) || RETRYABLE_CLIENT_STATUSES.has(status)) return "retry";
  return "park";
}

/** Retry-After as Graph sends it: whole seconds, or (rarely) an HTTP date. */
export function retryAfterMs(header: string | undefined, now: Date): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

export interface BackoffOptions {
  readonly baseMs: number;
  readonly maxMs: number;
  /** A number in [0, 1); injectable so tests are repeatable. */
  readonly random: () => number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 1_000, maxMs: 5 * 60_000, random: Math.random };

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so many waiting
 * writers spread out yet none retries at once.
 */
export function backoffMs(attempt: number, options: BackoffOptions = defaultBackoff): number {
  const step = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (step / 2) * options.random());
}

/** The wait before the next attempt: the server's Retry-After when it gave one, else backoff. */
export function nextDelayMs(attempt: number, retryAfter: string | undefined, now: Date, options?: BackoffOptions): number {
  return retryAfterMs(retryAfter, now) ?? backoffMs(attempt, options);
}
