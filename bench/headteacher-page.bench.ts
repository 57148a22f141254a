// npm run bench: the headteacher's pages with 1,000 staff and 5,000 records. Server time per page view
// (first view, then a view within the cache's minute) locally over SQLite and in tenant mode over the Graph
// stand-in, with Graph requests per page view; the ratio is against a member of staff's "My records" in
// the same run. The incident log is measured paged (page 1 and the last) beside the whole log in one answer,
// as it was before paging, from the same kind of cached read. Not part of npm test.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { PolicyCatalog } from "../policies/policy-catalog.js";
import { laptopLoanRecordId, type LaptopLoan } from "../records/laptop-loan.js";
import { openSharePointOutbox } from "../records/outbox/sharepoint-outbox.js";
import { provisionLists } from "../records/sharepoint/provision-lists.js";
import { openDatabase } from "../records/sqlite/database.js";
import { SqliteRecordStore } from "../records/sqlite/sqlite-record-store.js";
import { systemClock, type Acknowledgement, type IncidentReport, type RecordStore } from "../records/types.js";
import { academicYearOf } from "../records/cycle.js";
import { loadConfig } from "../server/config.js";
import { errorMiddleware } from "../server/http-errors.js";
import { createTabFrontDoor } from "../tab/api/tab-front-door.js";
import { reportRow } from "../tab/api/headteacher/report-routes.js";
import { CachedRecords } from "../records/read-models/cached-records.js";
import type { StaffEntry } from "../records/read-models/year-at-a-glance.js";
import type { GraphStandIn } from "../tests/support/graph-stand-in/graph-stand-in.js";
import { FakeEntra, tenantEnv } from "../tests/support/tokens.js";
import { graphFor, startStandIn, TENANT, tempDir } from "../tests/records/support/sharepoint-fixture.js";
import { CampaignDouble, HEAD_BY_ID } from "../tests/tab/support/headteacher-fixtures.js";
import { table } from "./text-table.js";

const STAFF = 1_000;
const now = new Date();
const cycle = academicYearOf(now);
const staff: StaffEntry[] = Array.from({ length: STAFF }, (_, n) => ({ id: `0c0ffee0-0000-4000-8000-${String(n + 1).padStart(12, "0")}`, displayName: `Staff Member ${n + 1}` }));
const person = (n: number) => ({ ...(staff[n % STAFF] as StaffEntry), upn: `staff${n % STAFF}@school.example` });

/** 1,800 acknowledgements (nine in ten of 1,000 staff, two documents), 2,200 reports, 1,000 loans: 5,000 records. */
async function seed(store: RecordStore): Promise<void> {
  for (let n = 0; n < 2_000; n++) {
    if ((n >> 1) % 10 === 0) continue; // one in ten still to confirm: the outstanding list has 100 people
    const policyId = n % 2 ? "social-media-guidance" : "acceptable-use-policy";
    const ack: Acknowledgement = { recordId: `ack-${n}`, policyId, policyVersion: "2026.1", cycle, person: person(n >> 1), acknowledgedAt: new Date(now.getTime() - n * 60_000).toISOString(), channel: "teams-bot" };
    await store.saveAcknowledgement(ack);
  }
  for (let n = 0; n < 2_200; n++) {
    const at = new Date(now.getTime() - n * 3_600_000).toISOString();
    const report: IncidentReport = {
      recordId: `rep-${n}`, kind: n % 3 ? "lost-equipment" : "inappropriate-material", reporter: person(n), reportedAt: at, occurredAt: at,
      summary: `Report ${n}`, details: { personalData: n % 5 === 0, recategorise: n % 3 === 0 }, urgent: n % 5 === 0,
      status: n % 4 ? "Closed" : "New", statusChangedAt: at, statusChangedBy: "Head",
    };
    await store.saveReport(report);
  }
  for (let n = 0; n < 1_000; n++) {
    const loan: LaptopLoan = {
      recordId: laptopLoanRecordId(`form-${n}`, "tech"), borrower: person(n), issuedBy: person(0), model: "Dell Latitude 5440", serialNumber: `SN-${n}`,
      assetTag: `CC-${n}`, withBagAndManuals: true, software: ["Windows 11 Education"], additionalSoftware: "", issuedOn: "2026-09-02",
      recordedAt: new Date(now.getTime() - n * 1000).toISOString(), agreementVersion: "2026.1", status: n % 3 ? "Confirmed" : "Awaiting confirmation", confirmedAt: "",
    };
    await store.laptopLoans.save(loan);
  }
}

/** The incident log as it was before paging: every report in one answer, from the same cached read. */
const UNPAGED_REPORTS = "/bench/reports-unpaged";
const PAGES = ["/api/headteacher/glance", UNPAGED_REPORTS, "/api/headteacher/reports", "/api/headteacher/reports?page=44", "/api/headteacher/laptops", "/api/headteacher/governors", "/api/headteacher/retention"];
const LABELS: Readonly<Record<string, string>> = {
  [UNPAGED_REPORTS]: "reports, whole log (before paging)",
  "/api/headteacher/reports": "reports, page 1 of 50",
  "/api/headteacher/reports?page=44": "reports, last page",
};

async function measure(label: string, store: RecordStore, entra: FakeEntra, dataDir: string, standIn?: GraphStandIn): Promise<Record<string, string | number>[]> {
  const config = loadConfig(tenantEnv(entra, dataDir), process.cwd());
  const app = express();
  // The "before" row: the old handler's work (every report as a row, one answer) beside the paged route.
  const unpaged = new CachedRecords(store, systemClock);
  app.get(UNPAGED_REPORTS, async (_req, res) => {
    const now = systemClock.now();
    res.json({ reports: (await unpaged.reports()).map((report) => reportRow(report, now)) });
  });
  app.use(createTabFrontDoor({ config, records: store, alerts: { reportFiled: () => Promise.resolve() }, policies: PolicyCatalog.load(config.policiesDir), clock: systemClock, log: { info: () => undefined, error: () => undefined }, campaign: new CampaignDouble(staff) }));
  app.use(errorMiddleware(() => undefined));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const view = async (path: string, who = HEAD_BY_ID) => {
    const token = await entra.mint({ person: who });
    const graphBefore = standIn?.counters.graphRequests ?? 0;
    const started = performance.now();
    const response = await fetch(url + path, { headers: { authorization: `Bearer ${token}` } });
    const bytes = (await response.arrayBuffer()).byteLength;
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    return { ms: performance.now() - started, bytes, graph: (standIn?.counters.graphRequests ?? 0) - graphBefore };
  };
  // The baseline: a member of staff's own records (indexed by person), what every member of staff opens.
  await view("/api/me/records", { ...HEAD_BY_ID, id: staff[1]?.id ?? "" });
  const baseline = (await view("/api/me/records", { ...HEAD_BY_ID, id: staff[2]?.id ?? "" })).ms;
  const rows: Record<string, string | number>[] = [{ mode: label, page: "staff: /api/me/records (baseline)", "first view ms": baseline.toFixed(1), "cached view ms": "", ratio: "1.0", KiB: "", "Graph requests (first, cached)": "" }];
  for (const path of PAGES) {
    const first = await view(path);
    const again = await view(path);
    rows.push({
      mode: label,
      page: LABELS[path] ?? path.replace("/api/headteacher/", ""),
      "first view ms": first.ms.toFixed(1),
      "cached view ms": again.ms.toFixed(1),
      ratio: (first.ms / baseline).toFixed(1),
      KiB: (first.bytes / 1024).toFixed(0),
      "Graph requests (first, cached)": standIn ? `${first.graph}, ${again.graph}` : "n/a",
    });
  }
  await new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  return rows;
}

const entra = await FakeEntra.start();
const rows: Record<string, string | number>[] = [];
{
  const dataDir = tempDir();
  const db = openDatabase(dataDir);
  const store = new SqliteRecordStore(db);
  await seed(store);
  rows.push(...(await measure("local (SQLite)", store, entra, dataDir)));
  db.close();
}
{
  const standIn = await startStandIn();
  const graph = graphFor(standIn, undefined, 10_000_000);
  await provisionLists(graph, TENANT.siteId);
  const dataDir = tempDir();
  const db = openDatabase(dataDir);
  const { store, writer } = openSharePointOutbox(db, graph, { siteId: TENANT.siteId, log: { info: () => undefined, error: () => undefined } });
  await seed(store);
  await writer.drainUntilIdle();
  rows.push(...(await measure("tenant (Graph stand-in)", store, entra, dataDir, standIn)));
  db.close();
  await standIn.close();
}
await entra.close();
console.info(`The headteacher's pages, ${STAFF.toLocaleString("en-GB")} staff and 5,000 records (server time per page view; ratio = first view / a member of staff's My records)\n`);
console.info(table(rows));
