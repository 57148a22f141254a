// The one Graph client every call goes through: auth, pacing, Retry-After and backoff, $batch, paging.
import { Client, HTTPMessageHandler, ResponseType, type Context, type Middleware } from "@microsoft/microsoft-graph-client";
import { ThrottledError, UnavailableError } from "../errors.js";
import type { Clock } from "../types.js";
import { graphRefusal, type FixContext } from "./admin-fixes.js";
import { defaultBackoff, isTransientStatus, nextDelayMs, retryAfterMs, type BackoffOptions } from "./retry-policy.js";
import { resourceUnitsFor, type ResourceUnitPacer, type Sleep } from "./resource-unit-pacer.js";

export type GraphMethod = "GET" | "POST" | "PATCH" | "DELETE";

export interface GraphRequest {
  readonly method: GraphMethod;
  /** Relative to the versioned base URL, e.g. "/sites/{id}/lists". */
  readonly path: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface GraphResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export interface BatchPart extends GraphRequest {
  readonly id: string;
}

export interface BatchPartResponse extends GraphResponse {
  readonly id: string;
}

/** Graph accepts at most 20 requests in one JSON $batch. */
export const MAX_BATCH_SIZE = 20;

/** forceRefresh: skip the cached token (Graph refused it with 401). */
export type AccessTokenSource = (options?: { readonly forceRefresh?: boolean }) => Promise<string>;

/** The longest an interactive call waits out Retry-After or backoff before giving up. */
const MAX_INTERACTIVE_WAIT_MS = 10_000;

/** The connection failed or dropped before an answer came back; the request may or may not have run. */
export class GraphNetworkError extends UnavailableError {}

export interface GraphApiOptions {
  /** e.g. https://graph.microsoft.com/v1.0 */
  readonly baseUrl: string;
  readonly accessToken: AccessTokenSource;
  readonly pacer: ResourceUnitPacer;
  readonly clock: Clock;
  readonly sleep: Sleep;
  readonly backoff?: BackoffOptions;
  /** Attempts for interactive calls (reads, provisioning, status updates) before giving up. */
  readonly maxAttempts?: number;
  /** Names the tenant, app and site in the admin's fix when Graph refuses (401, 403, no such site). */
  readonly fixContext?: FixContext;
}

/** At most one forced token refresh after a 401 in this time. */
const REFRESH_AFTER_401_MS = 10_000;

export class GraphApi {
  private readonly client: Client;
  private readonly baseUrl: string;
  private lastForcedRefreshAt = Number.NEGATIVE_INFINITY;
  /** Why Entra refused the last forced refresh; cleared when one succeeds. */
  private lastRefreshFailure: Error | undefined;

  constructor(private readonly options: GraphApiOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    const url = new URL(this.baseUrl);
    const auth = new BearerTokenMiddleware(options.accessToken);
    auth.setNext(new HTTPMessageHandler());
    this.client = Client.initWithMiddleware({
      baseUrl: url.origin,
      defaultVersion: url.pathname.replace(/^\/+/, ""),
      middleware: auth,
    });
  }

  /** One paced attempt. Resolves with any HTTP status; rejects only when no answer came back. */
  async send(request: GraphRequest, units = resourceUnitsFor(request.method, request.path)): Promise<GraphResponse> {
    const response = await this.sendOnce(request, units);
    if (response.status !== 401) return response;
    // Graph refused the token (expired early, secret rotated, consent just granted): fetch a fresh one once and
    // try again. Not more often than every REFRESH_AFTER_401_MS, so a lasting refusal backs off instead of hammering Entra;
    // in between, the reason Entra gave for refusing the fresh one stays the cause (e.g. an expired secret).
    if (!this.mayForceRefresh()) {
      if (this.lastRefreshFailure) throw this.lastRefreshFailure;
      return response;
    }
    try {
      await this.options.accessToken({ forceRefresh: true });
      this.lastRefreshFailure = undefined;
    } catch (error) {
      this.lastRefreshFailure = error instanceof Error ? error : new Error(String(error));
      throw this.lastRefreshFailure;
    }
    return this.sendOnce(request, units);
  }

  private mayForceRefresh(): boolean {
    const now = this.options.clock.now().getTime();
    if (now - this.lastForcedRefreshAt < REFRESH_AFTER_401_MS) return false;
    this.lastForcedRefreshAt = now;
    return true;
  }

  private async sendOnce(request: GraphRequest, units: number): Promise<GraphResponse> {
    await this.options.pacer.take(units);
    // Fetched here too (MSAL answers from its cache) so a token failure surfaces as itself, not wrapped by the SDK.
    await this.options.accessToken();
    let raw: Response;
    try {
      const call = this.client.api(request.path).headers({ ...request.headers }).responseType(ResponseType.RAW);
      const methods = { GET: () => call.get(), POST: () => call.post(request.body), PATCH: () => call.patch(request.body), DELETE: () => call.delete() };
      raw = (await methods[request.method]()) as Response;
    } catch (error) {
      if (error instanceof UnavailableError) throw error;
      throw new GraphNetworkError(`Microsoft Graph did not answer ${request.method} ${request.path}: ${describe(error)}`);
    }
    const response = await readResponse(raw);
    this.noteThrottling(response);
    return response;
  }

  /**
   * For interactive calls: retries throttling and outages (Retry-After, else backoff), then gives up
   * with ThrottledError or UnavailableError. Other statuses are returned for the caller to judge.
   */
  async call(request: GraphRequest, maxAttempts = this.options.maxAttempts ?? 4): Promise<GraphResponse> {
    for (let attempt = 1; ; attempt++) {
      this.failIfPausedLong(request);
      let response: GraphResponse | undefined;
      let failure: unknown;
      try {
        response = await this.send(request);
        if (!isTransientStatus(response.status)) return response;
      } catch (error) {
        if (!(error instanceof GraphNetworkError)) throw error;
        failure = error;
      }
      const now = this.options.clock.now();
      const delay = nextDelayMs(attempt, response?.headers["retry-after"], now, this.backoff);
      // Someone is waiting for this answer: say "try again later" rather than hold them for minutes.
      if (attempt >= maxAttempts || delay > MAX_INTERACTIVE_WAIT_MS) throw response ? giveUp(request, response, now) : failure;
      await this.options.sleep(delay);
    }
  }

  /** Like call(), but any status other than 2xx becomes an error naming what Graph said. */
  async expectOk<T>(request: GraphRequest, maxAttempts?: number): Promise<T> {
    const response = await this.call(request, maxAttempts);
    if (response.status >= 300) throw this.refusal(request, response);
    return response.body as T;
  }

  /** The error for a refused request: the admin's fix for 401/403/no such site, else what Graph said. */
  refusal(request: GraphRequest, response: GraphResponse, purpose = `${request.method} ${request.path}`): UnavailableError {
    const context = this.options.fixContext;
    return (
      (context && graphRefusal(response, context, purpose)) ??
      new UnavailableError(`Microsoft Graph refused ${request.method} ${request.path}: ${describeResponse(response)}`)
    );
  }

  /** For the background writer: the admin's fix when a write was refused for a set-up reason. */
  adminRefusal(response: GraphResponse, purpose: string): ReturnType<typeof graphRefusal> {
    return this.options.fixContext && graphRefusal(response, this.options.fixContext, purpose);
  }

  /** Every page of a collection, following @odata.nextLink. */
  async getAll<T>(path: string, headers?: Readonly<Record<string, string>>, maxAttempts?: number): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = path;
    while (next) {
      const page: { value: T[]; "@odata.nextLink"?: string } = await this.expectOk({ method: "GET", path: next, headers }, maxAttempts);
      items.push(...page.value);
      next = page["@odata.nextLink"] ? this.relativePath(page["@odata.nextLink"]) : undefined;
    }
    return items;
  }

  /**
   * One attempt of a JSON $batch of up to 20 requests. Each part's answer is returned on its own;
   * a failure of the whole batch rejects (GraphNetworkError) or returns the same status for every part.
   */
  async batch(parts: readonly BatchPart[]): Promise<BatchPartResponse[]> {
    if (parts.length === 0) return [];
    if (parts.length > MAX_BATCH_SIZE) throw new RangeError(`A Graph $batch holds at most ${MAX_BATCH_SIZE} requests.`);
    const units = parts.reduce((sum, part) => sum + resourceUnitsFor(part.method, part.path), 0);
    const response = await this.send(
      {
        method: "POST",
        path: "/$batch",
        body: {
          requests: parts.map((part) => ({
            id: part.id,
            method: part.method,
            url: part.path,
            headers: { "Content-Type": "application/json", ...part.headers },
            ...(part.body === undefined ? {} : { body: part.body }),
          })),
        },
      },
      units,
    );
    if (response.status !== 200) return parts.map((part) => ({ ...response, id: part.id }));
    const answers = (response.body as { responses?: RawBatchAnswer[] }).responses ?? [];
    const byId = new Map(answers.map((answer) => [answer.id, answer]));
    return parts.map((part) => {
      const answer = byId.get(part.id);
      // A part Graph did not answer is treated as a dropped connection for that part: retry it.
      if (!answer) return { id: part.id, status: 503, headers: {}, body: { error: { message: "No answer in $batch" } } };
      const result = { id: part.id, status: answer.status, headers: lowerCaseKeys(answer.headers ?? {}), body: answer.body };
      this.noteThrottling(result);
      return result;
    });
  }

  /** How long Graph's last Retry-After still holds every caller off (0 when not throttled). */
  pausedForMs(): number {
    return this.options.pacer.pausedForMs();
  }

  /** @odata.nextLink is absolute; the client wants it relative to the versioned base. */
  relativePath(link: string): string {
    return link.startsWith(this.baseUrl) ? link.slice(this.baseUrl.length) : link;
  }

  private get backoff(): BackoffOptions {
    return this.options.backoff ?? defaultBackoff;
  }

  private failIfPausedLong(request: GraphRequest): void {
    const pausedMs = this.options.pacer.pausedForMs();
    if (pausedMs > MAX_INTERACTIVE_WAIT_MS) {
      const seconds = Math.ceil(pausedMs / 1000);
      throw new ThrottledError(`SharePoint is busy (Microsoft Graph throttled ${request.method}); try again in ${seconds} s.`, seconds);
    }
  }

  private noteThrottling(response: GraphResponse): void {
    if (response.status !== 429 && response.status !== 503) return;
    const wait = retryAfterMs(response.headers["retry-after"], this.options.clock.now());
    if (wait !== undefined) this.options.pacer.pauseFor(wait);
  }
}

interface RawBatchAnswer {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Adds the app-only bearer token. Unlike the SDK's handler it does so for any host, http included. */
class BearerTokenMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly accessToken: AccessTokenSource) {}

  async execute(context: Context): Promise<void> {
    const token = await this.accessToken();
    const options = (context.options ??= {});
    if (options.headers instanceof Headers) options.headers.set("Authorization", `Bearer ${token}`);
    else options.headers = { ...(options.headers as Record<string, string> | undefined), Authorization: `Bearer ${token}` };
    if (!this.next) throw new Error("BearerTokenMiddleware needs a next middleware.");
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

async function readResponse(raw: Response): Promise<GraphResponse> {
  const headers: Record<string, string> = {};
  raw.headers.forEach((value, key) => (headers[key.toLowerCase()] = value));
  const text = await raw.text();
  let body: unknown = text;
  if (text && (headers["content-type"] ?? "").includes("json")) body = JSON.parse(text) as unknown;
  return { status: raw.status, headers, body };
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
}

function giveUp(request: GraphRequest, response: GraphResponse, now: Date): Error {
  if (response.status === 429) {
    const seconds = Math.ceil((retryAfterMs(response.headers["retry-after"], now) ?? 30_000) / 1000);
    return new ThrottledError(`SharePoint is busy (Microsoft Graph throttled ${request.method}); try again in ${seconds} s.`, seconds);
  }
  return new UnavailableError(`SharePoint (Microsoft Graph) is not available: ${describeResponse(response)}. Try again in a minute.`);
}

/** "409 nameAlreadyExists: ..." from a Graph error body. */
export function describeResponse(response: GraphResponse): string {
  const error = (response.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return [String(response.status), error?.code, error?.message].filter(Boolean).join(" ");
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
