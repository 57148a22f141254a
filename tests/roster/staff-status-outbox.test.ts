import assert from "node:assert/strict";
import { OutboxStaffStatusPublisher } from "../../records/outbox/outbox-staff-status.js";
import { staffStatusRecordId, type StaffStatus } from "../../records/roster/staff-status.js";
import { SqliteStaffStatus } from "../../records/sqlite/sqlite-staff-status.js";
import { SharePointTestBed, recordIdCounts } from "../records/support/sharepoint-fixture.js";

const LIST = "AUP staff status";
const person = { id: "aaaaaaaa-3333-4000-8000-000000000001", displayName: "Alex Wilber", upn: "alex@crich-carr.example" };
const base: StaffStatus = {
  recordId: staffStatusRecordId(person.id, "2026/27"),
  cycle: "2026/27",
  person,
  documents: [
    { policyId: "acceptable-use-policy", title: "Staff IT Acceptable Use Policy", version: "2026.1", acknowledgedAt: undefined },
    { policyId: "social-media-guidance", title: "Employee Guidance on the Use of Social Media", version: "2026.1", acknowledgedAt: undefined },
  ],
  reach: "not-reached-yet",
  reachDetail: "The app is being installed for them.",
  invitedAt: undefined,
  lastRemindedAt: undefined,
  updatedAt: "2026-11-02T09:00:00.000Z",
};

describe("the staff status list in SharePoint, through the outbox", () => {
  let bed: SharePointTestBed;
  let statuses: SqliteStaffStatus;
  beforeEach(async () => {
    bed = await SharePointTestBed.start();
    statuses = new SqliteStaffStatus(bed.db, new OutboxStaffStatusPublisher(bed.sharePoint.outbox));
  });
  afterEach(async () => {
    await bed.close();
  });

  const write = (status: StaffStatus) => statuses.write(status, bed.clock.now());
  const item = () => bed.standIn.items(LIST)[0]?.fields ?? {};

  it("keeps one item per person per year through create, updates and a lost answer, with the latest content", async () => {
    assert.equal(write(base), true);
    assert.equal(write({ ...base, updatedAt: "2026-11-02T09:05:00.000Z" }), false, "same content: nothing to write");
    // SharePoint makes the item but the answer is lost: the retry meets the unique RecordId (409) and counts as done.
    bed.standIn.faults.push({ scope: "request", kind: "drop-after", times: 1, when: (method, path) => method === "POST" && path === "/$batch" });
    await bed.sharePoint.writer.drainUntilIdle();

    write({ ...base, reach: "reached", reachDetail: "", invitedAt: "2026-11-02T10:00:00.000Z", updatedAt: "2026-11-02T10:00:00.000Z" });
    const acknowledged = base.documents.map((doc, index) => (index === 0 ? { ...doc, acknowledgedAt: "2026-11-03T08:30:00.000Z" } : doc));
    write({ ...base, reach: "reached", reachDetail: "", invitedAt: "2026-11-02T10:00:00.000Z", documents: acknowledged, updatedAt: "2026-11-03T08:30:00.000Z" });
    await bed.sharePoint.writer.drainUntilIdle();

    assert.deepEqual([...recordIdCounts(bed.standIn, LIST)], [[base.recordId, 1]]);
    const fields = item();
    assert.equal(fields.PersonName, "Alex Wilber");
    assert.equal(fields.PersonUpn, "alex@crich-carr.example");
    assert.equal(fields.PersonId, person.id);
    assert.equal(fields.Cycle, "2026/27");
    assert.equal(fields.ReachState, "Reached");
    assert.equal(fields.ReachDetail, "");
    assert.equal(fields.InvitedAt, "2026-11-02T10:00:00Z");
    assert.equal(fields.AckAcceptableUsePolicy, "2026-11-03T08:30:00Z");
    assert.equal(fields.AckSocialMediaGuidance ?? null, null, "blank until confirmed");
    assert.match(String(fields.Acknowledged), /Staff IT Acceptable Use Policy \(2026\.1\): 3 Nov 2026, 08:30\nEmployee Guidance on the Use of Social Media \(2026\.1\): not yet/);
    assert.deepEqual(bed.sharePoint.outbox.counts(), { pending: 0, done: 3, parked: 0 });
  });

  it("clears a document's date when a new version asks everyone again", async () => {
    const confirmed = base.documents.map((doc) => ({ ...doc, acknowledgedAt: "2026-11-03T08:30:00.000Z" }));
    write({ ...base, documents: confirmed });
    await bed.sharePoint.writer.drainUntilIdle();
    assert.equal(item().AckSocialMediaGuidance, "2026-11-03T08:30:00Z");

    const newVersion = confirmed.map((doc, index) => (index === 1 ? { ...doc, version: "2026.2", acknowledgedAt: undefined } : doc));
    write({ ...base, documents: newVersion, updatedAt: "2026-11-04T09:00:00.000Z" });
    await bed.sharePoint.writer.drainUntilIdle();

    assert.equal(item().AckSocialMediaGuidance, null);
    assert.equal(item().AckAcceptableUsePolicy, "2026-11-03T08:30:00Z");
  });

  it("does not overwrite a newer write of the row with an older one still queued", async () => {
    write(base);
    await bed.sharePoint.writer.drainUntilIdle();
    write({ ...base, reach: "blocked", reachDetail: "They blocked the app.", updatedAt: "2026-11-02T11:00:00.000Z" });
    // Someone (or a later run) changes the item between our read and our write: the eTag no longer matches.
    bed.standIn.beforeNextPatch = (found) => {
      Object.assign(found.fields, { ReachState: "Reached", UpdatedAt: "2026-11-02T12:00:00Z" });
      found.version++;
    };
    await bed.sharePoint.writer.drainUntilIdle();

    assert.equal(item().ReachState, "Reached");
    assert.equal(bed.sharePoint.outbox.counts().pending, 0);
  });
});
