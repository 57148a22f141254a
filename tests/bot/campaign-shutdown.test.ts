import assert from "node:assert/strict";
import fs from "node:fs";
import { installationUpdate, personalConversationId, postActivity, testUser, textMessage } from "../support/teams-activities.js";
import { HEADTEACHER, startBotTestApp } from "./bot-test-app.js";

const STAFF = Array.from({ length: 40 }, (_, n) => testUser(`Teacher${n} Smith`, `bbbbbbbb-0000-4000-8000-${String(n).padStart(12, "0")}`));

describe("shutting down during a campaign pass", function () {
  this.timeout(60_000);

  it("stops sending promptly, and the next start sends everyone not yet reached, once", async () => {
    // Five messages a second, so the pass is still going when the app stops.
    const tuning = { limits: { perWindow: 5, windowMs: 1_000 } };
    const app = await startBotTestApp(undefined, undefined, { tuning });
    const { dataDir } = app.running.services.config;
    const invitations = () => STAFF.flatMap((person) => app.connector.sentTo(personalConversationId(person)).filter((s) => s.activity.attachments?.length));
    try {
      // Forty people who have the app (they typed "help") but were never sent their cards: 80 invitations.
      for (const person of STAFF) await postActivity(app.url, textMessage(app.serviceUrl, person, "help"));
      await postActivity(app.url, installationUpdate(app.serviceUrl, HEADTEACHER));
      const remind = await postActivity(app.url, textMessage(app.serviceUrl, HEADTEACHER, "remind"));
      assert.equal(remind.status, 200);
      await app.connector.waitFor(() => invitations().length >= 3);

      await app.running.close();
      const sentBeforeStop = invitations().length;
      assert.ok(sentBeforeStop < STAFF.length * 2, `the pass stopped part way (sent ${sentBeforeStop})`);

      const restarted = await startBotTestApp(undefined, undefined, { dataDir, tuning: { limits: { perWindow: 50 } } });
      try {
        // The stored chats still point at the first stand-in, where everything already sent was recorded.
        const sentAfter = async (): Promise<number> => {
          await restarted.running.services.bot.fanOut.engine.idle();
          return invitations().length;
        };
        await restarted.running.services.bot.campaign.run();
        for (let n = await sentAfter(); n < STAFF.length * 2; n = await sentAfter()) await new Promise((resolve) => setTimeout(resolve, 50));
        for (const person of STAFF) {
          const cards = app.connector.sentTo(personalConversationId(person)).filter((s) => s.activity.attachments?.length);
          assert.equal(cards.length, 2, `${person.name} has both cards, once each`);
        }
      } finally {
        await restarted.close();
      }
    } finally {
      await app.connector.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
