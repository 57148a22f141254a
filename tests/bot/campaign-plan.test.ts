import assert from "node:assert/strict";
import { PolicyCatalog } from "../../policies/policy-catalog.js";
import {
  acknowledgedKey,
  DEFAULT_CAMPAIGN_SCHEDULE,
  planCampaign,
  type CampaignInput,
  type TakenStep,
} from "../../bot/campaigns/campaign-plan.js";

const policies = PolicyCatalog.load("policies/content").forAllStaff();
const aup = policies.find((p) => p.id === "acceptable-use-policy")!;
const alex = { id: "00000000-0000-0000-0000-0000000000020", displayName: "Alex Wilber" };
const megan = { id: "00000000-0000-0000-0000-0000000000021", displayName: "Megan Bowen" };
const DAY = 24 * 60 * 60 * 1000;
const start = new Date("2026-09-02T08:00:00Z");

function input(overrides: Partial<CampaignInput>): CampaignInput {
  return { now: start, roster: [alex], policies, acknowledged: new Set(), taken: [], schedule: DEFAULT_CAMPAIGN_SCHEDULE, ...overrides };
}

function taken(step: TakenStep["step"], at: Date, person = alex): TakenStep {
  return { personId: person.id, policyId: aup.id, policyVersion: aup.version, step, at: at.toISOString() };
}

describe("The yearly campaign plan", () => {
  it("invites everyone to every all-staff document they have not acknowledged", () => {
    const acknowledged = new Set([acknowledgedKey(megan.id, aup.id, aup.version)]);
    const due = planCampaign(input({ roster: [alex, megan], acknowledged }));
    assert.deepEqual(
      due.map((d) => `${d.person.displayName}: ${d.policy.id} ${d.step}`).sort(),
      [
        "Alex Wilber: acceptable-use-policy invite",
        "Alex Wilber: social-media-guidance invite",
        "Megan Bowen: social-media-guidance invite",
      ],
    );
  });

  it("waits a week after the invite, then chases, and after the last reminder escalates", () => {
    const invite = taken("invite", start);
    const onlyAup = { policies: [aup] };
    assert.deepEqual(planCampaign(input({ ...onlyAup, taken: [invite], now: new Date(start.getTime() + 6 * DAY) })), []);

    const firstChase = planCampaign(input({ ...onlyAup, taken: [invite], now: new Date(start.getTime() + 7 * DAY) }));
    assert.deepEqual(firstChase.map((d) => d.step), ["reminder-1"]);
    assert.equal(firstChase[0]?.firstAskedAt, start.toISOString());

    const reminders = [invite, taken("reminder-1", new Date(start.getTime() + 7 * DAY)), taken("reminder-2", new Date(start.getTime() + 14 * DAY))];
    assert.deepEqual(planCampaign(input({ ...onlyAup, taken: reminders, now: new Date(start.getTime() + 20 * DAY) })), []);
    assert.deepEqual(
      planCampaign(input({ ...onlyAup, taken: reminders, now: new Date(start.getTime() + 21 * DAY) })).map((d) => d.step),
      ["escalated"],
    );
    const escalated = [...reminders, taken("escalated", new Date(start.getTime() + 21 * DAY))];
    assert.deepEqual(planCampaign(input({ ...onlyAup, taken: escalated, now: new Date(start.getTime() + 60 * DAY) })), []);
  });

  it("stops chasing as soon as the person acknowledges", () => {
    const acknowledged = new Set([acknowledgedKey(alex.id.toUpperCase(), aup.id, aup.version)]);
    const due = planCampaign(input({ policies: [aup], acknowledged, taken: [taken("invite", start)], now: new Date(start.getTime() + 30 * DAY) }));
    assert.deepEqual(due, []);
  });

  it("starts again from the invite when the policy's version changes", () => {
    const oldVersion: TakenStep = { ...taken("escalated", start), policyVersion: "2025.1" };
    const due = planCampaign(input({ policies: [aup], taken: [{ ...taken("invite", start), policyVersion: "2025.1" }, oldVersion] }));
    assert.deepEqual(due.map((d) => d.step), ["invite"]);
  });
});
