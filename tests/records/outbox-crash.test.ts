import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { openDatabase } from "../../records/sqlite/database.js";
import { openSharePointOutbox } from "../../records/outbox/sharepoint-outbox.js";
import { provisionLists } from "../../records/sharepoint/provision-lists.js";
import type { GraphStandIn } from "../support/graph-stand-in/graph-stand-in.js";
import { SteppingClock, TENANT, graphFor, makeAcknowledgement, recordIdCounts, startStandIn, tempDir } from "./support/sharepoint-fixture.js";

const CHILD = path.resolve(import.meta.dirname, "support/drain-outbox-child.ts");

function drainInChild(dataDir: string, standIn: GraphStandIn): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, dataDir, standIn.url], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

describe("outbox writer killed half way through draining", function () {
  this.timeout(60_000);
  let standIn: GraphStandIn;
  beforeEach(async () => (standIn = await startStandIn()));
  afterEach(() => standIn.close());

  it("after SIGKILL and a restart, every record lands exactly once", async () => {
    const clock = new SteppingClock();
    await provisionLists(graphFor(standIn, clock), TENANT.siteId);
    const dataDir = tempDir();
    const db = openDatabase(dataDir);
    const { store } = openSharePointOutbox(db, graphFor(standIn, clock), { siteId: TENANT.siteId, log: console, clock });
    const ids: string[] = [];
    for (let n = 0; n < 400; n++) {
      const ack = makeAcknowledgement(n);
      await store.saveAcknowledgement(ack);
      ids.push(ack.recordId);
    }
    db.close();

    // On the 8th batch SharePoint has created the items, but the answer is held until the writer is dead.
    let release = (): void => undefined;
    const eighthBatch = new Promise<void>((reached) => {
      standIn.onBatch = (batch) => (batch === 8 ? new Promise<void>((resolve) => ((release = resolve), reached())) : undefined);
    });
    const first = drainInChild(dataDir, standIn);
    await eighthBatch;
    first.child.kill("SIGKILL");
    const [, signal] = (await once(first.child, "exit")) as [number | null, string | null];
    assert.equal(signal, "SIGKILL");
    release();
    standIn.onBatch = undefined;
    const landedBeforeRestart = recordIdCounts(standIn, "AUP acknowledgements").size;
    assert.equal(landedBeforeRestart, 160, "eight batches of twenty were in SharePoint when the writer died");

    const second = drainInChild(dataDir, standIn);
    const [code] = (await once(second.child, "exit")) as [number | null];
    assert.equal(code, 0, second.output());
    assert.match(second.output(), /"pending":0,"done":400,"parked":0/);

    const counts = recordIdCounts(standIn, "AUP acknowledgements");
    assert.equal(counts.size, 400);
    for (const id of ids) assert.equal(counts.get(id), 1, `item ${id}`);
  });
});
