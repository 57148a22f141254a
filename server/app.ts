import express from "express";
import type { AppConfig } from "./config.js";
import { errorMiddleware } from "./http-errors.js";
import { loopbackHostOnly } from "./loopback-host.js";
import { policiesRouter } from "./pages/policy-page.js";
import { recordsRouter } from "./pages/records-page.js";
import type { PolicyCatalog } from "../policies/policy-catalog.js";
import type { Clock, RecordStore, ReportAlerts } from "../records/types.js";
import type { BotRuntime } from "../bot/bot-runtime.js";
import { createTabFrontDoor } from "../tab/api/tab-front-door.js";
import type { MonitoringRecords } from "../records/monitoring/monitoring-record.js";

/** Everything the HTTP front doors need, built once by server/start.ts. */
export interface AppServices {
  readonly config: AppConfig;
  readonly policies: PolicyCatalog;
  readonly records: RecordStore;
  readonly clock: Clock;
  readonly log: Logger;
  /** Every report goes here; the bot delivers it to the headteacher (and the IT technician when urgent). */
  readonly alerts: ReportAlerts;
  readonly bot: BotRuntime;
  readonly outboxHealth?: () => OutboxHealth;
  /** Tenant mode: SharePoint's answers and the credentials' end dates, judged (server/tenant-health.ts). */
  readonly tenantHealth?: () => TenantHealth;
  /** The headteacher's monitoring record (policy 15.1), kept apart from `records` so no listing of reports reaches it. */
  readonly monitoring?: MonitoringRecords;
}

/** What /healthz says beyond the outbox counts: "degraded" with a reason (and its fix) per problem. */
export interface TenantHealth {
  readonly status: "ok" | "degraded";
  readonly reasons: readonly string[];
  readonly [detail: string]: unknown;
}

/** How far the SharePoint outbox is behind (tenant mode only). */
export interface OutboxHealth {
  readonly pending: number;
  readonly parked: number;
}

export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
  /** Something to look at that is not (yet) a failure; loggers without it log such lines as errors. */
  warn?(message: string): void;
}

const DEFAULT_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
};

/** The express app: the bot at /api/messages, the tab and its API, and the local records page. */
export function createApp(services: AppServices): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // Every answer (JSON, the bot's replies, express's own errors) is data: never sniffed as HTML, never
  // framed, never run. The pages and the tab replace these with the policy for what they show.
  app.use((_req, res, next) => {
    res.set(DEFAULT_SECURITY_HEADERS);
    next();
  });
  if (services.config.tenant.mode === "local") app.use(loopbackHostOnly);
  // Tenant mode is served over https only (App Service): browsers are told never to try http. Not locally,
  // where a browser would remember it for 127.0.0.1 and refuse every other local app on plain http.
  if (services.config.tenant.mode === "tenant") {
    app.use((_req, res, next) => {
      res.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
      next();
    });
  }

  // App Service's health check and the IT technician's monitoring: writes still waiting for SharePoint,
  // any it refused for good ("parked"), SharePoint refusing or unreachable for minutes, an expired secret:
  // each makes it "degraded", with the reason and its fix. Always 200: a restart would not help either.
  app.get("/healthz", (_req, res) => {
    const outbox = services.outboxHealth?.();
    const tenant = services.tenantHealth?.();
    const status = tenant ? tenant.status : outbox?.parked ? "degraded" : "ok";
    res.json({ ...tenant, status, mode: services.config.tenant.mode, ...(outbox ? { outbox } : {}) });
  });

  // Bot Connector activities are small; a card action is well under this.
  app.post("/api/messages", express.json({ limit: "256kb" }), (req, res, next) => {
    services.bot.handleMessages(req, res).catch(next);
  });

  app.use(policiesRouter(services));
  app.use(recordsRouter(services));
  // The personal tab at /tab/, its API at /api/reports, /api/me/records, /api/policies (+ /local-auth locally).
  app.use(createTabFrontDoor({ ...services, decisions: services.bot.decisions }));

  app.use(errorMiddleware((message, error) => services.log.error(message, error)));
  return app;
}
