// Deciding from the headteacher's page in tenant mode: the decider's roles come from the Entra token's app roles
// (not only the configured ids), and the decision reaches the SharePoint list (Graph stand-in) and is read back.
import assert from "node:assert/strict";
import fs from "node:fs";
import express from "express";
import { PolicyCatalog } from "../../policies/policy-catalog.js";
import { RequestDecisionService } from "../../records/decision-service.js";
import type { SharePointOutbox } from "../../records/outbox/sharepoint-outbox.js";
import type { IncidentReport } from "../../records/types.js";
import { loadConfig } from "../../server/config.js";
import { errorMiddleware } from "../../server/http-errors.js";
import type { ReportInFull, ReportList } from "../../tab/api/headteacher/headteacher-types.js";
import { createTabFrontDoor } from "../../tab/api/tab-front-door.js";
import type { GraphStandIn } from "../support/graph-stand-in/graph-stand-in.js";
import { FakeEntra, tenantEnv, type TestPerson } from "../support/tokens.js";
import { makeReport, SharePointTestBed, type SteppingClock, tempDir } from "../records/support/sharepoint-fixture.js";
import { RecordingAlerts } from "../tab/tab-api-harness.js";
import { serveOnLoopback, type LoopbackServer } from "./loopback-server.js";

/** Not in HEADTEACHER_/IT_TECHNICIAN_AAD_OBJECT_ID: only the app role in their token says who they are. */
const DEPUTY_AS_HEAD: TestPerson = { id: "0c0ffee0-0000-4000-8000-0000000000d1", displayName: "Mr Deputy", upn: "deputy@test-school.example" };
const TECHNICIAN_BY_ROLE: TestPerson = { id: "0c0ffee0-0000-4000-8000-0000000000d2", displayName: "Ms Bytes", upn: "bytes@test-school.example" };
const REPORTS = "AUP incident reports";

describe("deciding a request in tenant mode (Entra app roles, SharePoint through the Graph stand-in)", () => {
  let bed: SharePointTestBed;
  let standIn: GraphStandIn;
  let entra: FakeEntra;
  let dataDir: string;
  let sharePoint: SharePointOutbox;
  let server: LoopbackServer;
  let clock: SteppingClock;
  const told: IncidentReport[] = [];

  before(async () => {
    bed = await SharePointTestBed.start();
    ({ standIn, clock, sharePoint } = bed);
    entra = await FakeEntra.start();
    dataDir = tempDir();
    const log = { info: () => undefined, error: () => undefined };
    const config = loadConfig(tenantEnv(entra, dataDir), process.cwd());
    const decisions = new RequestDecisionService(sharePoint.store, clock, { decided: (report) => void told.push(report), expired: () => undefined });
    const app = express();
    app.use(createTabFrontDoor({ config, records: sharePoint.store, alerts: new RecordingAlerts(), policies: PolicyCatalog.load(config.policiesDir), clock, log, decisions }));
    app.use(errorMiddleware(() => undefined));
    server = await serveOnLoopback(app);
  });
  after(async () => {
    await server.close();
    await bed.close();
    await entra.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function call<T>(person: TestPerson, role: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const token = await entra.mint({ person, claims: { roles: [role] } }, clock.now());
    const response = await fetch(server.url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  it("takes the decider's role from the token, writes the decision to the list, and reads it back from SharePoint", async () => {
    const laptop = makeReport({ kind: "software-change", summary: "Add software: Audacity 3.7 on CCS-LT-014", urgent: false, details: { change: "add-software", item: "Audacity 3.7", laptop: "CCS-LT-014", why: "Radio play" } });
    const ownDevice = makeReport({ kind: "personal-equipment", summary: "Own device on the network (school wi-fi): My own iPad", urgent: false, details: { device: "My own iPad", connection: "wifi", why: "Assembly", protected: true } });
    await sharePoint.store.saveReport(laptop);
    await sharePoint.store.saveReport(ownDevice);
    await sharePoint.writer.drainUntilIdle();

    const notTheirs = await call<{ error: { message: string } }>(TECHNICIAN_BY_ROLE, "ITTechnician", "POST", `/api/headteacher/reports/${ownDevice.recordId}/decision`, { outcome: "approved" });
    assert.equal(notTheirs.status, 403);
    assert.equal(notTheirs.body.error.message, "Only the headteacher can decide this request (policy 11.2).");
    const byTechnician = await call<ReportInFull>(TECHNICIAN_BY_ROLE, "ITTechnician", "POST", `/api/headteacher/reports/${laptop.recordId}/decision`, { outcome: "approved", conditions: "From the software centre" });
    assert.equal(byTechnician.status, 200);
    const byDeputy = await call<ReportInFull>(DEPUTY_AS_HEAD, "Headteacher", "POST", `/api/headteacher/reports/${ownDevice.recordId}/decision`, { outcome: "declined", reason: "Use a school iPad" });
    assert.equal(byDeputy.status, 200);
    assert.deepEqual(told.map((report) => report.recordId), [laptop.recordId, ownDevice.recordId]);

    await sharePoint.writer.drainUntilIdle();
    const item = (recordId: string) => standIn.items(REPORTS).find((candidate) => candidate.fields.RecordId === recordId)?.fields ?? {};
    assert.deepEqual([item(laptop.recordId).Decision, item(laptop.recordId).DecidedBy, item(laptop.recordId).DecisionConditions], ["Approved", "Ms Bytes", "From the software centre"]);
    assert.deepEqual([item(ownDevice.recordId).Decision, item(ownDevice.recordId).DecidedBy, item(ownDevice.recordId).DecisionReason], ["Declined", "Mr Deputy", "Use a school iPad"]);
    assert.equal(item(ownDevice.recordId).Status, "Closed");

    // A fresh read of the list, past the page's short cache.
    await clock.sleep(120_000);
    const list = await call<ReportList>(DEPUTY_AS_HEAD, "Headteacher", "GET", "/api/headteacher/reports");
    const shown = new Map(list.body.reports.map((row) => [row.recordId, row.decision?.line]));
    assert.equal(shown.get(laptop.recordId), "Approved by Ms Bytes on 2 November 2026");
    assert.equal(shown.get(ownDevice.recordId), "Declined by Mr Deputy on 2 November 2026");
    const again = await call<{ error: { message: string } }>(DEPUTY_AS_HEAD, "Headteacher", "POST", `/api/headteacher/reports/${laptop.recordId}/decision`, { outcome: "declined", reason: "No" });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.message, "Already approved by Ms Bytes on 2 November 2026.");
  });
});
