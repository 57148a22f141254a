import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { loadConfig } from "../../server/config.js";
import { startApp, type RunningApp } from "../../server/start.js";
import { OutboxRecordStore } from "../../records/outbox/outbox-record-store.js";
import { SqliteRecordStore } from "../../records/sqlite/sqlite-record-store.js";
import { provisionForConfig } from "../../infra/sharepoint/provision.js";
import type { GraphStandIn } from "../support/graph-stand-in/graph-stand-in.js";
import { eventually } from "../support/eventually.js";
import { makeAcknowledgement, makeReport, startStandIn, tempDir, tenantEnv } from "./support/sharepoint-fixture.js";

const quiet = { info: () => undefined, error: () => undefined };

describe("tenant mode: the app records to SharePoint", () => {
  let standIn: GraphStandIn;
  let app: RunningApp | undefined;
  beforeEach(async () => (standIn = await startStandIn()));
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await standIn.close();
  });

  it("provisions from the configuration, then the running app drains what people record into the lists", async () => {
    const config = loadConfig(tenantEnv(standIn, tempDir()));
    const printed: string[] = [];
    await provisionForConfig(config, (line) => printed.push(line));
    assert.deepEqual(printed.slice(1), [
      "- AUP acknowledgements: created list",
      "- AUP incident reports: created list",
      "- AUP laptop loans: created list",
      "- AUP staff status: created list",
      "- AUP safeguarding concerns: created list",
      "- AUP monitoring record: created list",
      ...standIn.lists.lists.map((list) => `  ${list.displayName}: list id ${list.id}`),
      "Done: 6 change(s).",
      'Now restrict "AUP safeguarding concerns" by hand: infra/README.md, "Restrict the two private lists".',
      'Now restrict "AUP monitoring record" by hand: infra/README.md, "Restrict the two private lists".',
    ]);

    app = await startApp(config, { log: quiet });
    const records = app.services.records;
    assert.ok(records instanceof OutboxRecordStore);
    const ack = makeAcknowledgement(3);
    const report = makeReport();
    assert.deepEqual(await records.saveAcknowledgement(ack), { created: true });
    await records.saveReport(report);

    await eventually(() => standIn.items("AUP acknowledgements").length === 1 && standIn.items("AUP incident reports").length === 1, Boolean, "both records in SharePoint");
    assert.equal(standIn.items("AUP acknowledgements")[0]?.fields.RecordId, ack.recordId);
    assert.equal(standIn.items("AUP incident reports")[0]?.fields.Title, "Lost: Dell Latitude 5440 (SN 7XK2)");
    assert.deepEqual((await records.listAcknowledgements({ personId: ack.person.id })).map((a) => a.recordId), [ack.recordId]);

    const again: string[] = [];
    await provisionForConfig(config, (line) => again.push(line));
    assert.equal(again.at(-1), "Done: the lists were already up to date; nothing changed.");
  });

  it("keeps what was recorded while SharePoint was unreachable and writes it after a restart", async () => {
    const dataDir = tempDir();
    const config = loadConfig(tenantEnv(standIn, dataDir));
    await provisionForConfig(config, () => undefined);
    standIn.faults.push({ scope: "request", kind: 503, retryAfterSeconds: 1, times: 1_000 });
    app = await startApp(config, { log: quiet });
    const ack = makeAcknowledgement(4);
    await app.services.records.saveAcknowledgement(ack);
    await eventually(() => standIn.counters.graphRequests > 0, Boolean, "a first attempt");
    const health = (await (await fetch(`${app.url}/healthz`)).json()) as { status: string; mode: string; outbox: unknown; sharePoint: { lastProblem?: string } };
    // A minute of outage is not yet "degraded" (that takes minutes), but what SharePoint said is already shown.
    assert.deepEqual([health.status, health.mode, health.outbox], ["ok", "tenant", { pending: 1, done: 0, parked: 0 }]);
    await eventually(async () => ((await (await fetch(`${app?.url}/healthz`)).json()) as typeof health).sharePoint.lastProblem, Boolean, "the outage shown");
    await app.close();
    app = undefined;
    assert.equal(standIn.items("AUP acknowledgements").length, 0);

    standIn.faults.length = 0;
    app = await startApp(loadConfig(tenantEnv(standIn, dataDir)), { log: quiet });
    await eventually(() => standIn.items("AUP acknowledgements").length === 1, Boolean, "the acknowledgement written after restart");
  });

  it("without the tenant settings, stays on the embedded store and provisioning says what it needs", async () => {
    const config = loadConfig({ PORT: "0", DATA_DIR: tempDir() });
    app = await startApp(config, { log: quiet });
    assert.ok(app.services.records instanceof SqliteRecordStore);
    await assert.rejects(provisionForConfig(config, () => undefined), /^ProvisioningSetupError: Provisioning needs the tenant settings: SHAREPOINT_SITE_ID/);
  });

  it("npm run provision prints a clear error and exits 1 in local mode", async () => {
    const run = promisify(execFile)("npm", ["run", "--silent", "provision"], { env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    await assert.rejects(run, (error: { code?: number; stderr?: string }) => {
      assert.equal(error.code, 1);
      assert.match(error.stderr ?? "", /Provisioning needs the tenant settings/);
      return true;
    });
  });
});
