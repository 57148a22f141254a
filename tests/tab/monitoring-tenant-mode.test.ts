// Tenant mode end to end: the tab API with Entra-style tokens over the outbox and the Graph stand-in. The
// headteacher's monitoring record reaches "AUP monitoring record" and a safeguarding concern filed from the
// tab reaches "AUP safeguarding concerns", each once; neither reaches any other list.
import assert from "node:assert/strict";
import fs from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { PolicyCatalog } from "../../policies/policy-catalog.js";
import { OutboxMonitoringRecords } from "../../records/monitoring/outbox-monitoring-records.js";
import { openSharePointOutbox, type SharePointOutbox } from "../../records/outbox/sharepoint-outbox.js";
import { provisionLists } from "../../records/sharepoint/provision-lists.js";
import { openDatabase, type SqliteDatabase } from "../../records/sqlite/database.js";
import { loadConfig } from "../../server/config.js";
import { errorMiddleware } from "../../server/http-errors.js";
import type { ReportCreated } from "../../tab/api/api-types.js";
import type { MonitoringNotice, MonitoringRecord, ReportList } from "../../tab/api/headteacher/headteacher-types.js";
import { createTabFrontDoor } from "../../tab/api/tab-front-door.js";
import type { GraphStandIn } from "../support/graph-stand-in/graph-stand-in.js";
import { FakeEntra, SAM_TEACHER, tenantEnv, type TestPerson } from "../support/tokens.js";
import { graphFor, recordIdCounts, startStandIn, SteppingClock, TENANT, tempDir } from "../records/support/sharepoint-fixture.js";
import { CampaignDouble, HEAD_BY_ID, TECH_BY_ID } from "./support/headteacher-fixtures.js";
import { validReportBody } from "./report-bodies.js";
import { RecordingAlerts } from "./tab-api-harness.js";

describe("the restricted records in tenant mode (tab API, outbox, Graph stand-in)", () => {
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
    const monitoring = new OutboxMonitoringRecords(sharePoint.outbox, sharePoint.lists, () => clock.now());
    const app = express();
    app.use(
      createTabFrontDoor({ config, records: sharePoint.store, alerts: new RecordingAlerts(), policies: PolicyCatalog.load(config.policiesDir), clock, log, campaign: new CampaignDouble([SAM_TEACHER]), monitoring }),
    );
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

  async function call<T>(person: TestPerson, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const token = await entra.mint({ person }, clock.now());
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) };
    const response = await fetch(url + path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    return { status: response.status, body: (response.headers.get("content-type")?.startsWith("application/json") ? JSON.parse(text) : text) as T };
  }

  it("writes the headteacher's monitoring record and its closure to the restricted list once, and reads the notice back from it", async () => {
    const request = {
      formId: "6d5e4f3a-0000-4000-8000-000000000001",
      employeeId: SAM_TEACHER.id,
      reason: "Suspected forwarding of pupil records to a personal address",
      from: "2026-11-02",
      to: "2026-11-13",
      requestedOf: "The email provider",
      requestedOn: "2026-10-30",
    };
    const created = await call<MonitoringRecord>(HEAD_BY_ID, "POST", "/api/headteacher/monitoring", request);
    assert.equal(created.status, 201);
    assert.equal((await call(HEAD_BY_ID, "POST", "/api/headteacher/monitoring", request)).status, 200, "the same form again");
    standIn.faults.push({ scope: "request", kind: 429, retryAfterSeconds: 4, times: 2 });
    await sharePoint.writer.drainUntilIdle();
    assert.deepEqual([...recordIdCounts(standIn, "AUP monitoring record").entries()], [[created.body.recordId, 1]]);

    const closed = await call<MonitoringRecord>(HEAD_BY_ID, "POST", `/api/headteacher/monitoring/${created.body.recordId}/close`, { outcome: "No forwarding found." });
    assert.equal(closed.body.state, "Closed");
    await sharePoint.writer.drainUntilIdle();
    const item = standIn.items("AUP monitoring record")[0];
    assert.deepEqual([item?.fields.State, item?.fields.Outcome, item?.fields.ClosedByName], ["Closed", "No forwarding found.", HEAD_BY_ID.displayName]);
    const elsewhere = standIn.lists.lists.filter((list) => list.displayName !== "AUP monitoring record" && JSON.stringify(list.items).includes("forwarding"));
    assert.deepEqual(elsewhere, []);

    const notice = await call<MonitoringNotice>(HEAD_BY_ID, "GET", `/api/headteacher/monitoring/${created.body.recordId}/notice`);
    assert.equal(notice.status, 200);
    assert.equal(notice.body.reasons, request.reason);
    assert.equal(notice.body.outcome, "No forwarding found.");
    assert.equal((await call(TECH_BY_ID, "GET", `/api/headteacher/monitoring/${created.body.recordId}/notice`)).status, 404);
  });

  it("files a safeguarding concern from the tab into the safeguarding list, and the IT technician's list still leaves it out", async () => {
    const filed = await call<ReportCreated>(SAM_TEACHER, "POST", "/api/reports", validReportBody("pupil-contact", clock.now()));
    const routine = await call<ReportCreated>(SAM_TEACHER, "POST", "/api/reports", validReportBody("lost-equipment", clock.now()));
    assert.deepEqual([filed.status, routine.status], [201, 201]);
    standIn.faults.push({ scope: "request", kind: "drop-after", times: 1 });
    await sharePoint.writer.drainUntilIdle();
    const concernId = filed.body.report.recordId;
    assert.deepEqual([...recordIdCounts(standIn, "AUP safeguarding concerns").entries()], [[concernId, 1]]);
    assert.equal(recordIdCounts(standIn, "AUP incident reports").has(concernId), false);
    assert.equal(recordIdCounts(standIn, "AUP incident reports").get(routine.body.report.recordId), 1);

    const headsView = await call<ReportList>(HEAD_BY_ID, "GET", "/api/headteacher/reports");
    assert.ok(headsView.body.reports.some((r) => r.recordId === concernId), "the headteacher reads it from its own list");
    const techView = await call<ReportList>(TECH_BY_ID, "GET", "/api/headteacher/reports");
    assert.equal(techView.body.reports.some((r) => r.recordId === concernId), false);
  });
});
