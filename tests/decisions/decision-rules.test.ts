// The rules every decision keeps, whichever door it comes in by (records/decisions.ts).
import assert from "node:assert/strict";
import { closingEntry, hasLapsed, suggestedExpiry, validateDecision } from "../../records/decisions.js";
import type { IncidentReport } from "../../records/types.js";

const HEAD = { id: "head", displayName: "Jo Bloggs", upn: "jo@school.example" };
const NOW = new Date("2026-12-03T10:00:00Z");

function askedFor(howLong: string): IncidentReport {
  return {
    recordId: "rep-1",
    kind: "sensitive-information",
    reporter: { id: "t", displayName: "Adele Vance", upn: "" },
    reportedAt: NOW.toISOString(),
    occurredAt: NOW.toISOString(),
    summary: "Sensitive information",
    details: { information: "Year 6 data", device: "laptop", howLong, security: "Encrypted" },
    urgent: false,
    status: "New",
    statusChangedAt: NOW.toISOString(),
    statusChangedBy: "Adele Vance",
  };
}

describe("decision rules", () => {
  it("suggests the end date the requester asked for, the next such day when no year is given", () => {
    assert.equal(suggestedExpiry(askedFor("until 31 July"), NOW), "2027-07-31");
    assert.equal(suggestedExpiry(askedFor("Until the 20th December"), NOW), "2026-12-20");
    assert.equal(suggestedExpiry(askedFor("until 1st March 2028"), NOW), "2028-03-01");
    assert.equal(suggestedExpiry(askedFor("for the rest of the term"), NOW), undefined);
    assert.equal(suggestedExpiry(askedFor("until 31 June"), NOW), undefined, "not a day of the calendar");
    assert.equal(suggestedExpiry({ ...askedFor("until 31 July"), kind: "personal-equipment" }, NOW), undefined, "only 14.1 asks for how long");
  });

  it("keeps an approval's conditions and end date, a decline's reason, and nothing that does not belong", () => {
    const approved = validateDecision({ outcome: "approved", conditions: "  Encrypted stick only ", reason: "ignored", expiresOn: "2027-07-31" }, HEAD, NOW);
    assert.deepEqual(approved, { outcome: "approved", conditions: "Encrypted stick only", reason: "", expiresOn: "2027-07-31", decidedBy: HEAD, decidedAt: NOW.toISOString() });
    const declined = validateDecision({ outcome: "declined", reason: "Use the school's laptop", conditions: "ignored", expiresOn: "2027-07-31" }, HEAD, NOW);
    assert.deepEqual(declined, { outcome: "declined", conditions: "", reason: "Use the school's laptop", decidedBy: HEAD, decidedAt: NOW.toISOString() });
    assert.deepEqual(closingEntry(declined), { status: "Closed", at: NOW.toISOString(), by: "Jo Bloggs", note: "Declined by Jo Bloggs on 3 December 2026: Use the school's laptop" });
  });

  it("takes today as an end date, and names every problem by its field", () => {
    assert.equal(validateDecision({ outcome: "approved", expiresOn: "2026-12-03" }, HEAD, NOW).expiresOn, "2026-12-03");
    assert.throws(() => validateDecision({ outcome: "approved", expiresOn: "2027-02-30", conditions: "c".repeat(501) }, HEAD, NOW), {
      fields: { expiresOn: "Give the end date as a date, e.g. 31/07/2027.", conditions: "Keep the conditions to 500 characters or fewer." },
    });
  });

  it("counts an approval as ended only once its last day is over in the UK", () => {
    const approval = validateDecision({ outcome: "approved", expiresOn: "2027-07-31" }, HEAD, NOW);
    assert.equal(hasLapsed(approval, new Date("2027-07-31T22:59:00Z")), false, "23:59 BST on 31 July");
    assert.equal(hasLapsed(approval, new Date("2027-07-31T23:00:00Z")), true, "midnight BST");
    assert.equal(hasLapsed({ ...approval, expiredAt: "2027-08-01T00:00:00Z" }, new Date("2027-09-01T00:00:00Z")), false, "already marked");
    assert.equal(hasLapsed(validateDecision({ outcome: "approved" }, HEAD, NOW), new Date("2040-01-01T00:00:00Z")), false, "no end date");
  });
});
