// What a new user is told when they type "report", "policy" (all done) or "remind" (nothing due), through the
// real CloudAdapter with Teams-shaped activities, in local mode where the Agents Playground has no tabs.
import assert from "node:assert/strict";
import type { AdaptiveCard, OpenUrlAction } from "../../bot/cards/adaptive-card.js";
import { whyNothingIsDue, DEFAULT_CAMPAIGN_SCHEDULE } from "../../bot/campaigns/campaign-plan.js";
import { PolicyCatalog } from "../../policies/policy-catalog.js";
import { cardText, cardWarnings } from "../support/adaptive-cards.js";
import type { MovableClock } from "../support/movable-clock.js";
import { personalConversationId, postActivity, textMessage, type TestUser } from "../support/teams-activities.js";
import { botTurns, HEADTEACHER, NOW, TEACHER, startMovableBotTestApp, type BotTestApp } from "./bot-test-app.js";

describe("chat answers a new user reads", () => {
  let app: BotTestApp;
  let clock: MovableClock;
  beforeEach(async () => ({ app, clock } = await startMovableBotTestApp()));
  afterEach(() => app.close());

  const { install, acknowledge } = botTurns(() => app);
  const lastTo = (user: TestUser) => app.connector.sentTo(personalConversationId(user)).at(-1)?.activity;
  const say = async (user: TestUser, text: string) => {
    await postActivity(app.url, textMessage(app.serviceUrl, user, text));
    return lastTo(user);
  };
  const acknowledgeEverything = async (user: TestUser) => {
    for (const policyId of ["acceptable-use-policy", "social-media-guidance"]) await acknowledge(user, policyId);
  };

  it("'report' locally gives the local tab's address, since the Agents Playground has no tabs", async () => {
    await install(TEACHER);
    const answer = (await say(TEACHER, "report"))?.text ?? "";
    assert.ok(answer.includes(`${app.url}/tab/`), answer);
    assert.ok(!answer.includes("at the top of this chat"), answer);
  });

  it("'policy' once everything is confirmed links to each document, with the day it was acknowledged", async () => {
    await install(TEACHER);
    await acknowledgeEverything(TEACHER);
    clock.advanceDays(3);
    const answer = await say(TEACHER, "policy");
    const card = answer?.attachments?.[0]?.content as AdaptiveCard;
    assert.ok(card, `a card, not only text: ${JSON.stringify(answer)}`);
    assert.deepEqual(cardWarnings(card), []);
    const shown = cardText(card);
    assert.match(shown, /You have acknowledged everything for 2026\/27/);
    assert.match(shown, /Staff IT Acceptable Use Policy[^\n]*acknowledged on 28 November 2026/);
    assert.match(shown, /Employee Guidance on the Use of Social Media[^\n]*acknowledged on 28 November 2026/);
    const links = (card.actions ?? []).filter((a): a is OpenUrlAction => a.type === "Action.OpenUrl").map((a) => a.url);
    assert.deepEqual(links, [`${app.url}/policies/acceptable-use-policy`, `${app.url}/policies/social-media-guidance`]);
  });

  it("'remind' with everyone acknowledged says so instead of 'Sent 0 invitations and 0 reminders'", async () => {
    await install(TEACHER);
    await install(HEADTEACHER);
    await acknowledgeEverything(TEACHER);
    await acknowledgeEverything(HEADTEACHER);
    const answer = (await say(HEADTEACHER, "remind"))?.text ?? "";
    assert.equal(answer, "Nothing to send for 2026/27: everyone the bot can reach (2 people) has acknowledged everything.");
  });

  it("'remind' before any reminder is due says when the next one is", async () => {
    await install(TEACHER);
    await install(HEADTEACHER);
    await acknowledge(TEACHER, "acceptable-use-policy");
    clock.advanceDays(2);
    const answer = (await say(HEADTEACHER, "remind"))?.text ?? "";
    assert.equal(
      answer,
      "Nothing to send yet for 2026/27: 3 acknowledgements are outstanding, but no reminder is due until 5 December 2026 at 10:00.",
    );
  });

  it("explains a quiet pass when nobody can be reached, or everyone outstanding has had every reminder", () => {
    const policies = PolicyCatalog.load("policies/content").forAllStaff();
    const base = { now: NOW, policies, acknowledged: new Set<string>(), schedule: DEFAULT_CAMPAIGN_SCHEDULE };
    assert.deepEqual(whyNothingIsDue({ ...base, roster: [], taken: [] }), { kind: "nobody-reachable" });
    const alex = { id: "aad-alex", displayName: "Alex Wilber" };
    const escalated = policies.flatMap((policy) =>
      (["invite", "reminder-1", "reminder-2", "escalated"] as const).map((step) => ({
        personId: alex.id,
        policyId: policy.id,
        policyVersion: policy.version,
        step,
        at: NOW.toISOString(),
      })),
    );
    assert.deepEqual(whyNothingIsDue({ ...base, roster: [alex], taken: escalated }), { kind: "all-escalated", outstanding: 2 });
  });
});
