// The headteacher's view of the yearly campaign, as a small port: who the staff are (the staff roster), what
// was sent, and "remind now". The bot runtime implements it below; tests pass a double.
import { MessageFactory } from "botbuilder";
import type { PolicyCatalog } from "../../../policies/policy-catalog.js";
import type { Policy } from "../../../policies/policy.js";
import { academicYearOf } from "../../../records/cycle.js";
import type { CampaignMessage, StaffEntry } from "../../../records/read-models/year-at-a-glance.js";
import type { Clock, RecordStore } from "../../../records/types.js";
import { attachment } from "../../../bot/cards/adaptive-card.js";
import { policyCard } from "../../../bot/cards/policy-card.js";
import type { ProactiveSender } from "../../../bot/proactive-messenger.js";
import type { ReminderRuns } from "../../../bot/campaigns/reminder-runs.js";

export interface CampaignSource {
  /** Everyone the year's documents are for. */
  staff(): Promise<StaffEntry[]>;
  /** The campaign's cards sent in one academic year. */
  messages(cycle: string): Promise<CampaignMessage[]>;
  /**
   * Begins a campaign pass now (invitations and reminders due) without waiting for it to end; `headteacherId` gets a
   * summary card in Teams when it has. Never joins a pass already going: says so instead.
   */
  remindAll(headteacherId: string): Promise<RemindAllAnswer>;
  /** Sends one person every all-staff card they have not confirmed this year; resolves to how many. */
  remindOne(personId: string): Promise<number>;
}

export interface RemindAllAnswer {
  readonly kind: "started" | "nothing-due" | "already-running";
  /** What the headteacher reads: "Reminding 27 staff who have not acknowledged: …", or why nothing was sent. */
  readonly message: string;
  /** When started: the cards queued and how many members of staff they go to. */
  readonly queued?: { readonly cards: number; readonly people: number };
}

/** The parts of the bot runtime this needs (BotRuntime has them). */
export interface BotCampaignParts {
  /** The staff roster: the staff groups' members in tenant mode, the demo roster (or whoever opened the app) locally. */
  readonly roster: { readonly service: { list(): Promise<StaffEntry[]> } };
  readonly campaign: {
    noteCardsSent(personId: string, cycle: string, policies: readonly Policy[]): void;
  };
  /** The chat's "remind" path (bot/campaigns/reminder-runs.ts): answers at once, a summary card when done. */
  readonly reminders: Pick<ReminderRuns, "start">;
  readonly campaignLedger: { taken(cycle: string): CampaignMessage[] };
  readonly messenger: ProactiveSender;
}

export function botCampaignSource(
  bot: BotCampaignParts,
  deps: { readonly policies: PolicyCatalog; readonly records: RecordStore; readonly clock: Clock; readonly publicUrl: string },
): CampaignSource {
  return {
    staff: () => bot.roster.service.list(),
    messages: (cycle) => Promise.resolve(bot.campaignLedger.taken(cycle)),
    async remindAll(headteacherId) {
      const started = await bot.reminders.start(headteacherId, { refuseWhileRunning: true, wording: "page" });
      if (started.kind !== "started") return { kind: started.kind, message: started.message };
      const { invitations, reminders, people } = started.pass.queued;
      return { kind: "started", message: started.message, queued: { cards: invitations + reminders, people } };
    },
    async remindOne(personId) {
      const cycle = academicYearOf(deps.clock.now());
      const acknowledged = await deps.records.listAcknowledgements({ personId, cycle });
      const due = deps.policies
        .forAllStaff()
        .filter((policy) => !acknowledged.some((ack) => ack.policyId === policy.id && ack.policyVersion === policy.version));
      const firstAsked = new Map(
        bot.campaignLedger
          .taken(cycle)
          .filter((step) => step.step === "invite" && step.personId === personId.toLowerCase())
          .map((step) => [`${step.policyId}@${step.policyVersion}`, step.at]),
      );
      const sent: Policy[] = [];
      try {
        for (const policy of due) {
          const askedAt = firstAsked.get(`${policy.id}@${policy.version}`);
          const card = policyCard({ policy, cycle, publicUrl: deps.publicUrl, ...(askedAt ? { reminder: { firstAskedAt: askedAt } } : {}) });
          await bot.messenger.send(personId, MessageFactory.attachment(attachment(card)));
          sent.push(policy);
        }
      } finally {
        // A first card sent this way is the person's invitation: the campaign then chases from today, not again now.
        bot.campaign.noteCardsSent(personId, cycle, sent);
      }
      return sent.length;
    },
  };
}
