import assert from "node:assert/strict";
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "../../records/sqlite/database.js";
import { CampaignLedger, type StepKey } from "../../bot/campaigns/campaign-ledger.js";
import { DEFAULT_CAMPAIGN_SCHEDULE, planCampaign } from "../../bot/campaigns/campaign-plan.js";
import { PolicyCatalog } from "../../policies/policy-catalog.js";

describe("the campaign ledger", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-ledger-"));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const policy = PolicyCatalog.load("policies/content").get("acceptable-use-policy")!;
  const person = { id: "AAAAAAAA-0000-4000-8000-000000000003", displayName: "Alex Wilber" };
  const key: StepKey = { cycle: "2026/27", personId: person.id, policyId: policy.id, policyVersion: policy.version, step: "invite" };
  const now = new Date("2026-11-28T10:00:00Z");

  it("lets one run, or one instance, claim a step; a run that died after claiming is not repeated after a restart", () => {
    const db = openDatabase(dir, "ledger.sqlite");
    const ledger = new CampaignLedger(db);
    assert.equal(ledger.claim(key, now), true);
    assert.equal(ledger.claim({ ...key, personId: person.id.toLowerCase() }, now), false, "ids compare without case");
    db.close(); // the process dies before sending

    const restarted = new CampaignLedger(openDatabase(dir, "ledger.sqlite"));
    const due = planCampaign({
      now,
      roster: [person],
      policies: [policy],
      acknowledged: new Set(),
      taken: restarted.taken("2026/27"),
      schedule: DEFAULT_CAMPAIGN_SCHEDULE,
    });
    assert.deepEqual(due, [], "the claimed invitation is not sent twice; the first reminder will follow it");
  });

  it("releases a step whose send failed, so the next run takes it again", () => {
    const ledger = new CampaignLedger(openDatabase(dir, "release.sqlite"));
    assert.equal(ledger.claim(key, now), true);
    ledger.release(key);
    assert.equal(ledger.claim(key, now), true);
  });
});
