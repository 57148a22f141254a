// The one place that reads the environment. Everything else receives an AppConfig.
import path from "node:path";
import { DEFAULT_RETENTION_MONTHS, type RetentionPeriods } from "../records/retention/retention-policy.js";
import type { StaffRosterSettings } from "../bot/roster/create-staff-roster.js";

/** The tenant id the local issuer and the Agents Playground use when no tenant is configured. */
export const LOCAL_TENANT_ID = "00000000-0000-0000-0000-000000000001";

export interface LocalModeConfig {
  readonly mode: "local";
}

export interface TenantModeConfig {
  readonly mode: "tenant";
  readonly tenantId: string;
  readonly bot: {
    readonly appId: string;
    readonly appPassword: string;
    /** Where the Bot Connector's signing keys are listed; overridden only to point at a local stand-in in tests. */
    readonly openIdMetadataUrl: string;
    /** The Entra host the bot gets its own tokens from ({loginUrl}/{tenantId}); a local stand-in in tests. */
    readonly loginUrl: string;
    /** Hosts (and their subdomains) of Teams' Bot Connector: the only serviceUrls accepted and sent to. */
    readonly serviceUrlHosts: readonly string[];
  };
  /** The Entra app registration behind Teams SSO (tab) and app-only Graph calls. */
  readonly entraApp: {
    readonly clientId: string;
    readonly clientSecret: string;
    /** Preferred over the secret for Graph app-only tokens when set (AAD_APP_CERTIFICATE_PATH/_THUMBPRINT). */
    readonly certificate?: { readonly privateKeyPath: string; readonly thumbprintSha256: string };
    /** Host of the tab, so that `api://{host}/{clientId}` is accepted as an audience. */
    readonly tabDomain: string;
  };
  /** resourceUnitsPerMinute: the app's SharePoint budget in this tenant (1,200 for up to 1,000 licences). */
  readonly sharePoint: { readonly siteId: string; readonly resourceUnitsPerMinute: number };
  /** Where Entra and Graph live; overridden only to point at local stand-ins in tests. */
  readonly authorityHost: string;
  readonly graphBaseUrl: string;
  /** When each secret stops working ({NAME}_EXPIRES_AT, written by provisioning), so the app can warn in time. */
  readonly credentialExpiry: readonly CredentialEnd[];
}

/** A credential's end date: the IT technician is told 30 and 7 days before, and /healthz turns degraded after. */
export interface CredentialEnd {
  /** The setting that holds it, e.g. SECRET_BOT_PASSWORD. */
  readonly setting: string;
  readonly label: string;
  readonly expiresAt: Date;
}

export interface AppConfig {
  readonly tenant: LocalModeConfig | TenantModeConfig;
  readonly port: number;
  /** 127.0.0.1 in local mode: nothing outside this machine can reach an unauthenticated bot. */
  readonly host: string;
  readonly dataDir: string;
  /** Public https origin of the app in tenant mode; http://127.0.0.1:{port} locally. */
  readonly publicUrl: string;
  readonly policiesDir: string;
  /** The tab's static files (tab/public, with the esbuild bundle in build/). */
  readonly tabPublicDir: string;
  /** Entra object ids of the people told at once about urgent reports and sent the digest. */
  readonly headteacherIds: readonly string[];
  readonly itTechnicianIds: readonly string[];
  /** SENIOR_LEADER_AAD_OBJECT_ID: the senior leadership team, told at once of safeguarding concerns (6.8), never the IT technician. */
  readonly seniorLeaderIds: readonly string[];
  /** The yearly acknowledgement campaign: chase after N days, M reminders, then tell the headteacher. */
  readonly campaign: CampaignConfig;
  /** Who the staff are, how often to look again, and whether the app installs itself for them. */
  readonly roster: RosterConfig;
  /** How fast the app sends proactive messages (campaign cards, alerts, laptop notes). */
  readonly delivery: DeliveryConfig;
  /** Months each record type is kept once it stops being live (RETENTION_*_MONTHS); a daily job deletes the rest. */
  readonly retention: RetentionPeriods;
  /** SCHOOL_NAME: heads the written notice of email monitoring (policy 15.1). */
  readonly schoolName: string;
}

/** The staff roster's settings: their shape, with each variable they come from, is the roster's own. */
export type RosterConfig = StaffRosterSettings;

export interface DeliveryConfig {
  /** Teams allows 50 a second per app per tenant; the rest is left for replies to what people type. */
  readonly messagesPerSecond: number;
}

export interface CampaignConfig {
  readonly chaseAfterDays: number;
  readonly reminders: number;
  /** How often to look for who is due a card; 0 turns the timer off (the headteacher can still say "remind"). */
  readonly checkEveryMinutes: number;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: readonly string[]) {
    super(`Configuration is incomplete:\n- ${problems.join("\n- ")}`);
  }
}

/** The Bot Connector's OpenID metadata (public Azure cloud), as botbuilder uses by default. */
export const BOT_FRAMEWORK_OPENID_METADATA_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration";

/** Teams' Bot Connector (public cloud): smba.trafficmanager.net and *.botframework.com. */
export const BOT_CONNECTOR_HOSTS: readonly string[] = ["smba.trafficmanager.net", "botframework.com"];

/** Settings whose presence switches the app into tenant mode; all must then be set. */
const TENANT_SETTINGS = {
  BOT_ID: "the bot's Microsoft App ID (Azure Bot resource)",
  SECRET_BOT_PASSWORD: "the bot's client secret",
  AAD_APP_TENANT_ID: "the school's Entra tenant id",
  AAD_APP_CLIENT_ID: "the Entra app's client id (Teams SSO and Graph)",
  SECRET_AAD_APP_CLIENT_SECRET: "the Entra app's client secret (Graph app-only)",
  TAB_DOMAIN: "the host name that serves the tab, e.g. aup.contoso-school.org",
  SHAREPOINT_SITE_ID: "the Graph id of the SharePoint site holding the lists",
  HEADTEACHER_AAD_OBJECT_ID: "the headteacher's Entra object id (urgent alerts, digests)",
  IT_TECHNICIAN_AAD_OBJECT_ID: "the IT technician's Entra object id (urgent alerts)",
} as const;

type TenantSetting = keyof typeof TENANT_SETTINGS;

/** The secrets whose end dates the app watches ({setting}_EXPIRES_AT). */
const CREDENTIAL_LABELS = [
  { setting: "SECRET_AAD_APP_CLIENT_SECRET", label: "the Entra app's client secret (SharePoint writes, Teams sign-in)" },
  { setting: "SECRET_BOT_PASSWORD", label: "the bot's client secret (every message the bot sends)" },
] as const;

// Entra ids are GUIDs; the Agents Playground's made-up users have one digit more, so accept those too.
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/i;

/** The Playground's default user, so that local urgent alerts arrive in the Playground chat. */
export const LOCAL_PLAYGROUND_USER_ID = "00000000-0000-0000-0000-0000000000020";

export function loadConfig(env: Readonly<Record<string, string | undefined>>, rootDir = process.cwd()): AppConfig {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const problems: string[] = [];

  const port = parsePort(read("PORT") ?? "3978", problems);
  const dataDir = path.resolve(rootDir, read("DATA_DIR") ?? "data");
  const policiesDir = path.resolve(rootDir, read("POLICIES_DIR") ?? "policies/content");
  const tabPublicDir = path.resolve(rootDir, "tab/public");
  const headteacherIds = parseIdList("HEADTEACHER_AAD_OBJECT_ID", read("HEADTEACHER_AAD_OBJECT_ID"), problems);
  const itTechnicianIds = parseIdList("IT_TECHNICIAN_AAD_OBJECT_ID", read("IT_TECHNICIAN_AAD_OBJECT_ID"), problems);
  // Optional: without it a safeguarding concern reaches the headteacher alone.
  const seniorLeaderIds = parseIdList("SENIOR_LEADER_AAD_OBJECT_ID", read("SENIOR_LEADER_AAD_OBJECT_ID"), problems);
  const wholeNumber = (name: string, fallback: number, min: number, max: number): number =>
    parseWholeNumber(name, read(name), fallback, min, max, problems);
  const campaign: CampaignConfig = {
    chaseAfterDays: wholeNumber("CAMPAIGN_CHASE_AFTER_DAYS", 7, 1, 90),
    reminders: wholeNumber("CAMPAIGN_REMINDERS", 2, 0, 10),
    checkEveryMinutes: wholeNumber("CAMPAIGN_CHECK_EVERY_MINUTES", 60, 0, 24 * 60),
  };
  const delivery: DeliveryConfig = { messagesPerSecond: wholeNumber("TEAMS_MESSAGES_PER_SECOND", 45, 1, 50) };

  const roster = readRoster(read, rootDir, wholeNumber, problems);

  // At least a year: nothing the school needs for the current year's business may go; at most a century.
  const retention: RetentionPeriods = {
    acknowledgements: wholeNumber("RETENTION_ACKNOWLEDGEMENT_MONTHS", DEFAULT_RETENTION_MONTHS.acknowledgements, 12, 1200),
    reports: wholeNumber("RETENTION_REPORT_MONTHS", DEFAULT_RETENTION_MONTHS.reports, 12, 1200),
    "laptop-loans": wholeNumber("RETENTION_LAPTOP_LOAN_MONTHS", DEFAULT_RETENTION_MONTHS["laptop-loans"], 12, 1200),
    // From six months: the policy's period for monitoring information itself, should a school keep the record no longer.
    "monitoring-records": wholeNumber("RETENTION_MONITORING_MONTHS", DEFAULT_RETENTION_MONTHS["monitoring-records"], 6, 1200),
  };

  const schoolName = read("SCHOOL_NAME") ?? DEFAULT_SCHOOL_NAME;

  const present = (Object.keys(TENANT_SETTINGS) as TenantSetting[]).filter((name) => read(name) !== undefined);
  // The two alert recipients are also useful locally, so only the others decide the mode.
  const switchesMode = present.filter((name) => !name.endsWith("_AAD_OBJECT_ID"));

  if (switchesMode.length === 0) {
    throwIfAny(problems);
    return {
      tenant: { mode: "local" },
      port,
      host: "127.0.0.1",
      dataDir,
      publicUrl: `http://127.0.0.1:${port}`,
      policiesDir,
      tabPublicDir,
      headteacherIds: headteacherIds.length ? headteacherIds : [LOCAL_PLAYGROUND_USER_ID],
      itTechnicianIds: itTechnicianIds.length ? itTechnicianIds : [LOCAL_PLAYGROUND_USER_ID],
      // Locally the senior leaders default like the headteacher: whoever is the headteacher here.
      seniorLeaderIds: seniorLeaderIds.length ? seniorLeaderIds : headteacherIds.length ? headteacherIds : [LOCAL_PLAYGROUND_USER_ID],
      campaign,
      roster: { ...roster, staffGroupIds: [], proactiveInstall: false },
      delivery,
      retention,
      schoolName,
    };
  }

  for (const name of Object.keys(TENANT_SETTINGS) as TenantSetting[]) {
    if (read(name) === undefined) {
      problems.push(
        `${name} is not set (${TENANT_SETTINGS[name]}): set it in env/.env.dev (secrets in env/.env.dev.user), ` +
          `or remove ${switchesMode.join(", ")} to run locally.`,
      );
    }
  }
  const tenantId = read("AAD_APP_TENANT_ID");
  if (tenantId && !GUID.test(tenantId)) problems.push(`AAD_APP_TENANT_ID must be a GUID, got "${tenantId}".`);
  const tabDomain = read("TAB_DOMAIN");
  if (tabDomain && /[/:]/.test(tabDomain)) problems.push(`TAB_DOMAIN must be a host name only, got "${tabDomain}".`);
  const certificatePath = read("AAD_APP_CERTIFICATE_PATH");
  const certificateThumbprint = read("AAD_APP_CERTIFICATE_THUMBPRINT");
  if (!certificatePath !== !certificateThumbprint) {
    problems.push("AAD_APP_CERTIFICATE_PATH and AAD_APP_CERTIFICATE_THUMBPRINT (SHA-256) go together: set both, or neither to use the client secret.");
  }
  const ruPerMinute = wholeNumber("SHAREPOINT_RU_PER_MINUTE", 1200, 60, 1_000_000);
  const botUrl = (name: string, fallback: string): string => {
    const value = read(name) ?? fallback;
    if (!/^https?:\/\/[^/\s]+/i.test(value)) problems.push(`${name} must be an http(s) URL, got "${value}"; leave it unset outside tests.`);
    return value;
  };
  const botOpenIdMetadataUrl = botUrl("BOT_OPENID_METADATA_URL", BOT_FRAMEWORK_OPENID_METADATA_URL);
  const botLoginUrl = botUrl("BOT_LOGIN_URL", "https://login.microsoftonline.com");
  // Test-only, like BOT_OPENID_METADATA_URL: lets the tests' loopback connector stand-in in.
  const serviceUrlHosts = read("BOT_SERVICE_URL_HOSTS")?.split(",").map((host) => host.trim()).filter(Boolean) ?? BOT_CONNECTOR_HOSTS;
  for (const host of serviceUrlHosts) {
    if (!/^[a-z0-9.-]+$/i.test(host)) problems.push(`BOT_SERVICE_URL_HOSTS must be host names separated by commas, got "${host}"; leave it unset outside tests.`);
  }
  for (const old of ["BOT_PASSWORD", "AAD_APP_CLIENT_SECRET"]) {
    if (read(old) !== undefined) problems.push(`${old} is now called SECRET_${old}, the name Teams Toolkit writes: rename the setting (env/.env.dev.user, the web app's settings).`);
  }
  const credentialExpiry = CREDENTIAL_LABELS.flatMap(({ setting, label }) => {
    const raw = read(`${setting}_EXPIRES_AT`);
    if (raw === undefined) return [];
    const expiresAt = new Date(raw);
    if (Number.isNaN(expiresAt.getTime())) {
      problems.push(`${setting}_EXPIRES_AT must be a date such as 2027-05-30T09:00:00Z, got "${raw}".`);
      return [];
    }
    return [{ setting, label, expiresAt }];
  });
  throwIfAny(problems);

  const get = (name: TenantSetting): string => read(name) as string;
  return {
    tenant: {
      mode: "tenant",
      tenantId: get("AAD_APP_TENANT_ID"),
      bot: { appId: get("BOT_ID"), appPassword: get("SECRET_BOT_PASSWORD"), openIdMetadataUrl: botOpenIdMetadataUrl, loginUrl: botLoginUrl, serviceUrlHosts },
      entraApp: {
        clientId: get("AAD_APP_CLIENT_ID"),
        clientSecret: get("SECRET_AAD_APP_CLIENT_SECRET"),
        ...(certificatePath && certificateThumbprint
          ? { certificate: { privateKeyPath: path.resolve(rootDir, certificatePath), thumbprintSha256: certificateThumbprint } }
          : {}),
        tabDomain: get("TAB_DOMAIN"),
      },
      sharePoint: { siteId: get("SHAREPOINT_SITE_ID"), resourceUnitsPerMinute: ruPerMinute },
      authorityHost: read("AAD_AUTHORITY_HOST") ?? "https://login.microsoftonline.com",
      graphBaseUrl: read("GRAPH_BASE_URL") ?? "https://graph.microsoft.com/v1.0",
      credentialExpiry,
    },
    port,
    // App Service sets PORT and routes to all interfaces; the bot endpoint is authenticated here.
    host: read("HOST") ?? "0.0.0.0",
    dataDir,
    publicUrl: `https://${get("TAB_DOMAIN")}`,
    policiesDir,
    tabPublicDir,
    headteacherIds,
    itTechnicianIds,
    seniorLeaderIds,
    campaign,
    roster: { ...roster, botServiceUrl: botUrl("BOT_SERVICE_URL", roster.botServiceUrl) },
    delivery,
    retention,
    schoolName,
  };
}

/** The school this app was written for; another school sets SCHOOL_NAME. */
export const DEFAULT_SCHOOL_NAME = "Crich Carr Church of England Primary School";

/** The Bot Connector's global address, which routes to the tenant's region (used only for chats found through Graph). */
/**
 * What lets the app start but leaves something undone, said once at start-up. The catalogue id exists only once
 * the app is published to the organisation's catalogue, after the app is running (infra/README.md): until then the
 * roster is read without installing the app for anyone, and staff are reached when a setup policy installs it.
 */
export function configWarnings(config: AppConfig): string[] {
  const { roster } = config;
  if (config.tenant.mode !== "tenant" || !roster.staffGroupIds.length || !roster.proactiveInstall || roster.teamsAppCatalogId) return [];
  return [
    "TEAMS_APP_CATALOG_ID is not set, so the app cannot install itself for staff yet: the staff groups are read and staff get " +
      "their cards when a Teams setup policy installs the app for them. After publishing the app to the organisation's catalogue, " +
      "set TEAMS_APP_CATALOG_ID to its catalogue id (TEAMS_APP_PUBLISHED_APP_ID in env/.env.dev; infra/README.md, step 11), " +
      "or set PROACTIVE_INSTALL=off to say a setup policy installs it.",
  ];
}

export const BOT_CONNECTOR_GLOBAL_SERVICE_URL = "https://smba.trafficmanager.net/teams/";

function readRoster(
  read: (name: string) => string | undefined,
  rootDir: string,
  wholeNumber: (name: string, fallback: number, min: number, max: number) => number,
  problems: string[],
): RosterConfig {
  const rosterFile = read("STAFF_ROSTER_FILE") ?? "roster/demo-staff.json";
  const proactive = (read("PROACTIVE_INSTALL") ?? "on").toLowerCase();
  if (proactive !== "on" && proactive !== "off") problems.push(`PROACTIVE_INSTALL must be "on" or "off", got "${proactive}".`);
  const statusListUrl = read("STAFF_STATUS_LIST_URL");
  if (statusListUrl && !/^https:\/\/[^/\s]+/i.test(statusListUrl)) problems.push(`STAFF_STATUS_LIST_URL must be an https URL, got "${statusListUrl}".`);
  return {
    staffGroupIds: parseIdList("STAFF_GROUP_IDS", read("STAFF_GROUP_IDS"), problems),
    localRosterFile: rosterFile.toLowerCase() === "none" ? undefined : path.resolve(rootDir, rosterFile),
    syncHours: wholeNumber("ROSTER_SYNC_HOURS", 24, 0, 24 * 7),
    proactiveInstall: proactive !== "off",
    teamsAppCatalogId: read("TEAMS_APP_CATALOG_ID"),
    botServiceUrl: BOT_CONNECTOR_GLOBAL_SERVICE_URL,
    statusListUrl,
  };
}

function parsePort(raw: string, problems: string[]): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535, got "${raw}".`);
    return 0;
  }
  return port;
}

function parseWholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number, problems: string[]): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}".`);
    return fallback;
  }
  return value;
}

function parseIdList(name: string, raw: string | undefined, problems: string[]): string[] {
  if (!raw) return [];
  const ids = raw.split(",").map((id) => id.trim()).filter(Boolean);
  for (const id of ids) {
    if (!GUID.test(id)) problems.push(`${name} must be Entra object ids (GUIDs) separated by commas, got "${id}".`);
  }
  return ids;
}

function throwIfAny(problems: string[]): void {
  if (problems.length) throw new ConfigError(problems);
}
