import assert from "node:assert/strict";
import { REPORT_KIND_DEFINITIONS, reportKind } from "../../records/report-kinds.js";
import type { CardElement, CardInput } from "../../bot/cards/adaptive-card.js";
import { reportFormCard, reportBodyFromInputs } from "../../tab/forms/report-form-card.js";
import { cardText, cardWarnings } from "../support/adaptive-cards.js";

const inputsOf = (body: CardElement[]): CardInput[] => body.filter((e): e is CardInput => e.type.startsWith("Input."));

describe("report form cards", () => {
  for (const kind of REPORT_KIND_DEFINITIONS) {
    it(`builds the ${kind.id} form with no parser warnings, a label on every input and a message for every required one`, () => {
      const card = reportFormCard(kind, "2026-11-28");
      assert.deepEqual(cardWarnings(card), []);
      const inputs = inputsOf(card.body);
      assert.ok(inputs.length >= kind.fields.length);
      for (const input of inputs) {
        assert.ok(input.label.length > 3, `${input.id} has a label`);
        if (input.isRequired) assert.match(input.errorMessage ?? "", /: (this is required|choose one|give the)/);
      }
      assert.match(cardText(card), new RegExp(`Policy sections? ${kind.policySections.replace(".", "\\.")}`));
    });
  }

  it("asks what the policy asks about lost equipment, with the date capped at today", () => {
    const card = reportFormCard(reportKind("lost-equipment"), "2026-11-28");
    const labels = inputsOf(card.body).map((i) => `${i.label}${i.isRequired ? " *" : ""}`);
    assert.deepEqual(labels, [
      "What happened to it? *",
      "Which item? *",
      "Asset tag or serial number",
      "When did it happen, or when did you notice? (date) *",
      "When did it happen, or when did you notice? (time) *",
      "Where did it happen? *",
      "What happened? *",
      "Could personal data be on it?",
      "Police crime reference (for a theft)",
    ]);
    const date = inputsOf(card.body).find((i) => i.type === "Input.Date");
    assert.equal(date?.type === "Input.Date" && date.max, "2026-11-28");
  });

  it("names one policy section in the singular and two in the plural", () => {
    assert.match(cardText(reportFormCard(reportKind("lost-equipment"), "2026-11-28")), /Policy sections 9\.3 and 11\.1\. /);
    assert.match(cardText(reportFormCard(reportKind("compromised-account"), "2026-11-28")), /Policy section 13\.5\. /);
  });

  it("turns the card's string values into the API body: booleans, one instant, blanks left out", () => {
    const body = reportBodyFromInputs(reportKind("compromised-account"), {
      account: "system",
      accountName: "  ",
      occurredAtDate: "2026-11-27",
      occurredAtTime: "08:30",
      reason: " Odd sign-in alert ",
      passwordChanged: "true",
    });
    assert.deepEqual(body, {
      kind: "compromised-account",
      fields: {
        account: "system",
        occurredAt: new Date("2026-11-27T08:30").toISOString(),
        reason: "Odd sign-in alert",
        passwordChanged: true,
      },
    });
  });
});

describe("report kinds", () => {
  it("makes a compromised account always urgent, and lost equipment urgent only with personal data", () => {
    assert.equal(reportKind("compromised-account").isUrgent({}), true);
    assert.equal(reportKind("lost-equipment").isUrgent({ personalData: false }), false);
    assert.equal(reportKind("lost-equipment").isUrgent({ personalData: true }), true);
    assert.equal(reportKind("inappropriate-material").isUrgent({ recategorise: true }), true);
    // Information seen that included personal data is a possible breach, so urgent.
    assert.equal(reportKind("unauthorised-information").isUrgent({ personalData: true }), true);
    assert.equal(reportKind("unauthorised-information").isUrgent({ personalData: false }), false);
  });

  it("keeps summaries to one short line", () => {
    const summary = reportKind("lost-equipment").summarise({ what: "lost", item: "laptop ".repeat(60), assetTag: "" });
    assert.ok(summary.length <= 160);
    assert.match(summary, /^Lost: laptop laptop .*…$/);
  });
});
