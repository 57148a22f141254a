// Proactive installation: installs the app for a member of staff through Graph (TeamsAppInstallation.ReadWriteSelfForUser.All).
import type { ConversationReference } from "botbuilder";
import { describeResponse, type GraphApi } from "../../records/graph/graph-client.js";
import type { RosterMember } from "../../records/roster/staff-roster.js";

export type InstallOutcome =
  /** 201: Teams will send the bot an installationUpdate in the new chat, and the bot greets them and sends the cards. */
  | { readonly kind: "installed" }
  /** 409: the app was there already; `reference` is its chat when the bot had none (an install event it never got). */
  | { readonly kind: "already-installed"; readonly reference: Partial<ConversationReference> | undefined }
  /** 403: not allowed (no admin consent, or the app is blocked for them); retrying the same day will not help. */
  | { readonly kind: "refused"; readonly detail: string }
  /** Anything else (Graph down, throttled past waiting, no Teams licence): tried again at the next sync. */
  | { readonly kind: "failed"; readonly detail: string };

export interface AppInstaller {
  install(member: RosterMember): Promise<InstallOutcome>;
}

export interface GraphAppInstallerOptions {
  /** The app's id in the organisation's catalogue (TEAMS_APP_CATALOG_ID), not the manifest id. */
  readonly catalogAppId: string;
  /** The Graph base URL, for the teamsApp@odata.bind address. */
  readonly graphBaseUrl: string;
  readonly botAppId: string;
  readonly tenantId: string;
  /** Where to send to a chat found through Graph (the Bot Connector's global address routes to the tenant's region). */
  readonly serviceUrl: string;
}

/**
 * Why the install event, not the chat Graph reports, is how a new person is reached: the installationUpdate
 * Teams sends carries the chat's own serviceUrl for the tenant's region and a conversation id the Bot Connector
 * knows, and the bot already greets the person and sends the cards on it (as Microsoft's own guidance does).
 * The chat lookup is the fallback for someone who has the app but whose install event the bot never got (the
 * app was down at the time): their chat id from Graph and the connector's global address then make the reference.
 */
export class GraphAppInstaller implements AppInstaller {
  constructor(
    private readonly graph: GraphApi,
    private readonly options: GraphAppInstallerOptions,
  ) {}

  async install(member: RosterMember): Promise<InstallOutcome> {
    const user = encodeURIComponent(member.id);
    let response;
    try {
      response = await this.graph.call({
        method: "POST",
        path: `/users/${user}/teamwork/installedApps`,
        body: { "teamsApp@odata.bind": `${this.options.graphBaseUrl.replace(/\/+$/, "")}/appCatalogs/teamsApps/${this.options.catalogAppId}` },
      });
    } catch (error) {
      return { kind: "failed", detail: error instanceof Error ? error.message : String(error) };
    }
    if (response.status === 201 || response.status === 200) return { kind: "installed" };
    if (response.status === 409) {
      try {
        return { kind: "already-installed", reference: await this.chatOf(member) };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { kind: "failed", detail: `The app is installed for them but its chat could not be found: ${reason}.` };
      }
    }
    if (response.status === 403) {
      return {
        kind: "refused",
        detail:
          `Microsoft Graph refused to install the app for them (${describeResponse(response)}). The IT admin should grant admin consent ` +
          "for TeamsAppInstallation.ReadWriteSelfForUser.All and allow the app for staff in the Teams admin centre (see infra/staff-roster.md).",
      };
    }
    return { kind: "failed", detail: `Microsoft Graph could not install the app for them: ${describeResponse(response)}.` };
  }

  /** The personal chat the installation made, as a conversation reference the bot can send to. */
  private async chatOf(member: RosterMember): Promise<Partial<ConversationReference> | undefined> {
    const user = encodeURIComponent(member.id);
    const filter = encodeURIComponent(`teamsApp/id eq '${this.options.catalogAppId}'`);
    const installations = await this.graph.expectOk<{ value: { id: string }[] }>({
      method: "GET",
      path: `/users/${user}/teamwork/installedApps?$expand=teamsApp&$filter=${filter}`,
    });
    const installationId = installations.value[0]?.id;
    if (!installationId) return undefined;
    const chat = await this.graph.expectOk<{ id: string }>({
      method: "GET",
      path: `/users/${user}/teamwork/installedApps/${encodeURIComponent(installationId)}/chat`,
    });
    return {
      channelId: "msteams",
      serviceUrl: this.options.serviceUrl,
      conversation: { id: chat.id, conversationType: "personal", isGroup: false, tenantId: this.options.tenantId, name: "" },
      user: { id: member.id, aadObjectId: member.id, name: member.displayName },
      bot: { id: `28:${this.options.botAppId}`, name: "" },
    };
  }
}
