import express from "express";
import type { AppConfig } from "./config.js";
import { errorMiddleware } from "./http-errors.js";
import type { PolicyCatalog } from "../policies/policy-catalog.js";
import type { Clock, RecordStore } from "../records/types.js";

/** Everything the HTTP front doors need, built once by server/start.ts. */
export interface AppServices {
  readonly config: AppConfig;
  readonly policies: PolicyCatalog;
  readonly records: RecordStore;
  readonly clock: Clock;
  readonly log: Logger;
}

export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

/** The express app: the bot at /api/messages, the tab and its API, and the local records page. */
export function createApp(services: AppServices): express.Express {
  const app = express();
  app.disable("x-powered-by");

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok", mode: services.config.tenant.mode });
  });

  app.use(errorMiddleware((message, error) => services.log.error(message, error)));
  return app;
}
