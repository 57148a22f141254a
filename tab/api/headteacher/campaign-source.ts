// The headteacher's view of the yearly campaign, as a small port: who the staff are, what was sent, and
// "remind now". The bot runtime implements it below; tests pass a double. At merge, `staff` can read the
// school's staff roster instead of the installed staff without touching the view.
import { MessageFactory } from "botbuilder";
import type { PolicyCatalog } from "../../../policies/policy-catalog.js";
import type { Policy } from "../../../policies/policy.js";
import { academicYearOf } from "../../../records/cycle.js";
import type { CampaignMessage, StaffEntry } from "../../../records/read-models/year-at-a-glance.js";
import type { Clock, RecordStore } from "../../../records/types.js";
import { attachment } from "../../../bot/cards/adaptive-card.js";
import { policyCard } from "../../../bot/cards/policy-card.js";
import type { ProactiveSender } from "../../../bot/proactive-messenger.js";

export interface CampaignSource {
  /** Everyone the year's documents are for. */
  staff(): Promise<StaffEntry[]>;
  /** The campaign's cards sent in one academic year. */
  messages(cycle: string): Promise<CampaignMessage[]>;
  /** One campaign pass now: invitations and reminders due. */
  remindAll(): Promise<{ readonly invited: number; readonly reminded: number; readonly failed: number }>;
  /** Sends one person every all-staff card they have not confirmed this year; resolves to how many. */
  remindOne(personId: string): Promise<number>;
}

/** The parts of the bot runtime this needs (BotRuntime has them). */
export interface BotCampaignParts {
  readonly conversations: { list(): Promise<StaffEntry[]> };
  readonly campaign: {
    run(): Promise<{ readonly invited: number; readonly reminded: number; readonly failed: number }>;
    noteCardsSent(personId: string, cycle: string, policies: readonly Policy[]): void;
  };
  readonly campaignLedger: { taken(cycle: string): CampaignMessage[] };
  readonly messenger: ProactiveSender;
}

export function botCampaignSource(
  bot: BotCampaignParts,
  deps: { readonly policies: PolicyCatalog; readonly records: RecordStore; readonly clock: Clock; readonly publicUrl: string },
): CampaignSource {
  return {
    staff: () => bot.conversations.list(),
    messages: (cycle) => Promise.resolve(bot.campaignLedger.taken(cycle)),
    remindAll: () => bot.campaign.run(),
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
