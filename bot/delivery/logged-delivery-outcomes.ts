import type { DeliveryOutcomes, UnreachableReason } from "./delivery-outcomes.js";

/** Until the staff roster keeps each person's reach state, the log says who could not be reached and why. */
export class LoggedDeliveryOutcomes implements DeliveryOutcomes {
  constructor(private readonly log: { info(message: string): void }) {}

  delivered(): void {
    // Reaching someone is the normal case; the delivery table already records it.
  }

  unreachable(personId: string, reason: UnreachableReason, detail: string): void {
    this.log.info(`Teams will not deliver to ${personId}: ${reason} (${detail}). Not tried again until that changes.`);
  }
}
