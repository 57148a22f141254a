// Run as a child process by the crash test: drains the outbox in DATA_DIR into the stand-in at STAND_IN_URL.
import { openSharePointOutbox } from "../../../records/outbox/sharepoint-outbox.js";
import { openDatabase } from "../../../records/sqlite/database.js";
import { TENANT, graphFor } from "./sharepoint-fixture.js";

const [dataDir, standInUrl] = process.argv.slice(2);
if (!dataDir || !standInUrl) throw new Error("usage: drain-outbox-child.ts DATA_DIR STAND_IN_URL");

const db = openDatabase(dataDir);
const graph = graphFor({ url: standInUrl, graphBaseUrl: `${standInUrl}/v1.0` }, undefined, 1_000_000, {
  baseMs: 20,
  maxMs: 200,
  random: Math.random,
});
const { writer, outbox } = openSharePointOutbox(db, graph, { siteId: TENANT.siteId, log: console });
await writer.drainUntilIdle();
console.info(JSON.stringify(outbox.counts()));
db.close();
