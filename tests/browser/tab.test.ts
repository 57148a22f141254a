// The personal tab in real Chromium, local mode: a member of staff files each kind of report with the
// keyboard, sees the confirmation and then the report under My records, in the light and dark themes.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { REPORT_KIND_DEFINITIONS, reportKind } from "../../records/report-kinds.js";
import { buildTab } from "../../scripts/build-tab.js";
import { loadConfig } from "../../server/config.js";
import { startApp, type RunningApp } from "../../server/start.js";
import { validReportBody } from "../tab/report-bodies.js";
import { launchChromium } from "./chromium.js";
import { reportQuoted } from "./report-quoted.js";
import { fillWithKeyboard, keyboardAnswers, probeDateTimeEntry } from "./keyboard-form.js";

const SCREENSHOTS = path.resolve("test-results");
const THEMES = [
  { name: "light", colorScheme: "light", dataTheme: "default", person: "Alex Wilber" },
  { name: "dark", colorScheme: "dark", dataTheme: "dark", person: "Megan Bowen" },
] as const;

/** Two days ago (UTC), so the keyboard-typed date is in the past in any time zone. */
const DAY = new Date(Date.now() - 2 * 24 * 3600 * 1000).toISOString().slice(0, 10);

describe("the personal tab in Chromium (local mode)", function () {
  this.timeout(120_000);
  let app: RunningApp;
  let browser: Browser;
  let dataDir: string;
  let problems: string[];

  before(async () => {
    browser = await launchChromium(); // first: a browser that will not start fails the run
    const { bytes } = await buildTab();
    assert.ok(bytes > 0);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-tab-browser-"));
    app = await startApp(loadConfig({ PORT: "0", DATA_DIR: dataDir }), { log: { info: () => undefined, error: () => undefined } });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function openTab(context: BrowserContext, query = ""): Promise<Page> {
    // This machine is offline: stand in for the CDN from which teams-js reads the Teams host domains.
    await context.route("https://res.cdn.office.net/teams-js/**", (route) =>
      route.fulfill({ contentType: "application/json", body: JSON.stringify({ validOrigins: ["teams.microsoft.com", "*.cloud.microsoft"] }) }),
    );
    const page = await context.newPage();
    problems = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    await page.goto(`${app.url}/tab/${query}`);
    await page.waitForSelector("html[data-ready=true]");
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `tab-${name}.png`), fullPage: true });

  for (const theme of THEMES) {
    it(`files every kind with the keyboard and lists them under My records (${theme.name} theme)`, async () => {
      const context = await browser.newContext({ colorScheme: theme.colorScheme, locale: "en-GB", timezoneId: "Europe/London" });
      try {
        const entry = await probeDateTimeEntry(context);
        const page = await openTab(context);
        assert.equal(await page.getAttribute("html", "data-theme"), theme.dataTheme);
        await page.selectOption("#local-person", { label: theme.person });

        for (const [index, kind] of REPORT_KIND_DEFINITIONS.entries()) {
          await page.getByRole("link", { name: "Report" }).press("Enter");
          await page.getByRole("button", { name: new RegExp(kind.title) }).press("Enter");
          await page.waitForSelector(".card-holder .ac-adaptiveCard");
          // A permission is asked for, not reported: the form and its confirmation say so.
          const asked = kind.category === "request";
          assert.equal(await page.evaluate(() => document.activeElement?.textContent), `${asked ? "Ask" : "Report"}: ${kind.title}`);
          if (index === 0) await shot(page, `${theme.name}-report-form`);

          const answers = keyboardAnswers(kind, validReportBody(kind.id, new Date()).fields, DAY, entry);
          const questions = await fillWithKeyboard(page.mainFrame(), answers, asked ? "Send request" : "Send report");
          assert.equal(questions.length, answers.size, `every question was reached by Tab and named: ${questions.join(" | ")}`);

          const recorded = asked ? "Request recorded" : "Report recorded";
          const heading = page.getByRole("heading", { name: recorded });
          await heading.waitFor();
          assert.equal(await page.evaluate(() => document.activeElement?.textContent), recorded);
          const reference = (await page.locator(".confirmation .reference").textContent()) ?? "";
          const stored = await reportQuoted(app, reference);
          assert.equal(stored.kind, kind.id);
          assert.equal(stored.reporter.displayName, theme.person);
          // A request has no "when it happened": it is dated when asked.
          if (kind.occurredAtField) assert.ok(stored.occurredAt.startsWith(DAY), `${stored.occurredAt} is on ${DAY}`);
          const confirmation = (await page.locator(".confirmation").textContent()) ?? "";
          assert.match(confirmation, new RegExp(`Summary${escapeRegExp(stored.summary)}`));
          const told =
            kind.privacy === "safeguarding"
              ? // Locally no senior leader is set apart from the headteacher, so only the headteacher is said to be told.
                /This is a safeguarding matter: the headteacher has been alerted in Teams\./
              : kind.category === "request"
                ? /been asked in Teams; you will be told the answer/
                : stored.urgent
                  ? /headteacher and the IT technician have been alerted/
                  : /headteacher has been told in Teams/;
          assert.match(confirmation, told);
          if (kind.privacy === "safeguarding") assert.equal(confirmation.includes("IT technician"), false);
          // The way on fits what was sent: a request asks, a report reports.
          assert.equal(await page.getByRole("button", { name: asked ? "Ask for something else" : "Report something else" }).count(), 1);
          if (index === 0) await shot(page, `${theme.name}-report-confirmation`);
        }

        await page.getByRole("button", { name: "See my records" }).press("Enter");
        await page.waitForSelector("table.reports");
        const rows = await page.locator("table.reports tbody tr").allTextContents();
        assert.equal(rows.length, REPORT_KIND_DEFINITIONS.length);
        assert.ok(rows.every((row) => /^R-\d{4}-\d{4}/.test(row)), `each report is listed by its short reference: ${rows.join(" | ")}`);
        for (const kind of REPORT_KIND_DEFINITIONS) {
          // A request also says it is waiting for its decision.
          const state = kind.category === "request" ? "NewWaiting for a decision" : "New";
          assert.ok(rows.some((row) => row.includes(kind.title) && row.endsWith(state)), `${kind.title} is listed as ${state}`);
        }
        assert.match((await page.locator("main").textContent()) ?? "", new RegExp(`Signed in as ${theme.person}`));
        // Says how to get an outstanding card now, rather than to wait for the bot.
        assert.equal(
          await page.locator("ul.outstanding li").first().textContent(),
          'Staff IT Acceptable Use Policy (version 2026.1): not yet acknowledged. Type "policy" in your chat with the bot to get it.',
        );
        await shot(page, `${theme.name}-my-records`);

        await page.getByRole("link", { name: "Policies" }).press("Enter");
        await page.getByRole("heading", { name: "Staff IT Acceptable Use Policy" }).waitFor();
        assert.match((await page.locator("main").textContent()) ?? "", /13\.5 If an account or password is suspected to have been compromised/);
        await shot(page, `${theme.name}-policies`);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }

  it("keeps the keyboard on the kind chosen when the Report page is opened again under it", async () => {
    const context = await browser.newContext({ locale: "en-GB", timezoneId: "Europe/London" });
    try {
      const page = await openTab(context, "#report");
      const [first] = REPORT_KIND_DEFINITIONS;
      await page.getByRole("button", { name: new RegExp(first?.title ?? "") }).focus();
      // Report chosen again in the nav while the list is showing (as a click and its hashchange can both open it).
      await page.evaluate(() => document.querySelector<HTMLAnchorElement>('nav.pages a[href="#report"]')?.click());
      await page.keyboard.press("Enter");
      await page.waitForSelector(".card-holder .ac-adaptiveCard", { timeout: 5_000 });
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), `Report: ${first?.title ?? ""}`);
    } finally {
      await context.close();
    }
  });

  it("shows each required question's error and focuses the first one when sent empty", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    try {
      const compromised = async () => (await app.services.records.listReports({})).filter((r) => r.kind === "compromised-account").length;
      const before = await compromised();
      const page = await openTab(context);
      await page.getByRole("button", { name: /Suspected compromised account/ }).press("Enter");
      await page.getByRole("button", { name: "Send report" }).press("Enter");
      const errors = await page.locator(".card-holder").textContent();
      assert.match(errors ?? "", /Which account: choose one\./);
      assert.match(errors ?? "", /Why do you suspect it: this is required\./);
      const described = await page.evaluate(() =>
        ["aria-labelledby", "aria-describedby"]
          .flatMap((name) => (document.activeElement?.getAttribute(name) ?? "").split(" "))
          .map((id) => document.getElementById(id)?.textContent)
          .join(" "),
      );
      assert.match(described, /Which account\?.*Which account: choose one\./);
      assert.equal(await compromised(), before, "nothing was recorded");
      await shot(page, "light-report-errors");
    } finally {
      await context.close();
    }
  });

  it("says what to do when the connection drops while sending, keeps the answers, and files the report when sent again", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    try {
      const page = await openTab(context);
      await page.getByRole("button", { name: /Suspected compromised account/ }).press("Enter");
      await page.getByLabel("My school account").check();
      await page.getByLabel(/\(date\)/).fill(DAY);
      await page.getByLabel(/\(time\)/).fill("09:15");
      await page.getByLabel(/Why do you suspect it/).fill("A sign-in from abroad that I did not make");
      await context.route(`${app.url}/api/reports`, (route) => route.abort("internetdisconnected"));
      await page.getByRole("button", { name: "Send report" }).press("Enter");
      const problem = page.locator(".problems .problem-title");
      await problem.waitFor();
      assert.equal(
        await problem.textContent(),
        "Your report was not sent: The tab could not reach the school's server. Check your internet connection, then try again.",
      );
      assert.equal(await page.getByLabel(/Why do you suspect it/).inputValue(), "A sign-in from abroad that I did not make");

      await context.unroute(`${app.url}/api/reports`);
      await page.getByRole("button", { name: "Send report" }).press("Enter");
      await page.getByRole("heading", { name: "Report recorded" }).waitFor();
      const reference = (await page.locator(".confirmation .reference").textContent()) ?? "";
      assert.equal((await reportQuoted(app, reference)).details.reason, "A sign-in from abroad that I did not make");
    } finally {
      await context.close();
    }
  });

  it("follows the theme when it changes, keeping what was typed, and has a high-contrast theme", async () => {
    const context = await browser.newContext({ colorScheme: "light", locale: "en-GB" });
    try {
      const page = await openTab(context);
      await page.getByRole("button", { name: new RegExp(reportKind("lost-equipment").title) }).press("Enter");
      await page.getByLabel("Which item?").fill("Class set of iPads");
      await page.emulateMedia({ colorScheme: "dark" });
      await page.waitForSelector("html[data-theme=dark]");
      assert.equal(await page.getByLabel("Which item?").inputValue(), "Class set of iPads");
      const cardBackground = await page.locator(".ac-adaptiveCard").evaluate((card) => getComputedStyle(card).backgroundColor);
      assert.equal(cardBackground, "rgb(41, 41, 41)");

      const contrast = await openTab(context, "?theme=contrast#report");
      assert.equal(await contrast.getAttribute("html", "data-theme"), "contrast");
      await contrast.getByRole("button", { name: /Loss, damage or theft/ }).press("Enter");
      assert.equal(await contrast.locator(".ac-adaptiveCard").evaluate((card) => getComputedStyle(card).backgroundColor), "rgb(0, 0, 0)");
      await shot(contrast, "contrast-report-form");
    } finally {
      await context.close();
    }
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
