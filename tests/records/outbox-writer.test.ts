import assert from "node:assert/strict";
import { openDatabase, type SqliteDatabase } from "../../records/sqlite/database.js";
import { openSharePointOutbox, type SharePointOutbox } from "../../records/outbox/sharepoint-outbox.js";
import { provisionLists } from "../../records/sharepoint/provision-lists.js";
import { ACKNOWLEDGEMENTS_LIST, type ListSchema } from "../../records/sharepoint/list-schemas.js";
import type { GraphStandIn } from "../support/graph-stand-in/graph-stand-in.js";
import { SteppingClock, TENANT, graphFor, makeAcknowledgement, recordIdCounts, startStandIn, tempDir } from "./support/sharepoint-fixture.js";

const ACKS = "AUP acknowledgements";

describe("outbox writer draining into SharePoint", () => {
  let standIn: GraphStandIn;
  let db: SqliteDatabase;
  let clock: SteppingClock;
  let sharePoint: SharePointOutbox;
  const errors: string[] = [];

  beforeEach(async () => {
    standIn = await startStandIn();
    clock = new SteppingClock();
    const graph = graphFor(standIn, clock);
    await provisionLists(graph, TENANT.siteId);
    Object.assign(standIn.counters, { graphRequests: 0, batches: 0, throttled: 0 });
    db = openDatabase(tempDir());
    errors.length = 0;
    const log = { info: () => undefined, error: (message: string) => errors.push(message) };
    sharePoint = openSharePointOutbox(db, graph, { siteId: TENANT.siteId, log, clock, sleep: clock.sleep });
  });
  afterEach(async () => {
    db.close();
    await standIn.close();
  });

  async function saveAcknowledgements(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let n = 0; n < count; n++) {
      const ack = makeAcknowledgement(n);
      assert.deepEqual(await sharePoint.store.saveAcknowledgement(ack), { created: true });
      ids.push(ack.recordId);
    }
    return ids;
  }

  function assertEachExactlyOnce(ids: readonly string[]): void {
    const counts = recordIdCounts(standIn, ACKS);
    assert.equal(counts.size, ids.length, "items in the list");
    for (const id of ids) assert.equal(counts.get(id), 1, `item ${id}`);
  }

  it("writes 1,000 acknowledgements in ⌈1000/20⌉ $batch requests, each exactly once", async () => {
    const ids = await saveAcknowledgements(1000);
    await sharePoint.writer.drainUntilIdle();

    assertEachExactlyOnce(ids);
    assert.equal(standIn.counters.batches, 50);
    // 50 batches, plus one look-up of the list's id by name.
    assert.equal(standIn.counters.graphRequests, 51);
    assert.deepEqual(sharePoint.outbox.counts(), { pending: 0, done: 1000, parked: 0 });
    const item = standIn.items(ACKS).find((candidate) => candidate.fields.RecordId === ids[7]);
    assert.equal(item?.fields.PersonName, "Teacher 7");
    assert.equal(item?.fields.PersonUpn, "teacher7@contoso-school.org");
    assert.equal(item?.fields.Cycle, "2026/27");
  });

  it("rides out 429 and 503 stretches and dropped connections, honouring Retry-After, and lands every record once", async () => {
    const ids = await saveAcknowledgements(200);
    standIn.faults.push(
      { scope: "request", kind: 429, retryAfterSeconds: 7, times: 3 },
      { scope: "part", kind: 503, retryAfterSeconds: 2, times: 25 },
      { scope: "part", kind: 429, retryAfterSeconds: 3, times: 10 },
      // The batch is done by SharePoint but the answer never arrives: the retry must not duplicate.
      { scope: "request", kind: "drop-after", times: 2 },
      { scope: "request", kind: "drop", times: 2 },
    );
    await sharePoint.writer.drainUntilIdle();

    assertEachExactlyOnce(ids);
    assert.ok(standIn.faults.every((fault) => fault.times === 0), "every fault was hit");
    assert.deepEqual(sharePoint.outbox.counts(), { pending: 0, done: 200, parked: 0 });
    // The writer waited as Graph told it before trying again.
    assert.ok(clock.sleeps.some((ms) => ms >= 7000), `slept ${clock.sleeps.join(", ")}`);
    // Ten batches of work, plus the batches the faults cost, plus one list look-up.
    assert.ok(standIn.counters.graphRequests <= 10 + 3 + 2 + 2 + 35 + 1, `requests: ${standIn.counters.graphRequests}`);
  });

  it("parks a record SharePoint will never accept, with the reason, and writes the rest", async () => {
    const ids = await saveAcknowledgements(30);
    const tooLong = { ...makeAcknowledgement(99), person: { id: "9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4", displayName: "X".repeat(300), upn: "x@contoso-school.org" } };
    await sharePoint.store.saveAcknowledgement(tooLong);
    await sharePoint.writer.drainUntilIdle();

    assertEachExactlyOnce(ids);
    assert.deepEqual(sharePoint.outbox.counts(), { pending: 0, done: 30, parked: 1 });
    const [parked] = sharePoint.store.parkedRecords();
    assert.equal(parked?.recordId, tooLong.recordId);
    assert.equal(parked?.what, "acknowledgement");
    assert.match(parked?.reason ?? "", /^400 invalidRequest Field 'PersonName' is longer than 255 characters/);
    assert.ok(errors.some((message) => message.includes(tooLong.recordId)));
    // Nothing is lost: the person still sees what they did.
    const mine = await sharePoint.store.listAcknowledgements({ personId: tooLong.person.id });
    assert.deepEqual(mine.map((ack) => ack.recordId), [tooLong.recordId]);
  });

  it("tries a parked write again when it next starts, so a list fixed by provisioning gets it, once", async () => {
    const fresh = await startStandIn();
    try {
      const graph = graphFor(fresh, clock);
      const previous: ListSchema = { ...ACKNOWLEDGEMENTS_LIST, columns: ACKNOWLEDGEMENTS_LIST.columns.filter((c) => c.name !== "Channel") };
      await provisionLists(graph, TENANT.siteId, [previous]);
      const log = { info: () => undefined, error: () => undefined };
      const before = openSharePointOutbox(db, graph, { siteId: TENANT.siteId, log, clock, sleep: clock.sleep });
      const ack = makeAcknowledgement(5);
      await before.store.saveAcknowledgement(ack);
      await before.writer.drainUntilIdle();
      assert.match(before.store.parkedRecords()[0]?.reason ?? "", /Field 'Channel' is not recognized/);

      // The admin runs npm run provision, then restarts the app.
      await provisionLists(graph, TENANT.siteId, [ACKNOWLEDGEMENTS_LIST]);
      const after = openSharePointOutbox(db, graph, { siteId: TENANT.siteId, log, clock, sleep: clock.sleep });
      after.writer.start();
      await after.writer.stop();

      assert.deepEqual(after.outbox.counts(), { pending: 0, done: 1, parked: 0 });
      assert.deepEqual([...recordIdCounts(fresh, ACKS)], [[ack.recordId, 1]]);
      assert.equal(fresh.items(ACKS)[0]?.fields.Channel, "teams-bot");
    } finally {
      await fresh.close();
    }
  });

  it("stops when asked even if the request comes while it is looking for work, rather than after its idle wait", async () => {
    const log = { info: () => undefined, error: () => undefined };
    const hourly = openSharePointOutbox(db, graphFor(standIn, clock), { siteId: TENANT.siteId, log, clock, sleep: clock.sleep, idlePollMs: 3_600_000 });
    hourly.writer.start();
    await hourly.writer.stop();
    await saveAcknowledgements(1);
    assert.deepEqual(hourly.outbox.counts(), { pending: 1, done: 0, parked: 0 }, "a stopped writer writes nothing more");
  });

  it("stops when asked while SharePoint's Retry-After holds, keeping what it has not written", async () => {
    // Real time here: a writer asleep in a ten-minute Retry-After would hold the shutdown for ten minutes.
    const graph = graphFor(standIn);
    const live = openSharePointOutbox(db, graph, { siteId: TENANT.siteId, log: { info: () => undefined, error: () => undefined } });
    standIn.faults.push({ scope: "request", kind: 429, retryAfterSeconds: 600, times: 1, when: (_method, path) => path.endsWith("$batch") });
    live.writer.start();
    await live.store.saveAcknowledgement(makeAcknowledgement(1));
    while (standIn.counters.throttled === 0 || live.outbox.nextDueAt() === 0) await new Promise((resolve) => setTimeout(resolve, 10));

    // Someone acknowledges during the pause; the writer wakes for it, then the app is asked to stop.
    await live.store.saveAcknowledgement(makeAcknowledgement(2));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await live.writer.stop();

    assert.deepEqual(live.outbox.counts(), { pending: 2, done: 0, parked: 0 }, "both wait in the outbox for the next start");
    // The list's id, then the one $batch SharePoint refused: nothing was sent into the pause.
    assert.deepEqual([standIn.counters.graphRequests, standIn.counters.throttled], [2, 1]);
  });

  it("keeps a write SharePoint has had for a month, then forgets it; the record stays in SharePoint", async () => {
    const ids = await saveAcknowledgements(2);
    await sharePoint.writer.drainUntilIdle();
    await clock.sleep(31 * 24 * 60 * 60 * 1000);
    const recent = makeAcknowledgement(7);
    await sharePoint.store.saveAcknowledgement(recent);
    sharePoint.writer.start();
    await sharePoint.writer.stop();

    assert.deepEqual(sharePoint.outbox.counts(), { pending: 0, done: 1, parked: 0 }, "only the write of today is kept");
    assertEachExactlyOnce([...ids, recent.recordId]);
    const all = await sharePoint.store.listAcknowledgements({ cycle: "2026/27" });
    assert.deepEqual(all.map((ack) => ack.recordId).sort(), [...ids, recent.recordId].sort());
  });

  it("paces itself under the resource-unit budget, so it is not throttled in steady state", async () => {
    // A stand-in that allows 400 RU a minute on the same clock as the writer, which is told its budget is 400.
    const budgeted = await startStandIn({ budget: { units: 400, windowMs: 60_000 }, now: () => clock.now().getTime() });
    try {
      const graph = graphFor(budgeted, clock, 400);
      const paced = openSharePointOutbox(db, graph, { siteId: TENANT.siteId, log: { info: () => undefined, error: () => undefined }, clock, sleep: clock.sleep });
      await provisionLists(graph, TENANT.siteId);
      for (let n = 0; n < 300; n++) await paced.store.saveAcknowledgement(makeAcknowledgement(n));
      const started = clock.now().getTime();
      await paced.writer.drainUntilIdle();

      assert.equal(budgeted.counters.throttled, 0);
      assert.equal(recordIdCounts(budgeted, ACKS).size, 300);
      // 300 creates cost 600 RU: at 90% of 400 RU a minute, the writer spread them over more than a minute.
      assert.ok(clock.now().getTime() - started > 60_000, `took ${clock.now().getTime() - started} ms`);
    } finally {
      await budgeted.close();
    }
  });

  it("without pacing, the same budget throttles it, and it still lands every record once", async () => {
    const budgeted = await startStandIn({ budget: { units: 400, windowMs: 60_000 }, now: () => clock.now().getTime() });
    try {
      // The writer believes it may spend ten times what the stand-in allows.
      const graph = graphFor(budgeted, clock, 4_000);
      const eager = openSharePointOutbox(db, graph, { siteId: TENANT.siteId, log: { info: () => undefined, error: () => undefined }, clock, sleep: clock.sleep });
      await provisionLists(graph, TENANT.siteId);
      const ids: string[] = [];
      for (let n = 0; n < 300; n++) {
        const ack = makeAcknowledgement(n);
        await eager.store.saveAcknowledgement(ack);
        ids.push(ack.recordId);
      }
      await eager.writer.drainUntilIdle();

      assert.ok(budgeted.counters.throttled > 0);
      const counts = recordIdCounts(budgeted, ACKS);
      assert.equal(counts.size, 300);
      assert.ok(ids.every((id) => counts.get(id) === 1));
    } finally {
      await budgeted.close();
    }
  });
});
