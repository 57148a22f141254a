// The IT technician's "issue laptop" form (the paper form's fields) and what it turns into once sent.
import { laptopDescription, type LaptopLoan } from "../../records/laptop-loan.js";
import { LAPTOP_FIELD_LIMITS, STANDARD_SOFTWARE } from "../laptops/laptop-issue-request.js";
import { adaptiveCard, executeAction, facts, heading, text, type AdaptiveCard, type CardElement, type TextInput } from "./adaptive-card.js";
import { DONE_SIGN, WAITING_SIGN, WARNING_SIGN } from "./format.js";
import { laptopConfirmationLine, laptopDetails } from "./laptop-agreement-card.js";

export const ISSUE_LAPTOP_VERB = "laptop.issue";

export interface IssueFormInput {
  /** Everyone the bot can reach, who can therefore be sent the agreement. */
  readonly staff: ReadonlyArray<{ readonly id: string; readonly displayName: string }>;
  /** Today in the UK, "2026-11-28": the default date issued, and the latest allowed. */
  readonly today: string;
  /** A fresh id per form, so a repeated press records one loan. */
  readonly formId: string;
}

function requiredText(id: string, label: string, maxLength: number, placeholder: string): TextInput {
  return { type: "Input.Text", id, label, isRequired: true, errorMessage: `Enter the ${label.toLowerCase()}.`, maxLength, placeholder };
}

export function laptopIssueFormCard({ staff, today, formId }: IssueFormInput): AdaptiveCard {
  const body: CardElement[] = [
    heading("Issue a school laptop"),
    text("The member of staff is sent the laptop loan agreement in Teams to check and confirm.", { isSubtle: true }),
    {
      type: "Input.ChoiceSet",
      id: "borrowerId",
      label: "Who is it for?",
      isRequired: true,
      errorMessage: "Choose who the laptop is for.",
      style: "compact",
      placeholder: "Choose a member of staff",
      choices: staff.map((person) => ({ title: person.displayName || `Unnamed (${person.id})`, value: person.id })),
    },
    text("Hardware details", { weight: "bolder", spacing: "medium" }),
    requiredText("model", "Laptop model", LAPTOP_FIELD_LIMITS.model, "e.g. Dell Latitude 5440"),
    requiredText("serialNumber", "Serial number", LAPTOP_FIELD_LIMITS.serialNumber, "As printed under the laptop"),
    { type: "Input.Text", id: "assetTag", label: "Asset tag (optional)", maxLength: LAPTOP_FIELD_LIMITS.assetTag, placeholder: "e.g. CC-0142" },
    {
      type: "Input.Date",
      id: "issuedOn",
      label: "Date issued",
      isRequired: true,
      errorMessage: "Enter the date the laptop was handed over (not in the future).",
      value: today,
      max: today,
    },
    {
      type: "Input.Toggle",
      id: "bagAndManuals",
      label: "Laptop bag & manuals",
      title: "Laptop bag and manuals handed over too",
      value: "true",
      valueOn: "true",
      valueOff: "false",
    },
    text("Software details", { weight: "bolder", spacing: "medium" }),
    {
      type: "Input.ChoiceSet",
      id: "software",
      label: "Software installed",
      isMultiSelect: true,
      style: "expanded",
      value: STANDARD_SOFTWARE.map((item) => item.id).join(","),
      choices: STANDARD_SOFTWARE.map((item) => ({ title: item.name, value: item.id })),
    },
    {
      type: "Input.Text",
      id: "additionalSoftware",
      label: "Additional software (optional)",
      isMultiline: true,
      maxLength: LAPTOP_FIELD_LIMITS.additionalSoftware,
      placeholder: "Anything installed beyond the standard image",
    },
  ];
  return adaptiveCard(body, [executeAction("Issue laptop", ISSUE_LAPTOP_VERB, { formId }, { style: "positive" })], {
    fallbackText: "Issue a school laptop: open this in Teams to fill in the form.",
  });
}

/**
 * The form once pressed. `undelivered` says why the borrower could not be sent the agreement;
 * the loan is recorded either way.
 */
export function laptopIssuedCard(loan: LaptopLoan, undelivered?: string): AdaptiveCard {
  const name = loan.borrower.displayName;
  const outcome =
    loan.status === "Confirmed"
      ? text(`${DONE_SIGN} ${laptopConfirmationLine(loan)}`, { weight: "bolder" })
      : undelivered
        ? text(`${WARNING_SIGN} Recorded for ${name}, but the agreement could not be sent to them: ${undelivered}`, { color: "attention", weight: "bolder" })
        : text(`${WAITING_SIGN} Sent to ${name}, awaiting confirmation`, { weight: "bolder" });
  const borrower = loan.borrower.upn ? `${name} (${loan.borrower.upn})` : name;
  return adaptiveCard([heading(`School laptop issued: ${laptopDescription(loan)}`), outcome, facts([["Borrower", borrower]]), ...laptopDetails(loan)], [], {
    fallbackText: `${laptopDescription(loan)} for ${name}: ${loan.status}`,
  });
}
