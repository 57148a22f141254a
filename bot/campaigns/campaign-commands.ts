import { MessageFactory, type TurnContext } from "botbuilder";
import { attachment } from "../cards/adaptive-card.js";
import { formatDateTime } from "../cards/format.js";
import type { QuietReason } from "./campaign-plan.js";
import type { CampaignRunner, CampaignRunSummary } from "./campaign-runner.js";

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
      await context.sendActivity(MessageFactory.text(describeRun(await this.campaign.run())));
    }
    return true;
  }
}

function describeRun(summary: CampaignRunSummary): string {
  const nothingSent = summary.invited + summary.reminded + summary.escalated + summary.failed === 0;
  if (nothingSent && summary.quiet) return describeQuiet(summary.cycle, summary.quiet);
  const parts = [
    `${summary.invited} invitation${summary.invited === 1 ? "" : "s"}`,
    `${summary.reminded} reminder${summary.reminded === 1 ? "" : "s"}`,
  ];
  const overdue = summary.escalated ? ` ${summary.escalated} overdue: see the digest card.` : "";
  const failed = summary.failed ? ` ${summary.failed} could not be delivered and will be tried again at the next run.` : "";
  return `Sent ${parts.join(" and ")} for ${summary.cycle}.${overdue}${failed}`;
}

/** A pass that sent nothing says why, so "Sent 0 invitations and 0 reminders" never looks like a fault. */
function describeQuiet(cycle: string, quiet: QuietReason): string {
  const acknowledgements = (n: number) => `${n} acknowledgement${n === 1 ? " is" : "s are"}`;
  switch (quiet.kind) {
    case "nobody-reachable":
      return `Nothing to send for ${cycle}: nobody has a chat with the bot yet. Staff get the cards when the app is installed for them in Teams.`;
    case "all-acknowledged":
      return `Nothing to send for ${cycle}: everyone the bot can reach (${quiet.people} ${quiet.people === 1 ? "person" : "people"}) has acknowledged everything.`;
    case "not-due-yet":
      return `Nothing to send yet for ${cycle}: ${acknowledgements(quiet.outstanding)} outstanding, but no reminder is due until ${formatDateTime(quiet.nextDueAt)}.`;
    case "all-escalated":
      return `Nothing to send for ${cycle}: ${acknowledgements(quiet.outstanding)} outstanding after every reminder; the people concerned are named in the digest card.`;
  }
}
