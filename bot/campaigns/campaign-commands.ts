import { MessageFactory, type TurnContext } from "botbuilder";
import { attachment } from "../cards/adaptive-card.js";
import type { CampaignRunner } from "./campaign-runner.js";
import type { ReminderRuns } from "./reminder-runs.js";

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
    /** "remind" is the same run as the headteacher page's "Remind everyone now". */
    private readonly reminders: ReminderRuns,
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

  /** Answers at once with what is being sent; the summary card follows when the run has ended (reminder-runs.ts). */
  private async remind(context: TurnContext, personId: string): Promise<void> {
    const started = await this.reminders.start(personId);
    await context.sendActivity(MessageFactory.text(started.message));
  }
}
