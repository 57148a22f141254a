// What a person sees when a report cannot be sent, in real Chromium (local mode): each problem on its field
// in the attention colour, tied to the input for a screen reader, and said once beside the Send button.
import assert from "node:assert/strict";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { buildTab } from "../../scripts/build-tab.js";
import { launchChromium } from "./chromium.js";
import { openLocalTab, startQuietLocalApp, type QuietLocalApp } from "./local-tab.js";

/** The reports the store holds, so a test can tell nothing was filed. */
const countReports = async (app: QuietLocalApp) => (await app.services.records.listReports({})).length;

/** What a screen reader reads as the focused input's description (aria-describedby, hidden parts left out). */
const focusedDescription = (page: Page) =>
  page.evaluate(() =>
    (document.activeElement?.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => {
        const copy = document.getElementById(id)?.cloneNode(true) as HTMLElement | undefined;
        copy?.querySelectorAll("[aria-hidden=true]").forEach((hidden) => hidden.remove());
        return copy?.textContent ?? "";
      })
      .join(" "),
  );

describe("the report form's problems, in Chromium", function () {
  this.timeout(120_000);
  let app: QuietLocalApp;
  let browser: Browser;
  let context: BrowserContext;

  before(async () => {
    browser = await launchChromium();
    await buildTab();
    app = await startQuietLocalApp();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ locale: "en-GB", timezoneId: "Europe/London", viewport: { width: 1024, height: 700 } });
  });
  afterEach(async () => {
    await context.close();
  });

  it("marks each unanswered question in the attention colour, ties it to its input and lists it, with links, beside Send", async () => {
    const page = await openLocalTab(context, app);
    await page.getByRole("button", { name: /Suspected compromised account/ }).press("Enter");
    await page.getByRole("button", { name: "Send report" }).press("Enter");

    const summary = page.getByRole("alert");
    assert.equal(await summary.locator(".problem-title").textContent(), "Your report was not sent: 4 answers need attention.");
    assert.deepEqual(await summary.getByRole("link").allTextContents(), [
      "Which account: choose one.",
      "When did you notice: give the date.",
      "When did you notice: give the time (your best estimate).",
      "Why do you suspect it: this is required.",
    ]);
    // The summary follows the Send button, where the person is looking.
    const [buttonBottom, summaryTop] = await Promise.all([
      page.getByRole("button", { name: "Send report" }).evaluate((b) => b.getBoundingClientRect().bottom),
      summary.evaluate((s) => s.getBoundingClientRect().top),
    ]);
    assert.ok(summaryTop >= buttonBottom && summaryTop - buttonBottom < 80, `summary ${summaryTop - buttonBottom}px below the button`);

    // Focus on the first question to fix, a radio group, marked as a whole and on each radio.
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("type")), "radio");
    assert.equal(await focusedDescription(page), "Which account: choose one.");
    const group = page.getByRole("radiogroup", { name: /Which account/ });
    assert.equal(await group.getAttribute("aria-invalid"), "true");
    const reason = page.getByLabel(/Why do you suspect it/);
    assert.equal(await reason.getAttribute("aria-invalid"), "true");
    assert.match((await reason.getAttribute("aria-describedby")) ?? "", /-error$/);

    // The message is in Teams' attention colour (#C4314B), not the label's grey; the radio group has a marker.
    const colours = await page.evaluate(() => {
      const error = document.querySelector(".field-error");
      const label = document.querySelector(".ac-input label, .ac-input .ac-textRun");
      const block = document.querySelector(".field-invalid");
      return {
        error: error ? getComputedStyle(error).color : "",
        label: label ? getComputedStyle(label).color : "",
        marker: block ? getComputedStyle(block).borderLeftColor : "",
      };
    });
    assert.equal(colours.error, "rgb(196, 49, 75)");
    assert.notEqual(colours.label, colours.error);
    assert.equal(colours.marker, "rgb(196, 49, 75)");

    // A link in the summary takes the person to the field.
    await summary.getByRole("link", { name: "Why do you suspect it: this is required." }).click();
    assert.equal(await focusedDescription(page), "Why do you suspect it: this is required.");

    // Answering and sending again clears what was fixed.
    await page.getByLabel("My school account").check();
    await page.getByRole("button", { name: "Send report" }).press("Enter");
    assert.equal(await summary.locator(".problem-title").textContent(), "Your report was not sent: 3 answers need attention.");
    assert.equal(await group.getAttribute("aria-invalid"), null);
  });

  it("refuses a time later today in the browser, on the time field, before sending anything", async () => {
    await context.clock.setFixedTime(new Date("2026-11-30T10:00:00Z")); // 10:00 in London
    const page = await openLocalTab(context, app);
    const posts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().endsWith("/api/reports")) posts.push(request.url());
    });
    await page.getByRole("button", { name: /Suspected compromised account/ }).press("Enter");
    assert.equal(await page.getByLabel(/\(date\)/).getAttribute("max"), "2026-11-30");
    await page.getByLabel("My school account").check();
    await page.getByLabel(/\(date\)/).fill("2026-11-30");
    assert.equal(await page.getByLabel(/\(time\)/).getAttribute("max"), "10:00", "the time picker stops at now once today is chosen");
    await page.getByLabel(/\(time\)/).fill("14:05");
    await page.getByLabel(/Why do you suspect it/).fill("A sign-in from abroad that I did not make");
    await page.getByRole("button", { name: "Send report" }).press("Enter");

    assert.equal(await page.getByRole("alert").locator(".problem-title").textContent(), "Your report was not sent: 1 answer needs attention.");
    assert.equal(await focusedDescription(page), "When did you notice: this cannot be in the future.");
    assert.match((await page.evaluate(() => document.activeElement?.getAttribute("aria-labelledby") ?? "")) ?? "", /\S/);
    assert.equal(await page.getByLabel(/\(time\)/).getAttribute("aria-invalid"), "true");
    assert.deepEqual(posts, [], "nothing was sent");
  });

  it("shows the API's refusal on the field it is about and beside Send, focused, and says it once", async () => {
    // A phone whose clock runs two hours fast: the browser thinks the time is past, the server knows better.
    const fast = new Date(Date.now() + 2 * 3600 * 1000);
    await context.clock.setFixedTime(fast);
    const before = await countReports(app);
    const page = await openLocalTab(context, app);
    await page.getByRole("button", { name: /Suspected compromised account/ }).press("Enter");
    await page.getByLabel("My school account").check();
    // An hour ago by the fast clock (an hour from now, really), as the browser's own date and time pickers hold it.
    const [date, time] = await page.evaluate(() => {
      const then = new Date(Date.now() - 3600 * 1000);
      const parts = [then.getMonth() + 1, then.getDate(), then.getHours(), then.getMinutes()].map((n) => String(n).padStart(2, "0"));
      return [`${then.getFullYear()}-${parts[0]}-${parts[1]}`, `${parts[2]}:${parts[3]}`];
    });
    await page.getByLabel(/\(date\)/).fill(date);
    await page.getByLabel(/\(time\)/).fill(time);
    await page.getByLabel(/Why do you suspect it/).fill("A sign-in from abroad that I did not make");
    const answered = page.waitForResponse((response) => response.url().endsWith("/api/reports"));
    await page.getByRole("button", { name: "Send report" }).press("Enter");
    assert.equal((await answered).status(), 400);

    const summary = page.getByRole("alert");
    await summary.locator(".problem-title").waitFor();
    const said = (await summary.textContent()) ?? "";
    assert.equal(said, "Your report was not sent: 1 answer needs attention.When did you notice: this cannot be in the future.");
    assert.doesNotMatch(said, /not recorded/, "the server's own wording is not repeated");
    assert.equal(await focusedDescription(page), "When did you notice: this cannot be in the future.");
    assert.equal(await page.getByLabel(/\(time\)/).getAttribute("aria-invalid"), "true");
    assert.equal(await page.locator(".field-error").count(), 1);
    assert.equal(await countReports(app), before, "nothing was recorded");
  });
});
