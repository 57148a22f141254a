// The tab's front door in tenant mode over the real outbox and SharePoint lists (the Graph stand-in, reached with
// the real Graph client), with Entra-style tokens from FakeEntra: for tests of what the headteacher's pages read
// and write in a school's tenant.
import fs from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { PolicyCatalog } from "../../../policies/policy-catalog.js";
import { OutboxMonitoringRecords } from "../../../records/monitoring/outbox-monitoring-records.js";
import { openSharePointOutbox, type SharePointOutbox } from "../../../records/outbox/sharepoint-outbox.js";
import { provisionLists } from "../../../records/sharepoint/provision-lists.js";
import { openDatabase, type SqliteDatabase } from "../../../records/sqlite/database.js";
import { loadConfig } from "../../../server/config.js";
import { errorMiddleware } from "../../../server/http-errors.js";
import type { CampaignSource } from "../../../tab/api/headteacher/campaign-source.js";
import { createTabFrontDoor } from "../../../tab/api/tab-front-door.js";
import type { GraphStandIn } from "../../support/graph-stand-in/graph-stand-in.js";
import { FakeEntra, tenantEnv, type TestPerson } from "../../support/tokens.js";
import { graphFor, startStandIn, SteppingClock, TENANT, tempDir } from "../../records/support/sharepoint-fixture.js";
import { RecordingAlerts } from "../tab-api-harness.js";

export class TenantTabBed {
  private constructor(
    readonly standIn: GraphStandIn,
    readonly entra: FakeEntra,
    readonly clock: SteppingClock,
    readonly sharePoint: SharePointOutbox,
    readonly url: string,
    private readonly db: SqliteDatabase,
    private readonly dataDir: string,
    private readonly server: Server,
  ) {}

  /** Provisioned lists, an empty outbox, and the front door listening on loopback. */
  static async start(campaign: CampaignSource): Promise<TenantTabBed> {
    const standIn = await startStandIn();
    const entra = await FakeEntra.start();
    const clock = new SteppingClock(Date.now());
    const graph = graphFor(standIn, clock);
    await provisionLists(graph, TENANT.siteId);
    const dataDir = tempDir();
    const db = openDatabase(dataDir);
    const log = { info: () => undefined, error: () => undefined };
    const sharePoint = openSharePointOutbox(db, graph, { siteId: TENANT.siteId, log, clock, sleep: clock.sleep });
    const config = loadConfig(tenantEnv(entra, dataDir), process.cwd());
    const monitoring = new OutboxMonitoringRecords(sharePoint.outbox, sharePoint.lists, () => clock.now());
    const policies = PolicyCatalog.load(config.policiesDir);
    const app = express();
    app.use(createTabFrontDoor({ config, records: sharePoint.store, alerts: new RecordingAlerts(), policies, clock, log, campaign, monitoring }));
    app.use(errorMiddleware(() => undefined));
    const server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return new TenantTabBed(standIn, entra, clock, sharePoint, url, db, dataDir, server);
  }

  /** One call with a fresh token for `person`; JSON answers parsed, anything else as text. */
  async call<T>(person: TestPerson, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const token = await this.entra.mint({ person }, this.clock.now());
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) };
    const response = await fetch(this.url + path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    return { status: response.status, body: (response.headers.get("content-type")?.startsWith("application/json") ? JSON.parse(text) : text) as T };
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    this.db.close();
    await this.standIn.close();
    await this.entra.close();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
