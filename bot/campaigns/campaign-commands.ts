import { MessageFactory, type TurnContext } from "botbuilder";
import { attachment } from "../cards/adaptive-card.js";
import { campaignRunCard } from "../cards/campaign-run-card.js";
import type { CampaignPass, CampaignRunner, CampaignRunSummary } from "./campaign-runner.js";

export const CAMPAIGN_HELP_TEXT = [
  "As headteacher you can also type:",
  "- **campaign**: how this year's acknowledgements stand, and who is still to confirm",
  "- **remind**: send now any invitations and reminders that are due",
].join("\n\n");

/** The headteacher's chat commands for the yearly campaign; everyone else never reaches them. */
export class CampaignCommands {
  constructor(
    private readonly campaign: CampaignRunner,
    private readonly headteacherIds: readonly string[],
    private readonly log: { error(message: string, error?: unknown): void } = { error: () => undefined },
  ) {}

  isHeadteacher(personId: string): boolean {
    return this.headteacherIds.some((id) => id.toLowerCase() === personId.toLowerCase());
  }

  /** True when the command was one of ours and has been answered. */
  async tryAnswer(context: TurnContext, personId: string, command: string): Promise<boolean> {
    if (command !== "campaign" && command !== "remind") return false;
    if (!this.isHeadteacher(personId)) {
      await context.sendActivity(MessageFactory.text(`Only the headteacher can use "${command}". Type "help" to see what you can do.`));
      return true;
    }
    if (command === "campaign") {
      await context.sendActivity(MessageFactory.attachment(attachment(await this.campaign.overviewCard())));
    } else {
      await this.remind(context, personId);
    }
    return true;
  }

  /**
   * Teams gives up on a turn after about 15 seconds and a run to hundreds of staff takes longer: say at once
   * what is being sent, let the fan-out engine send it, and send a summary card when it has all ended.
   */
  private async remind(context: TurnContext, personId: string): Promise<void> {
    const pass = await this.campaign.begin();
    const { invitations, reminders, overdue } = pass.queued;
    if (invitations + reminders + overdue === 0) {
      // Nothing queued by this pass (or only what a pass already running queued): its result says why.
      await context.sendActivity(MessageFactory.text(describeRun((await pass.finished).summary)));
      return;
    }
    await context.sendActivity(MessageFactory.text(describeQueued(pass)));
    void pass.finished
      .then(({ summary, unreachable }) => {
        const card = campaignRunCard(summary.cycle, describeRun(summary), unreachable);
        this.campaign.sendNote(personId, `remind-summary|${pass.batch}|${personId.toLowerCase()}`, card);
      })
      .catch((error: unknown) => this.log.error("Could not send the headteacher the summary of their reminders", error));
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function describeQueued({ cycle, queued }: CampaignPass): string {
  const parts = [plural(queued.invitations, "invitation", "invitations"), plural(queued.reminders, "reminder", "reminders")];
  const overdue = queued.overdue ? `, and the digest of ${plural(queued.overdue, "overdue acknowledgement", "overdue acknowledgements")} to you` : "";
  return `Sending ${parts.join(" and ")} for ${cycle}${overdue} now. I will send you a summary when they have all gone.`;
}

function describeRun(summary: CampaignRunSummary): string {
  const parts = [
    `${summary.invited} invitation${summary.invited === 1 ? "" : "s"}`,
    `${summary.reminded} reminder${summary.reminded === 1 ? "" : "s"}`,
  ];
  const overdue = summary.escalated ? ` ${summary.escalated} overdue: see the digest card.` : "";
  const failed = summary.failed ? ` ${summary.failed} could not be delivered and will be tried again at the next run.` : "";
  return `Sent ${parts.join(" and ")} for ${summary.cycle}.${overdue}${failed}`;
}
