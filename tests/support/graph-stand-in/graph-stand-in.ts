// A local HTTP stand-in for the parts of Entra ID and Microsoft Graph the app uses, with injectable faults.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID, type KeyObject } from "node:crypto";
import { decodeProtectedHeader, jwtVerify } from "jose";
import { ListStore, graphError, type StandInItem, type StandInList, type StandInResponse } from "./list-store.js";

export interface Fault {
  /** "request": the whole HTTP request; "part": one request inside a $batch. */
  readonly scope: "request" | "part";
  /** 429/503 answer with Retry-After; "drop" closes the connection unanswered, "drop-after" does so after doing the work. */
  readonly kind: 429 | 503 | "drop" | "drop-after";
  readonly retryAfterSeconds?: number;
  /** How many matching requests the fault hits before it clears. */
  times: number;
  readonly when?: (method: string, path: string) => boolean;
}

export interface StandInOptions {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly siteId: string;
  /** The app's registered certificate: a client_assertion must be signed by its key and name its thumbprint. */
  readonly certificate?: { readonly publicKey: KeyObject; readonly thumbprintSha256: string };
  /** Throttle like SharePoint: at most this many resource units per window, then 429 with Retry-After. */
  readonly budget?: { readonly units: number; readonly windowMs: number };
  /** The budget window's clock; tests share theirs with the code under test. */
  readonly now?: () => number;
}

interface Counters {
  graphRequests: number;
  /** Item deletions that removed an item (the retention job). */
  deletes: number;
  batches: number;
  tokenRequests: number;
  throttled: number;
}

export class GraphStandIn {
  readonly lists: ListStore;
  readonly counters: Counters = { graphRequests: 0, deletes: 0, batches: 0, tokenRequests: 0, throttled: 0 };
  readonly faults: Fault[] = [];
  /** Called after each $batch is processed, before it is answered; may return a promise to hold the answer. */
  onBatch: ((batchNumber: number) => void | Promise<void>) | undefined;
  /** Runs once, just before the next PATCH of an item, as if someone else edited it in SharePoint first. */
  beforeNextPatch: ((item: StandInItem, list: StandInList) => void) | undefined;
  private readonly tokens = new Set<string>();
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private window = { start: 0, used: 0 };
  url = "";

  constructor(readonly options: StandInOptions) {
    this.lists = new ListStore(options.siteId);
  }

  static async start(options: StandInOptions): Promise<GraphStandIn> {
    const standIn = new GraphStandIn(options);
    await new Promise<void>((resolve) => standIn.server.listen(0, "127.0.0.1", resolve));
    standIn.url = `http://127.0.0.1:${(standIn.server.address() as AddressInfo).port}`;
    return standIn;
  }

  get graphBaseUrl(): string {
    return `${this.url}/v1.0`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Every item of the list with this display name. */
  items(displayName: string): StandInItem[] {
    return this.lists.find(displayName)?.items ?? [];
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", this.url);
    if (req.method === "POST" && url.pathname === `/${this.options.tenantId}/oauth2/v2.0/token`) {
      return send(res, await this.issueToken(new URLSearchParams(raw)));
    }
    this.counters.graphRequests++;
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (!token || !this.tokens.has(token)) {
      return send(res, graphError(401, "InvalidAuthenticationToken", "Access token is empty or not valid."));
    }
    const path = url.pathname.replace(/^\/v1\.0/, "");
    const fault = this.takeFault("request", req.method ?? "GET", path);
    if (fault === "drop") return void req.socket.destroy();
    if (fault) return send(res, fault);
    const headers = { prefer: header(req, "prefer"), ifMatch: header(req, "if-match") };
    const body = raw ? (JSON.parse(raw) as unknown) : undefined;
    const response =
      path === "/$batch" && req.method === "POST"
        ? await this.batch(body as { requests?: BatchRequest[] })
        : this.throttleOr(req.method ?? "GET", path, () => this.route(req.method ?? "GET", url, headers, body));
    if (this.dropAfter("request", req.method ?? "GET", path)) return void req.socket.destroy();
    send(res, response);
  }

  private async issueToken(form: URLSearchParams): Promise<StandInResponse> {
    this.counters.tokenRequests++;
    const assertion = form.get("client_assertion");
    const credentialOk = assertion ? await this.validAssertion(assertion) : form.get("client_secret") === this.options.clientSecret;
    if (form.get("grant_type") !== "client_credentials" || form.get("client_id") !== this.options.clientId || !credentialOk) {
      return { status: 401, body: { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret provided." } };
    }
    const token = randomUUID();
    this.tokens.add(token);
    return { status: 200, body: { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: token } };
  }

  /** Entra's checks on a certificate credential: signature, thumbprint, audience, issuer and subject. */
  private async validAssertion(assertion: string): Promise<boolean> {
    const certificate = this.options.certificate;
    if (!certificate) return false;
    try {
      const { payload } = await jwtVerify(assertion, certificate.publicKey, {
        audience: `${this.url}/${this.options.tenantId}/oauth2/v2.0/token`,
        issuer: this.options.clientId,
        subject: this.options.clientId,
        clockTolerance: 300,
      });
      const thumbprint = decodeProtectedHeader(assertion)["x5t#S256"];
      return thumbprint === Buffer.from(certificate.thumbprintSha256, "hex").toString("base64url") && typeof payload.jti === "string";
    } catch {
      // Any failed check is Entra's invalid_client, answered below.
      return false;
    }
  }

  private async batch(body: { requests?: BatchRequest[] } | undefined): Promise<StandInResponse> {
    const requests = body?.requests ?? [];
    if (requests.length === 0 || requests.length > 20) {
      return graphError(400, "BadRequest", "Number of batch request steps must be between 1 and 20.");
    }
    const responses = requests.map((part) => {
      const url = new URL(`${this.graphBaseUrl}${part.url}`);
      const fault = this.takeFault("part", part.method, url.pathname);
      const answer =
        fault === "drop"
          ? graphError(500, "generalException", "An unexpected error occurred.")
          : (fault ??
            this.throttleOr(part.method, url.pathname, () =>
              this.route(part.method, url, { prefer: part.headers?.Prefer, ifMatch: part.headers?.["If-Match"] }, part.body),
            ));
      return { id: part.id, status: answer.status, headers: { "Content-Type": "application/json", ...answer.headers }, body: answer.body };
    });
    this.counters.batches++;
    await this.onBatch?.(this.counters.batches);
    return { status: 200, body: { responses } };
  }

  private route(method: string, url: URL, headers: { prefer?: string; ifMatch?: string }, body: unknown): StandInResponse {
    const path = url.pathname.replace(/^\/v1\.0/, "");
    const site = /^\/sites\/([^/]+)(\/.*)?$/.exec(path);
    if (!site || decodeURIComponent(site[1] ?? "") !== this.options.siteId) return graphError(404, "itemNotFound", "Requested site could not be found");
    const rest = site[2] ?? "";
    if (rest === "/lists" && method === "GET") return { status: 200, body: { value: this.lists.lists.map((list) => this.lists.listJson(list)) } };
    if (rest === "/lists" && method === "POST") return this.lists.createList(body as Parameters<ListStore["createList"]>[0]);
    const inList = /^\/lists\/([^/]+)(\/.*)?$/.exec(rest);
    const list = inList ? this.lists.find(decodeURIComponent(inList[1] ?? "")) : undefined;
    if (!inList || !list) return graphError(404, "itemNotFound", "List does not exist.");
    const sub = inList[2] ?? "";
    if (sub === "/columns" && method === "GET") return { status: 200, body: { value: list.columns } };
    if (sub === "/columns" && method === "POST") return this.lists.addColumnTo(list, body as Record<string, unknown>);
    const column = /^\/columns\/([^/]+)$/.exec(sub);
    if (column && method === "PATCH") return this.lists.updateColumn(list, column[1] ?? "", body as Record<string, unknown>);
    if (sub === "/items" && method === "POST") return this.lists.createItem(list, (body as { fields?: Record<string, unknown> } | undefined)?.fields);
    if (sub === "/items" && method === "GET") {
      const honour = /HonorNonIndexedQueriesWarningMayFailRandomly/i.test(headers.prefer ?? "");
      return this.lists.queryItems(list, url.searchParams, honour, url);
    }
    const item = /^\/items\/([^/]+)(\/fields)?$/.exec(sub);
    const found = item ? list.items.find((candidate) => candidate.id === item[1]) : undefined;
    if (item && method === "GET") return found ? { status: 200, body: this.lists.itemJson(found) } : graphError(404, "itemNotFound", "Item not found");
    if (item && !item[2] && method === "DELETE") {
      if (!found) return graphError(404, "itemNotFound", "Item not found");
      list.items.splice(list.items.indexOf(found), 1);
      this.counters.deletes++;
      return { status: 204, body: undefined };
    }
    if (item?.[2] && method === "PATCH") {
      if (found && this.beforeNextPatch) {
        const edit = this.beforeNextPatch;
        this.beforeNextPatch = undefined;
        edit(found, list);
      }
      return this.lists.patchFields(list, item[1] ?? "", headers.ifMatch, body as Record<string, unknown>);
    }
    return graphError(400, "invalidRequest", `The stand-in does not implement ${method} ${path}.`);
  }

  private takeFault(scope: Fault["scope"], method: string, path: string): StandInResponse | "drop" | undefined {
    const fault = this.faults.find((candidate) => candidate.scope === scope && candidate.kind !== "drop-after" && candidate.times > 0 && (candidate.when?.(method, path) ?? true));
    if (!fault) return undefined;
    fault.times--;
    if (fault.kind === "drop") return "drop";
    if (fault.kind === 429) this.counters.throttled++;
    const answer = graphError(fault.kind as number, fault.kind === 429 ? "TooManyRequests" : "serviceNotAvailable", "Try again later.");
    return { ...answer, headers: { "Retry-After": String(fault.retryAfterSeconds ?? 1) } };
  }

  private dropAfter(scope: Fault["scope"], method: string, path: string): boolean {
    const fault = this.faults.find((candidate) => candidate.scope === scope && candidate.kind === "drop-after" && candidate.times > 0 && (candidate.when?.(method, path) ?? true));
    if (fault) fault.times--;
    return fault !== undefined;
  }

  /** SharePoint's resource units: 2 for a create, update or list query, 1 to read one item. */
  private throttleOr(method: string, path: string, run: () => StandInResponse): StandInResponse {
    const budget = this.options.budget;
    if (!budget) return run();
    const now = (this.options.now ?? Date.now)();
    if (now - this.window.start >= budget.windowMs) this.window = { start: now, used: 0 };
    const units = method === "GET" && /\/items\/[^/]+$/.test(path) ? 1 : 2;
    if (this.window.used + units > budget.units) {
      this.counters.throttled++;
      const seconds = Math.max(1, Math.ceil((this.window.start + budget.windowMs - now) / 1000));
      return { ...graphError(429, "TooManyRequests", "The request has been throttled."), headers: { "Retry-After": String(seconds) } };
    }
    this.window.used += units;
    return run();
  }
}

interface BatchRequest {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

function send(res: http.ServerResponse, response: StandInResponse): void {
  res.writeHead(response.status, { "Content-Type": "application/json", ...response.headers });
  res.end(response.body === undefined ? "" : JSON.stringify(response.body));
}
