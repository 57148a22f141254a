import assert from "node:assert/strict";
import { REPORT_KIND_DEFINITIONS, reportKind } from "../../records/report-kinds.js";
import type { CardElement, CardInput } from "../../bot/cards/adaptive-card.js";
import { formProblems, problemsFromApi, reportFormCard, reportBodyFromInputs } from "../../tab/forms/report-form-card.js";
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
      assert.match(cardText(card), new RegExp(`Policy (sections? )?${kind.policySections.replace(".", "\\.")}`));
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

  it("names an appendix as the policy's appendix, not as a section", () => {
    assert.match(cardText(reportFormCard(reportKind("online-references"), "2026-11-28")), /^Inappropriate references or images of me posted online\nPolicy Appendix 1\. /);
  });

  it("sends a permission request as a request, and an incident or concern as a report", () => {
    const sendButton = (kind: Parameters<typeof reportKind>[0]) => reportFormCard(reportKind(kind), "2026-11-28").actions?.map((a) => a.title);
    assert.deepEqual(sendButton("personal-equipment"), ["Send request"]);
    assert.deepEqual(sendButton("pupil-contact"), ["Send report"]);
    assert.deepEqual(sendButton("lost-equipment"), ["Send report"]);
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

describe("the report form's own checks", () => {
  const kind = reportKind("compromised-account");
  const now = new Date(2026, 10, 30, 10, 0); // 30 Nov 2026, 10:00 in the person's own time zone
  const answered = { account: "school", occurredAtDate: "2026-11-30", occurredAtTime: "09:30", reason: "Odd sign-in" };

  it("finds nothing wrong with a complete form in the past", () => {
    assert.deepEqual(formProblems(kind, answered, now), []);
  });

  it("names each unanswered required input, in form order, in the card's own words", () => {
    assert.deepEqual(formProblems(kind, { occurredAtDate: "2026-11-30" }, now), [
      { inputId: "account", message: "Which account: choose one." },
      { inputId: "occurredAtTime", message: "When did you notice: give the time (your best estimate)." },
      { inputId: "reason", message: "Why do you suspect it: this is required." },
    ]);
  });

  it("refuses a time later today on the time input, and a later day on the date input, as the API words it", () => {
    assert.deepEqual(formProblems(kind, { ...answered, occurredAtTime: "14:05" }, now), [
      { inputId: "occurredAtTime", message: "When did you notice: this cannot be in the future." },
    ]);
    assert.deepEqual(formProblems(kind, { ...answered, occurredAtDate: "2026-12-01", occurredAtTime: "08:00" }, now), [
      { inputId: "occurredAtDate", message: "When did you notice: this cannot be in the future." },
    ]);
  });

  it("puts the API's refusal of a datetime on its time, unless the date is what is wrong", () => {
    const refused = { occurredAt: "When did you notice: this cannot be in the future.", reason: "Why do you suspect it: this is required." };
    assert.deepEqual(problemsFromApi(kind, refused, answered, now), [
      { inputId: "occurredAtTime", message: refused.occurredAt },
      { inputId: "reason", message: refused.reason },
    ]);
    assert.deepEqual(problemsFromApi(kind, refused, { ...answered, occurredAtDate: "" }, now)[0]?.inputId, "occurredAtDate");
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

  it("keeps a chosen answer's own capitals in a summary: 'Wi-Fi', and 'I' for the person", () => {
    assert.equal(
      reportKind("personal-equipment").summarise({ device: "My own iPad", connection: "wifi", why: "Assembly", protected: true }),
      "Own device on the network (school Wi-Fi): My own iPad",
    );
    assert.equal(reportKind("online-references").summarise({ postedBy: "unknown", site: "Facebook", what: "A photo" }), "Posted online about me (I do not know): Facebook");
    assert.equal(reportKind("pupil-contact").summarise({ channel: "social" }), "Contact from a pupil (social media)");
    assert.equal(reportKind("inappropriate-material").summarise({ source: "email", location: "Subject: Prize draw" }), "Inappropriate material (an email): Subject: Prize draw");
    assert.equal(reportKind("inappropriate-material").summarise({ source: "app", location: "YouTube Kids" }), "Inappropriate material (an app or program): YouTube Kids");
  });
});
