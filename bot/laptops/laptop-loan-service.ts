// Issuing a school laptop, the borrower's confirmation of the loan agreement, and its return (policy 9.4).
import { MessageFactory } from "botbuilder";
import type { Policy } from "../../policies/policy.js";
import type { PolicyCatalog } from "../../policies/policy-catalog.js";
import { AuthError, NotFoundError, UnavailableError, ValidationError } from "../../records/errors.js";
import { laptopDescription, laptopLoanRecordId, type LaptopLoan } from "../../records/laptop-loan.js";
import { ukCalendarDate } from "../../records/uk-time.js";
import type { Clock, Person, RecordStore } from "../../records/types.js";
import { attachment } from "../cards/adaptive-card.js";
import { laptopAgreementCard } from "../cards/laptop-agreement-card.js";
import { laptopIssuedCard } from "../cards/laptop-issue-card.js";
import { formatDate, formatDateTime } from "../cards/format.js";
import type { ConversationStore } from "../conversation-store.js";
import type { ProactiveSender, ProactiveUpdater } from "../proactive-messenger.js";
import type { IssuedCards } from "./issued-cards.js";
import { softwareNames, type LaptopIssueRequest } from "./laptop-issue-request.js";
import type { LaptopReturnRequest } from "./laptop-return-request.js";

export const LAPTOP_AGREEMENT_ID = "laptop-loan-agreement";

export interface LaptopLoanServiceOptions {
  readonly records: RecordStore;
  readonly policies: PolicyCatalog;
  readonly conversations: ConversationStore;
  readonly messenger: ProactiveSender & ProactiveUpdater;
  /** Where each loan's "awaiting confirmation" card is in the technician's chat, to update it on confirmation. */
  readonly issuedCards: IssuedCards;
  readonly clock: Clock;
  readonly publicUrl: string;
  readonly itTechnicianIds: readonly string[];
  readonly log: { error(message: string, error?: unknown): void };
}

export interface IssueOutcome {
  readonly loan: LaptopLoan;
  /** Why the borrower was not sent the agreement; undefined when they were (or it was sent before). */
  readonly undelivered?: string;
}

export class LaptopLoanService {
  private readonly technicians: ReadonlySet<string>;

  constructor(private readonly options: LaptopLoanServiceOptions) {
    this.technicians = new Set(options.itTechnicianIds.map((id) => id.toLowerCase()));
  }

  isTechnician(personId: string): boolean {
    return this.technicians.has(personId.toLowerCase());
  }

  /** "Only the school's IT technician can issue laptops: please ask Isaiah Langer." */
  async onlyTechnicianMessage(toDo: string): Promise<string> {
    const references = await Promise.all([...this.technicians].map((id) => this.options.conversations.get(id)));
    const names = references.flatMap((reference) => (reference?.user?.name ? [reference.user.name] : []));
    return `Only the school's IT technician can ${toDo}: please ask ${names.length ? names.join(" or ") : "the IT technician"}.`;
  }

  /** The policy has the technician issue laptops and sign the paper form, so only they may. */
  private async assertTechnician(person: { id: string }, toDo: string): Promise<void> {
    if (!this.isTechnician(person.id)) throw new AuthError(await this.onlyTechnicianMessage(toDo), true);
  }

  agreement(): Policy {
    const policy = this.options.policies.get(LAPTOP_AGREEMENT_ID);
    if (!policy) throw new UnavailableError(`The laptop loan agreement is missing: add policies/content/${LAPTOP_AGREEMENT_ID}.md.`);
    return policy;
  }

  /**
   * Records the loan, then sends the borrower the agreement; a repeated press returns the first loan.
   * `cardId` is the message the pressed form is in, which becomes the technician's "awaiting confirmation" card.
   */
  async issue(technician: Person, request: LaptopIssueRequest, cardId?: string): Promise<IssueOutcome> {
    await this.assertTechnician(technician, "issue a laptop");
    const now = this.options.clock.now();
    if (request.issuedOn > ukCalendarDate(now)) {
      throw new ValidationError(`The date issued (${formatDate(request.issuedOn)}) is in the future: enter the day the laptop was handed over.`);
    }
    const loan: LaptopLoan = {
      recordId: laptopLoanRecordId(request.formId, technician.id),
      borrower: await this.reachableBorrower(request.borrowerId),
      issuedBy: technician,
      model: request.model,
      serialNumber: request.serialNumber,
      assetTag: request.assetTag,
      withBagAndManuals: request.bagAndManuals,
      software: softwareNames(request.software),
      additionalSoftware: request.additionalSoftware,
      issuedOn: request.issuedOn,
      recordedAt: now.toISOString(),
      agreementVersion: this.agreement().version,
      status: "Awaiting confirmation",
      confirmedAt: "",
    };
    const { created } = await this.options.records.laptopLoans.save(loan);
    if (!created) return { loan: await this.options.records.laptopLoans.get(loan.recordId) };
    if (cardId) this.options.issuedCards.remember(loan.recordId, cardId);
    return { loan, undelivered: await this.sendAgreement(loan) };
  }

  /** The borrower's "I confirm": only they may press it; the first confirmation stands. */
  async confirm(person: Person, loanId: string): Promise<{ loan: LaptopLoan; policy: Policy }> {
    const loan = await this.options.records.laptopLoans.get(loanId);
    if (loan.borrower.id.toLowerCase() !== person.id.toLowerCase()) {
      throw new AuthError(`This laptop agreement is for ${loan.borrower.displayName}: only they can confirm it.`, true);
    }
    if (loan.returned && !loan.confirmedAt) {
      throw new ValidationError(
        `This laptop was returned to ${loan.returned.returnedTo.displayName} on ${formatDate(loan.returned.returnedAt)}, so there is nothing left to confirm.`,
      );
    }
    const confirmed = await this.options.records.laptopLoans.confirm(loanId, this.options.clock.now());
    if (loan.status === "Awaiting confirmation" && confirmed.status === "Confirmed") this.tellTechnician(confirmed);
    return { loan: confirmed, policy: this.agreement() };
  }

  /**
   * Policy 9.4: the laptop handed back to the IT technician, recorded with its condition. Only they
   * may; the first return stands, and only that one tells the borrower.
   */
  async markReturned(technician: Person, request: LaptopReturnRequest): Promise<{ loan: LaptopLoan; register: LaptopLoan[] }> {
    await this.assertTechnician(technician, "mark laptops returned");
    const before = await this.options.records.laptopLoans.get(request.loanId);
    const loan = await this.options.records.laptopLoans.markReturned(request.loanId, {
      returnedAt: this.options.clock.now().toISOString(),
      returnedTo: technician,
      condition: request.condition,
      assetTagAttached: request.assetTagAttached,
      note: request.note,
    });
    if (before.status !== "Returned" && loan.status === "Returned") this.tellBorrower(loan);
    return { loan, register: await this.register() };
  }

  /** The loan register: every laptop not yet returned, oldest loan first. */
  async register(): Promise<LaptopLoan[]> {
    const byStatus = await Promise.all(
      (["Awaiting confirmation", "Confirmed"] as const).map((status) => this.options.records.laptopLoans.list({ status })),
    );
    return byStatus.flat().sort(
      (a, b) => a.issuedOn.localeCompare(b.issuedOn) || a.recordedAt.localeCompare(b.recordedAt) || a.recordId.localeCompare(b.recordId),
    );
  }

  loansOf(borrowerId: string): Promise<LaptopLoan[]> {
    return this.options.records.laptopLoans.list({ borrowerId: borrowerId.toLowerCase() });
  }

  /**
   * The borrower as Teams last named them, with the UPN learnt when they installed the app (empty if it
   * is not known yet); only someone the bot can reach can be sent the agreement.
   */
  private async reachableBorrower(borrowerId: string): Promise<Person> {
    const id = borrowerId.toLowerCase();
    const known = await this.options.conversations.member(id);
    if (!known) {
      throw new ValidationError(
        "That member of staff does not have the app in Teams, so they cannot be sent the agreement. " +
          'Ask them to install it, then type "issue laptop" for a fresh form.',
      );
    }
    return { id, displayName: known.displayName || id, upn: known.upn };
  }

  private async sendAgreement(loan: LaptopLoan): Promise<string | undefined> {
    const card = laptopAgreementCard(loan, this.agreement(), this.options.publicUrl);
    try {
      await this.options.messenger.send(loan.borrower.id, MessageFactory.attachment(attachment(card)));
      return undefined;
    } catch (error) {
      if (!(error instanceof NotFoundError)) this.options.log.error(`Could not send the laptop agreement ${loan.recordId}`, error);
      return `Teams did not deliver it. Ask ${loan.borrower.displayName} to type "status" to the bot to get it.`;
    }
  }

  /** Turns the technician's "awaiting confirmation" card into "Confirmed by … on …"; a note if that cannot be done. */
  private tellTechnician(loan: LaptopLoan): void {
    const note = `${loan.borrower.displayName} confirmed the laptop loan agreement for ${laptopDescription(loan)} on ${formatDateTime(loan.confirmedAt)}.`;
    const cardId = this.options.issuedCards.activityOf(loan.recordId);
    if (!cardId) return this.sendNote(loan.issuedBy, note, `that ${loan.recordId} was confirmed`);
    const update = { ...MessageFactory.attachment(attachment(laptopIssuedCard(loan))), id: cardId };
    this.options.messenger.update(loan.issuedBy.id, update).catch(() => this.sendNote(loan.issuedBy, note, `that ${loan.recordId} was confirmed`));
  }

  private tellBorrower(loan: LaptopLoan): void {
    if (!loan.returned) return;
    const { returnedTo, returnedAt } = loan.returned;
    const note = `Your laptop ${loan.model} (SN ${loan.serialNumber}) was returned to ${returnedTo.displayName} on ${formatDate(returnedAt)}.`;
    this.sendNote(loan.borrower, note, `that ${loan.recordId} was returned`);
  }

  /** A note, not a record: if Teams cannot deliver it the record still stands, so it is only logged. */
  private sendNote(to: Person, note: string, what: string): void {
    this.options.messenger
      .send(to.id, MessageFactory.text(note))
      .catch((error: unknown) => this.options.log.error(`Could not tell ${to.displayName} ${what}`, error));
  }
}
