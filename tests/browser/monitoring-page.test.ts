// The email monitoring page (policy 15.1) in real Chromium, local mode: the headteacher records a request (a
// form refused first shows what to fix), closes it with its outcome and prints the written notice on its own on
// A4; the IT technician is never offered the page, even at its address.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { LOCAL_DEMO_PEOPLE } from "../../tab/api/auth/local-issuer.js";
import { buildTab } from "../../scripts/build-tab.js";
import type { Person } from "../../records/types.js";
import { launchChromium } from "./chromium.js";
import { openLocalTab, startQuietLocalApp, type QuietLocalApp } from "./local-tab.js";
import { seriousAxeViolations } from "./support/axe.js";

const SHOTS = path.resolve("test-results");
const [ALEX, MEGAN, ADELE] = LOCAL_DEMO_PEOPLE as [Person, Person, Person];
const REASON = "A parent reported messages sent to them from this account late at night.";

describe("the email monitoring page in Chromium (local mode)", function () {
  this.timeout(180_000);
  let app: QuietLocalApp;
  let browser: Browser;
  let problems: string[];

  before(async () => {
    browser = await launchChromium();
    await buildTab();
    app = await startQuietLocalApp({ CAMPAIGN_CHECK_EVERY_MINUTES: "0", HEADTEACHER_AAD_OBJECT_ID: ALEX.id, IT_TECHNICIAN_AAD_OBJECT_ID: MEGAN.id });
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  /** The tab as `person`, collecting what the browser reports as errors (the refused form's 400 is expected). */
  async function openTab(context: BrowserContext, hash: string, person: Person): Promise<Page> {
    problems = [];
    context.on("console", (message) => {
      if ((message.type() === "error" || message.type() === "warning") && !message.text().includes("status of 400")) problems.push(`${message.type()}: ${message.text()}`);
    });
    context.on("weberror", (error) => problems.push(`page error: ${error.error().message}`));
    // Not in the blank page a new tab starts as, whose storage Chromium refuses.
    await context.addInitScript((id) => location.protocol.startsWith("http") && localStorage.setItem("aup-tab-local-person", id), person.id);
    return openLocalTab(context, app, hash);
  }

  it("records a request, closes it and prints the notice to the employee on its own", async () => {
    const printable = Math.floor((180 / 25.4) * 96);
    const context = await browser.newContext({ locale: "en-GB", timezoneId: "Europe/London", viewport: { width: printable, height: 1000 } });
    try {
      const page = await openTab(context, "#monitoring", ALEX);
      await page.getByRole("heading", { name: "Email monitoring record" }).waitFor();
      await page.getByText("No monitoring has been recorded.").waitFor();
      await page.getByRole("button", { name: "Record a monitoring request" }).click();
      await page.getByRole("heading", { name: "Record a monitoring request" }).waitFor();
      await page.getByLabel("Member of staff").selectOption({ label: ADELE.displayName });
      await page.getByLabel("From").fill("2026-11-02");
      await page.getByLabel("To", { exact: true }).fill("2026-11-13");
      await page.getByLabel("Requested on").fill("2026-10-30");
      // Sent without a reason: refused, and the field says so.
      await page.getByRole("button", { name: "Record", exact: true }).click();
      await page.getByText("Reason: this is required.").waitFor();
      assert.equal(await page.getByLabel("Reason for the monitoring").getAttribute("aria-invalid"), "true");
      assert.equal(await page.getByLabel("Reason for the monitoring").evaluate((e) => e === document.activeElement), true, "focus moves to the field to fix");
      assert.deepEqual(await seriousAxeViolations(page), []);

      await page.getByLabel("Reason for the monitoring").fill(REASON);
      await page.getByRole("button", { name: "Record", exact: true }).click();
      await page.getByText(`Monitoring of ${ADELE.displayName}'s email is recorded (open).`).waitFor();
      await page.screenshot({ path: path.join(SHOTS, "monitoring-list.png"), fullPage: true });
      const row = (await page.getByRole("row", { name: new RegExp(ADELE.displayName) }).textContent()) ?? "";
      assert.match(row, /2 Nov 2026 to 13 Nov 2026/);
      assert.match(row, /The IT technician \(Network Manager\), 30 Oct 2026/);
      assert.match(row, /Alex Wilber, /);
      assert.match(row, /Open/);
      const [stored] = (await app.services.monitoring?.list({})) ?? [];
      assert.equal(stored?.reason, REASON);
      assert.equal(stored?.employee.upn, ADELE.upn);

      await page.getByRole("button", { name: `Close: monitoring of ${ADELE.displayName}` }).click();
      // Closed without an outcome: refused beside the field, which gets the focus.
      await page.getByRole("button", { name: "Close the record" }).click();
      await page.getByText("Outcome: this is required.").waitFor();
      const outcome = page.getByLabel(/^Outcome/);
      assert.equal(await outcome.getAttribute("aria-invalid"), "true");
      assert.equal(await outcome.evaluate((e) => e === document.activeElement), true, "focus moves to the outcome");
      await outcome.fill("Messages were sent by a colleague on a shared laptop; no further action.");
      await page.getByRole("button", { name: "Close the record" }).click();
      await page.getByRole("heading", { name: `Notice to ${ADELE.displayName}` }).waitFor();
      const letter = page.getByRole("article", { name: "Notice of email monitoring" });
      const text = (await letter.textContent()) ?? "";
      for (const expected of ["Crich Carr Church of England Primary School", `Dear ${ADELE.displayName},`, ADELE.upn, "was monitored from 2 November 2026 to 13 November 2026", REASON, "no further action", "section 15.1", "Headteacher"]) {
        assert.ok(text.includes(expected), `the notice says ${expected}`);
      }
      assert.deepEqual(await seriousAxeViolations(page), []);

      await page.screenshot({ path: path.join(SHOTS, "monitoring-notice.png"), fullPage: true });
      await page.emulateMedia({ media: "print" });
      assert.equal(await letter.isVisible(), true);
      for (const hidden of [page.locator("nav.pages"), page.getByRole("heading", { name: `Notice to ${ADELE.displayName}` }), page.getByRole("button", { name: "Print or save as PDF" })]) {
        assert.equal(await hidden.isVisible(), false, "only the letter prints");
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${overflow}px wider than the printable width`);
      const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
      const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
      assert.ok(boxes.length >= 1 && boxes.length <= 2, `${boxes.length} pages`);
      for (const box of boxes) assert.deepEqual(box, [595, 842], "A4 in points");
      fs.writeFileSync(path.join(SHOTS, "monitoring-notice.pdf"), Buffer.from(pdf, "latin1"));
      await page.emulateMedia({ media: "screen" });

      await page.getByRole("button", { name: "Back to the record" }).click();
      assert.match((await page.getByRole("row", { name: new RegExp(ADELE.displayName) }).textContent()) ?? "", /Closed .* by Alex Wilber/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it("never offers the IT technician the page, even at its address", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    try {
      const page = await openTab(context, "", MEGAN);
      await page.getByRole("link", { name: "Incident log", exact: true }).waitFor();
      assert.equal(await page.getByRole("link", { name: "Email monitoring" }).count(), 0);
      await page.goto(`${app.url}/tab/#monitoring`);
      await page.waitForSelector("html[data-ready=true]");
      await page.getByRole("link", { name: "Incident log", exact: true }).waitFor();
      assert.equal(await page.getByRole("heading", { name: "Email monitoring record" }).count(), 0);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
