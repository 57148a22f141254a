// The tab framed by a Teams stand-in: teams-js initialises, the token comes from
// authentication.getAuthToken (no local sign-in picker), and the theme follows the host's themeChange.
import assert from "node:assert/strict";
import { reportQuoted } from "./report-quoted.js";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { buildTab } from "../../scripts/build-tab.js";
import { loadConfig } from "../../server/config.js";
import { startApp, type RunningApp } from "../../server/start.js";
import { reportKind } from "../../records/report-kinds.js";
import { validReportBody } from "../tab/report-bodies.js";
import { launchChromium } from "./chromium.js";
import { fillWithKeyboard, keyboardAnswers, probeDateTimeEntry } from "./keyboard-form.js";
import { TEAMS_HOST_PATH, teamsHostStandIn } from "./teams-host-stand-in.js";

const PATTI = { id: "00000000-0000-0000-0000-0000000000024", displayName: "Patti Fernandez" };

describe("the personal tab inside a Teams host (stand-in)", function () {
  this.timeout(60_000);
  let app: RunningApp;
  let browser: Browser;
  let dataDir: string;

  before(async () => {
    browser = await launchChromium();
    await buildTab();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-tab-teams-"));
    app = await startApp(loadConfig({ PORT: "0", DATA_DIR: dataDir }), { log: { info: () => undefined, error: () => undefined } });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("signs in with Teams SSO, files a report as the Teams user, and follows Teams' theme changes", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    try {
      await context.route(`${app.url}${TEAMS_HOST_PATH}`, (route) =>
        route.fulfill({ contentType: "text/html", body: teamsHostStandIn(PATTI.id, "dark") }),
      );
      await context.route("https://res.cdn.office.net/teams-js/**", (route) =>
        route.fulfill({ contentType: "application/json", body: JSON.stringify({ validOrigins: ["teams.microsoft.com"] }) }),
      );
      const page = await context.newPage();
      await page.goto(app.url + TEAMS_HOST_PATH);
      const tab = page.frameLocator("#tab");
      await tab.locator("html[data-ready=true]").waitFor();
      assert.equal(await tab.locator("html").getAttribute("data-theme"), "dark", "the theme Teams reported in the context");
      assert.equal(await tab.locator("#local-person").count(), 0, "no local sign-in picker inside Teams");

      const kind = reportKind("compromised-account");
      await tab.getByRole("button", { name: new RegExp(kind.title) }).press("Enter");
      await tab.locator(".card-holder .ac-adaptiveCard").waitFor();
      const frame = page.frames().find((f) => f.url().endsWith("/tab/"));
      assert.ok(frame, "the tab's frame");
      const day = new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 10);
      await fillWithKeyboard(frame, keyboardAnswers(kind, validReportBody(kind.id, new Date()).fields, day, await probeDateTimeEntry(context)));
      await tab.getByRole("heading", { name: "Report recorded" }).waitFor();
      const reference = (await tab.locator(".confirmation .reference").textContent()) ?? "";
      const stored = await reportQuoted(app, reference);
      assert.equal(stored.reporter.id, PATTI.id, "the reporter is the person in the Teams SSO token");

      await tab.getByRole("link", { name: "My records" }).press("Enter");
      await tab.getByText(`Signed in as ${PATTI.displayName}`).waitFor();
      assert.match((await tab.locator("table.reports").textContent()) ?? "", new RegExp(reference));

      await page.evaluate(() => (window as unknown as { setTheme(theme: string): void }).setTheme("contrast"));
      await tab.locator("html[data-theme=contrast]").waitFor();
      await page.evaluate(() => (window as unknown as { setTheme(theme: string): void }).setTheme("default"));
      await tab.locator("html[data-theme=default]").waitFor();

      const calls = await page.evaluate(() => (window as unknown as { hostCalls: string[] }).hostCalls);
      for (const call of ["initialize", "getContext", "registerHandler", "authentication.getAuthToken"]) {
        assert.ok(calls.includes(call), `the tab called ${call} on the host (calls: ${calls.join(", ")})`);
      }
      fs.mkdirSync("test-results", { recursive: true });
      await page.screenshot({ path: path.join("test-results", "tab-in-teams-my-records.png"), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it("says in plain words what to do when Teams single sign-on fails", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    try {
      await context.route(`${app.url}${TEAMS_HOST_PATH}`, (route) =>
        route.fulfill({ contentType: "text/html", body: teamsHostStandIn(PATTI.id, "default", "resourceRequiresConsent") }),
      );
      await context.route("https://res.cdn.office.net/teams-js/**", (route) =>
        route.fulfill({ contentType: "application/json", body: JSON.stringify({ validOrigins: ["teams.microsoft.com"] }) }),
      );
      const page = await context.newPage();
      await page.goto(app.url + TEAMS_HOST_PATH);
      const tab = page.frameLocator("#tab");
      await tab.locator("html[data-ready=true]").waitFor();
      await tab.getByRole("link", { name: "My records" }).press("Enter");
      const alert = tab.getByRole("alert");
      await alert.waitFor();
      assert.equal(
        await alert.textContent(),
        "Teams could not sign you in to this tab (resourceRequiresConsent). Close the tab and open it again; " +
          "if this keeps happening, tell the school's IT technician.",
      );
    } finally {
      await context.close();
    }
  });
});
