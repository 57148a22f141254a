import { randomUUID } from "node:crypto";
import type { PolicyCatalog } from "../../policies/policy-catalog.js";
import { academicYearOf } from "../../records/cycle.js";
import type { Policy } from "../../policies/policy.js";
import type { Clock, RecordStore } from "../../records/types.js";
import type { AdaptiveCard } from "../cards/adaptive-card.js";
import { campaignOverviewCard, digestCard, type CampaignPicture, type NotReachedEntry, type OutstandingEntry } from "../cards/digest-card.js";
import type { DeliveryEngine } from "../delivery/delivery-engine.js";
import type { DeliveryItem, DeliveryStore } from "../delivery/delivery-store.js";
import type { CampaignLedger, StepKey } from "./campaign-ledger.js";
import { acknowledgedKey, planCampaign, whyNothingIsDue, type CampaignSchedule, type QuietReason, type StaffMember } from "./campaign-plan.js";
import {
  DIGEST_KIND,
  NOTE_KIND,
  PolicyCardCache,
  cardActivity,
  recordCampaignEnds,
  stepItem,
  tally,
  textActivity,
} from "./campaign-deliveries.js";

/** The members of staff (records/roster/staff-roster.ts has the port and its adapters). */
export interface StaffRoster {
  list(): Promise<StaffMember[]>;
}

/** Of the staff, who the bot can send to now, and who it cannot and why. */
export interface CampaignReach {
  /** Has their chat and has not blocked the bot: the campaign sends only to these. */
  reachable(staff: readonly StaffMember[]): Promise<StaffMember[]>;
  notReached(staff: readonly StaffMember[]): Promise<NotReachedEntry[]>;
  /** The SharePoint staff status list (tenant) or /records (local), linked from the cards. */
  readonly statusListUrl: string | undefined;
}

export interface CampaignRunSummary {
  readonly cycle: string;
  readonly invited: number;
  readonly reminded: number;
  readonly escalated: number;
  readonly failed: number;
  /** Set when nothing was due: why, for the headteacher's "remind". */
  readonly quiet?: QuietReason;
  /** People Teams would not take a card for (blocked the bot, app removed, no chat): named in the run's summary. */
  readonly unreachable: number;
}

/** What one pass queued, known at once; `finished` resolves when every message of it has ended. */
export interface CampaignPass {
  readonly cycle: string;
  readonly batch: string;
  /** Cards queued, and `people`: how many members of staff they go to (the headteacher's digest aside). */
  readonly queued: { readonly invitations: number; readonly reminders: number; readonly overdue: number; readonly people: number };
  readonly finished: Promise<CampaignPassResult>;
}

export interface CampaignPassResult {
  readonly summary: CampaignRunSummary;
  /** Who could not be reached, with Teams' reason. */
  readonly unreachable: ReadonlyArray<{ readonly displayName: string; readonly reason: string }>;
}

export interface CampaignRunnerDependencies {
  readonly roster: StaffRoster;
  /** Without it, everyone on the roster is assumed reachable. */
  readonly reach?: CampaignReach;
  readonly policies: PolicyCatalog;
  readonly records: RecordStore;
  readonly ledger: CampaignLedger;
  /** Sends everything, at Teams' pace, durably. */
  readonly delivery: DeliveryEngine;
  readonly deliveries: DeliveryStore;
  readonly clock: Clock;
  readonly schedule: CampaignSchedule;
  readonly headteacherIds: readonly string[];
  readonly publicUrl: string;
  readonly log: { info(message: string): void; error(message: string, error?: unknown): void };
}

/**
 * One pass of the yearly campaign: invites those never asked this cycle (or since a new version),
 * chases those who have not answered, and tells the headteacher who is still outstanding. Each message is
 * claimed in the ledger and queued for the fan-out engine in one transaction, so none is lost or doubled.
 */
export class CampaignRunner {
  private current: Promise<CampaignPass> | undefined;

  constructor(private readonly deps: CampaignRunnerDependencies) {
    recordCampaignEnds(deps.delivery, deps.deliveries, deps.ledger, () => deps.clock.now());
  }

  /** On shutdown the engine stops sending; what is queued stays queued for the next start. */
  async stop(): Promise<void> {
    await this.current?.then((pass) => pass.finished).catch(() => undefined);
  }

  /** True from when a pass begins until everything it queued has ended. */
  get running(): boolean {
    return this.current !== undefined;
  }

  /** Plans and queues a pass; overlapping calls (the timer and "remind") share one. */
  begin(): Promise<CampaignPass> {
    this.current ??= this.queuePass().then((pass) => {
      void pass.finished.finally(() => (this.current = undefined)).catch(() => undefined);
      return pass;
    });
    this.current.catch(() => (this.current = undefined));
    return this.current;
  }

  /** A whole pass, resolving when everything it queued has ended. */
  async run(): Promise<CampaignRunSummary> {
    return (await (await this.begin()).finished).summary;
  }

  /** The cards the bot just sent in a chat (install, "policy") count as this cycle's invitation. */
  noteCardsSent(personId: string, cycle: string, policies: readonly Policy[]): void {
    const now = this.deps.clock.now();
    for (const policy of policies) {
      const key: StepKey = { cycle, personId, policyId: policy.id, policyVersion: policy.version, step: "invite" };
      if (this.deps.ledger.claim(key, now)) this.deps.ledger.markSent(key, now);
    }
  }

  /**
   * A chat turn could not send these (Teams throttling, an outage): the engine sends them instead, as this
   * cycle's invitation, after `greeting` if there is one. The turn can then answer normally.
   */
  leaveForEngine(personId: string, cycle: string, policies: readonly Policy[], greeting?: string): void {
    const now = this.deps.clock.now();
    const cards = new PolicyCardCache(this.deps.publicUrl);
    const items: DeliveryItem[] = [];
    if (greeting) items.push({ key: `greeting|${personId.toLowerCase()}`, kind: NOTE_KIND, label: "greeting", personId, activity: textActivity(greeting) });
    this.deps.ledger.inTransaction(() => {
      for (const policy of policies) {
        const key: StepKey = { cycle, personId, policyId: policy.id, policyVersion: policy.version, step: "invite" };
        if (this.deps.ledger.claim(key, now)) items.push(stepItem(key, cards.activityFor(policy, cycle, undefined)));
      }
      this.deps.delivery.enqueue(`turn-${randomUUID()}`, items);
    });
  }

  /** Queues one card for someone, through the engine (e.g. the summary at the end of "remind"). */
  sendNote(personId: string, key: string, card: AdaptiveCard): void {
    this.deps.delivery.enqueue(`note-${randomUUID()}`, [{ key, kind: NOTE_KIND, label: "note", personId, activity: cardActivity(card) }]);
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

  private async queuePass(): Promise<CampaignPass> {
    const { deps } = this;
    const now = deps.clock.now();
    const { picture, roster, acknowledged, policies } = await this.survey();
    const { cycle } = picture;
    const due = planCampaign({ now, roster, policies, acknowledged, taken: deps.ledger.taken(cycle), schedule: deps.schedule });
    const batch = `campaign-${cycle}-${randomUUID()}`;
    const cards = new PolicyCardCache(deps.publicUrl);
    const queued = { invitations: 0, reminders: 0, overdue: 0, people: 0 };
    const people = new Set<string>();
    const overdue: OutstandingEntry[] = [];
    deps.ledger.inTransaction(() => {
      const items: DeliveryItem[] = [];
      const escalations: StepKey[] = [];
      for (const item of due) {
        const key: StepKey = { cycle, personId: item.person.id, policyId: item.policy.id, policyVersion: item.policy.version, step: item.step };
        if (!deps.ledger.claim(key, now)) continue;
        if (item.step === "escalated") {
          overdue.push({ displayName: item.person.displayName, policy: item.policy, firstAskedAt: item.firstAskedAt });
          escalations.push(key);
          continue;
        }
        items.push(stepItem(key, cards.activityFor(item.policy, cycle, item.step === "invite" ? undefined : item.firstAskedAt)));
        people.add(item.person.id.toLowerCase());
        if (item.step === "invite") queued.invitations++;
        else queued.reminders++;
      }
      if (overdue.length) {
        queued.overdue = overdue.length;
        const digest = cardActivity(digestCard(picture, overdue, deps.schedule.reminders));
        const meta = JSON.stringify(escalations);
        for (const headteacherId of deps.headteacherIds) {
          items.push({ key: `digest|${batch}|${headteacherId.toLowerCase()}`, kind: DIGEST_KIND, label: "digest", personId: headteacherId, activity: digest, meta });
        }
      }
      deps.delivery.enqueue(batch, items);
    });
    queued.people = people.size;
    const names = new Map(roster.map((person) => [person.id.toLowerCase(), person.displayName]));
    const finished = deps.delivery.settled(batch).then(() => {
      const counts = tally(deps.deliveries.counts(batch));
      const unreachable = deps.deliveries.unreachable(batch).map(({ personId, reason }) => ({ displayName: names.get(personId) || personId, reason }));
      const summary: CampaignRunSummary = {
        cycle,
        invited: counts.invited,
        reminded: counts.reminded,
        escalated: counts.digestsSent > 0 ? overdue.length : 0,
        failed: counts.failed,
        unreachable: unreachable.length,
        ...(due.length ? {} : { quiet: whyNothingIsDue({ roster, policies, acknowledged, taken: deps.ledger.taken(cycle), schedule: deps.schedule }) }),
      };
      if (due.length) deps.log.info(`Campaign ${cycle}: ${JSON.stringify(summary)}`);
      return { summary, unreachable };
    });
    return { cycle, batch, queued, finished };
  }

  /**
   * Who the bot can reach (`roster`: the campaign sends only to them), and how the whole staff stands: counts are
   * "of the staff on the roster", whoever the bot could or could not reach, and only roster members count.
   */
  private async survey(): Promise<{ picture: CampaignPicture; roster: StaffMember[]; acknowledged: Set<string>; policies: Policy[] }> {
    const cycle = academicYearOf(this.deps.clock.now());
    const policies = this.deps.policies.forAllStaff();
    const staff = await this.deps.roster.list();
    const onRoster = new Set(staff.map((person) => person.id.toLowerCase()));
    const roster = this.deps.reach ? await this.deps.reach.reachable(staff) : staff;
    const acknowledged = new Set<string>();
    const acknowledgedCounts = [];
    for (const policy of policies) {
      const acks = (await this.deps.records.listAcknowledgements({ policyId: policy.id, cycle })).filter(
        (a) => a.policyVersion === policy.version,
      );
      for (const ack of acks) acknowledged.add(acknowledgedKey(ack.person.id, policy.id, policy.version));
      const staffWhoAcknowledged = new Set(acks.map((a) => a.person.id.toLowerCase()).filter((id) => onRoster.has(id)));
      acknowledgedCounts.push({ policy, count: staffWhoAcknowledged.size });
    }
    const notReached = this.deps.reach ? await this.deps.reach.notReached(staff) : [];
    const statusListUrl = this.deps.reach?.statusListUrl;
    return {
      picture: { cycle, rosterSize: staff.length, acknowledgedCounts, notReached, ...(statusListUrl ? { statusListUrl } : {}) },
      roster,
      acknowledged,
      policies,
    };
  }
}
