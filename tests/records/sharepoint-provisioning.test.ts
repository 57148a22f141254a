import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createGraphApi } from "../../records/graph/create-graph-api.js";
import { provisionLists } from "../../records/sharepoint/provision-lists.js";
import { ACKNOWLEDGEMENTS_LIST, ALL_LISTS, REPORTS_LIST, type ListSchema } from "../../records/sharepoint/list-schemas.js";
import type { GraphStandIn } from "../support/graph-stand-in/graph-stand-in.js";
import { SteppingClock, TENANT, graphFor, startStandIn, tempDir } from "./support/sharepoint-fixture.js";

describe("SharePoint provisioning", () => {
  let standIn: GraphStandIn;
  beforeEach(async () => (standIn = await startStandIn()));
  afterEach(() => standIn.close());

  const snapshot = (s: GraphStandIn) =>
    s.lists.lists.map((list) => ({
      id: list.id,
      displayName: list.displayName,
      columns: list.columns.map((c) => ({ id: c.id, name: c.name, indexed: c.indexed, unique: c.enforceUniqueValues })),
    }));

  it("creates the six lists with typed, indexed columns and a unique RecordId, and a second run changes nothing", async () => {
    const graph = graphFor(standIn, new SteppingClock());
    const first = await provisionLists(graph, TENANT.siteId);
    assert.deepEqual(first, [
      { list: "AUP acknowledgements", change: "created list" },
      { list: "AUP incident reports", change: "created list" },
      { list: "AUP laptop loans", change: "created list" },
      { list: "AUP staff status", change: "created list" },
      { list: "AUP safeguarding concerns", change: "created list" },
      { list: "AUP monitoring record", change: "created list" },
    ]);
    const afterFirst = snapshot(standIn);
    const acks = afterFirst.find((list) => list.displayName === "AUP acknowledgements");
    assert.deepEqual(acks?.columns.find((c) => c.name === "RecordId"), { id: acks?.columns.find((c) => c.name === "RecordId")?.id, name: "RecordId", indexed: true, unique: true });
    for (const name of ["PersonId", "PolicyId", "Cycle"]) assert.equal(acks?.columns.find((c) => c.name === name)?.indexed, true, name);
    const reports = standIn.lists.find("AUP incident reports");
    assert.equal(reports?.columns.find((c) => c.name === "Status")?.choice !== undefined, true);
    assert.equal(reports?.columns.find((c) => c.name === "ReportedAt")?.dateTime !== undefined, true);
    assert.equal(reports?.template, "genericList");
    const staffStatus = standIn.lists.find("AUP staff status");
    assert.deepEqual(
      ["RecordId", "PersonId", "Cycle", "ReachState"].map((name) => staffStatus?.columns.find((c) => c.name === name)?.indexed),
      [true, true, true, true],
    );
    assert.equal(staffStatus?.columns.find((c) => c.name === "RecordId")?.enforceUniqueValues, true, "one item per person per year");

    // The restricted lists: a safeguarding concern has every column a report has; a monitoring record is one item per request.
    assert.deepEqual(standIn.lists.find("AUP safeguarding concerns")?.columns.map((c) => c.name), reports?.columns.map((c) => c.name));
    const monitoring = standIn.lists.find("AUP monitoring record");
    assert.deepEqual(
      ["RecordId", "State", "EmployeeId"].map((name) => monitoring?.columns.find((c) => c.name === name)?.indexed),
      [true, true, true],
    );
    assert.equal(monitoring?.columns.find((c) => c.name === "RecordId")?.enforceUniqueValues, true);

    const second = await provisionLists(graph, TENANT.siteId);
    assert.deepEqual(second, []);
    assert.deepEqual(snapshot(standIn), afterFirst);
  });

  it("adds a column a later version introduces, and indexes a column a new filter uses", async () => {
    const graph = graphFor(standIn, new SteppingClock());
    await provisionLists(graph, TENANT.siteId);
    const later: ListSchema = {
      ...REPORTS_LIST,
      columns: [
        ...REPORTS_LIST.columns.map((c) => (c.name === "ReportKind" ? { ...c, indexed: true } : c)),
        { name: "Handler", displayName: "Handled by", description: "Who is handling it.", type: { kind: "text" }, indexed: false, unique: false },
      ],
    };
    const changes = await provisionLists(graph, TENANT.siteId, [ACKNOWLEDGEMENTS_LIST, later]);
    assert.deepEqual(changes, [
      { list: "AUP incident reports", change: "indexed column", column: "ReportKind" },
      { list: "AUP incident reports", change: "added column", column: "Handler" },
    ]);
    const reports = standIn.lists.find("AUP incident reports");
    assert.equal(reports?.columns.find((c) => c.name === "ReportKind")?.indexed, true);
    assert.equal(reports?.columns.filter((c) => c.name === "Handler").length, 1);
    assert.deepEqual(await provisionLists(graph, TENANT.siteId, [ACKNOWLEDGEMENTS_LIST, later]), []);
  });

  it("gets its token from Entra through msal-node once and reuses it", async () => {
    const graph = graphFor(standIn, new SteppingClock());
    await provisionLists(graph, TENANT.siteId);
    await provisionLists(graph, TENANT.siteId);
    assert.equal(standIn.counters.tokenRequests, 1);
    assert.ok(standIn.counters.graphRequests > 2);
  });

  it("says clearly when the app's secret is wrong", async () => {
    const bad = await startStandIn({ clientSecret: "a-different-secret" });
    try {
      await assert.rejects(provisionLists(graphFor(bad, new SteppingClock()), TENANT.siteId), /Entra ID refused a token to app .* \(AADSTS7000215\)\. The client secret is wrong .*Fix: create a new client secret \(az ad app credential reset --id 0b8a0c1e-6d3e-4f36-9d5b-6a1c2f0e7a11 .*put it in SECRET_AAD_APP_CLIENT_SECRET/);
      assert.equal(bad.lists.lists.length, 0);
    } finally {
      await bad.close();
    }
  });
});

describe("app-only token with a certificate instead of a secret", () => {
  it("signs a client assertion msal-node sends to Entra, which checks it against the registered key", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const thumbprintSha256 = "3a1f".repeat(16);
    const keyPath = path.join(tempDir(), "graph-app.pem");
    fs.writeFileSync(keyPath, privateKey.export({ type: "pkcs8", format: "pem" }));
    const standIn = await startStandIn({ clientSecret: "not-used", certificate: { publicKey, thumbprintSha256 } });
    try {
      const clock = new SteppingClock();
      const settings = {
        tenantId: TENANT.tenantId,
        clientId: TENANT.clientId,
        authorityHost: standIn.url,
        graphBaseUrl: standIn.graphBaseUrl,
        clock,
        sleep: clock.sleep,
      };
      const graph = createGraphApi({ ...settings, credential: { kind: "certificate", privateKeyPath: keyPath, thumbprintSha256 } });
      assert.equal((await provisionLists(graph, TENANT.siteId)).length, ALL_LISTS.length);

      const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
      const otherPath = path.join(tempDir(), "other.pem");
      fs.writeFileSync(otherPath, otherKey.export({ type: "pkcs8", format: "pem" }));
      const impostor = createGraphApi({ ...settings, credential: { kind: "certificate", privateKeyPath: otherPath, thumbprintSha256 } });
      await assert.rejects(provisionLists(impostor, TENANT.siteId), /The certificate was not accepted .*Fix: upload the certificate's public part/);
    } finally {
      await standIn.close();
    }
  });
});
