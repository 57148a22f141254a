// Lists of laptop loans: a borrower's own ("status") and the IT technician's loan register ("laptops"),
// where each laptop still out can be marked returned (policy 9.4).
import { plainText } from "./markdown-text.js";
import { LAPTOP_RETURN_CONDITIONS, laptopDescription, type LaptopLoan } from "../../records/laptop-loan.js";
import { RETURN_NOTE_MAX, returnInputId } from "../laptops/laptop-return-request.js";
import { adaptiveCard, executeAction, facts, heading, text, type AdaptiveCard, type CardElement, type Container, type TextBlock } from "./adaptive-card.js";
import { formatDate, formatDateTime, WARNING_SIGN } from "./format.js";

export const RETURN_LAPTOP_VERB = "laptop.return";

/** Teams refuses a message over about 28 KB; the register stops well short of it and says how many it left out. */
export const REGISTER_MAX_LOANS = 12;

function loanState(loan: LaptopLoan): string {
  if (loan.returned) return `returned on ${formatDate(loan.returned.returnedAt)}`;
  if (loan.status === "Confirmed") return `confirmed on ${formatDateTime(loan.confirmedAt)}`;
  return "awaiting confirmation";
}

/** The borrower's answer to "status", after their acknowledgements. */
export function myLaptopsCard(loans: readonly LaptopLoan[]): AdaptiveCard {
  return adaptiveCard([
    heading("Your school laptops"),
    ...loans.map((loan) =>
      text(`**${laptopDescription(loan)}**, issued ${formatDate(loan.issuedOn)}: ${loanState(loan)}`, {
        ...(loan.status === "Awaiting confirmation" ? { color: "attention" as const } : {}),
      }),
    ),
  ]);
}

/** "Returned to Isaiah Langer on 28 November 2026 at 10:00: damaged, asset tag missing. Note: cracked hinge" */
export function laptopReturnLine(loan: LaptopLoan): string {
  if (!loan.returned) return "";
  const { returnedTo, returnedAt, condition, assetTagAttached, note } = loan.returned;
  const tag = assetTagAttached ? "asset tag attached" : "asset tag missing";
  return `Returned to ${returnedTo.displayName} on ${formatDateTime(returnedAt)}: ${condition.toLowerCase()}, ${tag}.${note ? ` Note: ${plainText(note)}` : ""}`;
}

/** Policy 9.4 and 9.1: anything short of full working order with its tag on needs following up, so it is marked. */
function returnOutcome(loan: LaptopLoan): TextBlock {
  const needsAttention = loan.returned && (loan.returned.condition !== "Full working condition" || !loan.returned.assetTagAttached);
  return needsAttention
    ? text(`${WARNING_SIGN} ${laptopReturnLine(loan)}`, { color: "attention", weight: "bolder", spacing: "none" })
    : text(laptopReturnLine(loan), { spacing: "none" });
}

/**
 * The technician's answer to "laptops", and what a "Record return" press turns it into: every laptop
 * still out, oldest loan first, each with its own small return form. `justReturned` heads the card.
 */
export function loanRegisterCard(outstanding: readonly LaptopLoan[], justReturned?: LaptopLoan): AdaptiveCard {
  const shown = outstanding.slice(0, REGISTER_MAX_LOANS);
  const body: CardElement[] = [heading("Laptop loan register")];
  if (justReturned) {
    body.push(text(`${justReturned.borrower.displayName}'s ${laptopDescription(justReturned)}`, { weight: "bolder" }));
    body.push(returnOutcome(justReturned));
  }
  body.push(text(outstanding.length ? `${outstanding.length} on loan:` : "No school laptops are out on loan.", { isSubtle: true }));
  body.push(...shown.map(registerEntry));
  if (outstanding.length > shown.length) {
    body.push(text(`${outstanding.length - shown.length} more on loan, shown here as those above come back; all are in the AUP laptop loans list.`, { isSubtle: true }));
  }
  return adaptiveCard(body, [], { fallbackText: `Laptop loan register: ${outstanding.length} on loan.` });
}

function registerEntry(loan: LaptopLoan): Container {
  return {
    type: "Container",
    separator: true,
    spacing: "medium",
    items: [
      text(`**${loan.borrower.displayName}**`),
      facts([
        ["Laptop model", plainText(loan.model)],
        ["Serial number", plainText(loan.serialNumber)],
        ["Asset tag", plainText(loan.assetTag) || "None"],
        ["Issued", `${formatDate(loan.issuedOn)} by ${loan.issuedBy.displayName}`],
        ["Status", loanState(loan)],
      ]),
      { type: "ActionSet", actions: [{ type: "Action.ShowCard", title: "Mark returned", card: returnForm(loan) }] },
    ],
  };
}

/** Policy 9.4 (full working condition) and 9.1 (the property tag stays on), asked as the laptop comes back. */
function returnForm(loan: LaptopLoan): AdaptiveCard {
  const id = (input: Parameters<typeof returnInputId>[1]) => returnInputId(loan.recordId, input);
  return adaptiveCard(
    [
      {
        type: "Input.ChoiceSet",
        id: id("condition"),
        label: "Condition on return",
        isRequired: true,
        errorMessage: "Choose the condition the laptop came back in.",
        style: "expanded",
        value: LAPTOP_RETURN_CONDITIONS[0],
        choices: LAPTOP_RETURN_CONDITIONS.map((condition) => ({ title: condition, value: condition })),
      },
      {
        type: "Input.Toggle",
        id: id("assetTagAttached"),
        label: "Asset tag",
        title: loan.assetTag ? `Asset tag ${loan.assetTag} still attached` : "Asset tag still attached",
        value: "true",
        valueOn: "true",
        valueOff: "false",
      },
      { type: "Input.Text", id: id("note"), label: "Note (optional)", isMultiline: true, maxLength: RETURN_NOTE_MAX, placeholder: "e.g. cracked hinge, charger missing" },
    ],
    [executeAction("Record return", RETURN_LAPTOP_VERB, { loanId: loan.recordId }, { style: "positive" })],
  );
}
