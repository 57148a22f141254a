// Lists of laptop loans: a borrower's own ("status") and those awaiting confirmation ("laptops").
import { laptopDescription, type LaptopLoan } from "../../records/laptop-loan.js";
import { adaptiveCard, heading, text, type AdaptiveCard } from "./adaptive-card.js";
import { formatDate, formatDateTime } from "./format.js";

function loanState(loan: LaptopLoan): string {
  if (loan.status === "Confirmed") return `confirmed on ${formatDateTime(loan.confirmedAt)}`;
  if (loan.status === "Returned") return "returned";
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

/** The technician's answer to "laptops". */
export function awaitingLaptopsCard(loans: readonly LaptopLoan[]): AdaptiveCard {
  const lines = loans.map((loan) =>
    text(`**${loan.borrower.displayName}**: ${laptopDescription(loan)}, issued ${formatDate(loan.issuedOn)} by ${loan.issuedBy.displayName}`),
  );
  return adaptiveCard([
    heading("Laptops awaiting confirmation"),
    ...(lines.length ? lines : [text("Every laptop issued has been confirmed by its borrower.")]),
  ]);
}
