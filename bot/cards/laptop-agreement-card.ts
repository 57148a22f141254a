// The laptop loan agreement the borrower confirms, and the receipt it becomes: the paper form's
// hardware and software details, then the policy's exact declaration.
import { plainText } from "./markdown-text.js";
import type { Policy } from "../../policies/policy.js";
import { laptopDescription, type LaptopLoan } from "../../records/laptop-loan.js";
import { adaptiveCard, executeAction, facts, heading, text, type AdaptiveCard, type CardElement } from "./adaptive-card.js";
import { DONE_SIGN, formatDate, formatDateTime } from "./format.js";
import { readFullPolicyAction } from "./policy-card.js";

export const CONFIRM_LAPTOP_VERB = "laptop.confirm";

/** Both halves of the paper form, as the borrower, the technician and the receipt show them. */
export function laptopDetails(loan: LaptopLoan): CardElement[] {
  return [
    text("Hardware details", { weight: "bolder", spacing: "medium" }),
    facts([
      ["Date issued", formatDate(loan.issuedOn)],
      ["Laptop model", plainText(loan.model)],
      ["Serial number", plainText(loan.serialNumber)],
      ["Asset tag", plainText(loan.assetTag) || "None"],
      ["Laptop bag & manuals", loan.withBagAndManuals ? "Yes" : "No"],
    ]),
    text("Software details", { weight: "bolder", spacing: "medium" }),
    facts([
      ["Installed", loan.software.length ? loan.software.join(", ") : "None of the standard image"],
      ["Additional software", plainText(loan.additionalSoftware) || "None"],
    ]),
  ];
}

/** "Confirmed by Alex Wilber on 28 November 2026 at 10:00" */
export function laptopConfirmationLine(loan: LaptopLoan): string {
  return `Confirmed by ${loan.borrower.displayName} on ${formatDateTime(loan.confirmedAt)}`;
}

export function laptopAgreementCard(loan: LaptopLoan, policy: Policy, publicUrl: string): AdaptiveCard {
  return adaptiveCard(
    [
      heading(policy.title),
      text(
        `${loan.issuedBy.displayName} has issued you a school laptop, ${laptopDescription(loan)}. ` +
          "Check the details match what you received, then confirm.",
      ),
      ...laptopDetails(loan),
      text(policy.summary, { spacing: "medium" }),
      text("Declaration", { weight: "bolder", spacing: "medium" }),
      text(policy.declaration),
    ],
    [
      readFullPolicyAction(policy, publicUrl),
      executeAction("I confirm", CONFIRM_LAPTOP_VERB, { loanId: loan.recordId }, { style: "positive" }),
    ],
    { fallbackText: `${policy.title}: ${laptopDescription(loan)}. ${policy.declaration}` },
  );
}

/** What the agreement turns into once confirmed: no button left to press. */
export function laptopReceiptCard(loan: LaptopLoan, policy: Policy, publicUrl: string): AdaptiveCard {
  return adaptiveCard(
    [
      heading(policy.title),
      text(`${DONE_SIGN} ${laptopConfirmationLine(loan)}`, { weight: "bolder" }),
      ...laptopDetails(loan),
      text(`Agreement version ${loan.agreementVersion}. You confirmed: "${policy.declaration}"`, { isSubtle: true, spacing: "medium" }),
    ],
    [readFullPolicyAction(policy, publicUrl)],
    { fallbackText: `${policy.title}: ${laptopConfirmationLine(loan)}` },
  );
}
