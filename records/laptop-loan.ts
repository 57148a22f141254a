// A school laptop on loan to a member of staff: the paper "School laptop equipment & software" form as a record.
import { createHash } from "node:crypto";
import type { Person } from "./types.js";

export const LAPTOP_LOAN_STATUSES = ["Awaiting confirmation", "Confirmed", "Returned"] as const;
export type LaptopLoanStatus = (typeof LAPTOP_LOAN_STATUSES)[number];

/** Policy 9.4: equipment comes back "in full working condition"; the technician records whether it did. */
export const LAPTOP_RETURN_CONDITIONS = ["Full working condition", "Damaged", "Missing parts"] as const;
export type LaptopReturnCondition = (typeof LAPTOP_RETURN_CONDITIONS)[number];

/** The laptop handed back to the IT technician (policy 9.4), as they recorded it. */
export interface LaptopReturn {
  /** ISO instant the technician marked it returned. */
  readonly returnedAt: string;
  /** The IT technician it was handed back to, from the activity of the "Mark returned" press. */
  readonly returnedTo: Person;
  readonly condition: LaptopReturnCondition;
  /** Policy 9.1: the property identification tag must not be removed. */
  readonly assetTagAttached: boolean;
  /** Anything the technician noted; empty when nothing. */
  readonly note: string;
}

export interface LaptopLoan {
  readonly recordId: string;
  readonly borrower: Person;
  /** The IT technician who handed it over, from the activity of the "Issue" press. */
  readonly issuedBy: Person;
  readonly model: string;
  readonly serialNumber: string;
  /** The school's property tag; empty when the laptop has none. */
  readonly assetTag: string;
  /** "Laptop bag & manuals" on the paper form. */
  readonly withBagAndManuals: boolean;
  /** The standard image items installed, by name. */
  readonly software: readonly string[];
  /** Anything installed beyond the standard image; empty when nothing. */
  readonly additionalSoftware: string;
  /** Calendar date (YYYY-MM-DD) the laptop was handed over, as the technician gave it. */
  readonly issuedOn: string;
  /** ISO instant the loan was recorded. */
  readonly recordedAt: string;
  /** Version of the laptop loan agreement the borrower is asked to confirm. */
  readonly agreementVersion: string;
  readonly status: LaptopLoanStatus;
  /** ISO instant of the borrower's first confirmation; empty until then. */
  readonly confirmedAt: string;
  /** Set (with status "Returned") once the laptop is back; absent while it is out on loan. */
  readonly returned?: LaptopReturn;
}

export interface LaptopLoanQuery {
  readonly borrowerId?: string;
  readonly status?: LaptopLoanStatus;
}

/**
 * One issue form, one loan: the id comes from the form the technician filled in, so pressing
 * "Issue" twice (or Teams retrying the invoke) records one loan, not two.
 */
export function laptopLoanRecordId(formId: string, technicianId: string): string {
  const key = ["loan", formId, technicianId.toLowerCase()].join("\u0000");
  return "loan-" + createHash("sha256").update(key).digest("hex").slice(0, 32);
}

/** "Dell Latitude 5440 (SN 7XK2)" */
export function laptopDescription(loan: Pick<LaptopLoan, "model" | "serialNumber">): string {
  return `${loan.model} (SN ${loan.serialNumber})`;
}

/** The loan once its borrower confirmed at `at`; a loan already confirmed keeps its first confirmation. */
export function confirmedLoan(loan: LaptopLoan, at: string): LaptopLoan {
  return loan.status === "Awaiting confirmation" ? { ...loan, status: "Confirmed", confirmedAt: at } : loan;
}

/**
 * The loan once handed back; a loan already returned keeps its first return. A loan never confirmed
 * can be returned too: the borrower may leave before confirming.
 */
export function returnedLoan(loan: LaptopLoan, returned: LaptopReturn): LaptopLoan {
  return loan.status === "Returned" ? loan : { ...loan, status: "Returned", returned };
}
