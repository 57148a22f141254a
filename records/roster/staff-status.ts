// One row per member of staff per academic year: what they have acknowledged and whether the bot reached them.
import type { Person } from "../types.js";
import type { ReachState } from "./staff-roster.js";

export interface DocumentAcknowledgement {
  readonly policyId: string;
  readonly title: string;
  readonly version: string;
  /** ISO instant; undefined until the person confirms this version. */
  readonly acknowledgedAt: string | undefined;
}

export interface StaffStatus {
  /** The unique key: one person, one academic year. */
  readonly recordId: string;
  readonly cycle: string;
  readonly person: Person;
  /** Every all-staff document's current version, in catalogue order. */
  readonly documents: readonly DocumentAcknowledgement[];
  readonly reach: ReachState;
  /** Why the person is not reached ("" when reached). */
  readonly reachDetail: string;
  /** When the cards were first sent this year. */
  readonly invitedAt: string | undefined;
  readonly lastRemindedAt: string | undefined;
  /** When the app last changed this row; a later change in the list wins over an older one still queued. */
  readonly updatedAt: string;
}

export function staffStatusRecordId(personId: string, cycle: string): string {
  return `${personId.toLowerCase()}|${cycle}`;
}

/** Everything but the time it was written, as text: two rows with the same content need no write. */
export function contentOf(status: StaffStatus): string {
  return JSON.stringify({ ...status, updatedAt: "" });
}

/** Where a changed row goes after the local table: SharePoint through the outbox in tenant mode; nowhere else locally. */
export interface StaffStatusPublisher {
  /** Runs inside the local table's transaction, so the row and its outbox write commit together. */
  publish(status: StaffStatus, isNew: boolean, revision: number, now: Date): void;
}
