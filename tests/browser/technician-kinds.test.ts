// The incident log's Kind filter in real Chromium offers each role only the kinds it may see: the IT technician
// is never offered "Inappropriate contact from a pupil" (records/privacy.ts), which would only show such
// concerns exist; the headteacher is offered every kind.
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { LOCAL_DEMO_PEOPLE } from "../../tab/api/auth/local-issuer.js";
import { buildTab } from "../../scripts/build-tab.js";
import { REPORT_KIND_DEFINITIONS } from "../../records/report-kinds.js";
import type { Person } from "../../records/types.js";
import { alice, report } from "../server/local-app.js";
import { launchChromium } from "./chromium.js";
import { openLocalTab, startQuietLocalApp, type QuietLocalApp } from "./local-tab.js";

const [ALEX, , ADELE] = LOCAL_DEMO_PEOPLE as [Person, Person, Person];

describe("the incident log's Kind filter for each role in Chromium (local mode)", function () {
  this.timeout(180_000);
  let browser: Browser;
  let app: QuietLocalApp;
  before(async () => {
    browser = await launchChromium();
    await buildTab();
    app = await startQuietLocalApp({ HEADTEACHER_AAD_OBJECT_ID: ALEX.id, IT_TECHNICIAN_AAD_OBJECT_ID: ADELE.id });
    await app.services.records.saveReport(report({ recordId: "rep-concern-1", kind: "pupil-contact", reporter: alice, summary: "A concern" }));
    await app.services.records.saveReport(report({ recordId: "rep-routine-1", reporter: alice, summary: "Lost: bag" }));
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  const kindsOffered = async (person: Person): Promise<string[]> => {
    const context = await browser.newContext({ locale: "en-GB", timezoneId: "Europe/London" });
    try {
      await context.addInitScript((id) => localStorage.setItem("aup-tab-local-person", id), person.id);
      const page = await openLocalTab(context, app, "#incidents");
      await page.getByRole("heading", { name: "Reports", exact: true }).waitFor();
      return await page.getByLabel("Kind").locator("option").allTextContents();
    } finally {
      await context.close();
    }
  };

  it("never offers the IT technician a safeguarding kind, and offers the headteacher every kind", async () => {
    const technician = await kindsOffered(ADELE);
    assert.ok(technician.includes("Loss, damage or theft of school equipment"), technician.join(" | "));
    assert.ok(!technician.includes("Inappropriate contact from a pupil"), technician.join(" | "));
    assert.deepEqual(await kindsOffered(ALEX), ["Any kind", ...REPORT_KIND_DEFINITIONS.map((kind) => kind.title)]);
  });
});
