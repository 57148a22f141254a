import assert from "node:assert/strict";
import { provisionLists } from "../../records/sharepoint/provision-lists.js";
import { ACKNOWLEDGEMENTS_LIST, REPORTS_LIST, type ListSchema } from "../../records/sharepoint/list-schemas.js";
import type { GraphStandIn } from "../support/graph-stand-in/graph-stand-in.js";
import { SteppingClock, TENANT, graphFor, startStandIn } from "./support/sharepoint-fixture.js";

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

  it("creates both lists with typed, indexed columns and a unique RecordId, and a second run changes nothing", async () => {
    const graph = graphFor(standIn, new SteppingClock());
    const first = await provisionLists(graph, TENANT.siteId);
    assert.deepEqual(first, [
      { list: "AUP acknowledgements", change: "created list" },
      { list: "AUP incident reports", change: "created list" },
    ]);
    const afterFirst = snapshot(standIn);
    const acks = afterFirst.find((list) => list.displayName === "AUP acknowledgements");
    assert.deepEqual(acks?.columns.find((c) => c.name === "RecordId"), { id: acks?.columns.find((c) => c.name === "RecordId")?.id, name: "RecordId", indexed: true, unique: true });
    for (const name of ["PersonId", "PolicyId", "Cycle"]) assert.equal(acks?.columns.find((c) => c.name === name)?.indexed, true, name);
    const reports = standIn.lists.find("AUP incident reports");
    assert.equal(reports?.columns.find((c) => c.name === "Status")?.choice !== undefined, true);
    assert.equal(reports?.columns.find((c) => c.name === "ReportedAt")?.dateTime !== undefined, true);
    assert.equal(reports?.template, "genericList");

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
      await assert.rejects(provisionLists(graphFor(bad, new SteppingClock()), TENANT.siteId), /Could not get a Microsoft Graph token for app .*Check AAD_APP_CLIENT_ID/);
      assert.equal(bad.lists.lists.length, 0);
    } finally {
      await bad.close();
    }
  });
});
