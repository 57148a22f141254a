// The stand-in's Entra directory and Teams app installations: group transitive members (paged, with guests and
// disabled accounts as Entra returns them) and /users/{id}/teamwork/installedApps (201, 409, 403 without consent).
import { randomUUID } from "node:crypto";
import { graphError, type StandInResponse } from "./list-store.js";

export interface StandInUser {
  readonly id: string;
  readonly displayName: string;
  readonly userPrincipalName: string;
  readonly accountEnabled: boolean;
  readonly userType: "Member" | "Guest";
}

export interface StandInInstallation {
  readonly id: string;
  readonly userId: string;
  readonly teamsAppId: string;
  readonly chatId: string;
}

export class DirectoryStore {
  /** Group id → members, nested groups already flattened (what transitiveMembers returns). */
  readonly groups = new Map<string, StandInUser[]>();
  readonly installations: StandInInstallation[] = [];
  /** Apps in the organisation's catalogue, by catalogue id. */
  readonly catalog = new Set<string>();
  /** Whether the admin consented to TeamsAppInstallation.ReadWriteSelfForUser.All. */
  consentGranted = true;
  /** Whether the admin consented to GroupMember.Read.All; without it Graph refuses group members with 403. */
  groupReadGranted = true;
  /** Object ids Entra has no user for (a mistyped id): their installedApps answer 404. */
  readonly unknownUsers = new Set<string>();
  /** The most users a page holds, whatever $top asks, so small tests still page. */
  pageSize = 999;
  /** Every $select the app asked for on a group's members. */
  readonly selects: string[] = [];
  /** Each install request, answered or not. */
  readonly installRequests: { userId: string; status: number }[] = [];
  /** Called after each new installation, as Teams then sends the bot an installationUpdate. */
  onInstalled: ((installation: StandInInstallation, user: StandInUser | undefined) => void | Promise<void>) | undefined;

  constructor(private readonly graphBaseUrl: () => string) {}

  user(id: string): StandInUser | undefined {
    for (const members of this.groups.values()) {
      const found = members.find((member) => member.id.toLowerCase() === id.toLowerCase());
      if (found) return found;
    }
    return undefined;
  }

  installationsOf(userId: string): StandInInstallation[] {
    return this.installations.filter((installation) => installation.userId.toLowerCase() === userId.toLowerCase());
  }

  /** Undefined when the path is not the directory's. */
  route(method: string, url: URL, path: string, body: unknown): StandInResponse | Promise<StandInResponse> | undefined {
    const members = /^\/groups\/([^/]+)\/transitiveMembers\/microsoft\.graph\.user$/.exec(path);
    if (members && method === "GET") return this.members(decodeURIComponent(members[1] ?? ""), url);
    const apps = /^\/users\/([^/]+)\/teamwork\/installedApps(?:\/([^/]+)(\/chat)?)?$/.exec(path);
    if (!apps) return undefined;
    const userId = decodeURIComponent(apps[1] ?? "");
    if (!apps[2] && method === "POST") return this.install(userId, body);
    if (!apps[2] && method === "GET") return this.listInstalled(userId, url);
    const installation = this.installationsOf(userId).find((candidate) => candidate.id === decodeURIComponent(apps[2] ?? ""));
    if (!installation) return graphError(404, "NotFound", "The app installation was not found.");
    if (apps[3] && method === "GET") return { status: 200, body: { id: installation.chatId, chatType: "oneOnOne" } };
    return graphError(400, "BadRequest", `The stand-in does not implement ${method} ${path}.`);
  }

  private members(groupId: string, url: URL): StandInResponse {
    if (!this.groupReadGranted) return graphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    const members = this.groups.get(groupId);
    if (!members) return graphError(404, "Request_ResourceNotFound", `Resource '${groupId}' does not exist or one of its queried reference-property objects are not present.`);
    const select = url.searchParams.get("$select") ?? "";
    if (!url.searchParams.has("$skiptoken")) this.selects.push(select);
    const fields = select ? select.split(",") : Object.keys(members[0] ?? {});
    const top = Math.min(Number(url.searchParams.get("$top") ?? 100), this.pageSize);
    const skip = Number(url.searchParams.get("$skiptoken") ?? 0);
    const page = members.slice(skip, skip + top).map((member) => Object.fromEntries(fields.map((field) => [field, (member as unknown as Record<string, unknown>)[field]])));
    const next = new URL(url);
    next.searchParams.set("$skiptoken", String(skip + top));
    const nextLink = skip + top < members.length ? `${this.graphBaseUrl()}${next.pathname.replace(/^\/v1\.0/, "")}${next.search}` : undefined;
    return { status: 200, body: { value: page, ...(nextLink ? { "@odata.nextLink": nextLink } : {}) } };
  }

  private async install(userId: string, body: unknown): Promise<StandInResponse> {
    const answer = await this.installAnswer(userId, body);
    this.installRequests.push({ userId, status: answer.status });
    return answer;
  }

  private async installAnswer(userId: string, body: unknown): Promise<StandInResponse> {
    if (!this.consentGranted) {
      return graphError(403, "Forbidden", "Missing role permissions on the request. API requires one of 'TeamsAppInstallation.ReadWriteSelfForUser.All'.");
    }
    const raw = (body as Record<string, unknown> | undefined)?.["teamsApp@odata.bind"];
    const bind = typeof raw === "string" ? raw : "";
    const prefix = `${this.graphBaseUrl()}/appCatalogs/teamsApps/`;
    const teamsAppId = bind.startsWith(prefix) ? bind.slice(prefix.length) : "";
    if (!this.catalog.has(teamsAppId)) return graphError(404, "NotFound", `The app '${bind}' is not in the organisation's app catalogue.`);
    if (this.installationsOf(userId).some((installation) => installation.teamsAppId === teamsAppId)) {
      return graphError(409, "Conflict", "App is already installed for this user.");
    }
    const installation: StandInInstallation = { id: randomUUID(), userId, teamsAppId, chatId: `19:${userId}_${randomUUID()}@unq.gbl.spaces` };
    this.installations.push(installation);
    await this.onInstalled?.(installation, this.user(userId));
    return { status: 201, body: undefined };
  }

  private listInstalled(userId: string, url: URL): StandInResponse {
    if (!this.consentGranted) {
      return graphError(403, "Forbidden", "Missing role permissions on the request. API requires one of 'TeamsAppInstallation.ReadForUser.All, TeamsAppInstallation.ReadWriteSelfForUser.All'.");
    }
    if (this.unknownUsers.has(userId.toLowerCase())) return graphError(404, "NotFound", `User '${userId}' was not found.`);
    const filter = /^teamsApp\/id eq '([^']+)'$/.exec(url.searchParams.get("$filter") ?? "");
    const installed = this.installationsOf(userId).filter((installation) => !filter || installation.teamsAppId === filter[1]);
    return { status: 200, body: { value: installed.map((installation) => ({ id: installation.id, teamsApp: { id: installation.teamsAppId } })) } };
  }
}
