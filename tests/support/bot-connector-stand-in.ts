// A small local Bot Connector: records what the bot sends, as the real connector would receive it,
// answers member lookups, and can be told to refuse requests (403, 429 + Retry-After) to test retries,
// to enforce Teams' rate limits, to refuse people Teams cannot reach, to answer slowly (as Teams does from far
// away) or not at all (as when it cannot be reached).
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface SentActivity {
  readonly method: "POST" | "PUT";
  readonly conversationId: string;
  /** Set for replies (POST .../activities/{id}) and updates (PUT .../activities/{id}). */
  readonly activityId: string | undefined;
  /** The bot's Authorization header (none locally). */
  readonly authorization: string | undefined;
  readonly activity: {
    type: string;
    text?: string;
    attachments?: { contentType: string; content: unknown }[];
    [key: string]: unknown;
  };
}

export interface TeamsMember {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
  readonly userPrincipalName: string;
}

export interface ConnectorOptions {
  /** Tenant mode: a request whose Authorization header this rejects gets 401, as from the real connector. */
  readonly authorize?: (authorization: string | undefined) => Promise<boolean>;
  /** Teams' limits, counted over a sliding window of accepted messages; over them the answer is 429 with Retry-After. */
  readonly limits?: ConnectorLimits;
  /** How long Teams takes to answer a message it accepted, in ms (e.g. 60 to 120). */
  readonly answerDelayMs?: () => number;
}

/** Teams' member lookup (GET /v3/conversations/{id}/members/{userId}), which tells the bot a person's UPN. */
export const MEMBER_LOOKUP = /^\/v3\/conversations\/[^/]+\/members\/[^/]+$/;

export interface ConnectorRequest {
  readonly method: string;
  readonly path: string;
}

export interface ConnectorLimits {
  /** Teams: 50 a second per app per tenant. */
  readonly perWindow: number;
  /** Teams: 7 a second per conversation. */
  readonly perConversationPerWindow: number;
  readonly windowMs: number;
  /** What the 429 says; Teams sends whole seconds. */
  readonly retryAfter: string;
}

/**
 * What the stand-in does with a message it would otherwise accept: take it, take it but never answer, never
 * take it (the crash test's "Teams stops answering"), or take it once the promise settles (a slow Teams).
 */
export type Interception = "accept" | "accept-and-hang" | "hang" | Promise<void>;

interface Refusal {
  status: number;
  headers: Record<string, string>;
  remaining: number;
}

export class BotConnectorStandIn {
  readonly sent: SentActivity[] = [];
  /** Every activity request, including refused ones. */
  readonly attempts: { conversationId: string; status: number }[] = [];
  private readonly members = new Map<string, TeamsMember>();
  private readonly refusals = new Map<string, Refusal>();
  private readonly waiters = new Set<() => void>();
  /** Every request that reached the stand-in, in order, whether answered, refused or still held. */
  readonly requests: ConnectorRequest[] = [];
  private readonly requestWatchers = new Set<(request: ConnectorRequest) => void>();
  /** Requests waiting for the connector to become reachable again. */
  private held: (() => void)[] = [];
  private reachable = true;
  private nextId = 1;
  /** Requests refused for want of a valid bot token. */
  unauthorized = 0;
  /** How long each answer takes, as from a Bot Connector region far from the app. */
  answerDelayMs = 0;
  /** 429s answered because a limit was reached (not those asked for with refuse()). */
  throttled = 0;
  /** Decides per message, when set, whether it is accepted and whether the answer ever comes. */
  intercept: ((conversationId: string) => Interception) | undefined;
  private readonly unreachables = new Map<string, { status: number; code: string }>();
  private readonly appWindow: number[] = [];
  private readonly conversationWindows = new Map<string, number[]>();
  private readonly hanging = new Set<http.ServerResponse>();

  private constructor(
    private readonly server: http.Server,
    readonly serviceUrl: string,
    private readonly options: ConnectorOptions,
  ) {}

  static async start(options: ConnectorOptions = {}): Promise<BotConnectorStandIn> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const standIn = new BotConnectorStandIn(server, `http://127.0.0.1:${port}/`, options);
    server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => standIn.handle(req, res));
    return standIn;
  }

  addMember(member: TeamsMember): void {
    this.members.set(member.id, member);
  }

  /** The next `times` activity requests to this conversation get `status` (e.g. 429 with Retry-After). */
  refuse(conversationId: string, status: number, times: number, headers: Record<string, string> = {}): void {
    this.refusals.set(conversationId, { status, headers, remaining: times });
  }

  /**
   * Unreachable: requests get no answer at all (the bot's client waits, as for a host that does not
   * respond) until it is reachable again, when each held request is answered in turn.
   */
  setReachable(reachable: boolean): void {
    this.reachable = reachable;
    if (!reachable) return;
    const held = this.held;
    this.held = [];
    for (const answer of held) answer();
  }

  /** How many requests went to a path matching `pattern` (e.g. MEMBER_LOOKUP). */
  requestsTo(pattern: RegExp): number {
    return this.requests.filter((request) => pattern.test(request.path)).length;
  }

  /** Resolves with the next request to a path matching `pattern` that reaches the stand-in from now on. */
  nextRequestTo(pattern: RegExp): Promise<ConnectorRequest> {
    return new Promise((resolve) => {
      const watch = (request: ConnectorRequest): void => {
        if (!pattern.test(request.path)) return;
        this.requestWatchers.delete(watch);
        resolve(request);
      };
      this.requestWatchers.add(watch);
    });
  }

  /**
   * Every message to this conversation is refused as Teams refuses someone it will not deliver to:
   * 403 ConversationBlockedByUser, BotDisabledByAdmin, BotNotInConversationRoster, or 404 ConversationNotFound.
   */
  unreachable(conversationId: string, code: "ConversationBlockedByUser" | "BotDisabledByAdmin" | "BotNotInConversationRoster" | "ConversationNotFound"): void {
    this.unreachables.set(conversationId, { status: code === "ConversationNotFound" ? 404 : 403, code });
  }

  sentTo(conversationId: string): SentActivity[] {
    return this.sent.filter((s) => s.conversationId === conversationId);
  }

  /** Resolves with the first recorded activity matching, waiting for it if need be. */
  async waitFor(match: (sent: SentActivity) => boolean, timeoutMs = 10_000): Promise<SentActivity> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.sent.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`The bot did not send the expected activity; it sent:\n${JSON.stringify(this.sent, null, 1).slice(0, 3000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(done);
      });
    }
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private overLimit(conversationId: string): boolean {
    const { limits } = this.options;
    if (!limits) return false;
    const conversation = this.conversationWindows.get(conversationId) ?? [];
    this.conversationWindows.set(conversationId, conversation);
    return overLimitIn({ app: this.appWindow, conversation }, limits, performance.now());
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const request = { method: req.method ?? "", path: new URL(req.url ?? "/", "http://stand-in").pathname };
    this.requests.push(request);
    for (const watch of [...this.requestWatchers]) watch(request);
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const answer = (): void => {
        const respond = () => void this.authorized(req, res).then((ok) => ok && this.route(req, Buffer.concat(chunks).toString("utf8"), res));
        if (this.answerDelayMs > 0) setTimeout(respond, this.answerDelayMs);
        else respond();
      };
      if (this.reachable) answer();
      else this.held.push(answer);
    });
  }

  private async authorized(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
    if (!this.options.authorize || (await this.options.authorize(req.headers.authorization))) return true;
    this.unauthorized++;
    json(res, 401, { error: { code: "Unauthorized", message: "Authorization has been denied for this request." } });
    return false;
  }

  private route(req: http.IncomingMessage, body: string, res: http.ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://stand-in");
    const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(url.pathname);
    if (req.method === "GET" && member) return this.answerMember(decodeURIComponent(member[2] as string), res);
    const activities = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname);
    if (activities && (req.method === "POST" || req.method === "PUT")) {
      const conversationId = decodeURIComponent(activities[1] as string);
      const activityId = activities[2] === undefined ? undefined : decodeURIComponent(activities[2]);
      return this.answerActivity(req.method, conversationId, activityId, body, req.headers.authorization, res);
    }
    json(res, 404, { error: { code: "NotFound", message: `${req.method ?? ""} ${url.pathname} is not part of the stand-in` } });
  }

  private answerMember(userId: string, res: http.ServerResponse): void {
    const found = this.members.get(userId);
    if (!found) return json(res, 404, { error: { code: "MemberNotFoundInConversation", message: "The member was not found" } });
    json(res, 200, { ...found, givenName: found.name.split(" ")[0], email: found.userPrincipalName });
  }

  private answerActivity(
    method: "POST" | "PUT",
    conversationId: string,
    activityId: string | undefined,
    body: string,
    authorization: string | undefined,
    res: http.ServerResponse,
  ): void {
    const refusal = this.refusals.get(conversationId);
    if (refusal && refusal.remaining > 0) {
      refusal.remaining--;
      this.attempts.push({ conversationId, status: refusal.status });
      res.writeHead(refusal.status, { "content-type": "application/json", ...refusal.headers });
      res.end(JSON.stringify({ error: { code: "Refused", message: `Stand-in refused with ${refusal.status}` } }));
      return;
    }
    const unreachable = this.unreachables.get(conversationId);
    if (unreachable) {
      this.attempts.push({ conversationId, status: unreachable.status });
      return json(res, unreachable.status, { error: { code: unreachable.code, message: `Stand-in: ${unreachable.code}` } });
    }
    if (this.overLimit(conversationId)) {
      this.throttled++;
      this.attempts.push({ conversationId, status: 429 });
      res.writeHead(429, { "content-type": "application/json", "Retry-After": this.options.limits?.retryAfter ?? "1" });
      res.end(JSON.stringify({ error: { code: "TooManyRequests", message: "Too many requests" } }));
      return;
    }
    const interception = this.intercept?.(conversationId) ?? "accept";
    if (interception instanceof Promise) {
      void interception.then(() => this.accept(method, conversationId, activityId, body, authorization, res, "accept"));
      return;
    }
    this.accept(method, conversationId, activityId, body, authorization, res, interception);
  }

  private accept(
    method: "POST" | "PUT",
    conversationId: string,
    activityId: string | undefined,
    body: string,
    authorization: string | undefined,
    res: http.ServerResponse,
    interception: Exclude<Interception, Promise<void>>,
  ): void {
    if (interception === "hang") {
      this.hanging.add(res);
      return;
    }
    this.attempts.push({ conversationId, status: 200 });
    this.sent.push({ method, conversationId, activityId, authorization, activity: JSON.parse(body) as SentActivity["activity"] });
    const answer = { id: method === "PUT" && activityId ? activityId : `activity-${this.nextId++}` };
    if (interception === "accept-and-hang") this.hanging.add(res);
    else if (this.options.answerDelayMs) setTimeout(() => json(res, 200, answer), this.options.answerDelayMs());
    else json(res, 200, answer);
    for (const wake of [...this.waiters]) {
      this.waiters.delete(wake);
      wake();
    }
  }
}

/** Counts the message in the windows if it is within the limits; true when it is over them. */
function overLimitIn(windows: { app: number[]; conversation: number[] }, limits: ConnectorLimits, now: number): boolean {
  for (const window of [windows.app, windows.conversation]) {
    while (window.length > 0 && (window[0] as number) <= now - limits.windowMs) window.shift();
  }
  if (windows.app.length >= limits.perWindow || windows.conversation.length >= limits.perConversationPerWindow) return true;
  windows.app.push(now);
  windows.conversation.push(now);
  return false;
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
