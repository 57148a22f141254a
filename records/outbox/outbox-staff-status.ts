// Tenant mode: each changed staff status row goes to the "AUP staff status" list through the outbox, exactly once.
import type { StaffStatus, StaffStatusPublisher } from "../roster/staff-status.js";
import type { OutboxTable } from "./outbox-table.js";

/**
 * The first row for a person and year is a create, whose unique RecordId turns a retry into a 409 (done). Every
 * later change is an update of the whole row, keyed by its revision so each is queued once, and applied with the
 * item's eTag after the create (the outbox keeps one record's writes in order).
 */
export class OutboxStaffStatusPublisher implements StaffStatusPublisher {
  constructor(private readonly outbox: OutboxTable) {}

  publish(status: StaffStatus, isNew: boolean, revision: number, now: Date): void {
    if (isNew) this.outbox.enqueue("create-staff-status", `create:${status.recordId}`, status.recordId, status, now);
    else this.outbox.enqueue("update-staff-status", `staff-status:${status.recordId}:${revision}`, status.recordId, status, now);
  }
}
