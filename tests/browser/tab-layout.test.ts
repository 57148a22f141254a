// The tab on a phone-width screen (375 px) and under axe-core, in real Chromium (local mode): nothing runs off
// the side, no label is cut short, every report's status is in view, and no serious or critical accessibility
// violation in the default, dark and high-contrast themes.
import assert from "node:assert/strict";
import axe from "axe-core";
import type { Browser, Page } from "playwright-core";
import { REPORT_KIND_DEFINITIONS } from "../../records/report-kinds.js";
import type { IncidentReport } from "../../records/types.js";
import { buildTab } from "../../scripts/build-tab.js";
import { launchChromium } from "./chromium.js";
import { openLocalTab, startQuietLocalApp, type QuietLocalApp } from "./local-tab.js";

/** The first demo person, whom the tab signs in as. */
const ALEX = { id: "00000000-0000-0000-0000-0000000000020", displayName: "Alex Wilber", upn: "alexw@example.com" };
const PHONE = { width: 375, height: 740 };

function alexsReport(n: number, overrides: Partial<IncidentReport> = {}): IncidentReport {
  return {
    recordId: `rep-a1ex0000-0000-4000-8000-00000000000${n}`,
    kind: "unauthorised-information",
    reporter: ALEX,
    reportedAt: `2026-11-2${n}T09:00:00.000Z`,
    occurredAt: `2026-11-2${n}T08:00:00.000Z`,
    summary: "Saw: another class's SEN support plans on the shared drive",
    details: { information: "Another class's SEN support plans", system: "Shared drive", how: "A link in an email", personalData: true },
    urgent: true,
    status: "New",
    statusChangedAt: `2026-11-2${n}T09:00:00.000Z`,
    statusChangedBy: ALEX.displayName,
    ...overrides,
  };
}

/** How far the page runs past the right edge of the window (0 when nothing does). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document));
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.impact ?? ""} ${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

describe("the tab on a phone and under axe-core, in Chromium", function () {
  this.timeout(180_000);
  let app: QuietLocalApp;
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
    await buildTab();
    app = await startQuietLocalApp();
    await app.services.records.saveReport(alexsReport(1));
    await app.services.records.saveReport(alexsReport(2, { kind: "lost-equipment", summary: "Lost: Dell Latitude 5440 (SN 7XK2)", status: "In review" }));
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it("fits every report form into 375 px, with each checkbox's words in full", async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: "en-GB" });
    try {
      const page = await openLocalTab(context, app);
      for (const kind of REPORT_KIND_DEFINITIONS) {
        await page.getByRole("link", { name: "Report", exact: true }).click();
        await page.getByRole("button", { name: new RegExp(kind.title) }).click();
        await page.locator(".card-holder .ac-adaptiveCard").waitFor();
        assert.equal(await overflow(page), 0, `${kind.title}: nothing runs off the side`);
        const cut = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>(".ac-toggleInput label, .ac-choiceSetInput-expanded label")]
            .filter((label) => label.scrollWidth > label.clientWidth + 1)
            .map((label) => label.textContent ?? ""),
        );
        assert.deepEqual(cut, [], `${kind.title}: labels cut short`);
      }
    } finally {
      await context.close();
    }
  });

  it("shows My records at 375 px with each report's status in view and its reference on one or two lines", async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: "en-GB" });
    try {
      const page = await openLocalTab(context, app, "#records");
      await page.getByText("Reports I have filed").waitFor();
      assert.equal(await overflow(page), 0, "nothing runs off the side");
      const reports = await page.evaluate(() =>
        [...document.querySelectorAll("table.reports tbody tr")].map((row) => {
          const status = row.querySelector<HTMLElement>(".status");
          const reference = row.querySelector<HTMLElement>(".reference");
          const box = status?.getBoundingClientRect();
          const lineHeight = reference ? parseFloat(getComputedStyle(reference).lineHeight) : 0;
          return {
            status: `${status?.dataset.label ?? ""}: ${status?.innerText ?? ""}`,
            inView: !!box && box.width > 0 && box.left >= 0 && box.right <= window.innerWidth,
            referenceLines: reference ? Math.round(reference.getBoundingClientRect().height / lineHeight) : 0,
          };
        }),
      );
      assert.equal(reports.length, 2);
      for (const report of reports) {
        assert.ok(report.inView, `status ${report.status} is on screen`);
        assert.match(report.status, /^Status: (New|In review)$/, "the status is labelled as such");
        assert.ok(report.referenceLines <= 3, `reference over ${report.referenceLines} lines (label and one or two of text)`);
      }
    } finally {
      await context.close();
    }
  });

  it("keeps /records report rows short on a laptop screen: compact ids, room for the details", async () => {
    await app.services.records.saveReport(
      alexsReport(3, {
        kind: "compromised-account",
        summary: "Compromised: school account",
        details: { account: "school", reason: "A sign-in from abroad that I did not make, and a reset email I did not ask for", passwordChanged: false },
      }),
    );
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-GB" });
    try {
      const page = await context.newPage();
      await page.goto(`${app.url}/records`);
      const heights = await page.locator("#reports ~ .scroll").first().locator("tbody tr").evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().height));
      assert.equal(heights.length, 3);
      // Each line of details on a line of its own, and the 40-character ids in a narrow column: well under 600 px.
      for (const height of heights) assert.ok(height < 200, `a report row ${height} px tall`);
    } finally {
      await context.close();
    }
  });

  for (const theme of ["default", "dark", "contrast"] as const) {
    it(`has no serious or critical axe violations on the report form (with problems shown) and My records (${theme} theme)`, async () => {
      // bypassCSP: the tab's policy rightly refuses inline scripts, and axe arrives as one.
      const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: "en-GB", bypassCSP: true });
      try {
        const page = await openLocalTab(context, app, `?theme=${theme}#report`);
        assert.equal(await page.getAttribute("html", "data-theme"), theme);
        await page.getByRole("button", { name: /Loss, damage or theft/ }).click();
        await page.locator(".card-holder .ac-adaptiveCard").waitFor();
        assert.deepEqual(await seriousViolations(page), [], "the report form");
        await page.getByRole("button", { name: "Send report" }).click();
        await page.getByRole("alert").locator(".problem-title").waitFor();
        assert.deepEqual(await seriousViolations(page), [], "the report form with its problems shown");

        const records = await openLocalTab(context, app, `?theme=${theme}#records`);
        await records.getByText("Reports I have filed").waitFor();
        assert.deepEqual(await seriousViolations(records), [], "My records");
      } finally {
        await context.close();
      }
    });
  }
});
