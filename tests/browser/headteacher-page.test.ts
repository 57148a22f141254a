// The headteacher's pages in real Chromium, local mode: only the local headteacher sees them; in each of
// Teams' three themes axe-core finds no serious or critical problem; a report is worked from New to
// Closed; a filtered CSV and a subject access export are downloaded.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { LOCAL_DEMO_PEOPLE } from "../../tab/api/auth/local-issuer.js";
import { buildTab } from "../../scripts/build-tab.js";
import { loadConfig } from "../../server/config.js";
import { startApp, type RunningApp } from "../../server/start.js";
import type { IncidentReport, Person } from "../../records/types.js";
import { acknowledgement, loan } from "../tab/support/headteacher-fixtures.js";
import { launchChromium } from "./chromium.js";
import { seriousAxeViolations } from "./support/axe.js";

const SHOTS = path.resolve("test-results");
const [ALEX, MEGAN, ADELE, ISAIAH, PATTI, LYNNE] = LOCAL_DEMO_PEOPLE as [Person, Person, Person, Person, Person, Person];
/** Several local headteachers, one per test where it can be, so no one reaches the tab API's per-person rate limit. */
const HEADTEACHERS = [ALEX, LYNNE, PATTI, ISAIAH];

function lostLaptop(reporter: Person, n: number, now: Date): IncidentReport {
  const at = new Date(now.getTime() - n * 3600_000).toISOString();
  return {
    recordId: `rep-00000000-0000-4000-8000-00000000000${n}`,
    kind: "lost-equipment",
    reporter,
    reportedAt: at,
    occurredAt: at,
    summary: `Stolen: laptop ${n}`,
    details: { what: "stolen", item: `Laptop ${n}`, occurredAt: at, where: "Car park", circumstances: "Taken from a car", personalData: true },
    urgent: true,
    status: "New",
    statusChangedAt: at,
    statusChangedBy: reporter.displayName,
  };
}

describe("the headteacher's pages in Chromium (local mode)", function () {
  this.timeout(180_000);
  let app: RunningApp;
  let browser: Browser;
  let dataDir: string;
  let problems: string[];

  before(async () => {
    browser = await launchChromium();
    await buildTab();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-headteacher-browser-"));
    const env = { PORT: "0", DATA_DIR: dataDir, CAMPAIGN_CHECK_EVERY_MINUTES: "0", HEADTEACHER_AAD_OBJECT_ID: HEADTEACHERS.map((p) => p.id).join(",") };
    app = await startApp(loadConfig(env), { log: { info: () => undefined, error: () => undefined } });
    const { records, bot } = app.services;
    for (const person of [ALEX, MEGAN, ADELE, ISAIAH]) await bot.conversations.save(person.id, { user: { id: `29:${person.id}`, name: person.displayName } });
    const now = new Date();
    for (const person of [ALEX, MEGAN]) await records.saveAcknowledgement(acknowledgement(person, "acceptable-use-policy", now));
    await records.saveAcknowledgement(acknowledgement(ALEX, "social-media-guidance", now));
    for (const n of [1, 2]) await records.saveReport(lostLaptop(n === 1 ? MEGAN : ADELE, n, now));
    await records.laptopLoans.save(loan(1, MEGAN));
    await records.laptopLoans.save(loan(2, ADELE, { status: "Awaiting confirmation", confirmedAt: "" }));
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function openTab(context: BrowserContext, query = "", hash = "", person: Person = ALEX): Promise<Page> {
    await context.addInitScript((id) => localStorage.setItem("aup-tab-local-person", id), person.id);
    await context.route("https://res.cdn.office.net/teams-js/**", (route) =>
      route.fulfill({ contentType: "application/json", body: JSON.stringify({ validOrigins: ["teams.microsoft.com"] }) }),
    );
    const page = await context.newPage();
    problems = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    await page.goto(`${app.url}/tab/${query}${hash}`);
    await page.waitForSelector("html[data-ready=true]");
    return page;
  }

  const headteacherLinks = ["Year at a glance", "Incident log", "Laptops", "Subject access", "Retention", "Governors' pack"];

  for (const [theme, headteacher] of [["default", ALEX], ["dark", LYNNE], ["contrast", PATTI]] as const) {
    it(`shows the local headteacher every page with no serious accessibility problem (${theme} theme)`, async () => {
      const context = await browser.newContext({ locale: "en-GB", timezoneId: "Europe/London" });
      try {
        const page = await openTab(context, `?theme=${theme}`, "", headteacher);
        assert.equal(await page.getAttribute("html", "data-theme"), theme);
        assert.equal(await page.locator("#local-person").inputValue(), headteacher.id);
        for (const link of headteacherLinks) await page.getByRole("link", { name: link, exact: true }).waitFor();

        await page.getByRole("link", { name: "Year at a glance" }).click();
        await page.getByRole("heading", { name: "The year at a glance" }).waitFor();
        const row = await page.getByRole("row", { name: /Staff IT Acceptable Use Policy/ }).first().textContent();
        // Against the demo roster of ten: the two who confirmed, and eight the campaign has not reached yet.
        assert.equal(row, "Staff IT Acceptable Use Policy (version 2026.1)20820%");
        assert.match((await page.locator("svg.chart").first().textContent()) ?? "", /2 acknowledged, 0 outstanding, 8 not reached/);
        assert.deepEqual(await seriousAxeViolations(page), []);
        await page.screenshot({ path: path.join(SHOTS, `headteacher-${theme}-glance.png`), fullPage: true });

        for (const [link, heading] of [["Incident log", "Reports"], ["Laptops", "Laptop loans"], ["Retention", "Retention"], ["Governors' pack", "Governors' evidence pack: Staff IT Acceptable Use Policy, 2026/27"], ["Subject access", "Subject access"]] as const) {
          await page.getByRole("link", { name: link, exact: true }).click();
          await page.getByRole("heading", { name: heading, exact: true }).waitFor();
          assert.deepEqual(await seriousAxeViolations(page), [], `${link} page`);
        }
        await page.screenshot({ path: path.join(SHOTS, `headteacher-${theme}-subject-access.png`), fullPage: true });
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }

  it("prints the governors' pack on A4: no navigation or buttons, nothing wider than the printable width", async () => {
    // A4 is 210 mm wide; less 15 mm margins each side leaves 180 mm, 680 CSS pixels, to print on.
    const printable = Math.floor((180 / 25.4) * 96);
    const context = await browser.newContext({ locale: "en-GB", timezoneId: "Europe/London", viewport: { width: printable, height: 1000 } });
    try {
      const page = await openTab(context, "?theme=dark", "#governors", ISAIAH);
      await page.getByRole("heading", { name: /^Governors' evidence pack/ }).waitFor();
      assert.equal(await page.getByRole("button", { name: "Print or save as PDF" }).isVisible(), true);
      await page.emulateMedia({ media: "print" });
      assert.equal(await page.locator("nav.pages").isVisible(), false);
      assert.equal(await page.getByRole("button", { name: "Print or save as PDF" }).isVisible(), false);
      assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), "rgb(255, 255, 255)", "dark theme prints dark on white");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${overflow}px wider than the printable width`);
      const sections = await page.locator(".pack-section h3").allTextContents();
      assert.deepEqual(sections, ["1. Staff who acknowledged each document", "2. Reports by kind and month", "3. Filtering re-categorisation requests", "4. Open items and laptops"]);
      assert.match((await page.locator(".pack").textContent()) ?? "", /Reports in review0Laptops out on loan2/);

      const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString("latin1");
      const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
      assert.ok(boxes.length >= 1);
      for (const box of boxes) assert.deepEqual(box, [595, 842], "A4 in points");
      assert.ok(boxes.length <= 3, `${boxes.length} pages`);
      fs.writeFileSync(path.join(SHOTS, "governors-pack.pdf"), Buffer.from(pdf, "latin1"));
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it("shows a member of staff only the staff tab, even at a headteacher page's address", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    try {
      const page = await openTab(context);
      await page.selectOption("#local-person", { label: MEGAN.displayName });
      await page.locator("li.ht-nav").first().waitFor({ state: "detached" });
      assert.equal(await page.locator("nav.pages a").count(), 3);
      await page.goto(`${app.url}/tab/#glance`);
      await page.waitForSelector("html[data-ready=true]");
      await page.getByRole("button", { name: /Loss, damage or theft/ }).waitFor();
      assert.equal(await page.getByRole("heading", { name: "The year at a glance" }).count(), 0);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it("works a report from New to Closed with notes and downloads the filtered list as CSV", async () => {
    const context = await browser.newContext({ locale: "en-GB", timezoneId: "Europe/London", acceptDownloads: true });
    try {
      const page = await openTab(context, "", "#incidents", LYNNE);
      await page.getByRole("heading", { name: "Reports", exact: true }).waitFor();
      // Shown and opened by the short reference staff quote, not the record id.
      const { reference } = await app.services.records.getReport("rep-00000000-0000-4000-8000-000000000001");
      assert.match(reference ?? "", /^R-\d{4}-\d{4}$/);
      assert.deepEqual(await page.locator("table.ht-reports tbody tr > :first-child").allTextContents(), [reference, await app.services.records.getReport("rep-00000000-0000-4000-8000-000000000002").then((r) => r.reference)]);
      await page.getByLabel("Reference").fill(reference ?? "");
      await page.getByRole("button", { name: "Show reports" }).click();
      await page.getByText("Showing 1–1 of 1 report, newest first.").waitFor();
      await page.getByRole("button", { name: `Open report ${reference}` }).click();
      await page.getByRole("heading", { name: "Report: Stolen: laptop 1" }).waitFor();
      assert.match((await page.locator("dl.ht-facts").first().textContent()) ?? "", new RegExp(`^Reference${reference}Kind`));
      assert.match((await page.locator("main").textContent()) ?? "", /ICO 72-hour clock\d+ hours left/);
      for (const [status, note] of [["In review", "Asked IT to wipe it remotely"], ["Closed", "Wiped and encrypted: not reportable"]] as const) {
        await page.getByLabel("New status").selectOption(status);
        await page.getByLabel("Note (why, what was done)").fill(note);
        await page.getByRole("button", { name: "Change status" }).click();
        await page.getByText(new RegExp(`${status} by Lynne Robbins\\. ${note}`)).waitFor();
      }
      const stored = await app.services.records.getReport("rep-00000000-0000-4000-8000-000000000001");
      assert.equal(stored.status, "Closed");
      assert.deepEqual(stored.statusHistory?.map((h) => h.note), ["Asked IT to wipe it remotely", "Wiped and encrypted: not reportable"]);

      await page.getByRole("button", { name: "Back to reports" }).click();
      await page.getByRole("heading", { name: "Reports", exact: true }).waitFor();
      await page.getByLabel("Reference").fill("");
      await page.getByLabel("Status", { exact: true }).selectOption("Closed");
      await page.getByRole("button", { name: "Show reports" }).click();
      // The caption counts what the filter shows.
      await page.getByText("Showing 1–1 of 1 report, newest first.").waitFor();
      assert.equal(await page.locator("table.ht-reports tbody tr").count(), 1);
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download this view as CSV" }).click()]);
      assert.equal(download.suggestedFilename(), "reports.csv");
      const csv = fs.readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "");
      const lines = csv.trimEnd().split("\r\n");
      assert.equal(lines.length, 2, "the header and the one closed report");
      assert.match(lines[1] ?? "", new RegExp(`^${reference},"Loss, damage or theft of school equipment",Stolen: laptop 1,Megan Bowen,`));
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it("records a laptop return and produces one person's subject access export", async () => {
    const context = await browser.newContext({ locale: "en-GB", timezoneId: "Europe/London", acceptDownloads: true });
    try {
      const page = await openTab(context, "", "#laptops", PATTI);
      await page.getByRole("heading", { name: "Laptop loans" }).waitFor();
      await page.getByRole("button", { name: "Mark returned: HP ProBook 450 (SN SN-2)" }).click();
      await page.getByLabel("Condition").selectOption("Missing parts");
      await page.getByLabel("Note").fill("No charger");
      await page.getByRole("button", { name: "Record return" }).click();
      await page.getByText("HP ProBook 450 (SN SN-2) from Adele Vance is recorded as returned.").waitFor();
      assert.equal((await app.services.records.laptopLoans.list({ status: "Returned" })).length, 1);

      await page.getByRole("link", { name: "Subject access" }).click();
      await page.getByLabel("Member of staff").selectOption({ label: MEGAN.displayName });
      await page.getByRole("button", { name: "Show what we hold" }).click();
      await page.getByRole("heading", { name: "Reports they filed (1)" }).waitFor();
      const text = (await page.locator("section.ht-found").textContent()) ?? "";
      assert.match(text, /Acknowledgements \(1\)/);
      assert.match(text, /Laptop loans \(1\)/);
      assert.ok(!text.includes("Adele Vance") && !text.includes("laptop 2"), "nothing about anyone else");
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download as JSON" }).click()]);
      const exported = JSON.parse(fs.readFileSync(await download.path(), "utf8")) as { person: Person; reportsFiled: unknown[] };
      assert.equal(exported.person.displayName, MEGAN.displayName);
      assert.equal(exported.reportsFiled.length, 1);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
