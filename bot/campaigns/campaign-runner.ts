import { MessageFactory } from "botbuilder";
import type { PolicyCatalog } from "../../policies/policy-catalog.js";
import { academicYearOf } from "../../records/cycle.js";
import { ThrottledError } from "../../records/errors.js";
import type { Policy } from "../../policies/policy.js";
import type { Clock, RecordStore } from "../../records/types.js";
import { attachment, type AdaptiveCard } from "../cards/adaptive-card.js";
import { campaignOverviewCard, digestCard, type CampaignPicture, type OutstandingEntry } from "../cards/digest-card.js";
import { policyCard } from "../cards/policy-card.js";
import type { ProactiveSender } from "../proactive-messenger.js";
import type { CampaignLedger, StepKey } from "./campaign-ledger.js";
import { acknowledgedKey, planCampaign, whyNothingIsDue, type CampaignSchedule, type DueStep, type QuietReason, type StaffMember } from "./campaign-plan.js";

/** Everyone the bot can reach: the people it has a personal chat with. */
export interface StaffRoster {
  list(): Promise<StaffMember[]>;
}

export interface CampaignRunSummary {
  readonly cycle: string;
  readonly invited: number;
  readonly reminded: number;
  readonly escalated: number;
  readonly failed: number;
  /** Set when nothing was due: why, for the headteacher's "remind". */
  readonly quiet?: QuietReason;
}

export interface CampaignRunnerDependencies {
  readonly roster: StaffRoster;
  readonly policies: PolicyCatalog;
  readonly records: RecordStore;
  readonly ledger: CampaignLedger;
  readonly sender: ProactiveSender;
  readonly clock: Clock;
  readonly schedule: CampaignSchedule;
  readonly headteacherIds: readonly string[];
  readonly publicUrl: string;
  /** Pause between proactive sends, to stay well inside Teams' per-bot rate limits. */
  readonly sendIntervalMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly log: { info(message: string): void; error(message: string, error?: unknown): void };
}

/**
 * One pass of the yearly campaign: invites those never asked this cycle (or since a new version),
 * chases those who have not answered, and tells the headteacher who is still outstanding.
 */
export class CampaignRunner {
  private running: Promise<CampaignRunSummary> | undefined;
  private stopping = false;

  constructor(private readonly deps: CampaignRunnerDependencies) {}

  /**
   * On shutdown: the pass in progress sends nothing more, so the app can close promptly; whoever it
   * had not reached is not yet claimed, so the next start sends to them. Resolves when the pass ends.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running?.catch(() => undefined);
  }

  /** Overlapping calls (the timer and "remind now") share one pass. */
  run(): Promise<CampaignRunSummary> {
    this.running ??= this.runOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  /** The cards the bot just sent in a chat (install, "policy") count as this cycle's invitation. */
  noteCardsSent(personId: string, cycle: string, policies: readonly Policy[]): void {
    const now = this.deps.clock.now();
    for (const policy of policies) {
      const key: StepKey = { cycle, personId, policyId: policy.id, policyVersion: policy.version, step: "invite" };
      if (this.deps.ledger.claim(key, now)) this.deps.ledger.markSent(key, now);
    }
  }

  /** The headteacher's view: how the year stands and who is still to confirm. */
  async overviewCard(): Promise<AdaptiveCard> {
    const { picture, roster, acknowledged, policies } = await this.survey();
    const firstAsked = new Map(
      this.deps.ledger
        .taken(picture.cycle)
        .filter((t) => t.step === "invite")
        .map((t) => [acknowledgedKey(t.personId, t.policyId, t.policyVersion), t.at]),
    );
    const outstanding: OutstandingEntry[] = roster.flatMap((person) =>
      policies
        .map((policy) => ({ policy, key: acknowledgedKey(person.id, policy.id, policy.version) }))
        .filter(({ key }) => !acknowledged.has(key))
        .map(({ policy, key }) => ({ displayName: person.displayName, policy, firstAskedAt: firstAsked.get(key) })),
    );
    return campaignOverviewCard(picture, outstanding);
  }

  private async runOnce(): Promise<CampaignRunSummary> {
    const { deps } = this;
    const now = deps.clock.now();
    const { picture, roster, acknowledged, policies } = await this.survey();
    const { cycle } = picture;
    const due = planCampaign({ now, roster, policies, acknowledged, taken: deps.ledger.taken(cycle), schedule: deps.schedule });

    let invited = 0;
    let reminded = 0;
    let failed = 0;
    const overdue: OutstandingEntry[] = [];
    const escalations: StepKey[] = [];
    for (const item of due) {
      if (this.stopping) break;
      const key: StepKey = { cycle, personId: item.person.id, policyId: item.policy.id, policyVersion: item.policy.version, step: item.step };
      if (!deps.ledger.claim(key, deps.clock.now())) continue;
      if (item.step === "escalated") {
        overdue.push({ displayName: item.person.displayName, policy: item.policy, firstAskedAt: item.firstAskedAt });
        escalations.push(key);
        continue;
      }
      if (await this.deliver(item.person.id, this.cardFor(item, cycle))) {
        deps.ledger.markSent(key, deps.clock.now());
        if (item.step === "invite") invited++;
        else reminded++;
      } else {
        deps.ledger.release(key);
        failed++;
      }
    }
    let escalated = 0;
    if (overdue.length) {
      const card = digestCard(picture, overdue, deps.schedule.reminders);
      let told = 0;
      for (const headteacherId of deps.headteacherIds) {
        if (await this.deliver(headteacherId, card)) told++;
        else failed++;
      }
      // No headteacher got the digest: release the escalations so the next run sends it again.
      if (told > 0) escalated = overdue.length;
      else for (const key of escalations) deps.ledger.release(key);
    }
    const quiet = due.length ? {} : { quiet: whyNothingIsDue({ roster, policies, acknowledged, taken: deps.ledger.taken(cycle), schedule: deps.schedule }) };
    const summary = { cycle, invited, reminded, escalated, failed, ...quiet };
    if (due.length) deps.log.info(`Campaign ${cycle}: ${JSON.stringify(summary)}`);
    return summary;
  }

  /** Who the bot can reach, and who has acknowledged each current version this cycle. */
  private async survey(): Promise<{ picture: CampaignPicture; roster: StaffMember[]; acknowledged: Set<string>; policies: Policy[] }> {
    const cycle = academicYearOf(this.deps.clock.now());
    const policies = this.deps.policies.forAllStaff();
    const roster = await this.deps.roster.list();
    const acknowledged = new Set<string>();
    const acknowledgedCounts = [];
    for (const policy of policies) {
      const acks = (await this.deps.records.listAcknowledgements({ policyId: policy.id, cycle })).filter(
        (a) => a.policyVersion === policy.version,
      );
      for (const ack of acks) acknowledged.add(acknowledgedKey(ack.person.id, policy.id, policy.version));
      acknowledgedCounts.push({ policy, count: new Set(acks.map((a) => a.person.id.toLowerCase())).size });
    }
    return { picture: { cycle, rosterSize: roster.length, acknowledgedCounts }, roster, acknowledged, policies };
  }

  private cardFor(item: DueStep, cycle: string): AdaptiveCard {
    const { policy } = item;
    const { publicUrl } = this.deps;
    return item.step === "invite" || !item.firstAskedAt
      ? policyCard({ policy, cycle, publicUrl })
      : policyCard({ policy, cycle, publicUrl, reminder: { firstAskedAt: item.firstAskedAt } });
  }

  /** True once sent; waits out one Teams throttle, then leaves the rest for the next pass. */
  private async deliver(recipientId: string, card: AdaptiveCard): Promise<boolean> {
    const activity = MessageFactory.attachment(attachment(card));
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        await this.deps.sleep(this.deps.sendIntervalMs);
        await this.deps.sender.send(recipientId, activity);
        return true;
      } catch (error) {
        if (error instanceof ThrottledError && attempt === 1) {
          await this.deps.sleep(error.retryAfterSeconds * 1000);
          continue;
        }
        this.deps.log.error(`Campaign could not send to ${recipientId}`, error);
        return false;
      }
    }
    return false;
  }
}
