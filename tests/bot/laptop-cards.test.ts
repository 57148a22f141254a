import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { PolicyCatalog } from "../../policies/policy-catalog.js";
import { attachment, type AdaptiveCard, type CardElement, type CardInput, type ExecuteAction, type OpenUrlAction, type ShowCardAction } from "../../bot/cards/adaptive-card.js";
import { laptopAgreementCard, laptopReceiptCard } from "../../bot/cards/laptop-agreement-card.js";
import { laptopIssuedCard, laptopIssueFormCard } from "../../bot/cards/laptop-issue-card.js";
import { loanRegisterCard, myLaptopsCard, REGISTER_MAX_LOANS } from "../../bot/cards/laptop-loans-card.js";
import type { LaptopLoan } from "../../records/laptop-loan.js";
import { cardText, cardWarnings } from "../support/adaptive-cards.js";
import { loanToAlex } from "../support/laptop-loan-fixture.js";

const POLICIES_DIR = path.resolve("policies/content");
const agreement = PolicyCatalog.load(POLICIES_DIR).get("laptop-loan-agreement");
const PUBLIC_URL = "https://aup.crich-carr.example";

/** The declaration exactly as written in the policy file, read without the catalog's parser. */
const DECLARATION = (
  fs
    .readFileSync(path.join(POLICIES_DIR, "laptop-loan-agreement.md"), "utf8")
    .split(/\r?\n/)
    .find((line) => line.startsWith("declaration:")) ?? ""
)
  .slice("declaration:".length)
  .trim();

const LOAN: LaptopLoan = loanToAlex({
  issuedBy: { id: "aad-isaiah", displayName: "Isaiah Langer", upn: "isaiah@crich-carr.example" },
  software: ["Windows 11 Education", "Microsoft Defender Antivirus"],
  additionalSoftware: "Adobe Acrobat Reader",
});
const CONFIRMED: LaptopLoan = { ...LOAN, status: "Confirmed", confirmedAt: "2026-11-28T15:45:00.000Z" };
const RETURNED: LaptopLoan = {
  ...CONFIRMED,
  status: "Returned",
  returned: {
    returnedAt: "2027-07-15T15:30:00.000Z",
    returnedTo: LOAN.issuedBy,
    condition: "Damaged",
    assetTagAttached: false,
    note: "Cracked hinge",
  },
};

function inputs(elements: readonly CardElement[]): CardInput[] {
  return elements.filter((e): e is CardInput => e.type.startsWith("Input."));
}

function actionsOf<T extends { type: string }>(card: AdaptiveCard, type: T["type"]): T[] {
  return (card.actions ?? []).filter((a) => a.type === type) as unknown as T[];
}

describe("laptop loan cards", () => {
  assert.ok(agreement, "the laptop loan agreement is in policies/content");

  it("the issue form asks for the paper form's fields, labelled, with required ones marked and lengths capped", () => {
    const staff = [
      { id: "aad-alex", displayName: "Alex Wilber" },
      { id: "aad-megan", displayName: "Megan Bowen" },
    ];
    const card = laptopIssueFormCard({ staff, today: "2026-11-28", formId: "0b4c1c2e-8f1d-4d53-9a51-6c0e2d1f0a11" });
    assert.deepEqual(cardWarnings(card), []);
    const fields = inputs(card.body);
    assert.deepEqual(
      fields.map((f) => [f.id, f.label, f.isRequired ?? false]),
      [
        ["borrowerId", "Who is it for?", true],
        ["model", "Laptop model", true],
        ["serialNumber", "Serial number", true],
        ["assetTag", "Asset tag (optional)", false],
        ["issuedOn", "Date issued", true],
        ["bagAndManuals", "Laptop bag & manuals", false],
        ["software", "Software installed", false],
        ["additionalSoftware", "Additional software (optional)", false],
      ],
    );
    for (const field of fields.filter((f) => f.isRequired)) assert.ok(field.errorMessage, `${field.id} says what is wrong`);
    for (const field of fields) if (field.type === "Input.Text") assert.ok(field.maxLength, `${field.id} is capped`);
    const borrower = fields.find((f) => f.id === "borrowerId");
    assert.deepEqual(borrower?.type === "Input.ChoiceSet" && borrower.choices, [
      { title: "Alex Wilber", value: "aad-alex" },
      { title: "Megan Bowen", value: "aad-megan" },
    ]);
    const issuedOn = fields.find((f) => f.id === "issuedOn");
    assert.equal(issuedOn?.type === "Input.Date" && issuedOn.value, "2026-11-28", "defaults to today");
    const software = fields.find((f) => f.id === "software");
    assert.ok(software?.type === "Input.ChoiceSet" && software.isMultiSelect);
    assert.deepEqual(software.choices.map((c) => c.title).slice(0, 3), ["Windows 11 Education", "Microsoft 365 Apps for education", "Microsoft Defender Antivirus"]);
    assert.equal(software.value, software.choices.map((c) => c.value).join(","), "the whole standard image ticked to start with");
    const [issue] = actionsOf<ExecuteAction>(card, "Action.Execute");
    assert.equal(issue?.verb, "laptop.issue");
    assert.equal(issue?.title, "Issue laptop", "the button says what it does");
    assert.equal(issue?.data.formId, "0b4c1c2e-8f1d-4d53-9a51-6c0e2d1f0a11");
  });

  it("the agreement shows the hardware, the software and the policy's exact declaration, with the policy link and I confirm", () => {
    const card = laptopAgreementCard(LOAN, agreement, PUBLIC_URL);
    assert.deepEqual(cardWarnings(card), []);
    const shown = cardText(card);
    for (const expected of [
      "Isaiah Langer has issued you a school laptop, Dell Latitude 5440 (SN 7XK2QF3)",
      "Date issued 27 November 2026",
      "Laptop model Dell Latitude 5440",
      "Serial number 7XK2QF3",
      "Asset tag CC-0142",
      "Laptop bag & manuals Yes",
      "Installed Windows 11 Education, Microsoft Defender Antivirus",
      "Additional software Adobe Acrobat Reader",
    ]) {
      assert.ok(shown.includes(expected), `shows "${expected}" in:\n${shown}`);
    }
    assert.ok(DECLARATION.startsWith("I confirm that I have received the equipment"));
    assert.ok(shown.includes(DECLARATION), "the declaration word for word");
    assert.deepEqual(
      actionsOf<OpenUrlAction>(card, "Action.OpenUrl").map((a) => [a.title, a.url]),
      [["Read the full policy", `${PUBLIC_URL}/policies/laptop-loan-agreement`]],
    );
    const [confirm] = actionsOf<ExecuteAction>(card, "Action.Execute");
    assert.deepEqual([confirm?.title, confirm?.verb, confirm?.data.loanId], ["I confirm", "laptop.confirm", "loan-0001"]);
  });

  it("the receipt says who confirmed and when, with no button left to press", () => {
    const card = laptopReceiptCard(CONFIRMED, agreement, PUBLIC_URL);
    assert.deepEqual(cardWarnings(card), []);
    assert.match(cardText(card), /Confirmed by Alex Wilber on 28 November 2026 at 15:45/);
    assert.match(cardText(card), /Serial number 7XK2QF3/);
    assert.deepEqual(actionsOf<ExecuteAction>(card, "Action.Execute"), []);
  });

  it("the technician's form becomes what happened: sent, not delivered, or confirmed", () => {
    const sent = laptopIssuedCard(LOAN);
    const undelivered = laptopIssuedCard(LOAN, "Teams did not deliver it.");
    const confirmed = laptopIssuedCard(CONFIRMED);
    for (const card of [sent, undelivered, confirmed]) {
      assert.deepEqual(cardWarnings(card), []);
      assert.equal(card.actions, undefined, "nothing left to press");
    }
    assert.match(cardText(sent), /Sent to Alex Wilber, awaiting confirmation/);
    assert.match(cardText(undelivered), /Recorded for Alex Wilber, but the agreement could not be sent to them: Teams did not deliver it\./);
    assert.match(cardText(confirmed), /Confirmed by Alex Wilber on 28 November 2026 at 15:45/);
  });

  it("lists a borrower's laptops: awaiting confirmation, confirmed, returned", () => {
    const mine = myLaptopsCard([LOAN, { ...CONFIRMED, serialNumber: "9PL1" }, { ...RETURNED, serialNumber: "4RT8" }]);
    assert.deepEqual(cardWarnings(mine), []);
    assert.match(cardText(mine), /Dell Latitude 5440 \(SN 7XK2QF3\)\*\*, issued 27 November 2026: awaiting confirmation/);
    assert.match(cardText(mine), /\(SN 9PL1\)\*\*, issued 27 November 2026: confirmed on 28 November 2026 at 15:45/);
    assert.match(cardText(mine), /\(SN 4RT8\)\*\*, issued 27 November 2026: returned on 15 July 2027/);
  });

  it("the register shows each loan still out with its details and a return form asking condition, tag and note", () => {
    const register = loanRegisterCard([LOAN, { ...CONFIRMED, recordId: "loan-0002", serialNumber: "9PL1" }]);
    assert.deepEqual(cardWarnings(register), []);
    const shown = cardText(register);
    for (const expected of ["Laptop loan register", "2 on loan:", "**Alex Wilber**", "Laptop model Dell Latitude 5440", "Serial number 7XK2QF3", "Asset tag CC-0142"]) {
      assert.ok(shown.includes(expected), `shows "${expected}" in:\n${shown}`);
    }
    assert.match(shown, /Issued 27 November 2026 by Isaiah Langer\nStatus awaiting confirmation/);
    assert.match(shown, /Status confirmed on 28 November 2026 at 15:45/);

    const showCards = showCardsIn(register);
    assert.deepEqual(showCards.map((a) => a.title), ["Mark returned", "Mark returned"]);
    const form = showCards[0]?.card as AdaptiveCard;
    assert.deepEqual(
      inputs(form.body).map((f) => [f.id, f.label, f.type]),
      [
        ["loan-0001.condition", "Condition on return", "Input.ChoiceSet"],
        ["loan-0001.assetTagAttached", "Asset tag", "Input.Toggle"],
        ["loan-0001.note", "Note (optional)", "Input.Text"],
      ],
    );
    const condition = inputs(form.body)[0];
    assert.deepEqual(condition?.type === "Input.ChoiceSet" && condition.choices.map((c) => c.value), ["Full working condition", "Damaged", "Missing parts"]);
    const [record] = actionsOf<ExecuteAction>(form, "Action.Execute");
    assert.deepEqual([record?.title, record?.verb, record?.data.loanId], ["Record return", "laptop.return", "loan-0001"]);
  });

  it("the register after a return says what came back, to whom, how, and what is still out", () => {
    const after = loanRegisterCard([], RETURNED);
    assert.deepEqual(cardWarnings(after), []);
    assert.equal(
      cardText(after),
      [
        "Laptop loan register",
        "Alex Wilber's Dell Latitude 5440 (SN 7XK2QF3)",
        "\u26A0\uFE0F Returned to Isaiah Langer on 15 July 2027 at 16:30: damaged, asset tag missing. Note: Cracked hinge",
        "No school laptops are out on loan.",
      ].join("\n"),
    );
    assert.deepEqual(showCardsIn(after), []);
  });

  it("keeps a long register within Teams' message size, saying how many more are out", () => {
    const many = Array.from({ length: REGISTER_MAX_LOANS + 5 }, (_, n) => ({
      ...LOAN,
      recordId: `loan-${"f".repeat(27)}${String(n).padStart(5, "0")}`,
      borrower: { ...LOAN.borrower, displayName: `Teacher with a rather long display name ${n}` },
      model: "M".repeat(100),
      serialNumber: "S".repeat(50),
      assetTag: "A".repeat(50),
    }));
    const card = loanRegisterCard(many);
    assert.deepEqual(cardWarnings(card), []);
    assert.equal(showCardsIn(card).length, REGISTER_MAX_LOANS);
    assert.match(cardText(card), /^5 more on loan, shown here as those above come back/m);
    const bytes = Buffer.byteLength(JSON.stringify(attachment(card)));
    assert.ok(bytes < 28_000, `the card is ${bytes} bytes; Teams refuses messages over about 28 KB`);
  });
});

function showCardsIn(card: AdaptiveCard): ShowCardAction[] {
  const found: ShowCardAction[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    if ((node as { type?: unknown }).type === "Action.ShowCard") found.push(node as ShowCardAction);
    else Object.values(node).forEach(walk);
  };
  walk(card.body);
  return found;
}
