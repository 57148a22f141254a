// The requester's (and, when an approval ends, the decider's) cards, queued in the fan-out engine's durable table
// inside the decision's own transaction: Teams throttling or a crash delays them, never loses or repeats them.
import { MessageFactory } from "botbuilder";
import type { DecisionNotices } from "../../records/decisions.js";
import type { IncidentReport } from "../../records/types.js";
import { attachment, type AdaptiveCard } from "../cards/adaptive-card.js";
import { decisionNoticeCard, permissionEndedCard } from "../cards/request-decision-card.js";
import type { DeliveryItem } from "../delivery/delivery-store.js";

export const DECISION_KIND = "decision";

export class QueuedDecisionNotices implements DecisionNotices {
  constructor(private readonly delivery: { enqueue(batch: string, items: Iterable<DeliveryItem>): number }) {}

  decided(report: IncidentReport): void {
    this.delivery.enqueue(`decision-${report.recordId}`, [item(`decision:${report.recordId}:requester`, "decision", report.reporter.id, decisionNoticeCard(report))]);
  }

  expired(report: IncidentReport): void {
    const items = [item(`decision-ended:${report.recordId}:requester`, "permission-ended", report.reporter.id, permissionEndedCard(report, "requester"))];
    const decider = report.decision?.decidedBy.id;
    if (decider && decider.toLowerCase() !== report.reporter.id.toLowerCase()) {
      items.push(item(`decision-ended:${report.recordId}:decider`, "permission-ended", decider, permissionEndedCard(report, "decider")));
    }
    this.delivery.enqueue(`decision-ended-${report.recordId}`, items);
  }
}

/** The key makes the notice once-only: queuing it again (a retried job) changes nothing. */
function item(key: string, label: string, personId: string, card: AdaptiveCard): DeliveryItem {
  return { key, kind: DECISION_KIND, label, personId, activity: JSON.stringify(MessageFactory.attachment(attachment(card))) };
}
