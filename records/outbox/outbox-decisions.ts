// Decisions in tenant mode: each goes to the outbox under a key per request, so only the first decision is
// ever queued, and the writer sets the item's decision columns with its eTag, exactly once.
import type { DecideOutcome, RequestDecision, RequestDecisions } from "../decisions.js";
import { ThrottledError, UnavailableError } from "../errors.js";
import { decisionExpiredFields, decisionFields } from "../sharepoint/decision-fields.js";
import { statusFields, type ItemFields } from "../sharepoint/item-fields.js";
import type { IncidentReport, StatusHistoryEntry } from "../types.js";
import type { StatusChange } from "./outbox-record-store.js";
import type { OutboxRow, OutboxTable } from "./outbox-table.js";

/** What a decide-request row carries: the decision and the closing status that comes with it. */
export interface DecisionChange extends StatusChange {
  readonly decision: RequestDecision;
}

interface ExpiryChange {
  readonly expiredAt: string;
}

export class OutboxDecisions implements RequestDecisions {
  constructor(
    private readonly outbox: OutboxTable,
    /** The report as the store reads it (SharePoint merged with the outbox). */
    private readonly read: (recordId: string) => Promise<IncidentReport>,
    /** The same report with every change still in the outbox applied. */
    private readonly withPending: (report: IncidentReport) => IncidentReport,
    private readonly now: () => Date,
  ) {}

  async decide(recordId: string, decision: RequestDecision, closing: StatusHistoryEntry, then: (report: IncidentReport) => void): Promise<DecideOutcome> {
    const current = await this.current(recordId);
    if (current.decision) return { report: current, recorded: false };
    const change: DecisionChange = {
      decision,
      status: closing.status,
      statusChangedAt: closing.at,
      statusChangedBy: closing.by,
      statusHistory: [...(current.statusHistory ?? []), closing],
    };
    const decided: IncidentReport = { ...current, ...change };
    const recorded = this.outbox.inTransaction(() => {
      const queued = this.outbox.enqueue("decide-request", `decision:${recordId}`, recordId, change, this.now());
      if (queued) then(decided);
      return queued;
    });
    // Not queued: another decision got there between our read and our write; it stands.
    return recorded ? { report: decided, recorded } : { report: this.withPending(current), recorded };
  }

  async markExpired(recordId: string, at: string, then: (report: IncidentReport) => void): Promise<boolean> {
    const current = await this.current(recordId);
    if (current.decision?.outcome !== "approved" || current.decision.expiredAt) return false;
    const expired: IncidentReport = { ...current, decision: { ...current.decision, expiredAt: at } };
    const payload: ExpiryChange = { expiredAt: at };
    return this.outbox.inTransaction(() => {
      const queued = this.outbox.enqueue("expire-decision", `decision-expired:${recordId}`, recordId, payload, this.now());
      if (queued) then(expired);
      return queued;
    });
  }

  /** While SharePoint is unreachable, a request this app wrote is still known from the outbox. */
  private current(recordId: string): Promise<IncidentReport> {
    return this.read(recordId).catch((error: unknown) => {
      const written = this.outbox.createOf(recordId);
      if (!(error instanceof UnavailableError || error instanceof ThrottledError) || written?.op !== "create-report") throw error;
      return this.withPending(JSON.parse(written.payload) as IncidentReport);
    });
  }
}

export function isDecisionOp(op: OutboxRow["op"]): boolean {
  return op === "decide-request" || op === "expire-decision";
}

/** A decision row still in the outbox, applied to the report as read (the store's reads merge it). */
export function withPendingDecision(report: IncidentReport, row: OutboxRow): IncidentReport {
  if (row.op === "decide-request") return { ...report, ...(JSON.parse(row.payload) as DecisionChange) };
  if (row.op === "expire-decision" && report.decision) return { ...report, decision: { ...report.decision, expiredAt: (JSON.parse(row.payload) as ExpiryChange).expiredAt } };
  return report;
}

/**
 * What the writer sets for a decision row, and when the item already holds it: a decision already in the list
 * (ours, its answer lost, or one entered in SharePoint) is the first one and stands; an ending already marked stays.
 */
export function decisionWrite(row: OutboxRow): { fields: ItemFields; isSupersededBy: (current: ItemFields) => boolean } {
  if (row.op === "expire-decision") {
    return { fields: decisionExpiredFields((JSON.parse(row.payload) as ExpiryChange).expiredAt), isSupersededBy: (current) => current.DecisionExpired === true };
  }
  const change = JSON.parse(row.payload) as DecisionChange;
  const hasDecision = (current: ItemFields) => typeof current.Decision === "string" && current.Decision !== "";
  return { fields: { ...statusFields(change), ...decisionFields(change.decision) }, isSupersededBy: hasDecision };
}
