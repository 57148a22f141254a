import { UnavailableError } from "../records/errors.js";
import type { AcknowledgementService } from "./acknowledgement-service.js";
import type { CardActionRequest } from "./card-actions.js";
import type { AdaptiveCard } from "./cards/adaptive-card.js";
import { receiptCard } from "./cards/receipt-card.js";
import { reportAlertCard } from "./cards/report-alert-card.js";
import type { ReportStatusService } from "./report-status-service.js";
import { laptopReceiptCard } from "./cards/laptop-agreement-card.js";
import { laptopIssuedCard } from "./cards/laptop-issue-card.js";
import { loanRegisterCard } from "./cards/laptop-loans-card.js";
import type { LaptopLoanService } from "./laptops/laptop-loan-service.js";
import type { PeopleDirectory, TurnIdentity } from "./turn-identity.js";
import type { DecisionCardActions } from "./decisions/decision-card-actions.js";

/**
 * Does what a card button asks and returns the card that replaces the pressed one. The person answered
 * is waiting: nothing here calls Teams (the presser's UPN comes from what the app keeps).
 */
export class CardActionHandler {
  constructor(
    private readonly acknowledgements: AcknowledgementService,
    private readonly reports: ReportStatusService,
    private readonly publicUrl: string,
    private readonly laptops: LaptopLoanService,
    private readonly people: PeopleDirectory,
    /** Approve / Decline on a request's card; absent where no decisions are wired (a request's press is then refused). */
    private readonly decisions?: DecisionCardActions,
  ) {}

  /** `pressedCardId`: the activity id of the card pressed (replyToId), so a card sent elsewhere can be updated later. */
  async handle(identity: TurnIdentity, request: CardActionRequest, pressedCardId?: string): Promise<AdaptiveCard> {
    const person = await this.people.personOf(identity);
    switch (request.verb) {
      case "policy.acknowledge": {
        const { policy, acknowledgement } = await this.acknowledgements.acknowledge(person, request);
        return receiptCard(policy, acknowledgement, this.publicUrl);
      }
      case "report.setStatus": {
        const report = await this.reports.setStatus(person, request.reportId, request.status);
        return reportAlertCard(report, { seniorLeadersTold: this.reports.seniorLeadersTold(report) });
      }
      case "report.refresh": {
        const report = await this.reports.current(person, request.reportId);
        return reportAlertCard(report, {
          viewerId: person.id,
          viewerRoles: this.reports.deciderRolesOf(person),
          seniorLeadersTold: this.reports.seniorLeadersTold(report),
        });
      }
      case "request.decide":
        if (!this.decisions) throw new UnavailableError("Requests cannot be decided from this card just now: use the headteacher's page in the tab.");
        return this.decisions.decide(person, request);
      case "laptop.issue": {
        const { loan, undelivered } = await this.laptops.issue(person, request, pressedCardId);
        return laptopIssuedCard(loan, undelivered);
      }
      case "laptop.confirm": {
        const { loan, policy } = await this.laptops.confirm(person, request.loanId);
        return laptopReceiptCard(loan, policy, this.publicUrl);
      }
      case "laptop.return": {
        const { loan, register } = await this.laptops.markReturned(person, request);
        return loanRegisterCard(register, loan);
      }
    }
  }
}
