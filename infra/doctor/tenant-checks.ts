// The doctor's checks of the tenant: tokens, the site grant, the lists, the bot's endpoint, the secrets' end dates.
import { appOnlyAccessToken } from "../../records/graph/app-only-token.js";
import { consentFix, siteGrantFix, type FixContext } from "../../records/graph/admin-fixes.js";
import { ALL_LISTS, MONITORING_LIST, RECORD_ID_COLUMN, SAFEGUARDING_LIST, type ListSchema } from "../../records/sharepoint/list-schemas.js";
import { findListId } from "../../records/sharepoint/sharepoint-lists.js";
import { watchedCredentials } from "../../server/credential-ends.js";
import { fail, pass, warn, type CheckResult, type DoctorCheck, type DoctorContext } from "./doctor.js";
import { orgCatalogCheck, staffGroupsCheck } from "./roster-checks.js";
import { seniorLeaderCheck } from "./senior-leader-check.js";

const fixContext = ({ tenant }: DoctorContext): FixContext => ({ tenantId: tenant.tenantId, clientId: tenant.entraApp.clientId, siteId: tenant.sharePoint.siteId });

export const graphTokenCheck: DoctorCheck = {
  name: "Graph token",
  async run(context) {
    const { tenant } = context;
    const certificate = tenant.entraApp.certificate;
    const token = await appOnlyAccessToken({
      tenantId: tenant.tenantId,
      clientId: tenant.entraApp.clientId,
      credential: certificate ? { kind: "certificate", ...certificate } : { kind: "secret", clientSecret: tenant.entraApp.clientSecret },
      authorityHost: tenant.authorityHost,
    })({ forceRefresh: true });
    const roles = rolesOf(token);
    if (roles && !roles.includes("Sites.Selected")) {
      return fail(`Entra issued a token, but it carries no Sites.Selected (roles: ${roles.join(", ") || "none"}).`, consentFix(fixContext(context)));
    }
    return pass(`Entra issued an app-only token for ${tenant.entraApp.clientId}${roles ? ` with ${roles.join(", ")}` : ""}.`);
  },
};

export const botTokenCheck: DoctorCheck = {
  name: "Bot token",
  async run({ tenant }) {
    await appOnlyAccessToken({
      tenantId: tenant.tenantId,
      clientId: tenant.bot.appId,
      credential: { kind: "secret", clientSecret: tenant.bot.appPassword, secretName: "SECRET_BOT_PASSWORD" },
      authorityHost: tenant.bot.loginUrl,
      resource: "https://api.botframework.com",
    })({ forceRefresh: true });
    return pass(`Entra issued the bot ${tenant.bot.appId} a Bot Connector token: it can reply and send cards.`);
  },
};

export const siteAccessCheck: DoctorCheck = {
  name: "SharePoint site access and role",
  async run(context) {
    const { graph, tenant } = context;
    const siteId = tenant.sharePoint.siteId;
    const site = await graph.call({ method: "GET", path: `/sites/${siteId}?$select=id,displayName,webUrl` });
    if (site.status !== 200) throw graph.refusal({ method: "GET", path: `/sites/${siteId}` }, site, "read the SharePoint site");
    const name = (site.body as { displayName?: string }).displayName ?? siteId;
    const listId = await findListId(graph, siteId, ALL_LISTS[0] as ListSchema);
    if (!listId) return warn(`The app can read site "${name}"; its role shows once the lists exist.`, "npm run provision (see the lists check).");
    // Setting a column to what it already is changes nothing, but SharePoint allows it only under "manage".
    const columns = await graph.getAll<{ id: string; name: string }>(`/sites/${siteId}/lists/${listId}/columns`);
    const recordId = columns.find((column) => column.name === RECORD_ID_COLUMN);
    if (!recordId) return warn(`The app can read site "${name}".`, "npm run provision (see the lists check).");
    const probe = await graph.call({ method: "PATCH", path: `/sites/${siteId}/lists/${listId}/columns/${recordId.id}`, body: { indexed: true, enforceUniqueValues: true } });
    if (probe.status === 403) {
      return fail(`The app can read site "${name}" but has no "manage" role there: provisioning cannot add the columns a new version needs.`, siteGrantFix(fixContext(context)));
    }
    if (probe.status !== 200) throw graph.refusal({ method: "PATCH", path: `/sites/${siteId}/lists/${listId}/columns` }, probe, "check the app's role on the site");
    return pass(`The app has "manage" on site "${name}".`);
  },
};

export const listsCheck: DoctorCheck = {
  name: "SharePoint lists, columns and unique index",
  async run({ graph, tenant }) {
    const siteId = tenant.sharePoint.siteId;
    const problems: string[] = [];
    for (const schema of ALL_LISTS) {
      const listId = await findListId(graph, siteId, schema);
      if (!listId) {
        problems.push(`"${schema.displayName}" does not exist`);
        continue;
      }
      const columns = new Map(
        (await graph.getAll<{ name: string; indexed?: boolean; enforceUniqueValues?: boolean }>(`/sites/${siteId}/lists/${listId}/columns`)).map((column) => [column.name, column]),
      );
      for (const column of schema.columns) {
        const found = columns.get(column.name);
        if (!found) problems.push(`"${schema.displayName}" has no column ${column.name}`);
        else if (column.unique && found.enforceUniqueValues !== true) problems.push(`"${schema.displayName}" column ${column.name} is not unique (writes could be duplicated)`);
        else if (column.indexed && found.indexed !== true) problems.push(`"${schema.displayName}" column ${column.name} is not indexed`);
      }
    }
    if (problems.length) return fail(`${problems.join("; ")}.`, `npm run provision (with the tenant settings, as infra/README.md step 7 shows); it needs the "manage" role on the site.`);
    // Graph has no API for a list's permissions, so the restriction the guide asks for is a reminder, not a check.
    return pass(
      `${ALL_LISTS.length} lists, every column, RecordId unique and indexed. Permissions cannot be read through Graph: check by hand that only ` +
        `the headteacher and senior leaders can open "${SAFEGUARDING_LIST.displayName}", and only the headteacher "${MONITORING_LIST.displayName}" (infra/README.md, "Restrict the two private lists").`,
    );
  },
};

export const messagingEndpointCheck: DoctorCheck = {
  name: "Bot messaging endpoint",
  async run({ appUrl }) {
    const endpoint = `${appUrl}/api/messages`;
    let status: number;
    try {
      const health = (await (await fetch(`${appUrl}/healthz`)).json()) as { mode?: string };
      if (health.mode !== "tenant") {
        return fail(`${appUrl}/healthz says mode "${String(health.mode)}": the web app is missing tenant settings.`, "set the settings the configuration table in README.md lists (Azure portal > the web app > Environment variables).");
      }
      // No token: a live bot that checks the Bot Framework's signature refuses with 401. The activity is whole,
      // because the bot answers a malformed one with 400 before it looks at the signature (bot/activity-shape.ts).
      const activity = {
        type: "message",
        channelId: "msteams",
        serviceUrl: "https://smba.trafficmanager.net/uk/",
        from: { id: "29:npm-run-doctor" },
        recipient: { id: "28:npm-run-doctor" },
        conversation: { id: "a:npm-run-doctor", conversationType: "personal" },
        text: "npm run doctor",
      };
      status = (await fetch(endpoint, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) })).status;
    } catch (error) {
      return fail(`Nothing answered at ${endpoint} (${error instanceof Error ? error.message : String(error)}).`, "atk deploy --env dev, then check the web app is running (Azure portal > the web app > Overview) and TAB_DOMAIN is its host name.");
    }
    if (status === 401) return pass(`${endpoint} answers and refuses unsigned requests (401), as a live bot does.`);
    return fail(`${endpoint} answered ${status}, not 401: it is not the bot, or it does not check the Bot Framework's signature.`, "atk deploy --env dev; the Azure Bot's messaging endpoint must be https://{TAB_DOMAIN}/api/messages.");
  },
};

export const credentialExpiryCheck: DoctorCheck = {
  name: "Credential expiry",
  run({ tenant, clock }): Promise<CheckResult> {
    const watched = watchedCredentials(tenant);
    const now = clock.now().getTime();
    const missing = ["SECRET_AAD_APP_CLIENT_SECRET", "SECRET_BOT_PASSWORD"].filter(
      (setting) => !watched.some((credential) => credential.setting === setting) && !(setting === "SECRET_AAD_APP_CLIENT_SECRET" && tenant.entraApp.certificate),
    );
    const lines = watched.map((credential) => `${credential.setting} ${Math.floor((credential.expiresAt.getTime() - now) / 86_400_000)} days left`);
    const expired = watched.filter((credential) => credential.expiresAt.getTime() <= now);
    if (expired.length) return Promise.resolve(fail(`${expired.map((c) => c.setting).join(", ")} expired.`, (expired[0] as { renewal: string }).renewal));
    const soon = watched.filter((credential) => credential.expiresAt.getTime() - now < 30 * 86_400_000);
    if (soon.length) return Promise.resolve(warn(`${lines.join("; ")}.`, (soon[0] as { renewal: string }).renewal));
    if (missing.length) {
      return Promise.resolve(
        warn(`No end date for ${missing.join(", ")}: nobody will be told before it expires.`, `set ${missing.map((s) => `${s}_EXPIRES_AT`).join(" and ")} (provisioning writes them; infra/README.md, "Renewing a secret").`),
      );
    }
    return Promise.resolve(pass(`${lines.join("; ")}.`));
  },
};

/** The checks `npm run doctor` runs, in order. */
export const TENANT_CHECKS: readonly DoctorCheck[] = [
  graphTokenCheck,
  botTokenCheck,
  siteAccessCheck,
  listsCheck,
  staffGroupsCheck,
  orgCatalogCheck,
  messagingEndpointCheck,
  credentialExpiryCheck,
  seniorLeaderCheck,
];

/** The roles claim of an Entra access token (read, not verified: only to explain), if it is a JWT. */
function rolesOf(token: string): string[] | undefined {
  const payload = token.split(".")[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { roles?: unknown };
    return Array.isArray(claims.roles) ? claims.roles.map(String) : [];
  } catch {
    // Not a JWT we can read: say nothing about roles rather than guess.
    return undefined;
  }
}
