// Calls the tab API with the host's token; turns error responses into messages people can act on.
import type { ApiErrorBody, MyRecords, PolicyList, ReportCreated } from "../api/api-types.js";
import type { ReportBody } from "../forms/report-form-card.js";
import type { TabHost } from "./host.js";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: readonly string[] = [],
    options?: ErrorOptions,
    /** A refused report's problems by field id. */
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message, options);
  }
}

export class TabApi {
  constructor(private readonly host: TabHost) {}

  fileReport(body: ReportBody): Promise<ReportCreated> {
    return this.call<ReportCreated>("POST", "/api/reports", body);
  }

  myRecords(): Promise<MyRecords> {
    return this.call<MyRecords>("GET", "/api/me/records");
  }

  policies(): Promise<PolicyList> {
    return this.call<PolicyList>("GET", "/api/policies");
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return (await (await apiFetch(this.host, method, path, body)).json()) as T;
  }
}

/**
 * One call to the app's API with the person's token: a 2xx answer, or an ApiError people can act on. The tab's
 * staff pages and the headteacher's pages both call through here.
 */
export async function apiFetch(host: TabHost, method: string, path: string, body?: unknown): Promise<Response> {
  let response = await send(host, method, path, body, false);
  // A token can expire between fetching and sending: try once more with a fresh one.
  if (response.status === 401) response = await send(host, method, path, body, true);
  if (response.ok) return response;
  let problem: ApiErrorBody["error"] | undefined;
  try {
    problem = ((await response.json()) as ApiErrorBody).error;
  } catch {
    problem = undefined; // not our JSON (a proxy's error page): fall back to the status below
  }
  throw new ApiError(response.status, problem?.message ?? `The server answered ${response.status}; try again in a minute.`, problem?.details, undefined, problem?.fields);
}

async function send(host: TabHost, method: string, path: string, body: unknown, freshToken: boolean): Promise<Response> {
  const token = await host.getToken(freshToken);
  try {
    return await fetch(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    // fetch rejects only when no answer came back (offline, Wi-Fi dropped): "Failed to fetch" tells staff nothing.
    throw new ApiError(0, "The tab could not reach the school's server. Check your internet connection, then try again.", [], { cause: error });
  }
}
