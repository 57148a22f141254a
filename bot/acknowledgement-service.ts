import type { Policy } from "../policies/policy.js";
import type { PolicyCatalog } from "../policies/policy-catalog.js";
import { academicYearOf } from "../records/cycle.js";
import { ValidationError } from "../records/errors.js";
import { acknowledgementRecordId } from "../records/record-id.js";
import type { Acknowledgement, Clock, Person, RecordStore } from "../records/types.js";
import type { PolicyStatus } from "./cards/status-card.js";

export interface AcknowledgementRequest {
  readonly policyId: string;
  readonly policyVersion: string;
  readonly cycle: string;
}

/** What each member of staff must confirm this cycle, and recording that they have. */
export class AcknowledgementService {
  constructor(
    private readonly policies: PolicyCatalog,
    private readonly records: RecordStore,
    private readonly clock: Clock,
  ) {}

  currentCycle(): string {
    return academicYearOf(this.clock.now());
  }

  /** Every all-staff document with this person's acknowledgement of its current version this cycle, if any. */
  async statusFor(personId: string): Promise<{ cycle: string; statuses: PolicyStatus[] }> {
    const cycle = this.currentCycle();
    const acks = await this.records.listAcknowledgements({ personId, cycle });
    const statuses = this.policies.forAllStaff().map((policy) => {
      const acknowledgement = acks.find((a) => a.policyId === policy.id && a.policyVersion === policy.version);
      return acknowledgement ? { policy, acknowledgement } : { policy };
    });
    return { cycle, statuses };
  }

  async outstandingFor(personId: string): Promise<{ cycle: string; policies: Policy[] }> {
    const { cycle, statuses } = await this.statusFor(personId);
    return { cycle, policies: statuses.filter((s) => !s.acknowledgement).map((s) => s.policy) };
  }

  /**
   * Records that `person` confirmed the card they pressed, if it is still current. Pressing twice keeps
   * the first record and returns it, so the receipt shows when they first confirmed.
   */
  async acknowledge(person: Person, request: AcknowledgementRequest): Promise<{ policy: Policy; acknowledgement: Acknowledgement }> {
    const policy = this.currentPolicy(request);
    const recordId = acknowledgementRecordId(policy.id, policy.version, request.cycle, person.id);
    const acknowledgement: Acknowledgement = {
      recordId,
      policyId: policy.id,
      policyVersion: policy.version,
      cycle: request.cycle,
      person,
      acknowledgedAt: this.clock.now().toISOString(),
      channel: "teams-bot",
    };
    const { created } = await this.records.saveAcknowledgement(acknowledgement);
    if (created) return { policy, acknowledgement };
    const existing = await this.records.listAcknowledgements({ personId: person.id, policyId: policy.id, cycle: request.cycle });
    return { policy, acknowledgement: existing.find((a) => a.recordId === recordId) ?? acknowledgement };
  }

  private currentPolicy({ policyId, policyVersion, cycle }: AcknowledgementRequest): Policy {
    const policy = this.policies.get(policyId);
    // Documents "on issue" (the laptop agreement) are confirmed when the equipment is handed over, not here.
    if (!policy || policy.audience !== "all-staff") {
      throw new ValidationError(`There is no policy "${policyId}" to acknowledge here. Type "policy" to get the current cards.`);
    }
    if (policyVersion !== policy.version) {
      throw new ValidationError(
        `This card is for version ${policyVersion} of ${policy.title}, which has been replaced by version ${policy.version}. ` +
          `Type "policy" to get the current card.`,
      );
    }
    const current = this.currentCycle();
    if (cycle !== current) {
      throw new ValidationError(`This card is for ${cycle}; acknowledgements now count for ${current}. Type "policy" to get the current card.`);
    }
    return policy;
  }
}
