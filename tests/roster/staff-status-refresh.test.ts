import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TurnContext, type Activity } from "botbuilder";
import { SqliteConversationStore } from "../../bot/conversation-store.js";
import { RosterService } from "../../bot/roster/roster-service.js";
import { REFRESH_CHUNK, StaffStatusRefresher } from "../../bot/roster/staff-status-refresher.js";
import { PolicyCatalog } from "../../policies/policy-catalog.js";
import { RosterTable } from "../../records/roster/roster-table.js";
import { openDatabase, type SqliteDatabase } from "../../records/sqlite/database.js";
import { SqliteRecordStore } from "../../records/sqlite/sqlite-record-store.js";
import { SqliteStaffStatus } from "../../records/sqlite/sqlite-staff-status.js";
import { fixedClock } from "../bot/bot-test-app.js";
import { staffMembers } from "../bot/fan-out-staff.js";
import { textMessage } from "../support/teams-activities.js";

const CYCLE = "2026/27";

describe("the staff status list, worked out again only for who changed", () => {
  let dataDir: string;
  let db: SqliteDatabase;
  let table: RosterTable;
  let statuses: SqliteStaffStatus;
  let refresher: StaffStatusRefresher;
  const staff = staffMembers(1_000);
  const ids = staff.map((person) => (person.aadObjectId ?? "").toLowerCase());
  const reachOf = (id: string) => statuses.get(`${id}|${CYCLE}`)?.reach;

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-status-refresh-"));
    db = openDatabase(dataDir);
    table = new RosterTable(db);
    statuses = new SqliteStaffStatus(db);
    const conversations = new SqliteConversationStore(db);
    table.replaceMembers(
      staff.map((person) => ({ id: person.aadObjectId ?? "", displayName: person.name, upn: person.upn })),
      fixedClock.now(),
    );
    for (const person of staff) {
      const activity = textMessage("https://smba.trafficmanager.net/uk/", person, "hello") as unknown as Activity;
      await conversations.save(person.aadObjectId ?? "", TurnContext.getConversationReference(activity));
    }
    refresher = new StaffStatusRefresher({
      table,
      statuses,
      conversations,
      records: new SqliteRecordStore(db),
      policies: PolicyCatalog.load("policies/content"),
      taken: () => [],
      clock: fixedClock,
      notInstalledDetail: "Has not opened the app yet.",
    });
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("lets a timer scheduled meanwhile run before a refresh of 1,000 changed people finishes, and still writes every row", async () => {
    let rowsWhenTimerRan: number | undefined;
    const refreshing = refresher.refresh(new Set(ids));
    setTimeout(() => (rowsWhenTimerRan = statuses.list(CYCLE).length), 0);
    const written = await refreshing;

    assert.equal(written, 1_000);
    assert.equal(statuses.list(CYCLE).length, 1_000);
    assert.ok(rowsWhenTimerRan !== undefined, "the timer ran before the refresh finished");
    assert.ok(rowsWhenTimerRan >= REFRESH_CHUNK && rowsWhenTimerRan < 1_000, `it ran between two chunks (${rowsWhenTimerRan} rows written by then)`);
    assert.ok(statuses.list(CYCLE).every((row) => row.reach === "reached"));
  });

  it("works out only the rows of the people it was told about, and everyone's after a sync", async () => {
    const service = new RosterService({
      table,
      directory: undefined,
      appUsersAreStaff: false,
      conversations: new SqliteConversationStore(db),
      installer: undefined,
      refresher,
      clock: fixedClock,
      log: { info: () => undefined, error: (message) => assert.fail(message) },
      syncEveryMs: 0,
      refreshDelayMs: 0,
      onReachable: () => undefined,
    });
    await refresher.refresh();
    const [first = "", second = "", third = ""] = ids;
    // Teams said these three blocked the bot; the roster is told of only two.
    for (const id of [first, second, third]) table.mark(id, { state: "blocked", detail: "They blocked the app.", at: fixedClock.now().toISOString() });
    service.refreshSoon(first);
    service.refreshSoon(second.toUpperCase());
    await service.idle();
    assert.deepEqual([first, second, third].map(reachOf), ["blocked", "blocked", "reached"]);

    await service.sync();
    await service.idle();
    assert.equal(reachOf(third), "blocked");
    assert.equal(statuses.list(CYCLE).filter((row) => row.reach === "blocked").length, 3);
    await service.stop();
  });
});
