// Wires the tab's front door: the static tab at /tab/, its API at /api, and in local mode only the
// local token issuer. Token validation is the same code in both modes; only the keys differ.
import express from "express";
import type { PolicyCatalog } from "../../policies/policy-catalog.js";
import type { Clock, RecordStore, ReportAlerts } from "../../records/types.js";
import { LOCAL_TENANT_ID, type AppConfig } from "../../server/config.js";
import { LOCAL_TAB_CLIENT_ID, LocalIssuer, localAuthRouter } from "./auth/local-issuer.js";
import { createTokenValidator, entraSigningKeys, type TokenValidator } from "./auth/token-validator.js";
import { TokenBucketRateLimiter } from "./rate-limiter.js";
import { createTabApiRouter } from "./tab-api-router.js";
import { HEADTEACHER_ROLE, IT_TECHNICIAN_ROLE } from "./auth/staff-roles.js";
import { botCampaignSource, type BotCampaignParts, type CampaignSource } from "./headteacher/campaign-source.js";
import { createHeadteacherRouter } from "./headteacher/headteacher-router.js";
import { CachedRecords } from "../../records/read-models/cached-records.js";
import { tabStaticRouter } from "./tab-static.js";
import type { MonitoringRecords } from "../../records/monitoring/monitoring-record.js";
import type { RequestDecisionService } from "../../records/decision-service.js";

export interface TabServices {
  readonly config: AppConfig;
  readonly records: RecordStore;
  readonly alerts: ReportAlerts;
  readonly policies: PolicyCatalog;
  readonly clock: Clock;
  readonly log: { info(message: string): void; error(message: string, error?: unknown): void };
  /** The bot's campaign parts, for the headteacher's year at a glance and "remind now" (server/app.ts passes them). */
  readonly bot?: BotCampaignParts;
  /** Instead of `bot`: the staff list and campaign behind the headteacher's view (tests pass a double). */
  readonly campaign?: CampaignSource;
  /** The headteacher's monitoring record (policy 15.1): a store of its own, never part of `records`. */
  readonly monitoring?: MonitoringRecords;
  /** Decisions on requests from the headteacher's page (server/app.ts passes the bot's). */
  readonly decisions?: RequestDecisionService;
}

/** Thirty calls in a burst, then one every two seconds: plenty for a person, a wall for a script. */
const RATE_LIMIT = { capacity: 30, refillPerSecond: 0.5 };

export function createTabFrontDoor(services: TabServices): express.Router {
  const router = express.Router();
  const { tenant } = services.config;
  let tokenValidator: TokenValidator;
  if (tenant.mode === "tenant") {
    const { clientId, tabDomain } = tenant.entraApp;
    tokenValidator = createTokenValidator({
      tenantId: tenant.tenantId,
      audiences: [clientId, `api://${tabDomain}/${clientId}`],
      keys: entraSigningKeys(tenant.authorityHost, tenant.tenantId),
      clock: services.clock,
    });
  } else {
    // The local headteacher and IT technician (the Playground user, unless set) carry their Entra app roles.
    const { headteacherIds, itTechnicianIds } = services.config;
    const listed = (ids: readonly string[], id: string) => ids.some((candidate) => candidate.toLowerCase() === id.toLowerCase());
    const issuer = new LocalIssuer(LOCAL_TENANT_ID, services.clock, (person) => [
      ...(listed(headteacherIds, person.id) ? [HEADTEACHER_ROLE] : []),
      ...(listed(itTechnicianIds, person.id) ? [IT_TECHNICIAN_ROLE] : []),
    ]);
    router.use(localAuthRouter(issuer));
    tokenValidator = createTokenValidator({
      tenantId: LOCAL_TENANT_ID,
      audiences: [LOCAL_TAB_CLIENT_ID],
      keys: issuer.signingKeys(),
      clock: services.clock,
    });
  }
  const rateLimiter = new TokenBucketRateLimiter({ ...RATE_LIMIT, clock: services.clock });
  router.use("/api", createTabApiRouter({ ...services, tokenValidator, rateLimiter }));
  const { bot } = services;
  const campaign =
    services.campaign ?? (bot ? botCampaignSource(bot, { ...services, publicUrl: services.config.publicUrl }) : undefined);
  router.use(
    "/api",
    createHeadteacherRouter({
      ...services,
      reads: new CachedRecords(services.records, services.clock),
      tokenValidator,
      rateLimiter,
      roleSettings: services.config,
      retention: services.config.retention,
      campaign,
      schoolName: services.config.schoolName,
      decisions: services.decisions,
    }),
  );
  router.use("/tab", tabStaticRouter(services.config.tabPublicDir, tenant.mode, services.log));
  return router;
}
