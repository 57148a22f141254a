import type { TurnContext } from "botbuilder";
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
import { personOf, type TurnIdentity } from "./turn-identity.js";

/** Does what a card button asks and returns the card that replaces the pressed one. */
export class CardActionHandler {
  constructor(
    private readonly acknowledgements: AcknowledgementService,
    private readonly reports: ReportStatusService,
    private readonly publicUrl: string,
    private readonly laptops: LaptopLoanService,
  ) {}

  async handle(context: TurnContext, identity: TurnIdentity, request: CardActionRequest): Promise<AdaptiveCard> {
    switch (request.verb) {
      case "policy.acknowledge": {
        const { policy, acknowledgement } = await this.acknowledgements.acknowledge(await personOf(context, identity), request);
        return receiptCard(policy, acknowledgement, this.publicUrl);
      }
      case "report.setStatus": {
        const report = await this.reports.setStatus(await personOf(context, identity), request.reportId, request.status);
        return reportAlertCard(report);
      }
      case "report.refresh":
        return reportAlertCard(await this.reports.current(await personOf(context, identity), request.reportId));
      case "laptop.issue": {
        const { loan, undelivered } = await this.laptops.issue(await personOf(context, identity), request, context.activity.replyToId);
        return laptopIssuedCard(loan, undelivered);
      }
      case "laptop.confirm": {
        const { loan, policy } = await this.laptops.confirm(await personOf(context, identity), request.loanId);
        return laptopReceiptCard(loan, policy, this.publicUrl);
      }
      case "laptop.return": {
        const { loan, register } = await this.laptops.markReturned(await personOf(context, identity), request);
        return loanRegisterCard(register, loan);
      }
    }
  }
}
