// How the campaign's messages become rows for the fan-out engine, and what their ends mean for the ledger.
import { MessageFactory } from "botbuilder";
import type { Policy } from "../../policies/policy.js";
import { attachment, type AdaptiveCard } from "../cards/adaptive-card.js";
import { policyCard } from "../cards/policy-card.js";
import type { DeliveryEngine } from "../delivery/delivery-engine.js";
import type { BatchCount, DeliveryItem, DeliveryStore } from "../delivery/delivery-store.js";
import type { CampaignLedger, StepKey } from "./campaign-ledger.js";

/** One person's campaign step: its ledger claim is released if it fails, so a later run tries again. */
export const CAMPAIGN_KIND = "campaign";
/** The headteacher's digest; its escalations are released only if no headteacher got it. */
export const DIGEST_KIND = "digest";
/** Anything else the campaign or the install path sends (greetings, run summaries): nothing to record. */
export const NOTE_KIND = "note";

export function stepDeliveryKey(key: StepKey): string {
  return ["campaign", key.cycle, key.personId.toLowerCase(), key.policyId, key.policyVersion, key.step].join("|");
}

export function cardActivity(card: AdaptiveCard): string {
  return JSON.stringify(MessageFactory.attachment(attachment(card)));
}

export function textActivity(text: string): string {
  return JSON.stringify(MessageFactory.text(text));
}

/** The policy card for one step, rendered once per distinct card: thousands of invitations share a few. */
export class PolicyCardCache {
  private readonly rendered = new Map<string, string>();
  constructor(private readonly publicUrl: string) {}

  activityFor(policy: Policy, cycle: string, firstAskedAt: string | undefined): string {
    const cacheKey = `${policy.id}|${policy.version}|${cycle}|${firstAskedAt ?? ""}`;
    let activity = this.rendered.get(cacheKey);
    if (!activity) {
      const { publicUrl } = this;
      activity = cardActivity(
        firstAskedAt ? policyCard({ policy, cycle, publicUrl, reminder: { firstAskedAt } }) : policyCard({ policy, cycle, publicUrl }),
      );
      this.rendered.set(cacheKey, activity);
    }
    return activity;
  }
}

export function stepItem(key: StepKey, activity: string): DeliveryItem {
  return { key: stepDeliveryKey(key), kind: CAMPAIGN_KIND, label: key.step, personId: key.personId, activity, meta: JSON.stringify(key) };
}

/** Keeps the ledger true to what reached people, whenever the engine finishes a message, even after a restart. */
export function recordCampaignEnds(engine: DeliveryEngine, store: DeliveryStore, ledger: CampaignLedger, now: () => Date): void {
  engine.onSettled(CAMPAIGN_KIND, (delivery, end) => {
    const key = JSON.parse(delivery.meta ?? "{}") as StepKey;
    if (end === "sent") ledger.markSent(key, now());
    // Unreachable keeps its claim: the step was tried, the person is named, and nobody is chased for ever.
    else if (end === "failed") ledger.release(key);
  });
  engine.onSettled(DIGEST_KIND, (delivery, end) => {
    const escalations = JSON.parse(delivery.meta ?? "[]") as StepKey[];
    if (end === "sent") for (const key of escalations) ledger.markSent(key, now());
    else if (store.countOf(delivery.batch, DIGEST_KIND, ["sent", "pending", "claimed"]) === 0) {
      for (const key of escalations) ledger.release(key);
    }
  });
}

export interface BatchTally {
  readonly invited: number;
  readonly reminded: number;
  readonly failed: number;
  readonly digestsSent: number;
}

export function tally(counts: readonly BatchCount[]): BatchTally {
  const sum = (match: (count: BatchCount) => boolean): number => counts.filter(match).reduce((total, c) => total + c.count, 0);
  const campaign = (c: BatchCount): boolean => c.kind === CAMPAIGN_KIND;
  return {
    invited: sum((c) => campaign(c) && c.label === "invite" && c.state === "sent"),
    reminded: sum((c) => campaign(c) && c.label.startsWith("reminder-") && c.state === "sent"),
    failed: sum((c) => (campaign(c) || c.kind === DIGEST_KIND) && c.state === "failed"),
    digestsSent: sum((c) => c.kind === DIGEST_KIND && c.state === "sent"),
  };
}
