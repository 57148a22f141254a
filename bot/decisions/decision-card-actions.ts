// Approve / Decline pressed on a request's card: the decider's roles come from the configured object ids, as
// for every card press, and the card becomes the receipt (or says the request was already decided).
import { deciderRolesOf, type RequestDecisionService } from "../../records/decision-service.js";
import type { DecisionInput } from "../../records/decisions.js";
import type { Person } from "../../records/types.js";
import type { AdaptiveCard } from "../cards/adaptive-card.js";
import { reportAlertCard } from "../cards/report-alert-card.js";

export class DecisionCardActions {
  constructor(
    private readonly decisions: RequestDecisionService,
    private readonly config: { readonly headteacherIds: readonly string[]; readonly itTechnicianIds: readonly string[] },
  ) {}

  async decide(person: Person, request: DecisionInput & { readonly reportId: string }): Promise<AdaptiveCard> {
    const { report, recorded } = await this.decisions.decide(person, deciderRolesOf(person.id, this.config), request.reportId, request);
    return reportAlertCard(report, { viewerId: person.id, lateAnswer: !recorded });
  }
}
