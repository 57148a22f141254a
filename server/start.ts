import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AppConfig } from "./config.js";
import { createApp, type AppServices, type Logger } from "./app.js";
import { PolicyCatalog } from "../policies/policy-catalog.js";
import { openDatabase } from "../records/sqlite/database.js";
import { SqliteRecordStore } from "../records/sqlite/sqlite-record-store.js";
import { createGraphApi, graphSettingsFor } from "../records/graph/create-graph-api.js";
import { openSharePointOutbox } from "../records/outbox/sharepoint-outbox.js";
import { systemClock, type Clock } from "../records/types.js";
import { createBotRuntime } from "../bot/bot-runtime.js";
import type { AlertRetryOptions } from "../bot/alerts/alert-dispatcher.js";
import { OutboxRecordDeleter, SqliteRecordDeleter } from "../records/retention/record-deleter.js";
import { RetentionJob } from "../records/retention/retention-job.js";

export interface RunningApp {
  readonly url: string;
  readonly services: AppServices;
  close(): Promise<void>;
}

export const consoleLogger: Logger = {
  info: (message) => console.info(message),
  error: (message, error) => console.error(message, error),
};

/** Builds the services for the configured mode and starts listening. Tests call this too. */
export async function startApp(
  configured: AppConfig,
  options: { clock?: Clock; log?: Logger; alertRetry?: AlertRetryOptions } = {},
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
  options: { clock?: Clock; log?: Logger; alertRetry?: AlertRetryOptions },
): RunningApp {
  const { port } = server.address() as AddressInfo;
  const config: AppConfig =
    configured.tenant.mode === "local" ? { ...configured, port, publicUrl: `http://${configured.host}:${port}` } : configured;
  const db = openDatabase(config.dataDir);
  const log = options.log ?? consoleLogger;
  // Tenant mode: each write commits to the outbox, whose writer drains it into the SharePoint lists.
  const sharePoint =
    config.tenant.mode === "tenant"
      ? openSharePointOutbox(db, createGraphApi(graphSettingsFor(config.tenant)), { siteId: config.tenant.sharePoint.siteId, log })
      : undefined;
  const records = sharePoint?.store ?? new SqliteRecordStore(db);
  const clock = options.clock ?? systemClock;
  const bot = createBotRuntime({
    registration: config.tenant.mode === "tenant" ? { ...config.tenant.bot, tenantId: config.tenant.tenantId } : undefined,
    publicUrl: config.publicUrl,
    headteacherIds: config.headteacherIds,
    itTechnicianIds: config.itTechnicianIds,
    seniorLeaderIds: config.seniorLeaderIds,
    campaign: config.campaign,
    policies,
    records,
    db,
    clock,
    log,
    ...(options.alertRetry ? { alertRetry: options.alertRetry } : {}),
  });
  const outboxHealth = sharePoint ? () => sharePoint.outbox.counts() : undefined;
  const services: AppServices = { config, policies, records, clock, log, alerts: bot.alerts, bot, ...(outboxHealth ? { outboxHealth } : {}) };
  server.on("request", createApp(services));
  sharePoint?.writer.start();
  // Daily: records past their retention period go, from SharePoint through the outbox or from SQLite.
  const deleter = sharePoint ? new OutboxRecordDeleter(sharePoint.outbox, () => clock.now()) : new SqliteRecordDeleter(db);
  const retention = new RetentionJob({ records, deleter, periods: config.retention, clock, log });
  retention.start();
  return {
    url: `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${port}`,
    services,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // The bot's background senders stop first, so a campaign pass an open "remind" waits on ends promptly.
      await bot.close();
      await retention.stop();
      await closed;
      server.closeAllConnections();
      await sharePoint?.writer.stop();
      db.close();
    },
  };
}
