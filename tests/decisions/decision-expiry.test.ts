// Approvals that end: the daily check marks each once the UK day after its end date begins, tells the requester
// and the decider once, and never again, even after a restart over the same data.
import assert from "node:assert/strict";
import type { MyRecords } from "../../tab/api/api-types.js";
import type { ReportList } from "../../tab/api/headteacher/headteacher-types.js";
import { cardText } from "../support/adaptive-cards.js";
import { ManualClock } from "../tab/tab-api-harness.js";
import { DECIDED_NOW, DecisionApp, HEADTEACHER, IT_TECHNICIAN, TEACHER } from "./decision-app.js";

const ENDED = /permission/i;

describe("approvals that reach their end date", () => {
  let app: DecisionApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it("flags an approval once its last day is over in the UK, tells both people once, and not again after a restart", async () => {
    const clock = new ManualClock(DECIDED_NOW);
    let running = await DecisionApp.start({ clock });
    app = running;
    await running.install(HEADTEACHER, IT_TECHNICIAN, TEACHER);
    const id = await running.ask("sensitive-information");
    const open = await running.ask("personal-equipment");
    await running.api(HEADTEACHER, "POST", `/api/headteacher/reports/${id}/decision`, { outcome: "approved", conditions: "Encrypted stick only", expiresOn: "2027-07-31" });
    await running.api(HEADTEACHER, "POST", `/api/headteacher/reports/${open}/decision`, { outcome: "approved" });
    const expiry = () => running.running.services.bot.decisionExpiry.runOnce();

    // 23:30 on 31 July in the UK (BST): the permission still holds.
    moveTo(clock, "2027-07-31T22:30:00.000Z");
    assert.equal(await expiry(), 0);
    // 00:30 on 1 August in the UK: it has ended.
    moveTo(clock, "2027-07-31T23:30:00.000Z");
    assert.equal(await expiry(), 1);
    assert.equal(await expiry(), 0, "a second run the same day changes nothing");
    await running.running.services.bot.fanOut.engine.settled(`decision-ended-${id}`);

    const toRequester = running.textsSentTo(TEACHER).filter((text) => text.includes("A permission has ended"));
    assert.equal(toRequester.length, 1);
    assert.match(toRequester[0] ?? "", /Your permission to hold sensitive information on a laptop or memory stick \(.+\) ended on 31 July 2027; ask again if you still need it\./);
    const toDecider = running.textsSentTo(HEADTEACHER).filter((text) => text.includes("A permission has ended"));
    assert.equal(toDecider.length, 1);
    assert.match(toDecider[0] ?? "", /The permission you gave Adele Vance \(.+\) ended on 31 July 2027\./);

    const report = await running.running.services.records.getReport(id);
    assert.equal(report.decision?.expiredAt, "2027-07-31T23:30:00.000Z");
    assert.equal((await running.running.services.records.getReport(open)).decision?.expiredAt, undefined, "an approval with no end date never ends");
    const list = await running.api<ReportList>(HEADTEACHER, "GET", "/api/headteacher/reports");
    assert.equal(list.body.reports.find((row) => row.recordId === id)?.decision?.expired, true);
    assert.equal(list.body.reports.find((row) => row.recordId === open)?.decision?.expired, false);
    const mine = await running.api<MyRecords>(TEACHER, "GET", "/api/me/records");
    assert.equal(mine.body.reports.find((row) => row.recordId === id)?.decision?.expired, true);

    // A restart over the same data, the next day: nothing is flagged or sent again.
    await running.close(false);
    moveTo(clock, "2027-08-01T09:00:00.000Z");
    running = await DecisionApp.start({ clock, dataDir: running.dataDir });
    app = running;
    assert.equal(await running.running.services.bot.decisionExpiry.runOnce(), 0);
    await running.running.services.bot.fanOut.engine.idle();
    assert.deepEqual(running.textsSentTo(TEACHER).filter((text) => ENDED.test(text)), []);
    assert.deepEqual(running.textsSentTo(HEADTEACHER).filter((text) => ENDED.test(text)), []);
    assert.equal((await running.running.services.records.getReport(id)).decision?.expiredAt, "2027-07-31T23:30:00.000Z");
    assert.deepEqual(running.errors, []);
  });

  it("an ended approval shows as ended on the decider's card when it refreshes", async () => {
    const clock = new ManualClock(DECIDED_NOW);
    app = await DecisionApp.start({ clock });
    await app.install(HEADTEACHER, TEACHER);
    const id = await app.ask("personal-equipment");
    await app.press(HEADTEACHER, { reportId: id, outcome: "approved", expiresOn: "2027-01-31" });
    moveTo(clock, "2027-02-01T08:00:00.000Z");
    assert.equal(await app.running.services.bot.decisionExpiry.runOnce(), 1);
    const refreshed = await app.refresh(HEADTEACHER, id);
    assert.match(cardText(refreshed), /Approved by you on 3 December 2026, until 31 January 2027/);
    assert.match(cardText(refreshed), /The permission ended on 31 January 2027\./);
  });
});

function moveTo(clock: ManualClock, iso: string): void {
  clock.advanceSeconds((Date.parse(iso) - clock.now().getTime()) / 1000);
}
