// Run as a child process by the fan-out crash test: starts the app on DATA_DIR, runs the campaign (or, after a
// restart, finishes what the engine had queued), and prints how it ended.
import { loadConfig } from "../../../server/config.js";
import { startApp } from "../../../server/start.js";
import { HEADTEACHER, fixedClock } from "../bot-test-app.js";

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: fan-out-child.ts DATA_DIR");

const errors: string[] = [];
const config = loadConfig({ PORT: "0", DATA_DIR: dataDir, HEADTEACHER_AAD_OBJECT_ID: HEADTEACHER.aadObjectId, CAMPAIGN_CHECK_EVERY_MINUTES: "0" });
const running = await startApp(config, {
  clock: fixedClock,
  log: { info: () => undefined, error: (message, error) => errors.push(`${message}: ${String(error)}`) },
  // Teams' limits a tenth of a second at a time, as the stand-in enforces them in the test.
  deliveryTuning: {
    limits: { perWindow: 50, perConversationPerWindow: 7, windowMs: 100, marginMs: 10 },
    retry: { firstDelayMs: 10, maxDelayMs: 100 },
    concurrency: 8,
  },
});
const { bot } = running.services;
const summary = await bot.campaign.run();
// After a restart the pass queues nothing new: wait for what the engine picked up from before.
for (;;) {
  await bot.fanOut.engine.idle();
  if (bot.fanOut.store.nextAttemptAt() === undefined) break;
  await new Promise((resolve) => setTimeout(resolve, 20));
}
// The staff status rows as well: a refresh still waiting for its timer is done now, not dropped at close.
await bot.roster.service.idle();
console.info(JSON.stringify({ summary, errors }));
await running.close();
