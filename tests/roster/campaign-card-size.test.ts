import assert from "node:assert/strict";
import { campaignOverviewCard, digestCard, type CampaignPicture, type NotReachedEntry, type OutstandingEntry } from "../../bot/cards/digest-card.js";
import { PolicyCatalog } from "../../policies/policy-catalog.js";
import { cardText, cardWarnings } from "../support/adaptive-cards.js";

/** Teams refuses a message over about 28 KB; the card must stay under it with room for the envelope. */
const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;

describe("the headteacher's campaign cards for a large staff", () => {
  const policies = PolicyCatalog.load("policies/content").forAllStaff();
  const names = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix} ${String(i + 1).padStart(3, "0")} Fitzwilliam-Montgomery`);
  const outstanding: OutstandingEntry[] = names(600, "Teacher").flatMap((displayName) =>
    policies.map((policy) => ({ displayName, policy, firstAskedAt: "2026-09-02T08:00:00.000Z" })),
  );
  const notReached: NotReachedEntry[] = names(300, "Assistant").map((displayName) => ({
    displayName,
    state: "Install refused",
    detail: "Microsoft Graph refused to install the app for them (403 Forbidden). The IT admin should grant admin consent for TeamsAppInstallation.ReadWriteSelfForUser.All.",
  }));
  const picture: CampaignPicture = {
    cycle: "2026/27",
    rosterSize: 1200,
    acknowledgedCounts: policies.map((policy, index) => ({ policy, count: 300 + index })),
    notReached,
    statusListUrl: "https://crichcarr.sharepoint.com/sites/staff/Lists/AupStaffStatus",
  };

  for (const [name, card] of [
    ["the overview ('campaign')", campaignOverviewCard(picture, outstanding)],
    ["the digest", digestCard(picture, outstanding, 2)],
  ] as const) {
    it(`${name} summarises 600 outstanding and 300 not reached within Teams' card size, linking to the list`, () => {
      const bytes = Buffer.byteLength(JSON.stringify(card), "utf8");
      assert.ok(bytes < TEAMS_CARD_LIMIT_BYTES, `${bytes} bytes`);
      const seen = cardText(card);
      assert.match(seen, /Staff IT Acceptable Use Policy 300 of 1200 staff/);
      assert.match(seen, /… and 1160 more: the "AUP staff status" list has everyone\./);
      assert.match(seen, /Not reached \(300\)/);
      assert.match(seen, /Install refused: 300/);
      assert.match(seen, /Assistant 001 Fitzwilliam-Montgomery\*\*: Install refused\. Microsoft Graph refused/);
      assert.match(seen, /… and 275 more/);
      assert.deepEqual(card.actions, [{ type: "Action.OpenUrl", title: "Open the staff status list", url: picture.statusListUrl }]);
      assert.deepEqual(cardWarnings(card), []);
    });
  }
});
