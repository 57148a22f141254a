// The headteacher's API in tenant mode: reads come from the SharePoint lists (Graph stand-in) through the
// same ports, with indexed filters and a short cache, so a page viewed again costs no Graph request; a
// status change reaches SharePoint with its note.
import assert from "node:assert/strict";
import fs from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { PolicyCatalog } from "../../policies/policy-catalog.js";
import { openSharePointOutbox, type SharePointOutbox } from "../../records/outbox/sharepoint-outbox.js";
import { provisionLists } from "../../records/sharepoint/provision-lists.js";
import { openDatabase, type SqliteDatabase } from "../../records/sqlite/database.js";
import { loadConfig } from "../../server/config.js";
import { errorMiddleware } from "../../server/http-errors.js";
import type { ReportInFull, ReportList, YearAtAGlance } from "../../tab/api/headteacher/headteacher-types.js";
import { createTabFrontDoor } from "../../tab/api/tab-front-door.js";
import type { GraphStandIn } from "../support/graph-stand-in/graph-stand-in.js";
import { FakeEntra, tenantEnv } from "../support/tokens.js";
import { graphFor, makeAcknowledgement, makeReport, SteppingClock, startStandIn, TENANT, tempDir } from "../records/support/sharepoint-fixture.js";
import { CampaignDouble, HEAD_BY_ID } from "./support/headteacher-fixtures.js";
import { RecordingAlerts } from "./tab-api-harness.js";

describe("headteacher API in tenant mode (SharePoint through the Graph stand-in)", () => {
  let standIn: GraphStandIn;
  let entra: FakeEntra;
  let db: SqliteDatabase;
  let dataDir: string;
  let sharePoint: SharePointOutbox;
  let server: Server;
  let url: string;
  let clock: SteppingClock;

  before(async () => {
    standIn = await startStandIn();
    entra = await FakeEntra.start();
    clock = new SteppingClock(Date.now());
    const graph = graphFor(standIn, clock);
    await provisionLists(graph, TENANT.siteId);
    dataDir = tempDir();
    db = openDatabase(dataDir);
    const log = { info: () => undefined, error: () => undefined };
    sharePoint = openSharePointOutbox(db, graph, { siteId: TENANT.siteId, log, clock, sleep: clock.sleep });
    const config = loadConfig(tenantEnv(entra, dataDir), process.cwd());
    const staff = Array.from({ length: 6 }, (_, n) => makeAcknowledgement(n + 1).person);
    const cycle = makeAcknowledgement(1).cycle;
    for (let n = 1; n <= 6; n++) await sharePoint.store.saveAcknowledgement({ ...makeAcknowledgement(n), policyVersion: "2026.1", cycle, recordId: `ack-${n}` });
    for (let n = 1; n <= 5; n++) await sharePoint.store.saveReport(makeReport({ recordId: `rep-${n}`, reportedAt: new Date(clock.now().getTime() - n * 3600_000).toISOString() }));
    await sharePoint.writer.drainUntilIdle();
    const app = express();
    app.use(createTabFrontDoor({ config, records: sharePoint.store, alerts: new RecordingAlerts(), policies: PolicyCatalog.load(config.policiesDir), clock, log, campaign: new CampaignDouble(staff) }));
    app.use(errorMiddleware(() => undefined));
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    db.close();
    await standIn.close();
    await entra.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function get<T>(path: string): Promise<{ body: T; graphRequests: number }> {
    const before = standIn.counters.graphRequests;
    const token = await entra.mint({ person: HEAD_BY_ID }, clock.now());
    const response = await fetch(url + path, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.status, 200, path);
    return { body: (await response.json()) as T, graphRequests: standIn.counters.graphRequests - before };
  }

  it("reads the year at a glance with an indexed query, then from the cache", async () => {
    const first = await get<YearAtAGlance>("/api/headteacher/glance");
    assert.equal(first.body.documents.find((doc) => doc.policyId === "acceptable-use-policy")?.acknowledged, 6);
    assert.ok(first.graphRequests >= 1 && first.graphRequests <= 3, `${first.graphRequests} Graph requests`);
    assert.equal((await get<YearAtAGlance>("/api/headteacher/glance")).graphRequests, 0, "the second view is served from the cache");
  });

  it("lists the reports once, then works one to Closed without reading the list again", async () => {
    const list = await get<ReportList>("/api/headteacher/reports");
    assert.equal(list.body.reports.length, 5);
    assert.equal((await get<ReportList>("/api/headteacher/reports?status=New")).graphRequests, 0);

    const token = await entra.mint({ person: HEAD_BY_ID }, clock.now());
    const changed = await fetch(`${url}/api/headteacher/reports/rep-2/status`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ status: "Closed", note: "Found in the staff room" }),
    });
    assert.equal(((await changed.json()) as ReportInFull).status, "Closed");
    const after = await get<ReportList>("/api/headteacher/reports?status=Closed");
    assert.deepEqual(after.body.reports.map((r) => r.recordId), ["rep-2"]);
    assert.equal(after.graphRequests, 0, "the change was applied to the cached list");

    await sharePoint.writer.drainUntilIdle();
    const item = standIn.items("AUP incident reports").find((candidate) => candidate.fields.RecordId === "rep-2");
    assert.equal(item?.fields.Status, "Closed");
    assert.match(String(item?.fields.StatusHistory), /Found in the staff room/);
    const full = await get<ReportInFull>("/api/headteacher/reports/rep-2");
    assert.equal(full.graphRequests, 1, "one indexed lookup by RecordId");
    assert.deepEqual(full.body.history.map((h) => h.note), ["Found in the staff room"]);
  });
});
