// Teams renders card text as Markdown. What a member of staff typed into a report must reach the
// headteacher's alert card as they typed it: no disguised links, images or formatting.
import assert from "node:assert/strict";
import MarkdownIt from "markdown-it";
import { reportAlertCard } from "../../bot/cards/report-alert-card.js";
import { decisionNoticeCard, permissionEndedCard } from "../../bot/cards/request-decision-card.js";
import type { IncidentReport } from "../../records/types.js";
import { cardWarnings } from "../support/adaptive-cards.js";

// A CommonMark renderer with raw HTML off, as a Teams client treats card text.
const markdown = new MarkdownIt("commonmark", { html: false });

/** What the reader sees for one piece of card text: the rendered HTML, and its text once tags are gone. */
function rendered(text: string): { html: string; shown: string } {
  const html = markdown.renderInline(text);
  const shown = html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
  return { html, shown };
}

/** Every TextBlock text and fact value in the card. */
function cardStrings(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((child) => cardStrings(child, found));
  else if (node && typeof node === "object") {
    const element = node as Record<string, unknown>;
    if (element.type === "TextBlock" && typeof element.text === "string") found.push(element.text);
    if (element.type === "FactSet") for (const fact of element.facts as { value: string }[]) found.push(fact.value);
    for (const value of Object.values(element)) if (typeof value === "object") cardStrings(value, found);
  }
  return found;
}

const PHISHING_LINK = "[Your password expires today: keep it here](https://evil.example/login)";
const IMAGE = "![logo](https://evil.example/pixel.png)";
const AUTOLINK = "<https://evil.example/reset>";
const EMPHASIS = "**URGENT** call _now_ `0800` ~~not~~ a\\b";

const report: IncidentReport = {
  recordId: "rep-md",
  kind: "inappropriate-material",
  reporter: { id: "aad-megan", displayName: "Megan *Bowen*", upn: "meganb@crich-carr.example" },
  reportedAt: "2026-11-27T11:00:00.000Z",
  occurredAt: "2026-11-27T09:15:00.000Z",
  summary: `Inappropriate material (an email): ${PHISHING_LINK}`,
  details: {
    occurredAt: "2026-11-27T09:15:00.000Z",
    source: "email",
    location: PHISHING_LINK,
    seen: IMAGE,
    how: AUTOLINK,
    device: EMPHASIS,
    pupilsSaw: false,
    recategorise: true,
  },
  urgent: true,
  status: "In review",
  statusChangedAt: "2026-11-27T12:00:00.000Z",
  statusChangedBy: "Lynne [Head](https://evil.example)",
};

describe("report alert card: what the reporter typed is shown as typed", () => {
  const card = reportAlertCard(report);
  const strings = cardStrings(card);

  it("still parses without warnings", () => {
    assert.deepEqual(cardWarnings(card), []);
  });

  it("turns no typed text into a link, an image or formatting", () => {
    for (const text of strings) {
      assert.doesNotMatch(rendered(text).html, /<(a|img|em|strong|code|del|s)\b/, `"${text}" renders as plain text`);
    }
  });

  it("shows each typed answer, the summary and the names exactly as typed", () => {
    const shown = strings.map((text) => rendered(text).shown);
    for (const typed of [report.summary, PHISHING_LINK, IMAGE, AUTOLINK, EMPHASIS, "Megan *Bowen*"]) {
      assert.ok(shown.includes(typed), `the card shows ${typed}`);
    }
    assert.ok(shown.some((line) => line.includes("Lynne [Head](https://evil.example)")), "the status line names who changed it, as typed");
  });
});

describe("a decision's conditions and reason on the cards: shown as the decider typed them", () => {
  const request: IncidentReport = { ...report, recordId: "rep-md-2", kind: "sensitive-information", summary: `Sensitive information: ${IMAGE}`, details: {} };
  const decidedBy = { id: "aad-lynne", displayName: "Lynne [Head](https://evil.example)", upn: "" };
  const approved: IncidentReport = {
    ...request,
    decision: { outcome: "approved", conditions: PHISHING_LINK, reason: "", expiresOn: "2027-07-31", decidedBy, decidedAt: "2026-12-03T10:00:00.000Z" },
  };
  const declined: IncidentReport = {
    ...request,
    decision: { outcome: "declined", conditions: "", reason: `${EMPHASIS} ${AUTOLINK}`, decidedBy, decidedAt: "2026-12-03T10:00:00.000Z" },
  };
  const cards = [
    reportAlertCard(approved, { viewerId: "someone-else" }),
    reportAlertCard(declined),
    decisionNoticeCard(approved),
    decisionNoticeCard(declined),
    permissionEndedCard(approved, "requester"),
    permissionEndedCard(approved, "decider"),
  ];

  it("turns no condition, reason or name into a link, an image or formatting, on the decider's card or the requester's", () => {
    for (const card of cards) {
      assert.deepEqual(cardWarnings(card), []);
      for (const text of cardStrings(card)) assert.doesNotMatch(rendered(text).html, /<(a|img|em|strong|code|del|s)\b/, `"${text}" renders as plain text`);
    }
    const shown = cards.flatMap((card) => cardStrings(card).map((text) => rendered(text).shown)).join("\n");
    for (const typed of [PHISHING_LINK, `${EMPHASIS} ${AUTOLINK}`, "Lynne [Head](https://evil.example)", IMAGE]) assert.ok(shown.includes(typed), `a card shows ${typed}`);
  });
});
