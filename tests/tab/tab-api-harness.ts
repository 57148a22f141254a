// Runs the tab's real front door (tenant mode, Entra played by FakeEntra over HTTP) in an express app
// on an ephemeral port, over a real SQLite store, with a recording ReportAlerts double.
import fs from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import express from "express";
import { PolicyCatalog } from "../../policies/policy-catalog.js";
import { openDatabase, type SqliteDatabase } from "../../records/sqlite/database.js";
import { SqliteRecordStore } from "../../records/sqlite/sqlite-record-store.js";
import type { Clock, IncidentReport, ReportAlerts } from "../../records/types.js";
import { loadConfig } from "../../server/config.js";
import { errorMiddleware } from "../../server/http-errors.js";
import { createTabFrontDoor } from "../../tab/api/tab-front-door.js";
import type { CampaignSource } from "../../tab/api/headteacher/campaign-source.js";
import { FakeEntra, tenantEnv, type MintOptions } from "../support/tokens.js";
import { SqliteMonitoringRecords } from "../../records/monitoring/sqlite-monitoring-records.js";

/** A clock the test moves by hand, so token expiry and rate limits never depend on timing. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  advanceSeconds(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}

/** Remembers every report it was told about; can be told to fail like a broken queue. */
export class RecordingAlerts implements ReportAlerts {
  readonly filed: IncidentReport[] = [];
  failWith: Error | undefined;
  reportFiled(report: IncidentReport): Promise<void> {
    if (this.failWith) return Promise.reject(this.failWith);
    this.filed.push(report);
    return Promise.resolve();
  }
}

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export class TabApiHarness {
  private constructor(
    readonly url: string,
    /** What the app logged as errors (e.g. an alert that could not be queued). */
    readonly errors: string[],
    readonly entra: FakeEntra,
    readonly records: SqliteRecordStore,
    readonly alerts: RecordingAlerts,
    readonly clock: ManualClock,
    private readonly server: Server,
    private readonly db: SqliteDatabase,
    private readonly dataDir: string,
    /** The headteacher's monitoring record, in the same database but a store of its own. */
    readonly monitoring: SqliteMonitoringRecords,
  ) {}

  static async start(
    options: { authorityHost?: string; env?: Readonly<Record<string, string>>; campaign?: CampaignSource } = {},
  ): Promise<TabApiHarness> {
    const entra = await FakeEntra.start();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-tab-api-"));
    const env = {
      ...tenantEnv(entra, dataDir),
      ...(options.authorityHost ? { AAD_AUTHORITY_HOST: options.authorityHost } : {}),
      ...options.env,
    };
    const config = loadConfig(env, process.cwd());
    const db = openDatabase(dataDir);
    const records = new SqliteRecordStore(db);
    const alerts = new RecordingAlerts();
    const clock = new ManualClock(new Date());
    const errors: string[] = [];
    const log = { info: () => undefined, error: (message: string) => void errors.push(message) };
    const app = express();
    const campaign = options.campaign ? { campaign: options.campaign } : {};
    const monitoring = new SqliteMonitoringRecords(db);
    app.use(createTabFrontDoor({ config, records, alerts, policies: PolicyCatalog.load(config.policiesDir), clock, log, monitoring, ...campaign }));
    app.use(errorMiddleware((message) => errors.push(message)));
    const server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
    });
    const { port } = server.address() as AddressInfo;
    return new TabApiHarness(`http://127.0.0.1:${port}`, errors, entra, records, alerts, clock, server, db, dataDir, monitoring);
  }

  /** A good Teams SSO token for now on the harness clock, unless options say otherwise. */
  token(options: MintOptions = {}): Promise<string> {
    return this.entra.mint(options, this.clock.now());
  }

  async request<T = unknown>(method: string, route: string, token: string | undefined, body?: unknown): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      payload = typeof body === "string" ? body : JSON.stringify(body);
    }
    const response = await fetch(this.url + route, { method, headers, body: payload });
    const text = await response.text();
    const json = response.headers.get("content-type")?.startsWith("application/json");
    return { status: response.status, headers: response.headers, body: (text && json ? JSON.parse(text) : text || undefined) as T };
  }

  async reportCount(): Promise<number> {
    return (await this.records.listReports({})).length;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    this.db.close();
    await this.entra.close();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
