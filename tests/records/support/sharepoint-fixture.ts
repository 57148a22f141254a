// Shared set-up for the SharePoint tests: the stand-in, a GraphApi on real msal-node, records to write.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createGraphApi } from "../../../records/graph/create-graph-api.js";
import type { GraphApi } from "../../../records/graph/graph-client.js";
import type { Sleep } from "../../../records/graph/resource-unit-pacer.js";
import type { BackoffOptions } from "../../../records/graph/retry-policy.js";
import { acknowledgementRecordId, newReportRecordId } from "../../../records/record-id.js";
import type { Acknowledgement, Clock, IncidentReport } from "../../../records/types.js";
import { GraphStandIn, type StandInOptions } from "../../support/graph-stand-in/graph-stand-in.js";
import { openSharePointOutbox, type SharePointOutbox } from "../../../records/outbox/sharepoint-outbox.js";
import { provisionLists } from "../../../records/sharepoint/provision-lists.js";
import { openDatabase, type SqliteDatabase } from "../../../records/sqlite/database.js";

export const TENANT = {
  tenantId: "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
  clientId: "0b8a0c1e-6d3e-4f36-9d5b-6a1c2f0e7a11",
  clientSecret: "stand-in-secret",
  siteId: "contoso.sharepoint.com,2c6e2b8a-1111-4a5b-9c3d-7e8f9a0b1c2d,5d1f3e2a-2222-4b6c-8d7e-9f0a1b2c3d4e",
};

export function startStandIn(extra: Partial<StandInOptions> = {}): Promise<GraphStandIn> {
  return GraphStandIn.start({ ...TENANT, ...extra });
}

/** A clock that only moves when the code under test sleeps, so Retry-After waits take no real time. */
export class SteppingClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(private at = Date.parse("2026-11-02T09:00:00Z")) {}
  now(): Date {
    return new Date(this.at);
  }
  readonly sleep: Sleep = (ms) => {
    this.sleeps.push(ms);
    this.at += ms;
    return Promise.resolve();
  };
}

/**
 * The real Graph client and msal-node, pointed at a stand-in. `time` is a stepping clock (Retry-After waits take no
 * real time) or undefined for real time.
 */
export function graphFor(
  standIn: Pick<GraphStandIn, "url" | "graphBaseUrl">,
  time?: Clock & { readonly sleep: Sleep },
  resourceUnitsPerMinute = 1_000_000,
  backoff?: BackoffOptions,
): GraphApi {
  return createGraphApi({
    tenantId: TENANT.tenantId,
    clientId: TENANT.clientId,
    credential: { kind: "secret", clientSecret: TENANT.clientSecret },
    authorityHost: standIn.url,
    graphBaseUrl: standIn.graphBaseUrl,
    siteId: TENANT.siteId,
    resourceUnitsPerMinute,
    ...(time ? { clock: time, sleep: time.sleep } : {}),
    backoff,
  });
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "aup-sharepoint-"));
}

export function makeAcknowledgement(n: number, personId = `0000000${n % 10}-aaaa-4bbb-8ccc-${String(n).padStart(12, "0")}`): Acknowledgement {
  const cycle = "2026/27";
  return {
    recordId: acknowledgementRecordId("acceptable-use-policy", "3.1", cycle, personId),
    policyId: "acceptable-use-policy",
    policyVersion: "3.1",
    cycle,
    person: { id: personId, displayName: `Teacher ${n}`, upn: `teacher${n}@contoso-school.org` },
    acknowledgedAt: new Date(Date.parse("2026-11-02T09:00:00Z") + n * 1000).toISOString(),
    channel: "teams-bot",
  };
}

export function makeReport(overrides: Partial<IncidentReport> = {}): IncidentReport {
  return {
    recordId: newReportRecordId(),
    kind: "lost-equipment",
    reporter: { id: "7d9e1f20-3a4b-4c5d-8e6f-7a8b9c0d1e2f", displayName: "Ms Patel", upn: "r.patel@contoso-school.org" },
    reportedAt: "2026-11-02T10:15:00Z",
    occurredAt: "2026-11-01T16:30:00Z",
    summary: "Lost: Dell Latitude 5440 (SN 7XK2)",
    details: { device: "Dell Latitude 5440", serialNumber: "7XK2", reportedToPolice: false },
    urgent: true,
    status: "New",
    statusChangedAt: "2026-11-02T10:15:00Z",
    statusChangedBy: "Ms Patel",
    ...overrides,
  };
}

/** Each RecordId in the list, with how many items carry it. */
export function recordIdCounts(standIn: GraphStandIn, displayName: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of standIn.items(displayName)) {
    const id = String(item.fields.RecordId);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

export const quietLog = { info: (): void => undefined, error: (): void => undefined };

/** A provisioned Graph stand-in, a fresh database and the SharePoint outbox over them, for one test. */
export class SharePointTestBed {
  private constructor(
    readonly standIn: GraphStandIn,
    readonly db: SqliteDatabase,
    readonly clock: SteppingClock,
    readonly graph: GraphApi,
    readonly sharePoint: SharePointOutbox,
  ) {}

  static async start(): Promise<SharePointTestBed> {
    const standIn = await startStandIn();
    const clock = new SteppingClock();
    const graph = graphFor(standIn, clock);
    await provisionLists(graph, TENANT.siteId);
    const db = openDatabase(tempDir());
    const sharePoint = openSharePointOutbox(db, graph, { siteId: TENANT.siteId, log: quietLog, clock, sleep: clock.sleep });
    return new SharePointTestBed(standIn, db, clock, graph, sharePoint);
  }

  async close(): Promise<void> {
    this.db.close();
    await this.standIn.close();
  }
}

/** Every tenant setting, pointing Entra and Graph at the stand-in: the app in tenant mode, on loopback. */
export function tenantEnv(standIn: GraphStandIn, dataDir: string, tenantId: string = TENANT.tenantId): Record<string, string> {
  return {
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    BOT_ID: "6c1d2e3f-4a5b-4c6d-8e7f-8a9b0c1d2e3f",
    SECRET_BOT_PASSWORD: "bot-secret-for-tests",
    AAD_APP_TENANT_ID: tenantId,
    AAD_APP_CLIENT_ID: TENANT.clientId,
    SECRET_AAD_APP_CLIENT_SECRET: TENANT.clientSecret,
    TAB_DOMAIN: "aup.contoso-school.org",
    SHAREPOINT_SITE_ID: TENANT.siteId,
    HEADTEACHER_AAD_OBJECT_ID: "5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
    IT_TECHNICIAN_AAD_OBJECT_ID: "6c5b4a3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d",
    AAD_AUTHORITY_HOST: standIn.url,
    GRAPH_BASE_URL: standIn.graphBaseUrl,
  };
}
