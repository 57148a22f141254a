// The laptop loan half of the tenant-mode store: writes go to the outbox, reads merge the
// "AUP laptop loans" list with loans, confirmations and returns not yet written there.
import { NotFoundError, ThrottledError, UnavailableError } from "../errors.js";
import { confirmedLoan, returnedLoan, type LaptopLoan, type LaptopLoanQuery, type LaptopReturn } from "../laptop-loan.js";
import { laptopConfirmationFields, laptopLoanFromFields, laptopReturnFields } from "../sharepoint/item-fields.js";
import { LAPTOP_LOANS_LIST } from "../sharepoint/list-schemas.js";
import type { SharePointLists } from "../sharepoint/sharepoint-lists.js";
import type { SaveResult } from "../types.js";
import type { ChangeWrite } from "./outbox-change-writes.js";
import type { OutboxOp, OutboxRow, OutboxTable } from "./outbox-table.js";

export type LaptopConfirmation = Pick<LaptopLoan, "status" | "confirmedAt">;

/** The changes to a loan that wait in the outbox, oldest first, applied on every read. */
const LOAN_CHANGES: ReadonlyArray<readonly [OutboxOp, (loan: LaptopLoan, payload: string) => LaptopLoan]> = [
  ["confirm-laptop-loan", (loan, payload) => confirmedLoan(loan, (JSON.parse(payload) as LaptopConfirmation).confirmedAt)],
  ["return-laptop-loan", (loan, payload) => returnedLoan(loan, JSON.parse(payload) as LaptopReturn)],
];

export class OutboxLaptopLoans {
  constructor(
    private readonly outbox: OutboxTable,
    private readonly lists: SharePointLists,
    private readonly now: () => Date,
  ) {}

  save(loan: LaptopLoan): Promise<SaveResult> {
    const created = this.outbox.enqueue("create-laptop-loan", `create:${loan.recordId}`, loan.recordId, loan, this.now());
    return Promise.resolve({ created });
  }

  async list(query: LaptopLoanQuery): Promise<LaptopLoan[]> {
    // A change still in the outbox moves a loan between statuses, so filter on status after applying it.
    const items = await this.lists.query(LAPTOP_LOANS_LIST, { BorrowerId: query.borrowerId, Status: query.status });
    const found = items.map((item) => laptopLoanFromFields(item.fields));
    const changing = LOAN_CHANGES.flatMap(([op]) => this.outbox.notYetWritten(op).map((row) => row.recordId));
    const alsoChanging = query.status ? await this.remoteLoans(changing, found.map((loan) => loan.recordId)) : [];
    const byId = new Map([...found, ...alsoChanging].map((loan) => [loan.recordId, loan]));
    for (const row of this.outbox.notYetWritten("create-laptop-loan")) {
      if (!byId.has(row.recordId)) byId.set(row.recordId, JSON.parse(row.payload) as LaptopLoan);
    }
    const deleting = this.outbox.pendingDeletes();
    return [...byId.values()]
      .filter((loan) => !deleting.has(loan.recordId))
      .map((loan) => this.withPendingChanges(loan))
      .filter((loan) => (!query.borrowerId || loan.borrower.id === query.borrowerId) && (!query.status || loan.status === query.status))
      .sort((a, b) => Date.parse(b.recordedAt) - Date.parse(a.recordedAt) || a.recordId.localeCompare(b.recordId));
  }

  async get(recordId: string): Promise<LaptopLoan> {
    if (this.outbox.pendingDeletes().has(recordId)) throw new NotFoundError(`There is no laptop loan ${recordId}.`);
    const pendingCreate = this.outbox.notYetWrittenFor(recordId).find((row) => row.op === "create-laptop-loan");
    if (pendingCreate) return this.withPendingChanges(JSON.parse(pendingCreate.payload) as LaptopLoan);
    const item = await this.lists.findByRecordId(LAPTOP_LOANS_LIST, recordId);
    if (!item) throw new NotFoundError(`There is no laptop loan ${recordId}.`);
    return this.withPendingChanges(laptopLoanFromFields(item.fields));
  }

  /**
   * Queued like every other write. The op key is per loan, so only the first confirmation is ever
   * queued; while SharePoint is unreachable, a loan this app wrote is still known from the outbox.
   */
  async confirm(recordId: string, at: Date): Promise<LaptopLoan> {
    const current = await this.current(recordId);
    const confirmed = confirmedLoan(current, at.toISOString());
    if (confirmed === current) return current;
    const change: LaptopConfirmation = { status: confirmed.status, confirmedAt: confirmed.confirmedAt };
    if (this.outbox.enqueue("confirm-laptop-loan", `confirm:${recordId}`, recordId, change, this.now())) return confirmed;
    // Someone confirmed between our read and our write: theirs was first.
    return this.withPendingChanges(current);
  }

  /** As confirm(): one return per loan is ever queued, so the first return stands. */
  async markReturned(recordId: string, returned: LaptopReturn): Promise<LaptopLoan> {
    const current = await this.current(recordId);
    const after = returnedLoan(current, returned);
    if (after === current) return current;
    if (this.outbox.enqueue("return-laptop-loan", `return:${recordId}`, recordId, returned, this.now())) return after;
    return this.withPendingChanges(current);
  }

  /** The loan now; while SharePoint is unreachable, a loan this app wrote is still known from the outbox. */
  private async current(recordId: string): Promise<LaptopLoan> {
    return this.get(recordId).catch((error: unknown) => {
      const written = this.outbox.createOf(recordId);
      if (!(error instanceof UnavailableError || error instanceof ThrottledError) || written?.op !== "create-laptop-loan") throw error;
      return this.withPendingChanges(JSON.parse(written.payload) as LaptopLoan);
    });
  }

  private withPendingChanges(loan: LaptopLoan): LaptopLoan {
    const pending = this.outbox.notYetWrittenFor(loan.recordId);
    return pending.reduce((changed, row) => {
      const apply = LOAN_CHANGES.find(([op]) => op === row.op)?.[1];
      return apply ? apply(changed, row.payload) : changed;
    }, loan);
  }

  private async remoteLoans(recordIds: readonly string[], alreadyHave: readonly string[]): Promise<LaptopLoan[]> {
    const wanted = [...new Set(recordIds)].filter((id) => !alreadyHave.includes(id));
    const found = await Promise.all(wanted.map((id) => this.lists.findByRecordId(LAPTOP_LOANS_LIST, id)));
    return found.flatMap((item) => (item ? [laptopLoanFromFields(item.fields)] : []));
  }
}

const LOAN_MISSING = "The laptop loan is no longer in the SharePoint list.";

/** What the writer sets for a confirmation or a return, and when the item already holds it. */
export function laptopChangeWrite(row: OutboxRow): ChangeWrite {
  if (row.op === "confirm-laptop-loan") {
    // The first confirmation stands; and a loan marked returned in SharePoint is not set back.
    const fields = laptopConfirmationFields(JSON.parse(row.payload) as LaptopConfirmation);
    return { list: LAPTOP_LOANS_LIST, fields, whenMissing: LOAN_MISSING, isSupersededBy: (current) => current.Status !== "Awaiting confirmation" };
  }
  // A return already in the list (ours retried, or entered in SharePoint) is the first one: it stands.
  const fields = laptopReturnFields(JSON.parse(row.payload) as LaptopReturn);
  return { list: LAPTOP_LOANS_LIST, fields, whenMissing: LOAN_MISSING, isSupersededBy: (current) => current.Status === "Returned" };
}
