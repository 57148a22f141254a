import assert from "node:assert/strict";
import fs from "node:fs";
import { CampaignLedger } from "../../bot/campaigns/campaign-ledger.js";
import { openDatabase } from "../../records/sqlite/database.js";
import { installationUpdate, personalConversationId, postActivity, testUser, textMessage } from "../support/teams-activities.js";
import { HEADTEACHER, startBotTestApp } from "./bot-test-app.js";

const STAFF = Array.from({ length: 40 }, (_, n) => testUser(`Teacher${n} Smith`, `bbbbbbbb-0000-4000-8000-${String(n).padStart(12, "0")}`));

describe("shutting down during a campaign pass", function () {
  this.timeout(60_000);

  it("stops sending, answers the headteacher, and leaves everyone not yet reached for the next pass", async () => {
    const app = await startBotTestApp();
    const { dataDir } = app.running.services.config;
    try {
      // Forty people who have the app (they typed "help") but were never sent their cards: 80 invitations, paced.
      for (const person of STAFF) await postActivity(app.url, textMessage(app.serviceUrl, person, "help"));
      await postActivity(app.url, installationUpdate(app.serviceUrl, HEADTEACHER));
      const invitations = () => STAFF.flatMap((person) => app.connector.sentTo(personalConversationId(person)).filter((s) => s.activity.attachments?.length));
      const remind = postActivity(app.url, textMessage(app.serviceUrl, HEADTEACHER, "remind"));
      await app.connector.waitFor(() => invitations().length >= 3);

      await app.running.close();
      assert.equal((await remind).status, 200);
      const sent = invitations().length;
      assert.ok(sent < STAFF.length * 2, `the pass stopped part way (sent ${sent})`);
      const answer = app.connector.sentTo(personalConversationId(HEADTEACHER)).at(-1)?.activity.text ?? "";
      assert.equal(answer, `Sent ${sent} invitations and 0 reminders for 2026/27.`);

      const db = openDatabase(dataDir);
      try {
        const invitesClaimed = new CampaignLedger(db).taken("2026/27").filter((step) => !step.personId.startsWith("aaaaaaaa"));
        assert.equal(invitesClaimed.length, sent, "only those sent are claimed, so the next pass invites the rest");
      } finally {
        db.close();
      }
    } finally {
      await app.connector.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
