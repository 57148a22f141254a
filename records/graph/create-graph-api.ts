// Builds the app-only GraphApi from plain settings (server/start.ts maps the AppConfig onto these).
import { systemClock, type Clock } from "../types.js";
import { appOnlyAccessToken, type AppCredential } from "./app-only-token.js";
import { GraphApi } from "./graph-client.js";
import { DEFAULT_RESOURCE_UNITS_PER_MINUTE, ResourceUnitPacer, realSleep, type Sleep } from "./resource-unit-pacer.js";
import type { BackoffOptions } from "./retry-policy.js";

export interface GraphSettings {
  readonly tenantId: string;
  readonly clientId: string;
  readonly credential: AppCredential;
  readonly authorityHost: string;
  readonly graphBaseUrl: string;
  /** The app's SharePoint budget in this tenant; 1,200 (the smallest tenants') unless told otherwise. */
  readonly resourceUnitsPerMinute?: number;
  readonly clock?: Clock;
  readonly sleep?: Sleep;
  readonly backoff?: BackoffOptions;
  /** The SharePoint site, named in the admin's fix when Graph refuses. */
  readonly siteId?: string;
}

export function createGraphApi(settings: GraphSettings): GraphApi {
  const clock = settings.clock ?? systemClock;
  const sleep = settings.sleep ?? realSleep;
  return new GraphApi({
    baseUrl: settings.graphBaseUrl,
    accessToken: appOnlyAccessToken(settings),
    pacer: new ResourceUnitPacer(settings.resourceUnitsPerMinute ?? DEFAULT_RESOURCE_UNITS_PER_MINUTE, clock, sleep),
    clock,
    sleep,
    backoff: settings.backoff,
    fixContext: {
      tenantId: settings.tenantId,
      clientId: settings.clientId,
      ...(settings.siteId ? { siteId: settings.siteId } : {}),
      ...(settings.credential.kind === "secret" ? { secretName: settings.credential.secretName ?? "SECRET_AAD_APP_CLIENT_SECRET" } : {}),
    },
  });
}

/** The parts of the tenant configuration Graph needs (server/config.ts's TenantModeConfig has this shape). */
export interface TenantGraphConfig {
  readonly tenantId: string;
  readonly entraApp: {
    readonly clientId: string;
    readonly clientSecret: string;
    readonly certificate?: { readonly privateKeyPath: string; readonly thumbprintSha256: string };
  };
  readonly sharePoint: { readonly resourceUnitsPerMinute: number; readonly siteId?: string };
  readonly authorityHost: string;
  readonly graphBaseUrl: string;
}

export function graphSettingsFor(tenant: TenantGraphConfig): GraphSettings {
  const { certificate } = tenant.entraApp;
  return {
    tenantId: tenant.tenantId,
    clientId: tenant.entraApp.clientId,
    // A certificate, when configured, is preferred: it cannot leak as a copy-pasted string.
    credential: certificate ? { kind: "certificate", ...certificate } : { kind: "secret", clientSecret: tenant.entraApp.clientSecret },
    authorityHost: tenant.authorityHost,
    graphBaseUrl: tenant.graphBaseUrl,
    resourceUnitsPerMinute: tenant.sharePoint.resourceUnitsPerMinute,
    ...(tenant.sharePoint.siteId ? { siteId: tenant.sharePoint.siteId } : {}),
  };
}
