import assert from "node:assert/strict";
import { openDatabase, type SqliteDatabase } from "../../records/sqlite/database.js";
import { openSharePointOutbox, type SharePointOutbox } from "../../records/outbox/sharepoint-outbox.js";
import { provisionLists } from "../../records/sharepoint/provision-lists.js";
import { ALL_LISTS } from "../../records/sharepoint/list-schemas.js";
import { SharePointHealth } from "../../records/outbox/sharepoint-health.js";
import type { GraphStandIn } from "../support/graph-stand-in/graph-stand-in.js";
import { SteppingClock, TENANT, graphFor, makeAcknowledgement, recordIdCounts, startStandIn, tempDir } from "./support/sharepoint-fixture.js";

const ACKS = "AUP acknowledgements";

/**
 * The faults an admin meets in a real tenant, against the Graph stand-in, on a clock that moves only when the
 * test says: the secret expires, the Sites.Selected grant is revoked, the headteacher renames a list.
 */
describe("SharePoint writes when the tenant's set-up breaks and is fixed", () => {
  let standIn: GraphStandIn;
  let db: SqliteDatabase;
  let clock: SteppingClock;
  let sharePoint: SharePointOutbox;
  let health: SharePointHealth;
  const logged: string[] = [];

  beforeEach(async () => {
    standIn = await startStandIn();
    clock = new SteppingClock();
    const graph = graphFor(standIn, clock);
    await provisionLists(graph, TENANT.siteId);
    db = openDatabase(tempDir());
    logged.length = 0;
    const log = {
      info: (message: string) => logged.push(`info: ${message}`),
      warn: (message: string) => logged.push(`warn: ${message}`),
      error: (message: string) => logged.push(`error: ${message}`),
    };
    health = new SharePointHealth(clock, log);
    sharePoint = openSharePointOutbox(db, graph, { siteId: TENANT.siteId, log, clock, sleep: clock.sleep, health });
  });
  afterEach(async () => {
    db.close();
    await standIn.close();
  });

  async function save(from: number, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let n = from; n < from + count; n++) {
      const ack = makeAcknowledgement(n);
      await sharePoint.store.saveAcknowledgement(ack);
      ids.push(ack.recordId);
    }
    return ids;
  }

  /** The background writer's rounds, as time passes in steps of 5 s. */
  async function runFor(ms: number): Promise<void> {
    for (let waited = 0; waited < ms; waited += 5_000) {
      while ((await sharePoint.writer.drainOnce()) > 0) {
        /* every write due now */
      }
      await clock.sleep(5_000);
    }
  }

  function report(): ReturnType<SharePointHealth["report"]> {
    const counts = sharePoint.outbox.counts();
    const oldestPendingAt = sharePoint.outbox.oldestPendingAt();
    return health.report({ pending: counts.pending, parked: counts.parked, ...(oldestPendingAt ? { oldestPendingAt } : {}) });
  }

  it("an expired secret: degraded within minutes with the fix, then, once renewed, a fresh token and every write within a minute", async () => {
    await save(0, 2);
    await runFor(5_000);
    assert.equal(standIn.items(ACKS).length, 2);
    const tokensBefore = standIn.counters.tokenRequests;

    // The secret passes its end date: Graph refuses the cached token, and Entra refuses a new one.
    standIn.secretExpired = true;
    standIn.revokeTokens();
    const waiting = await save(2, 11);
    await runFor(60_000);
    assert.equal(report().status, "ok", "a minute of refusals is not yet degraded");
    await runFor(3 * 60_000);
    const degraded = report();
    assert.equal(degraded.status, "degraded");
    assert.match(degraded.reasons.join(" "), /refused or been unreachable for 4 minute\(s\): .*AADSTS7000222\)\. The client secret has expired\. Fix: create a new client secret/);
    assert.ok(standIn.counters.tokenRequests > tokensBefore, "after the 401 the app asked Entra for a new token, not the cached one again");
    assert.equal(sharePoint.outbox.counts().parked, 0, "401 is never parked: the writes wait");
    assert.ok(logged.some((line) => line.startsWith("error: SharePoint writes are failing:") && line.includes("SECRET_AAD_APP_CLIENT_SECRET")), "logged, naming the setting");

    // The admin renews the secret; no restart.
    standIn.secretExpired = false;
    await runFor(60_000);
    const counts = recordIdCounts(standIn, ACKS);
    for (const id of waiting) assert.equal(counts.get(id), 1, `${id} written exactly once`);
    assert.equal(report().status, "ok");
    assert.ok(logged.some((line) => line.includes("accepting the app's writes again")));
  });

  it("a revoked Sites.Selected grant: degraded with the exact grant to run, then every write within a minute of the grant returning", async () => {
    standIn.siteRole = "none";
    const waiting = await save(0, 11);
    await runFor(4 * 60_000);
    const degraded = report();
    assert.equal(degraded.status, "degraded");
    assert.match(degraded.fix ?? "", /POST https:\/\/graph\.microsoft\.com\/v1\.0\/sites\/contoso\.sharepoint\.com,.*\/permissions with body \{"roles":\["manage"\]/);
    assert.match(degraded.lastProblem ?? "", /403 accessDenied Access denied/);
    assert.equal(sharePoint.outbox.counts().pending, 11);

    standIn.siteRole = "write";
    const fixedAt = clock.now().getTime();
    while (recordIdCounts(standIn, ACKS).size < waiting.length && clock.now().getTime() - fixedAt < 5 * 60_000) await runFor(5_000);
    assert.ok(clock.now().getTime() - fixedAt <= 60_000, `all arrived ${(clock.now().getTime() - fixedAt) / 1000} s after the grant returned`);
    assert.equal(recordIdCounts(standIn, ACKS).size, 11);
  });

  it("a write older than the threshold makes it degraded even while SharePoint answers", async () => {
    standIn.faults.push({ scope: "request", kind: 503, retryAfterSeconds: 30, times: 1_000, when: (method) => method === "POST" });
    await save(0, 1);
    // Retry-After keeps the writer polite; 503 for 20 minutes is both a lasting refusal and an old write.
    await runFor(20 * 60_000);
    const reasons = report().reasons.join(" ");
    assert.match(reasons, /The oldest write has waited 20 minute\(s\) for SharePoint \(1 waiting\)/);
  });

  it("a list renamed by the headteacher loses no write, and provisioning again makes no second list", async () => {
    await save(0, 3);
    await runFor(5_000);
    standIn.lists.rename(ACKS, "Staff AUP sign-offs");
    // A new process (restart) looks the list up again: by URL name, which a rename does not change.
    const fresh = openSharePointOutbox(db, graphFor(standIn, clock), { siteId: TENANT.siteId, log: { info: () => undefined, error: () => undefined }, clock, sleep: clock.sleep });
    const later = makeAcknowledgement(7);
    await fresh.store.saveAcknowledgement(later);
    await fresh.writer.drainUntilIdle();
    assert.equal(recordIdCounts(standIn, "Staff AUP sign-offs").get(later.recordId), 1);
    assert.equal(standIn.items("Staff AUP sign-offs").length, 4);

    const changes = await provisionLists(graphFor(standIn, clock), TENANT.siteId);
    assert.deepEqual(changes, []);
    assert.equal(standIn.lists.lists.length, ALL_LISTS.length, "still one list per schema");
    assert.equal(standIn.lists.find(ACKS), undefined, "no new list under the old title");
  });
});
