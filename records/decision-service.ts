// Deciding a request, from the card or the headteacher's page: who may, what is valid, once only, and the
// requester told. The ports are the store (records/decisions.ts) and the notices the bot queues.
import { AuthError, ConflictError, NotFoundError } from "./errors.js";
import { mayRead } from "./privacy.js";
import {
  assertMayDecide,
  assertNotOwnRequest,
  closingEntry,
  decisionLine,
  hasLapsed,
  validateDecision,
  type DecisionInput,
  type DecisionNotices,
  type RequestDecision,
} from "./decisions.js";
import type { DeciderRole } from "./report-kind-fields.js";
import type { Clock, IncidentReport, Person, RecordStore } from "./types.js";

export interface DecisionResult {
  readonly report: IncidentReport;
  /** False when the request had been decided already: `report.decision` is that first decision, unchanged. */
  readonly recorded: boolean;
}

export class RequestDecisionService {
  constructor(
    private readonly records: RecordStore,
    private readonly clock: Clock,
    private readonly notices: DecisionNotices,
  ) {}

  /**
   * Records the decision and queues the requester's card in the same commit. A request decided before keeps its
   * decision: the result says so (`recorded` false) and nothing is written or sent.
   */
  async decide(actor: Person, roles: ReadonlySet<DeciderRole>, recordId: string, input: DecisionInput): Promise<DecisionResult> {
    // Someone who decides nothing is refused before the store is read: a forged press with another's recordId
    // must not tell them whether it exists, nor whether it is a request, a concern or a safeguarding concern.
    if (roles.size === 0) throw new AuthError("Only the headteacher or the IT technician can decide a request.", true);
    const report = await this.records.getReport(recordId);
    // A safeguarding concern is not there at all for the IT technician (records/privacy.ts), not even to refuse.
    if (!mayRead(report, roles)) throw new NotFoundError(`There is no report ${recordId}.`);
    assertMayDecide(report, roles);
    assertNotOwnRequest(report, actor, roles);
    if (report.decision) return { report, recorded: false };
    const decision = validateDecision(input, actor, this.clock.now());
    return this.records.decisions.decide(recordId, decision, closingEntry(decision), (decided) => this.notices.decided(decided));
  }

  /** As decide(), for callers that answer a repeat with an error: "Already approved by Jo Bloggs on 3 December 2026." */
  async decideOnce(actor: Person, roles: ReadonlySet<DeciderRole>, recordId: string, input: DecisionInput): Promise<IncidentReport> {
    const result = await this.decide(actor, roles, recordId, input);
    if (!result.recorded) throw new ConflictError(alreadyDecided(result.report.decision));
    return result.report;
  }

  /**
   * The daily check: every approval whose last day has passed in the UK is marked ended, and the requester and the
   * decider told, each exactly once (the mark and the notices commit together). Returns how many ended now.
   */
  async markLapsed(): Promise<number> {
    const now = this.clock.now();
    let ended = 0;
    for (const report of await this.records.listReports({})) {
      if (!hasLapsed(report.decision, now)) continue;
      if (await this.records.decisions.markExpired(report.recordId, now.toISOString(), (expired) => this.notices.expired(expired))) ended++;
    }
    return ended;
  }
}

export function alreadyDecided(decision: RequestDecision | undefined): string {
  return decision ? `Already ${decisionLine(decision).replace(/^./, (first) => first.toLowerCase())}.` : "Already decided.";
}

/** The decider roles of someone the bot knows only by object id (HEADTEACHER_/IT_TECHNICIAN_AAD_OBJECT_ID). */
export function deciderRolesOf(personId: string, config: { headteacherIds: readonly string[]; itTechnicianIds: readonly string[] }): Set<DeciderRole> {
  const listed = (ids: readonly string[]) => ids.some((id) => id.toLowerCase() === personId.toLowerCase());
  const roles = new Set<DeciderRole>();
  if (listed(config.headteacherIds)) roles.add("headteacher");
  if (listed(config.itTechnicianIds)) roles.add("it-technician");
  return roles;
}
