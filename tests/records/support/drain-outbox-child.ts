// Run as a child process by the crash test: drains the outbox in DATA_DIR into the stand-in at STAND_IN_URL.
import { createGraphApi } from "../../../records/graph/create-graph-api.js";
import { openSharePointOutbox } from "../../../records/outbox/sharepoint-outbox.js";
import { openDatabase } from "../../../records/sqlite/database.js";
import { TENANT } from "./sharepoint-fixture.js";

const [dataDir, standInUrl] = process.argv.slice(2);
if (!dataDir || !standInUrl) throw new Error("usage: drain-outbox-child.ts DATA_DIR STAND_IN_URL");

const db = openDatabase(dataDir);
const graph = createGraphApi({
  tenantId: TENANT.tenantId,
  clientId: TENANT.clientId,
  credential: { kind: "secret", clientSecret: TENANT.clientSecret },
  authorityHost: standInUrl,
  graphBaseUrl: `${standInUrl}/v1.0`,
  resourceUnitsPerMinute: 1_000_000,
  backoff: { baseMs: 20, maxMs: 200, random: Math.random },
});
const { writer, outbox } = openSharePointOutbox(db, graph, { siteId: TENANT.siteId, log: console });
await writer.drainUntilIdle();
console.info(JSON.stringify(outbox.counts()));
db.close();
