// The whole laptop loan register (the Teams card shows twelve): filters, CSV, and recording a return.
import express from "express";
import { z } from "zod";
import { ValidationError } from "../../../records/errors.js";
import { LAPTOP_LOAN_STATUSES, LAPTOP_RETURN_CONDITIONS, type LaptopLoan } from "../../../records/laptop-loan.js";
import { formatUkTime } from "../../../records/uk-time.js";
import type { LoanList, LoanRow } from "./headteacher-types.js";
import { BOTH, sendCsv, signedInPerson, type Guard, type HeadteacherDeps } from "./headteacher-route-kit.js";

const returnBody = z.object({
  condition: z.enum(LAPTOP_RETURN_CONDITIONS, { error: `condition must be one of ${LAPTOP_RETURN_CONDITIONS.join(", ")}.` }),
  assetTagAttached: z.boolean({ error: "assetTagAttached must be true or false." }),
  note: z.string({ error: "note must be text." }).trim().max(1000, { error: "Keep the note to 1000 characters or fewer." }).optional(),
});

export interface LoanFilter {
  readonly status?: LaptopLoan["status"];
  /** Matches the borrower, model, serial number or asset tag, ignoring case. */
  readonly search?: string;
}

export function loanFilterFrom(query: Readonly<Record<string, unknown>>): LoanFilter {
  const status = typeof query.status === "string" && query.status ? query.status : undefined;
  if (status && !(LAPTOP_LOAN_STATUSES as readonly string[]).includes(status)) {
    throw new ValidationError("The filter could not be used.", [`status must be one of ${LAPTOP_LOAN_STATUSES.join(", ")}.`]);
  }
  const search = typeof query.q === "string" && query.q.trim() ? query.q.trim().toLowerCase() : undefined;
  return { ...(status ? { status: status as LaptopLoan["status"] } : {}), ...(search ? { search } : {}) };
}

export function filterLoans(loans: readonly LaptopLoan[], filter: LoanFilter): LaptopLoan[] {
  return loans.filter(
    (loan) =>
      (!filter.status || loan.status === filter.status) &&
      (!filter.search ||
        [loan.borrower.displayName, loan.model, loan.serialNumber, loan.assetTag].some((text) => text.toLowerCase().includes(filter.search as string))),
  );
}

export function laptopRoutes(router: express.Router, deps: HeadteacherDeps, guard: Guard): void {
  const filtered = async (query: Readonly<Record<string, unknown>>) => filterLoans(await deps.reads.loans(), loanFilterFrom(query));

  router.get("/laptops", guard(BOTH), async (req, res) => {
    const list: LoanList = { loans: (await filtered(req.query)).map(loanRow), statuses: LAPTOP_LOAN_STATUSES, conditions: LAPTOP_RETURN_CONDITIONS };
    res.json(list);
  });

  router.get("/laptops.csv", guard(BOTH), async (req, res) => {
    const rows = (await filtered(req.query)).map(loanRow).map((loan) => [
      loan.borrowerName,
      loan.model,
      loan.serialNumber,
      loan.assetTag,
      formatUkTime(loan.issuedOn, true),
      loan.issuedByName,
      loan.status,
      loan.confirmedAt ? formatUkTime(loan.confirmedAt) : "",
      loan.returnedAt ? formatUkTime(loan.returnedAt) : "",
      loan.returnCondition,
      loan.returnNote,
    ]);
    const header = ["Borrower", "Model", "Serial number", "Asset tag", "Issued", "Issued by", "Status", "Confirmed", "Returned", "Condition on return", "Return note"];
    sendCsv(res, "laptop-loans.csv", header, rows);
  });

  router.post("/laptops/:recordId/return", guard(BOTH), express.json({ limit: "8kb" }), async (req, res) => {
    const parsed = returnBody.safeParse(req.body);
    if (!parsed.success) throw new ValidationError("The return was not recorded.", parsed.error.issues.map((issue) => issue.message));
    const loan = await deps.reads.store.laptopLoans.markReturned(req.params.recordId as string, {
      returnedAt: deps.clock.now().toISOString(),
      returnedTo: signedInPerson(res),
      condition: parsed.data.condition,
      assetTagAttached: parsed.data.assetTagAttached,
      note: parsed.data.note ?? "",
    });
    deps.reads.forget();
    res.json(loanRow(loan));
  });
}

export function loanRow(loan: LaptopLoan): LoanRow {
  return {
    recordId: loan.recordId,
    borrowerName: loan.borrower.displayName,
    borrowerId: loan.borrower.id,
    model: loan.model,
    serialNumber: loan.serialNumber,
    assetTag: loan.assetTag,
    issuedOn: loan.issuedOn,
    issuedByName: loan.issuedBy.displayName,
    status: loan.status,
    confirmedAt: loan.confirmedAt,
    returnedAt: loan.returned?.returnedAt ?? "",
    returnCondition: loan.returned?.condition ?? "",
    returnNote: loan.returned?.note ?? "",
  };
}
