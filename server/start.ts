import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { configWarnings, type AppConfig } from "./config.js";
import { createApp, type AppServices, type Logger } from "./app.js";
import { PolicyCatalog } from "../policies/policy-catalog.js";
import { openDatabase } from "../records/sqlite/database.js";
import { checkDataFolderStamp } from "../records/sqlite/data-folder-stamp.js";
import { SqliteRecordStore } from "../records/sqlite/sqlite-record-store.js";
import { createGraphApi, graphSettingsFor } from "../records/graph/create-graph-api.js";
import { openSharePointOutbox } from "../records/outbox/sharepoint-outbox.js";
import { systemClock, type Clock } from "../records/types.js";
import { createBotRuntime } from "../bot/bot-runtime.js";
import type { AlertRetryOptions } from "../bot/alerts/alert-dispatcher.js";
import { SharePointHealth } from "../records/outbox/sharepoint-health.js";
import { CredentialExpiryWatch } from "../bot/credentials/credential-expiry-watch.js";
import { createJsonLogger } from "./json-logger.js";
import { secretsOf, watchedCredentials } from "./credential-ends.js";
import { tenantHealth } from "./tenant-health.js";
import type { DeliveryTuning } from "../bot/delivery/fan-out.js";
import type { DeliveryOutcomes } from "../bot/delivery/delivery-outcomes.js";
import { OutboxRecordDeleter, SqliteRecordDeleter } from "../records/retention/record-deleter.js";
import { RetentionJob } from "../records/retention/retention-job.js";
import { SqliteMonitoringRecords } from "../records/monitoring/sqlite-monitoring-records.js";
import { OutboxMonitoringRecords } from "../records/monitoring/outbox-monitoring-records.js";

export interface RunningApp {
  readonly url: string;
  readonly services: AppServices;
  close(): Promise<void>;
}

/** JSON lines on stdout (pino), as App Service's log stream and Log Analytics read them. */
export const consoleLogger: Logger = createJsonLogger();

/** What tests and benchmarks may change about the app they start. */
export interface StartOptions {
  clock?: Clock;
  log?: Logger;
  alertRetry?: AlertRetryOptions;
  /** The clock of operations (SharePoint health, credential end dates); real time unless a test moves it. */
  opsClock?: Clock;
  /** How soon the staff status list is refreshed after a change; tests shorten it. */
  rosterRefreshDelayMs?: number;
  deliveryTuning?: DeliveryTuning;
  deliveryOutcomes?: DeliveryOutcomes;
}

/** Builds the services for the configured mode and starts listening. Tests call this too. */
export async function startApp(
  configured: AppConfig,
  options: StartOptions = {},
): Promise<RunningApp> {
  const policies = PolicyCatalog.load(configured.policiesDir);
  // Bind first: with PORT=0 the local address (which cards link to) is known only once listening.
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(configured.port, configured.host, () => resolve());
  });
  try {
    return startServices(server, configured, policies, options);
  } catch (error) {
    server.close();
    throw error;
  }
}

function startServices(
  server: Server,
  configured: AppConfig,
  policies: PolicyCatalog,
  options: StartOptions,
): RunningApp {
  const { port } = server.address() as AddressInfo;
  const config: AppConfig =
    configured.tenant.mode === "local" ? { ...configured, port, publicUrl: `http://${configured.host}:${port}` } : configured;
  const db = openDatabase(config.dataDir);
  try {
    checkDataFolderStamp(db, config.dataDir, { mode: config.tenant.mode, tenantId: config.tenant.mode === "tenant" ? config.tenant.tenantId : "" });
  } catch (error) {
    db.close();
    throw error;
  }
  const log = options.log ?? (config.tenant.mode === "tenant" ? createJsonLogger({ secrets: secretsOf(config.tenant) }) : consoleLogger);
  for (const warning of configWarnings(config)) {
    if (log.warn) log.warn(warning);
    else log.error(warning);
  }
  const opsClock = options.opsClock ?? systemClock;
  const health = new SharePointHealth(opsClock, log);
  // Tenant mode: each write commits to the outbox, whose writer drains it into the SharePoint lists.
  const graph = config.tenant.mode === "tenant" ? createGraphApi(graphSettingsFor(config.tenant)) : undefined;
  const sharePoint =
    config.tenant.mode === "tenant" && graph
      ? openSharePointOutbox(db, graph, {
          siteId: config.tenant.sharePoint.siteId,
          log,
          health,
          ...(options.opsClock ? { clock: options.opsClock } : {}),
        })
      : undefined;
  const records = sharePoint?.store ?? new SqliteRecordStore(db);
  const clock = options.clock ?? systemClock;
  // Its own store, and in tenant mode its own restricted list: never reached through `records`.
  const monitoring = sharePoint ? new OutboxMonitoringRecords(sharePoint.outbox, sharePoint.lists, () => clock.now()) : new SqliteMonitoringRecords(db);
  const bot = createBotRuntime({
    registration: config.tenant.mode === "tenant" ? { ...config.tenant.bot, tenantId: config.tenant.tenantId } : undefined,
    publicUrl: config.publicUrl,
    headteacherIds: config.headteacherIds,
    itTechnicianIds: config.itTechnicianIds,
    seniorLeaderIds: config.seniorLeaderIds,
    campaign: config.campaign,
    // Locally the cards link to /records, whose address is known only once listening.
    roster: config.tenant.mode === "local" ? { ...config.roster, statusListUrl: `${config.publicUrl}/records#staff-status` } : config.roster,
    ...(config.tenant.mode === "tenant" && graph && sharePoint
      ? {
          rosterTenant: {
            graph,
            graphBaseUrl: config.tenant.graphBaseUrl,
            outbox: sharePoint.outbox,
            botAppId: config.tenant.bot.appId,
            tenantId: config.tenant.tenantId,
          },
        }
      : {}),
    ...(options.rosterRefreshDelayMs === undefined ? {} : { rosterRefreshDelayMs: options.rosterRefreshDelayMs }),
    delivery: config.delivery,
    policies,
    records,
    db,
    clock,
    log,
    ...(options.alertRetry ? { alertRetry: options.alertRetry } : {}),
    ...(options.deliveryTuning ? { deliveryTuning: options.deliveryTuning } : {}),
    ...(options.deliveryOutcomes ? { deliveryOutcomes: options.deliveryOutcomes } : {}),
  });
  const outboxHealth = sharePoint ? () => sharePoint.outbox.counts() : undefined;
  // The IT technician hears 30 and 7 days before a secret expires; /healthz turns degraded once it has.
  const expiry =
    config.tenant.mode === "tenant"
      ? new CredentialExpiryWatch(watchedCredentials(config.tenant), config.itTechnicianIds, bot.messenger, db, opsClock, log)
      : undefined;
  expiry?.start();
  const health$ = sharePoint && expiry ? tenantHealth({ sharePoint: health, outbox: sharePoint.outbox, credentials: () => expiry.status(), log }) : undefined;
  const services: AppServices = {
    config,
    policies,
    records,
    clock,
    log,
    alerts: bot.alerts,
    bot,
    monitoring,
    ...(outboxHealth ? { outboxHealth } : {}),
    ...(health$ ? { tenantHealth: health$ } : {}),
  };
  server.on("request", createApp(services));
  sharePoint?.writer.start();
  // Daily: records past their retention period go, from SharePoint through the outbox or from SQLite.
  const deleter = sharePoint ? new OutboxRecordDeleter(sharePoint.outbox, () => clock.now()) : new SqliteRecordDeleter(db);
  const retention = new RetentionJob({ records, deleter, periods: config.retention, clock, log, campaignSteps: bot.campaignLedger, monitoring });
  retention.start();
  return {
    url: `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${port}`,
    services,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // The bot's background senders stop first, so a campaign pass an open "remind" waits on ends promptly.
      await bot.close();
      expiry?.stop();
      await retention.stop();
      await closed;
      server.closeAllConnections();
      await sharePoint?.writer.stop();
      db.close();
    },
  };
}
