// Day one in a real school: the app is deployed and the staff groups are set, but the app is not yet in the
// organisation's catalogue, so TEAMS_APP_CATALOG_ID cannot be known (infra/README.md, steps 9 to 11). The app must
// start, say what is still to do, read the roster without installing anything, and reach staff as the setup policy
// installs the app for them.
import assert from "node:assert/strict";
import type { AdaptiveCard } from "../../bot/cards/adaptive-card.js";
import { cardText } from "../support/adaptive-cards.js";
import { MovableClock } from "../support/movable-clock.js";
import { startSignedTenantBot, type SignedTenantBot } from "../support/signed-tenant-bot.js";
import { installationUpdate, personalConversationId, textMessage, type Activity, type TestUser } from "../support/teams-activities.js";

const STAFF_GROUP = "1f0e2d3c-0000-4000-8000-00000000000b";

describe("tenant mode before the app is published: no catalogue id yet", () => {
  let bot: SignedTenantBot;
  let head: TestUser;
  let megan: TestUser;

  before(async () => {
    bot = await startSignedTenantBot({
      dataDirPrefix: "aup-before-publishing-",
      staffIdPrefix: "eeeeeeee",
      clock: new MovableClock("2026-11-26T10:00:00.000Z"),
      separateWarnings: true,
      rosterRefreshDelayMs: 0,
      env: { STAFF_GROUP_IDS: STAFF_GROUP, HEADTEACHER_AAD_OBJECT_ID: "eeeeeeee-0000-4000-8000-000000000001" },
      prepare: (graph) => {
        const member = (n: number, displayName: string) => ({
          id: `eeeeeeee-0000-4000-8000-${String(n).padStart(12, "0")}`,
          displayName,
          userPrincipalName: `${displayName.split(" ")[0]?.toLowerCase() ?? ""}@crich-carr.example`,
          accountEnabled: true,
          userType: "Member" as const,
        });
        graph.directory.groups.set(STAFF_GROUP, [member(1, "Lynne Robbins"), member(2, "Megan Bowen")]);
      },
    });
    head = bot.newStaff("Lynne Robbins");
    megan = bot.newStaff("Megan Bowen");
    await bot.app.services.bot.roster.service.idle();
  });
  after(async () => {
    await bot.close();
  });

  /** As Teams sends it: signed by the Bot Connector. */
  const post = async (activity: Activity): Promise<number> => {
    const token = await bot.framework.channelToken({ serviceUrl: bot.connector.serviceUrl });
    const response = await fetch(`${bot.app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(activity),
    });
    await response.text();
    return response.status;
  };
  const titles = (user: TestUser) =>
    bot.connector
      .sentTo(personalConversationId(user))
      .flatMap((sent) => sent.activity.attachments ?? [])
      .map((a) => cardText(a.content as AdaptiveCard).split("\n")[0]);

  it("starts with one warning naming what to do after publishing, reads the staff group and installs the app for nobody", async () => {
    assert.deepEqual((await bot.app.services.bot.roster.service.list()).map((person) => person.displayName).sort(), ["Lynne Robbins", "Megan Bowen"]);
    assert.equal(bot.warnings.length, 1, bot.warnings.join("\n"));
    assert.match(bot.warnings[0] ?? "", /^TEAMS_APP_CATALOG_ID is not set, so the app cannot install itself for staff yet/);
    assert.match(bot.warnings[0] ?? "", /After publishing the app to the organisation's catalogue, set TEAMS_APP_CATALOG_ID/);
    assert.deepEqual(bot.graph.directory.installRequests, [], "no proactive installation without the catalogue id");
    assert.deepEqual(bot.errors, []);
  });

  it("reaches staff as the setup policy installs the app, and names who is still waiting for it", async () => {
    // The setup policy installs the app for the headteacher: Teams tells the bot, which greets them with the cards.
    assert.equal(await post(installationUpdate(bot.connector.serviceUrl, head)), 200);
    await bot.app.services.bot.roster.service.idle();
    assert.deepEqual(titles(head), ["Staff IT Acceptable Use Policy", "Employee Guidance on the Use of Social Media"]);

    assert.equal(await post(textMessage(bot.connector.serviceUrl, head, "campaign")), 200);
    const overview = cardText(bot.connector.sentTo(personalConversationId(head)).at(-1)?.activity.attachments?.[0]?.content);
    assert.match(overview, /of 2 staff/);
    assert.match(overview, /Megan Bowen/);
    assert.match(overview, /a Teams setup policy for staff installs it/);

    assert.equal(await post(installationUpdate(bot.connector.serviceUrl, megan)), 200);
    assert.deepEqual(titles(megan), ["Staff IT Acceptable Use Policy", "Employee Guidance on the Use of Social Media"]);
    assert.deepEqual(bot.graph.directory.installRequests, []);
    assert.deepEqual(bot.errors, []);
  });
});
