// The chat commands about laptops: "issue laptop" and "laptops" (the loan register) for the IT technician, and each
// borrower's loans under "status".
import { randomUUID } from "node:crypto";
import { MessageFactory, type TurnContext } from "botbuilder";
import { ukCalendarDate } from "../../records/uk-time.js";
import type { Clock } from "../../records/types.js";
import { attachment } from "../cards/adaptive-card.js";
import { laptopAgreementCard } from "../cards/laptop-agreement-card.js";
import { laptopIssueFormCard } from "../cards/laptop-issue-card.js";
import { loanRegisterCard, myLaptopsCard } from "../cards/laptop-loans-card.js";
import type { ConversationStore } from "../conversation-store.js";
import type { TurnIdentity } from "../turn-identity.js";
import type { LaptopLoanService } from "./laptop-loan-service.js";

const ISSUE_COMMAND = "issue laptop";
const AWAITING_COMMAND = "laptops";

export const LAPTOP_HELP_TEXT = [
  "As IT technician you can also type:",
  "- **issue laptop**: fill in a laptop loan; the member of staff is sent the agreement to confirm",
  "- **laptops**: the loan register, every laptop still out; mark one returned when it comes back",
].join("\n\n");

export class LaptopCommands {
  constructor(
    private readonly laptops: LaptopLoanService,
    private readonly conversations: ConversationStore,
    private readonly clock: Clock,
    private readonly publicUrl: string,
  ) {}

  isTechnician(personId: string): boolean {
    return this.laptops.isTechnician(personId);
  }

  /** True when the command was one of ours and has been answered; anyone else is told, politely, who can. */
  async tryAnswer(context: TurnContext, identity: TurnIdentity, command: string): Promise<boolean> {
    if (command !== ISSUE_COMMAND && command !== AWAITING_COMMAND) return false;
    if (!this.laptops.isTechnician(identity.id)) {
      const toDo = command === ISSUE_COMMAND ? "issue laptops" : "see the laptop loan register";
      await context.sendActivity(MessageFactory.text(await this.laptops.onlyTechnicianMessage(toDo)));
    } else if (command === ISSUE_COMMAND) {
      await this.sendIssueForm(context);
    } else {
      await context.sendActivity(MessageFactory.attachment(attachment(loanRegisterCard(await this.laptops.register()))));
    }
    return true;
  }

  /** Under "status": the person's loans, and again any agreement they have still to confirm. */
  async sendLoansOf(context: TurnContext, identity: TurnIdentity): Promise<void> {
    const loans = await this.laptops.loansOf(identity.id);
    if (loans.length === 0) return;
    const awaiting = loans.filter((loan) => loan.status === "Awaiting confirmation");
    const agreementCards = awaiting.map((loan) => laptopAgreementCard(loan, this.laptops.agreement(), this.publicUrl));
    await context.sendActivities([myLaptopsCard(loans), ...agreementCards].map((card) => MessageFactory.attachment(attachment(card))));
  }

  private async sendIssueForm(context: TurnContext): Promise<void> {
    const staff = (await this.conversations.list()).sort((a, b) => a.displayName.localeCompare(b.displayName));
    const form = laptopIssueFormCard({ staff, today: ukCalendarDate(this.clock.now()), formId: randomUUID() });
    await context.sendActivity(MessageFactory.attachment(attachment(form)));
  }
}
