// The laptop loan half of the tenant-mode store: writes go to the outbox, reads merge the
// "AUP laptop loans" list with loans and confirmations not yet written there.
import { NotFoundError, ThrottledError, UnavailableError } from "../errors.js";
import { confirmedLoan, type LaptopLoan, type LaptopLoanQuery } from "../laptop-loan.js";
import { laptopLoanFromFields } from "../sharepoint/item-fields.js";
import { LAPTOP_LOANS_LIST } from "../sharepoint/list-schemas.js";
import type { SharePointLists } from "../sharepoint/sharepoint-lists.js";
import type { SaveResult } from "../types.js";
import type { OutboxTable } from "./outbox-table.js";

export type LaptopConfirmation = Pick<LaptopLoan, "status" | "confirmedAt">;

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
    // A confirmation still in the outbox moves a loan between statuses, so filter on status after applying it.
    const items = await this.lists.query(LAPTOP_LOANS_LIST, { BorrowerId: query.borrowerId, Status: query.status });
    const found = items.map((item) => laptopLoanFromFields(item.fields));
    const confirming = this.outbox.notYetWritten("confirm-laptop-loan").map((row) => row.recordId);
    const alsoConfirming = query.status ? await this.remoteLoans(confirming, found.map((loan) => loan.recordId)) : [];
    const byId = new Map([...found, ...alsoConfirming].map((loan) => [loan.recordId, loan]));
    for (const row of this.outbox.notYetWritten("create-laptop-loan")) {
      if (!byId.has(row.recordId)) byId.set(row.recordId, JSON.parse(row.payload) as LaptopLoan);
    }
    return [...byId.values()]
      .map((loan) => this.withPendingConfirmation(loan))
      .filter((loan) => (!query.borrowerId || loan.borrower.id === query.borrowerId) && (!query.status || loan.status === query.status))
      .sort((a, b) => Date.parse(b.recordedAt) - Date.parse(a.recordedAt) || a.recordId.localeCompare(b.recordId));
  }

  async get(recordId: string): Promise<LaptopLoan> {
    const pendingCreate = this.outbox.notYetWrittenFor(recordId).find((row) => row.op === "create-laptop-loan");
    if (pendingCreate) return this.withPendingConfirmation(JSON.parse(pendingCreate.payload) as LaptopLoan);
    const item = await this.lists.findByRecordId(LAPTOP_LOANS_LIST, recordId);
    if (!item) throw new NotFoundError(`There is no laptop loan ${recordId}.`);
    return this.withPendingConfirmation(laptopLoanFromFields(item.fields));
  }

  /**
   * Queued like every other write. The op key is per loan, so only the first confirmation is ever
   * queued; while SharePoint is unreachable, a loan this app wrote is still known from the outbox.
   */
  async confirm(recordId: string, at: Date): Promise<LaptopLoan> {
    const current = await this.get(recordId).catch((error: unknown) => {
      const written = this.outbox.createOf(recordId);
      if (!(error instanceof UnavailableError || error instanceof ThrottledError) || written?.op !== "create-laptop-loan") throw error;
      return this.withPendingConfirmation(JSON.parse(written.payload) as LaptopLoan);
    });
    const confirmed = confirmedLoan(current, at.toISOString());
    if (confirmed === current) return current;
    const change: LaptopConfirmation = { status: confirmed.status, confirmedAt: confirmed.confirmedAt };
    if (this.outbox.enqueue("confirm-laptop-loan", `confirm:${recordId}`, recordId, change, this.now())) return confirmed;
    // Someone confirmed between our read and our write: theirs was first.
    return this.withPendingConfirmation(current);
  }

  private withPendingConfirmation(loan: LaptopLoan): LaptopLoan {
    const pending = this.outbox.notYetWrittenFor(loan.recordId).find((row) => row.op === "confirm-laptop-loan");
    return pending ? confirmedLoan(loan, (JSON.parse(pending.payload) as LaptopConfirmation).confirmedAt) : loan;
  }

  private async remoteLoans(recordIds: readonly string[], alreadyHave: readonly string[]): Promise<LaptopLoan[]> {
    const wanted = [...new Set(recordIds)].filter((id) => !alreadyHave.includes(id));
    const found = await Promise.all(wanted.map((id) => this.lists.findByRecordId(LAPTOP_LOANS_LIST, id)));
    return found.flatMap((item) => (item ? [laptopLoanFromFields(item.fields)] : []));
  }
}
