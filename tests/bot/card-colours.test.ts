// Colour never carries state on its own, and what people must read is never in a low-contrast colour:
// Teams' "good" green is #92C353 on white (2.06:1). State is said in words and a sign; a laptop that
// came back damaged or with missing parts is marked for attention, never shown in green.
import assert from "node:assert/strict";
import path from "node:path";
import { PolicyCatalog } from "../../policies/policy-catalog.js";
import type { AdaptiveCard, TextBlock } from "../../bot/cards/adaptive-card.js";
import { laptopReceiptCard } from "../../bot/cards/laptop-agreement-card.js";
import { laptopIssuedCard } from "../../bot/cards/laptop-issue-card.js";
import { loanRegisterCard, myLaptopsCard } from "../../bot/cards/laptop-loans-card.js";
import { receiptCard } from "../../bot/cards/receipt-card.js";
import { statusCard } from "../../bot/cards/status-card.js";
import type { LaptopLoan, LaptopReturn } from "../../records/laptop-loan.js";
import type { Acknowledgement } from "../../records/types.js";
import { cardWarnings } from "../support/adaptive-cards.js";
import { loanToAlex } from "../support/laptop-loan-fixture.js";

const catalog = PolicyCatalog.load(path.resolve("policies/content"));
const PUBLIC_URL = "https://aup.crich-carr.example";
const agreement = catalog.get("laptop-loan-agreement");
const [aup, socialMedia] = catalog.forAllStaff();

const LOAN: LaptopLoan = loanToAlex();
const CONFIRMED: LaptopLoan = { ...LOAN, status: "Confirmed", confirmedAt: "2026-11-28T15:45:00.000Z" };
const returnedAs = (returned: Partial<LaptopReturn>): LaptopLoan => ({
  ...CONFIRMED,
  status: "Returned",
  returned: {
    returnedAt: "2027-07-15T15:30:00.000Z",
    returnedTo: LOAN.issuedBy,
    condition: "Full working condition",
    assetTagAttached: true,
    note: "",
    ...returned,
  },
});

const ack: Acknowledgement = {
  recordId: "ack-1",
  policyId: aup?.id ?? "",
  policyVersion: aup?.version ?? "",
  cycle: "2026/27",
  person: { id: "aad-alex", displayName: "Alex Wilber", upn: "alex@crich-carr.example" },
  acknowledgedAt: "2026-11-28T10:00:00.000Z",
  channel: "teams-bot",
};

function textBlocks(node: unknown, found: TextBlock[] = []): TextBlock[] {
  if (Array.isArray(node)) node.forEach((child) => textBlocks(child, found));
  else if (node && typeof node === "object") {
    const element = node as Record<string, unknown>;
    if (element.type === "TextBlock") found.push(element as unknown as TextBlock);
    for (const value of Object.values(element)) if (typeof value === "object") textBlocks(value, found);
  }
  return found;
}

/** The one TextBlock whose text includes `words`. */
function line(card: AdaptiveCard, words: string): TextBlock {
  const matches = textBlocks(card).filter((block) => block.text.includes(words));
  assert.equal(matches.length, 1, `one line says "${words}" in ${JSON.stringify(card.body).slice(0, 600)}`);
  return matches[0] as TextBlock;
}

const READABLE_COLOURS = new Set([undefined, "default", "dark", "accent", "attention", "warning"]);

describe("card colours and state", () => {
  assert.ok(aup && socialMedia && agreement);
  const cards: Record<string, AdaptiveCard> = {
    "policy receipt": receiptCard(aup, ack, PUBLIC_URL),
    "status card": statusCard("2026/27", [{ policy: aup, acknowledgement: ack }, { policy: socialMedia }]),
    "laptop receipt": laptopReceiptCard(CONFIRMED, agreement, PUBLIC_URL),
    "technician's card, awaiting": laptopIssuedCard(LOAN),
    "technician's card, confirmed": laptopIssuedCard(CONFIRMED),
    "borrower's laptops": myLaptopsCard([LOAN, CONFIRMED, returnedAs({ condition: "Damaged" })]),
    "register after a good return": loanRegisterCard([], returnedAs({})),
    "register after a damaged return": loanRegisterCard([], returnedAs({ condition: "Damaged", note: "Cracked hinge" })),
    "register after missing parts": loanRegisterCard([], returnedAs({ condition: "Missing parts" })),
  };

  for (const [name, card] of Object.entries(cards)) {
    it(`${name}: no text in green or another low-contrast colour`, () => {
      assert.deepEqual(cardWarnings(card), []);
      const unreadable = textBlocks(card).filter((block) => !READABLE_COLOURS.has(block.color) || (block.color === "light"));
      assert.deepEqual(unreadable.map((block) => `${block.color ?? ""}: ${block.text}`), []);
    });
  }

  it("says a confirmation in words with a tick, in the default colour", () => {
    for (const [card, words] of [
      [cards["policy receipt"], "Acknowledged by Alex Wilber"],
      [cards["laptop receipt"], "Confirmed by Alex Wilber"],
      [cards["technician's card, confirmed"], "Confirmed by Alex Wilber"],
    ] as const) {
      const shown = line(card as AdaptiveCard, words);
      assert.match(shown.text, /^\u2705 /, `"${shown.text}" starts with a tick`);
      assert.equal(shown.color ?? "default", "default");
    }
    const awaiting = line(cards["technician's card, awaiting"] as AdaptiveCard, "awaiting confirmation");
    assert.equal(awaiting.color ?? "default", "default");
  });

  it("marks a laptop returned damaged or with missing parts for attention, and a good return plainly", () => {
    for (const name of ["register after a damaged return", "register after missing parts"]) {
      const shown = line(cards[name] as AdaptiveCard, "Returned to Isaiah Langer");
      assert.ok(shown.color === "attention" || shown.color === "warning", `${name}: ${shown.color ?? "default"}`);
      assert.match(shown.text, /^\u26A0\uFE0F /);
    }
    const good = line(cards["register after a good return"] as AdaptiveCard, "Returned to Isaiah Langer");
    assert.equal(good.color ?? "default", "default");
    assert.match(good.text, /full working condition, asset tag attached/);
  });

  it("marks a return with the asset tag missing for attention even in working order", () => {
    const card = loanRegisterCard([], returnedAs({ assetTagAttached: false }));
    assert.equal(line(card, "Returned to Isaiah Langer").color, "attention");
  });
});
