// "Remind everyone now", from the headteacher's chat ("remind") or their page: read the staff groups again, begin a
// campaign pass, answer at once with what it is sending, and send the headteacher a summary card when it has ended.
// Teams gives up on a turn after about 15 seconds and a browser waits little longer; a pass to hundreds of staff
// takes minutes at Teams' pace, so nobody waits on it.
import { formatDateTime } from "../cards/format.js";
import { campaignRunCard } from "../cards/campaign-run-card.js";
import type { QuietReason } from "./campaign-plan.js";
import type { CampaignPass, CampaignRunner, CampaignRunSummary } from "./campaign-runner.js";

export type ReminderStart =
  /** Cards are on their way; the summary card follows. `message` says what is being sent. */
  | { readonly kind: "started"; readonly pass: CampaignPass; readonly message: string }
  /** This pass queued nothing: `message` says why (everyone confirmed, nothing due until …). */
  | { readonly kind: "nothing-due"; readonly message: string }
  /** A pass is still going (asked with `refuseWhileRunning`). */
  | { readonly kind: "already-running"; readonly message: string };

export interface ReminderStartOptions {
  /** The page's button: a second press while a pass is going says so rather than joining it. */
  readonly refuseWhileRunning?: boolean;
  /** How the answer words what is queued: the chat's "Sending …" or the page's "Reminding N staff …". */
  readonly wording?: "chat" | "page";
}

export class ReminderRuns {
  /** Set while the roster is read and the pass planned, before the runner knows of it. */
  private starting = false;

  constructor(
    private readonly campaign: CampaignRunner,
    private readonly log: { error(message: string, error?: unknown): void } = { error: () => undefined },
    /** "remind" reads the staff groups again first, so new staff are invited and leavers are not. */
    private readonly roster?: { sync(): Promise<unknown> },
  ) {}

  /** A pass is being planned or is still sending. */
  get running(): boolean {
    return this.starting || this.campaign.running;
  }

  /** Begins a pass for `headteacherId`, who gets the summary card when it has ended. */
  async start(headteacherId: string, options: ReminderStartOptions = {}): Promise<ReminderStart> {
    if (options.refuseWhileRunning && this.running) {
      return {
        kind: "already-running",
        message:
          "Reminders are already being sent: a run is still going. A run you started sends you a summary card in Teams when it ends; " +
          "press again after that to send anything still due.",
      };
    }
    this.starting = true;
    let pass: CampaignPass;
    try {
      await this.roster?.sync();
      pass = await this.campaign.begin();
    } finally {
      this.starting = false;
    }
    const { invitations, reminders, overdue } = pass.queued;
    if (invitations + reminders + overdue === 0) {
      // Nothing queued by this pass (or only what a pass already running queued): its result says why.
      return { kind: "nothing-due", message: describeRun((await pass.finished).summary) };
    }
    void pass.finished
      .then(({ summary, unreachable }) => {
        const card = campaignRunCard(summary.cycle, describeRun(summary), unreachable);
        this.campaign.sendNote(headteacherId, `remind-summary|${pass.batch}|${headteacherId.toLowerCase()}`, card);
      })
      .catch((error: unknown) => this.log.error("Could not send the headteacher the summary of their reminders", error));
    return { kind: "started", pass, message: options.wording === "page" ? describeForPage(pass) : describeQueued(pass) };
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

/** "Reminding 27 staff who have not acknowledged: 12 invitations and 30 reminders for 2026/27. …" */
function describeForPage(pass: CampaignPass): string {
  const { cycle, queued } = pass;
  if (queued.people === 0) {
    return `Sending you the digest of ${plural(queued.overdue, "overdue acknowledgement", "overdue acknowledgements")} for ${cycle} now. You will get a summary card in Teams when it has gone.`;
  }
  const parts = [
    ...(queued.invitations ? [plural(queued.invitations, "invitation", "invitations")] : []),
    ...(queued.reminders ? [plural(queued.reminders, "reminder", "reminders")] : []),
  ];
  const overdue = queued.overdue ? `, and the digest of ${plural(queued.overdue, "overdue acknowledgement", "overdue acknowledgements")} to you` : "";
  return (
    `Reminding ${plural(queued.people, "member of staff", "staff")} who ${queued.people === 1 ? "has" : "have"} not acknowledged: ` +
    `${parts.join(" and ")} for ${cycle}${overdue}. You will get a summary card in Teams when they have all gone.`
  );
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
