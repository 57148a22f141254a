import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { AppConfig } from "./config.js";
import { createApp, type AppServices, type Logger } from "./app.js";
import { PolicyCatalog } from "../policies/policy-catalog.js";
import { openDatabase } from "../records/sqlite/database.js";
import { SqliteRecordStore } from "../records/sqlite/sqlite-record-store.js";
import { systemClock, type Clock } from "../records/types.js";

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
export async function startApp(config: AppConfig, options: { clock?: Clock; log?: Logger } = {}): Promise<RunningApp> {
  const policies = PolicyCatalog.load(config.policiesDir);
  const db = openDatabase(config.dataDir);
  const records = new SqliteRecordStore(db);
  const services: AppServices = {
    config,
    policies,
    records,
    clock: options.clock ?? systemClock,
    log: options.log ?? consoleLogger,
  };
  const app = createApp(services);
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(config.port, config.host, (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${port}`,
    services,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      db.close();
    },
  };
}
