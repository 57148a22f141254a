import { MessageFactory, type TurnContext } from "botbuilder";
import { attachment } from "../cards/adaptive-card.js";
import { formatDateTime } from "../cards/format.js";
import type { QuietReason } from "./campaign-plan.js";
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
    /** "remind" reads the staff groups again first, so new staff are invited and leavers are not. */
    private readonly roster?: { sync(): Promise<unknown> },
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
    await this.roster?.sync();
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
