// Markup typed into a monitoring record (a name given by hand, the reason, the outcome) shown as text on the email
// monitoring page and in the printed notice, in real Chromium: never parsed as HTML, never run.
import assert from "node:assert/strict";
import { LOCAL_DEMO_PEOPLE } from "../../tab/api/auth/local-issuer.js";
import { monitoringRecordId } from "../../records/monitoring/monitoring-record.js";
import type { Person } from "../../records/types.js";
import { chromiumWithLocalApp, openLocalTab } from "./local-tab.js";

const [ALEX] = LOCAL_DEMO_PEOPLE as [Person];
const NAME = `Ms <img src="x" onerror="window.__typed='name'"> Supply`;
const REASON = `<script>window.__typed='reason'</script><b>Urgent</b> messages at night`;
const OUTCOME = `<iframe src="javascript:window.parent.__typed='outcome'"></iframe>No further action`;

describe("typed markup on the email monitoring page in Chromium (local mode)", function () {
  this.timeout(180_000);
  const held = chromiumWithLocalApp({ CAMPAIGN_CHECK_EVERY_MINUTES: "0", HEADTEACHER_AAD_OBJECT_ID: ALEX.id });

  it("shows a name, reason and outcome typed as HTML as text, in the list and the notice, and runs none of it", async () => {
    const monitoring = held.app.services.monitoring;
    assert.ok(monitoring, "the local app has the monitoring record");
    const now = new Date();
    const recordId = monitoringRecordId("6d5e4f3a-0000-4000-8000-000000000006", ALEX.id);
    await monitoring.save({
      recordId,
      employee: { id: "", displayName: NAME, upn: "supply@test-school.example" },
      reason: REASON,
      from: "2026-11-02",
      to: "2026-11-13",
      requestedOf: "The IT technician <u>Network Manager</u>",
      requestedOn: "2026-10-30",
      recordedBy: ALEX,
      recordedAt: now.toISOString(),
      state: "Open",
    });
    await monitoring.close(recordId, { closedAt: now.toISOString(), closedBy: ALEX, outcome: OUTCOME });

    const context = await held.browser.newContext({ locale: "en-GB", timezoneId: "Europe/London" });
    const problems: string[] = [];
    context.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(`${message.type()}: ${message.text()}`);
    });
    context.on("weberror", (error) => problems.push(`page error: ${error.error().message}`));
    try {
      await context.addInitScript((id) => location.protocol.startsWith("http") && localStorage.setItem("aup-tab-local-person", id), ALEX.id);
      const page = await openLocalTab(context, held.app, "#monitoring");
      const row = page.getByRole("row", { name: /Supply/ });
      await row.waitFor();
      assert.ok(((await row.textContent()) ?? "").includes(NAME), "the name as typed, tags and all");

      await page.getByRole("button", { name: `Notice to print: ${NAME}` }).click();
      const letter = page.getByRole("article", { name: "Notice of email monitoring" });
      await letter.waitFor();
      const text = (await letter.textContent()) ?? "";
      for (const typed of [NAME, REASON, OUTCOME, "IT technician <u>Network Manager</u>"]) assert.ok(text.includes(typed), `the notice shows ${typed} as typed`);

      assert.equal(await page.locator("main img, main script, main iframe, main b, main u").count(), 0, "no element made from typed text");
      assert.equal(await page.evaluate(() => (window as unknown as { __typed?: string }).__typed), undefined, "nothing typed ran");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
