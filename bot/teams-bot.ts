import {
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type InvokeResponse,
} from "botbuilder";
import type { AcknowledgementService } from "./acknowledgement-service.js";
import type { CardActionHandler } from "./card-action-handler.js";
import { parseInvokeAction, parseSubmitAction } from "./card-actions.js";
import { attachment } from "./cards/adaptive-card.js";
import { allAcknowledgedCard } from "./cards/all-acknowledged-card.js";
import { policyCard } from "./cards/policy-card.js";
import { statusCard } from "./cards/status-card.js";
import type { ConversationStore } from "./conversation-store.js";
import { CAMPAIGN_HELP_TEXT, type CampaignCommands } from "./campaigns/campaign-commands.js";
import type { CampaignRunner } from "./campaigns/campaign-runner.js";
import { cardInvokeResponse, describeCardError, errorInvokeResponse } from "./invoke-responses.js";
import { identityOf, type PeopleDirectory, type TurnIdentity } from "./turn-identity.js";
import { newErrorReference } from "../records/error-reference.js";
import { AuthError } from "../records/errors.js";
import { LAPTOP_HELP_TEXT, type LaptopCommands } from "./laptops/laptop-commands.js";

export interface BotDependencies {
  readonly acknowledgements: AcknowledgementService;
  readonly cardActions: CardActionHandler;
  readonly conversations: ConversationStore;
  /** Keeps each chat with the person's UPN, so card presses never ask Teams. */
  readonly people: PeopleDirectory;
  readonly campaign: CampaignRunner;
  readonly campaignCommands: CampaignCommands;
  readonly laptopCommands: LaptopCommands;
  readonly publicUrl: string;
  /** The school's tenant in tenant mode; undefined locally. */
  readonly tenantId: string | undefined;
  readonly log: { error(message: string, error?: unknown): void };
}

export const HELP_TEXT = [
  "I send you the school's IT policies to read and confirm each year.",
  "- **policy**: send me the cards I still have to confirm",
  "- **status**: what I have and have not acknowledged this year",
  "- **report**: how to report something the policy says to report",
  "- **help**: this message",
].join("\n\n");

/** The policy's reports are filed in the personal tab, where the form asks what the headteacher needs. */
export const REPORT_TEXT =
  'To report accidental access to inappropriate material, information you should not have seen, a password you think ' +
  'someone else knows, or lost, damaged or stolen equipment, open the **Report and records** tab at the top of this ' +
  "chat. The headteacher is told at once, and the IT technician too when it is urgent.";

/** Locally the Agents Playground has no tabs: the same page is at the app's own address, in any browser. */
export function localReportText(publicUrl: string): string {
  return (
    "To report accidental access to inappropriate material, information you should not have seen, a password you think " +
    "someone else knows, or lost, damaged or stolen equipment, open the **Report and records** tab in your browser at " +
    `${publicUrl}/tab/ (in Teams it sits above the chat; the Agents Playground has none). ` +
    "The headteacher is told at once, and the IT technician too when it is urgent."
  );
}

/** Routes Teams activities to the services; no business rules live here. */
export class AupBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDependencies) {
    super();
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.answering(context, () => this.welcome(context));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = context.activity.membersAdded?.some((m) => m.id === context.activity.recipient.id);
      if (botAdded) await this.answering(context, () => this.welcome(context));
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.forget(context);
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      const botRemoved = context.activity.membersRemoved?.some((m) => m.id === context.activity.recipient.id);
      if (botRemoved) await this.forget(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      const value: unknown = context.activity.value;
      const isSubmit = !!value && typeof value === "object" && "verb" in value;
      await this.answering(context, () => (isSubmit ? this.answerSubmitFallback(context) : this.answerCommand(context)));
      await next();
    });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== "adaptiveCard/action") return super.onInvokeActivity(context);
    try {
      const identity = identityOf(context.activity, this.deps.tenantId);
      const request = parseInvokeAction(context.activity.value);
      return cardInvokeResponse(await this.deps.cardActions.handle(identity, request, context.activity.replyToId));
    } catch (error) {
      return this.cardError(error);
    }
  }

  /** Personal install (either event): remember the chat; on first sight send what is still to confirm. */
  private async welcome(context: TurnContext): Promise<void> {
    if (context.activity.conversation.conversationType !== "personal") return;
    const identity = identityOf(context.activity, this.deps.tenantId);
    // Teams sends both installationUpdate and conversationUpdate for one install: only the first sends cards.
    const { created, learning } = await this.deps.people.remember(identity, TurnContext.getConversationReference(context.activity));
    // The UPN lookup runs beside the greeting; the install turn ends once it is kept, before any press.
    if (!created) return learning;
    const greeting = `${identity.displayName ? `Hello ${identity.displayName}.` : "Hello."} ${HELP_TEXT}`;
    try {
      await context.sendActivity(MessageFactory.text(greeting));
    } catch {
      // Teams would not take it now (throttled at a school-wide install): the engine sends it all, in order.
      const { cycle, policies } = await this.deps.acknowledgements.outstandingFor(identity.id);
      this.deps.campaign.leaveForEngine(identity.id, cycle, policies, greeting);
      return learning;
    }
    await this.sendOutstandingCards(context, identity);
    await learning;
  }

  /**
   * Personal uninstall only: removing the bot from a team must not forget the remover's own chat. The
   * same tenant check as every other turn, so another tenant cannot make the bot forget our staff.
   * There is no one left to tell of a refusal: the app is gone from that chat.
   */
  private async forget(context: TurnContext): Promise<void> {
    if (context.activity.conversation.conversationType !== "personal") return;
    let identity: TurnIdentity;
    try {
      identity = identityOf(context.activity, this.deps.tenantId);
    } catch (error) {
      if (error instanceof AuthError) return;
      throw error;
    }
    await this.deps.conversations.delete(identity.id);
  }

  private async answerCommand(context: TurnContext): Promise<void> {
    const identity = identityOf(context.activity, this.deps.tenantId);
    if (context.activity.conversation.conversationType === "personal") {
      // Someone installed before UPNs were kept is looked up now, in the background.
      void (await this.deps.people.remember(identity, TurnContext.getConversationReference(context.activity))).learning;
    }
    const command = TurnContext.removeRecipientMention(context.activity)?.trim().toLowerCase() ?? "";
    if (await this.deps.campaignCommands.tryAnswer(context, identity.id, command)) return;
    if (await this.deps.laptopCommands.tryAnswer(context, identity, command)) return;
    if (command === "status") {
      const { cycle, statuses } = await this.deps.acknowledgements.statusFor(identity.id);
      await context.sendActivity(MessageFactory.attachment(attachment(statusCard(cycle, statuses))));
      await this.deps.laptopCommands.sendLoansOf(context, identity);
    } else if (command === "policy" || command === "policies") {
      await this.sendOutstandingCards(context, identity);
    } else if (command === "report") {
      await context.sendActivity(MessageFactory.text(this.deps.tenantId ? REPORT_TEXT : localReportText(this.deps.publicUrl)));
    } else if (command === "help") {
      const forHeadteacher = this.deps.campaignCommands.isHeadteacher(identity.id) ? `\n\n${CAMPAIGN_HELP_TEXT}` : "";
      const forTechnician = this.deps.laptopCommands.isTechnician(identity.id) ? `\n\n${LAPTOP_HELP_TEXT}` : "";
      await context.sendActivity(MessageFactory.text(HELP_TEXT + forHeadteacher + forTechnician));
    } else {
      await context.sendActivity(MessageFactory.text(`Sorry, I did not understand that. ${HELP_TEXT}`));
    }
  }

  private async sendOutstandingCards(context: TurnContext, identity: TurnIdentity): Promise<void> {
    const { cycle, statuses } = await this.deps.acknowledgements.statusFor(identity.id);
    const policies = statuses.filter((status) => !status.acknowledgement).map((status) => status.policy);
    if (policies.length === 0) {
      await context.sendActivity(MessageFactory.attachment(attachment(allAcknowledgedCard(cycle, statuses, this.deps.publicUrl))));
      return;
    }
    for (const [index, policy] of policies.entries()) {
      try {
        await context.sendActivity(MessageFactory.attachment(attachment(policyCard({ policy, cycle, publicUrl: this.deps.publicUrl }))));
      } catch {
        // What Teams would not take now is left to the engine, which sends it at Teams' pace; the turn answers normally.
        this.deps.campaign.leaveForEngine(identity.id, cycle, policies.slice(index));
        return;
      }
      // So the campaign chases from here rather than inviting again.
      this.deps.campaign.noteCardsSent(identity.id, cycle, [policy]);
    }
  }

  /** Hosts without Universal Actions send Action.Submit as a message; answer it the same way. */
  private async answerSubmitFallback(context: TurnContext): Promise<void> {
    const identity = identityOf(context.activity, this.deps.tenantId);
    const card = await this.deps.cardActions.handle(identity, parseSubmitAction(context.activity.value), context.activity.replyToId);
    const update = MessageFactory.attachment(attachment(card));
    // A host (or a crafted request) that names no card to replace gets the answer as a new message.
    if (!context.activity.replyToId) {
      await context.sendActivity(update);
      return;
    }
    update.id = context.activity.replyToId;
    await context.updateActivity(update);
  }

  /** Runs a chat turn; if it fails the person is told why in the chat rather than left with silence. */
  private async answering(context: TurnContext, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      await context.sendActivity(MessageFactory.text(this.reportError(error).message));
    }
  }

  private cardError(error: unknown): InvokeResponse<AdaptiveCardInvokeResponse> {
    return errorInvokeResponse(error, this.logIfOurs(error));
  }

  /** The person is told what to do either way; what is our fault is also logged, under the reference they are given. */
  private reportError(error: unknown): { message: string } {
    return describeCardError(error, this.logIfOurs(error));
  }

  private logIfOurs(error: unknown): string {
    const reference = newErrorReference();
    if (describeCardError(error, reference).statusCode >= 500) this.deps.log.error(`Bot turn failed (ref ${reference})`, error);
    return reference;
  }
}
