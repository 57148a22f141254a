// Who is told about each kind: the dispatcher over the real SQLite queue, sending through a recording sender.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Activity } from "botbuilder";
import { AlertDispatcher } from "../../bot/alerts/alert-dispatcher.js";
import { SqliteAlertQueue } from "../../bot/alerts/alert-queue.js";
import type { ProactiveSender } from "../../bot/proactive-messenger.js";
import { reportKind } from "../../records/report-kinds.js";
import { openDatabase, type SqliteDatabase } from "../../records/sqlite/database.js";
import type { IncidentReport, ReportKind } from "../../records/types.js";
import { cardText } from "../support/adaptive-cards.js";
import { validReportBody } from "../tab/report-bodies.js";

const NOW = new Date("2026-11-28T10:00:00.000Z");
const HEAD = "aaaaaaaa-0000-4000-8000-0000000000a1";
const TECH = "aaaaaaaa-0000-4000-8000-0000000000a2";
const DEPUTY = "aaaaaaaa-0000-4000-8000-0000000000a3";
const SENCO = "aaaaaaaa-0000-4000-8000-0000000000a4";

function filed(kind: ReportKind, overrides: Record<string, string | boolean> = {}): IncidentReport {
  const definition = reportKind(kind);
  const details = { ...validReportBody(kind, NOW).fields, ...overrides };
  return {
    recordId: `rep-${kind}`,
    kind,
    reporter: { id: "aad-alex", displayName: "Alex Wilber", upn: "" },
    reportedAt: NOW.toISOString(),
    occurredAt: NOW.toISOString(),
    summary: definition.summarise(details),
    details,
    urgent: definition.isUrgent(details),
    status: "New",
    statusChangedAt: NOW.toISOString(),
    statusChangedBy: "Alex Wilber",
  };
}

class RecordingSender implements ProactiveSender {
  readonly sent: { recipientId: string; activity: Partial<Activity> }[] = [];
  send(recipientId: string, activity: Partial<Activity>): Promise<void> {
    this.sent.push({ recipientId, activity });
    return Promise.resolve();
  }
}

/** Who each kind reaches, as filled in by report-bodies.ts, with two senior leaders configured. */
const EXPECTED: Record<ReportKind, readonly string[]> = {
  "inappropriate-material": [HEAD, TECH], // asks for the site to be blocked: urgent
  "unauthorised-information": [HEAD, TECH],
  "compromised-account": [HEAD, TECH],
  "lost-equipment": [HEAD, TECH],
  "online-references": [HEAD], // Appendix 1: report to the headteacher
  "pupil-contact": [HEAD, DEPUTY, SENCO], // 6.8: senior leaders, at once; never the technician
  "discriminatory-postings": [HEAD],
  "software-change": [HEAD, TECH], // 9.2: either may decide
  "personal-equipment": [HEAD], // 11.2: the headteacher only
  "sensitive-information": [HEAD], // 14.1: clarify with the headteacher
};

describe("alert routing per kind", () => {
  let dir: string;
  let db: SqliteDatabase;
  let queue: SqliteAlertQueue;
  let sender: RecordingSender;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-routing-"));
    db = openDatabase(dir);
    queue = new SqliteAlertQueue(db);
    sender = new RecordingSender();
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const deliver = async (report: IncidentReport, audience = { headteachers: [HEAD], itTechnicians: [TECH], seniorLeaders: [DEPUTY, SENCO] }) => {
    const dispatcher = new AlertDispatcher(queue, sender, audience, { now: () => NOW }, { info: () => undefined, error: () => undefined });
    await dispatcher.reportFiled(report);
    await dispatcher.idle();
    await dispatcher.stop();
    return sender.sent.map((s) => s.recipientId);
  };

  for (const [kind, expected] of Object.entries(EXPECTED) as [ReportKind, readonly string[]][]) {
    const names = expected.map((id) => ({ [HEAD]: "headteacher", [TECH]: "IT technician", [DEPUTY]: "deputy", [SENCO]: "SENCo" })[id]);
    it(`${kind} reaches ${names.join(", ")} and nobody else`, async () => {
      assert.deepEqual(await deliver(filed(kind)), expected);
    });
  }

  it("never tells the IT technician of contact from a pupil, even one also listed as a senior leader", async () => {
    const recipients = await deliver(filed("pupil-contact"), { headteachers: [HEAD], itTechnicians: [TECH], seniorLeaders: [DEPUTY, TECH.toUpperCase()] });
    assert.deepEqual(recipients, [HEAD, DEPUTY]);
    const card = cardText(sender.sent[0]?.activity.attachments);
    assert.ok(card.includes("URGENT: Inappropriate contact from a pupil. A safeguarding matter: the senior leadership team has also been told."));
    assert.equal(card.includes("IT technician has also been told"), false);
  });

  it("tells a headteacher who is also the IT technician (a small school) of contact from a pupil, as the headteacher", async () => {
    assert.deepEqual(await deliver(filed("pupil-contact"), { headteachers: [HEAD], itTechnicians: [HEAD], seniorLeaders: [] }), [HEAD]);
  });

  it("does not tell the headteacher that senior leaders know when only the headteacher or IT technician is named as one", async () => {
    for (const [i, seniorLeaders] of [[], [HEAD], [TECH], [HEAD.toUpperCase(), TECH]].entries()) {
      sender.sent.length = 0;
      assert.deepEqual(await deliver({ ...filed("pupil-contact"), recordId: `rep-contact-${i}` }, { headteachers: [HEAD], itTechnicians: [TECH], seniorLeaders }), [HEAD]);
      const card = cardText(sender.sent[0]?.activity.attachments);
      assert.ok(card.includes("A safeguarding matter: no senior leader is set up to be told; tell the designated safeguarding lead yourself."), card);
      assert.equal(card.includes("senior leadership team"), false);
    }
  });

  it("asks the people who may decide a request, headed as a request", async () => {
    await deliver(filed("personal-equipment"));
    const card = cardText(sender.sent[0]?.activity.attachments);
    assert.ok(card.includes("Request: Permission to attach my own equipment to the school network"));
    assert.ok(card.includes("Which device? My own iPad"));
    assert.equal(card.includes("Happened or noticed"), false, "a request has no time it happened");
    // It waits on the decider, so it is not one to "read with the other reports"; and it is asked, not reported.
    assert.ok(card.includes("Asks for your decision: the requester waits for your answer."));
    assert.ok(card.includes("Asked by Alex Wilber"));
    assert.equal(card.includes("Not urgent: read it with the other reports."), false);
    assert.equal(card.includes("Reported by"), false);
  });
});
