// The headteacher answers a request from the Incident log in real Chromium, by keyboard: a decline without a
// reason is refused with the error beside the field, then an approval with conditions and the end date the
// requester asked for; the requester sees it under My records.
import assert from "node:assert/strict";
import { LOCAL_DEMO_PEOPLE } from "../../tab/api/auth/local-issuer.js";
import type { IncidentReport, Person } from "../../records/types.js";
import { chromiumWithLocalApp, openLocalTab } from "./local-tab.js";
import { seriousAxeViolations } from "./support/axe.js";

const [ALEX, , ADELE] = LOCAL_DEMO_PEOPLE as [Person, Person, Person];
const LONG_DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "Europe/London" });

function askedToHoldData(now: Date): IncidentReport {
  const at = now.toISOString();
  return {
    recordId: "rep-00000000-0000-4000-8000-0000000000d1",
    kind: "sensitive-information",
    reporter: ADELE,
    reportedAt: at,
    occurredAt: at,
    summary: "Sensitive information on an encrypted memory stick provided by the school, until 31 July",
    details: { information: "Year 6 assessment data", device: "school-stick", howLong: "until 31 July", security: "The school's encrypted stick" },
    urgent: false,
    status: "New",
    statusChangedAt: at,
    statusChangedBy: ADELE.displayName,
  };
}

describe("the headteacher deciding a request in Chromium (local mode)", function () {
  this.timeout(180_000);
  const held = chromiumWithLocalApp();

  it("refuses a decline without a reason beside the field, then records an approval the requester sees", async () => {
    const { app, browser } = held;
    const now = new Date();
    const request = askedToHoldData(now);
    const { reference } = await app.services.records.saveReport(request);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(now);
    const julyYear = Number(today.slice(0, 4)) + (today.slice(5) > "07-31" ? 1 : 0);
    const context = await browser.newContext({ locale: "en-GB", timezoneId: "Europe/London" });
    try {
      await context.addInitScript((id) => localStorage.setItem("aup-tab-local-person", id), ALEX.id);
      const page = await openLocalTab(context, app, "#incidents");
      await page.getByRole("heading", { name: "Reports", exact: true }).waitFor();
      assert.match((await page.getByRole("row", { name: /Year 6|encrypted memory stick/ }).textContent()) ?? "", /New \(awaiting decision\)/);
      await page.getByRole("button", { name: `Open report ${reference}` }).click();
      await page.getByRole("heading", { name: "Decision" }).waitFor();
      assert.equal(await page.getByLabel(/^Until/).inputValue(), `${julyYear}-07-31`, "the end date they asked for is suggested");

      // By keyboard: arrow from Approve to Decline, then Enter on the button with no reason given.
      await page.getByRole("radio", { name: "Approve" }).focus();
      await page.keyboard.press("ArrowRight");
      assert.equal(await page.getByRole("radio", { name: "Decline" }).isChecked(), true);
      await page.getByRole("button", { name: "Record decision" }).focus();
      await page.keyboard.press("Enter");
      const reason = page.getByLabel("Reason (the requester is told it)");
      await page.getByText("Give a reason: the requester is told it.").waitFor();
      assert.equal(await reason.getAttribute("aria-invalid"), "true");
      const describedBy = (await reason.getAttribute("aria-describedby")) ?? "";
      assert.equal(await page.locator(`[id="${describedBy}"]`).textContent(), "!Give a reason: the requester is told it.");
      assert.equal(await reason.evaluate((element) => element === document.activeElement), true, "focus moves to the field to fix");
      assert.deepEqual(await seriousAxeViolations(page), []);

      await page.getByRole("radio", { name: "Decline" }).focus();
      await page.keyboard.press("ArrowLeft");
      await page.getByLabel("Conditions (optional)").fill("Encrypted stick only");
      await page.getByRole("button", { name: "Record decision" }).focus();
      await page.keyboard.press("Enter");
      const sentence = `Approved by Alex Wilber on ${LONG_DATE.format(now)}, until 31 July ${julyYear}: Encrypted stick only.`;
      await page.getByText(sentence).waitFor();
      assert.match((await page.locator("dl.ht-facts").first().textContent()) ?? "", new RegExp(`Closed, since .*\\(approved until 31 July ${julyYear}\\)`));
      const stored = await app.services.records.getReport(request.recordId);
      assert.equal(stored.decision?.outcome, "approved");
      assert.equal(stored.decision?.expiresOn, `${julyYear}-07-31`);
      assert.deepEqual(await seriousAxeViolations(page), []);

      await page.selectOption("#local-person", { label: ADELE.displayName });
      await page.getByRole("link", { name: "My records" }).click();
      await page.getByText("Reports I have filed").waitFor();
      assert.equal(await page.locator("table.reports td.decision").first().textContent(), sentence);
    } finally {
      await context.close();
    }
  });
});

describe("the IT technician's own 9.2 request in Chromium (local mode)", function () {
  this.timeout(180_000);
  const ISAIAH = LOCAL_DEMO_PEOPLE[3] as Person;
  const held = chromiumWithLocalApp({ IT_TECHNICIAN_AAD_OBJECT_ID: ISAIAH.id });

  it("shows them no decision form on it, only who decides it", async () => {
    const { app, browser } = held;
    const at = new Date().toISOString();
    const { reference } = await app.services.records.saveReport({
      recordId: "rep-00000000-0000-4000-8000-0000000000d2",
      kind: "software-change",
      reporter: ISAIAH,
      reportedAt: at,
      occurredAt: at,
      summary: "Add Audacity 3.7 to CCS-LT-014",
      details: { change: "add-software", item: "Audacity 3.7", laptop: "CCS-LT-014", why: "Recording Year 4's radio play" },
      urgent: false,
      status: "New",
      statusChangedAt: at,
      statusChangedBy: ISAIAH.displayName,
    });
    const context = await browser.newContext({ locale: "en-GB", timezoneId: "Europe/London" });
    try {
      await context.addInitScript((id) => localStorage.setItem("aup-tab-local-person", id), ISAIAH.id);
      const page = await openLocalTab(context, app, "#incidents");
      await page.getByRole("button", { name: `Open report ${reference}` }).click();
      await page.getByRole("heading", { name: "Decision" }).waitFor();
      await page.getByText("Your own request: the headteacher decides it.").waitFor();
      assert.equal(await page.getByRole("button", { name: "Record decision" }).count(), 0);
      assert.equal(await page.getByRole("radio", { name: "Approve" }).count(), 0);
    } finally {
      await context.close();
    }
  });
});
