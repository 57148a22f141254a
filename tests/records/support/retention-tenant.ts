// For a describe block on retention in tenant mode: a provisioned Graph stand-in, a stepping clock and a data folder
// per test, and `open()`, which opens (or, after a pretend restart, reopens) the app's database, its SharePoint
// outbox and a retention job over them, logging into `logged`.
import fs from "node:fs";
import { openSharePointOutbox, type SharePointOutbox } from "../../../records/outbox/sharepoint-outbox.js";
import { OutboxRecordDeleter } from "../../../records/retention/record-deleter.js";
import { RetentionJob, type RetentionJobDeps } from "../../../records/retention/retention-job.js";
import { DEFAULT_RETENTION_MONTHS } from "../../../records/retention/retention-policy.js";
import { provisionLists } from "../../../records/sharepoint/provision-lists.js";
import { openDatabase, type SqliteDatabase } from "../../../records/sqlite/database.js";
import type { GraphStandIn } from "../../support/graph-stand-in/graph-stand-in.js";
import { graphFor, SteppingClock, startStandIn, TENANT, tempDir } from "./sharepoint-fixture.js";

export interface RetentionTenant {
  readonly standIn: GraphStandIn;
  readonly clock: SteppingClock;
  readonly sharePoint: SharePointOutbox;
  readonly logged: string[];
  /** `more` adds to the job's dependencies, given the outbox just opened (e.g. the monitoring records). */
  open(more?: (sharePoint: SharePointOutbox) => Partial<RetentionJobDeps>): RetentionJob;
}

export function retentionTenant(): RetentionTenant {
  let dataDir = "";
  let db: SqliteDatabase | undefined;
  const held = { logged: [] as string[] } as { -readonly [K in keyof RetentionTenant]: RetentionTenant[K] };
  held.open = (more) => {
    db?.close(); // a restart: the process that had it open is gone
    db = openDatabase(dataDir);
    const { clock } = held;
    held.sharePoint = openSharePointOutbox(db, graphFor(held.standIn, clock), { siteId: TENANT.siteId, log: { info: () => undefined, error: () => undefined }, clock, sleep: clock.sleep });
    return new RetentionJob({
      records: held.sharePoint.store,
      deleter: new OutboxRecordDeleter(held.sharePoint.outbox, () => clock.now()),
      periods: DEFAULT_RETENTION_MONTHS,
      clock,
      log: { info: (message) => void held.logged.push(message), error: (message) => void held.logged.push(message) },
      ...more?.(held.sharePoint),
    });
  };
  beforeEach(async () => {
    held.standIn = await startStandIn();
    held.clock = new SteppingClock();
    await provisionLists(graphFor(held.standIn, held.clock), TENANT.siteId);
    dataDir = tempDir();
    held.logged.length = 0;
  });
  afterEach(async () => {
    db?.close();
    db = undefined;
    await held.standIn.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return held;
}
