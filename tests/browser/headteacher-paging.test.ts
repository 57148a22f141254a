// The incident log in pages, in real Chromium by keyboard: 50 reports a page, newest first, "Showing 51–100 of
// 120 reports", Previous and Next as buttons that keep the filter, and a CSV of the whole filtered view.
import assert from "node:assert/strict";
import fs from "node:fs";
import { LOCAL_DEMO_PEOPLE } from "../../tab/api/auth/local-issuer.js";
import type { IncidentReport, Person } from "../../records/types.js";
import { report } from "../server/local-app.js";
import { chromiumWithLocalApp, openLocalTab } from "./local-tab.js";
import { seriousAxeViolations } from "./support/axe.js";

const [ALEX, MEGAN] = LOCAL_DEMO_PEOPLE as [Person, Person];

/** Report n was filed n hours ago; every other one is still new. */
function lostBag(n: number, now: Date): IncidentReport {
  const at = new Date(now.getTime() - n * 3600_000).toISOString();
  const id = `rep-00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  return report({ recordId: id, reporter: MEGAN, reportedAt: at, occurredAt: at, statusChangedAt: at, summary: `Lost: bag ${n}`, urgent: false, status: n % 2 ? "Closed" : "New" });
}

describe("the incident log in pages in Chromium (local mode)", function () {
  this.timeout(180_000);
  const held = chromiumWithLocalApp();

  it("pages through 120 reports by keyboard, keeps the filter across pages, and downloads every filtered report", async () => {
    const { app, browser } = held;
    const now = new Date();
    for (let n = 0; n < 120; n++) await app.services.records.saveReport(lostBag(n, now));
    const context = await browser.newContext({ locale: "en-GB", timezoneId: "Europe/London", acceptDownloads: true });
    try {
      await context.addInitScript((id) => localStorage.setItem("aup-tab-local-person", id), ALEX.id);
      const page = await openLocalTab(context, app, "#incidents");
      await page.getByText("Showing 1–50 of 120 reports, newest first.").waitFor();
      const rows = page.locator("table.ht-reports tbody tr");
      assert.equal(await rows.count(), 50);
      assert.match((await rows.first().textContent()) ?? "", /Lost: bag 0/, "newest first");
      const pager = page.getByRole("navigation", { name: "Pages of reports" });
      assert.match((await pager.textContent()) ?? "", /Showing 1–50 of 120 reports \(page 1 of 3\)/);
      const previous = page.getByRole("button", { name: "Previous page of reports" });
      const next = page.getByRole("button", { name: "Next page of reports" });
      assert.equal(await previous.isDisabled(), true);

      // Enter on Next, then Space on it again: focus stays on Next while there is a next page.
      await next.focus();
      await page.keyboard.press("Enter");
      await page.getByText("Showing 51–100 of 120 reports, newest first.").waitFor();
      assert.match((await rows.first().textContent()) ?? "", /Lost: bag 50/);
      assert.equal(await next.evaluate((element) => element === document.activeElement), true, "still on Next");
      await page.keyboard.press("Space");
      await page.getByText("Showing 101–120 of 120 reports, newest first.").waitFor();
      assert.equal(await rows.count(), 20);
      assert.equal(await next.isDisabled(), true);
      assert.deepEqual(await seriousAxeViolations(page), []);

      // A filter starts again at the first page, and the pages keep it.
      await page.getByLabel("Status", { exact: true }).selectOption("New");
      await page.getByRole("button", { name: "Show reports" }).click();
      await page.getByText("Showing 1–50 of 60 reports, newest first.").waitFor();
      await next.focus();
      await page.keyboard.press("Enter");
      await page.getByText("Showing 51–60 of 60 reports, newest first.").waitFor();
      assert.equal(await page.getByLabel("Status", { exact: true }).inputValue(), "New", "the filter is still chosen");
      assert.deepEqual(new Set((await page.locator("table.ht-reports tbody tr td:nth-child(6)").allTextContents())), new Set(["New"]));
      await previous.focus();
      await page.keyboard.press("Enter");
      await page.getByText("Showing 1–50 of 60 reports, newest first.").waitFor();

      // The download is the whole filtered view, not the page on screen.
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download this view as CSV" }).click()]);
      const lines = fs.readFileSync(await download.path(), "utf8").trimEnd().split("\r\n");
      assert.equal(lines.length, 61, "the header and all 60 new reports");
    } finally {
      await context.close();
    }
  });
});
