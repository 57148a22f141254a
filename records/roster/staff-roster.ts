// Who the staff are: the port the campaign counts against, and the kinds of source it is read from.

/** One member of staff, as the directory knows them. */
export interface RosterMember {
  /** Entra object id. */
  readonly id: string;
  readonly displayName: string;
  /** User principal name; empty when the source does not give one. */
  readonly upn: string;
}

/** The campaign's view: everyone on the roster now (people who left are not listed). */
export interface StaffRoster {
  list(): Promise<RosterMember[]>;
}

/** Where the roster comes from: the Entra staff groups (tenant) or a small file of demo staff (local). */
export interface StaffDirectory {
  /** A short phrase for the log and the headteacher, e.g. "2 Entra groups". */
  readonly description: string;
  /** Every current member, each once. Throws when the source cannot be read (the last roster then stands). */
  members(): Promise<RosterMember[]>;
}

/** Whether the bot can reach someone, as the staff status list shows it. */
export const REACH_STATES = ["reached", "not-reached-yet", "install-refused", "blocked", "left"] as const;
export type ReachState = (typeof REACH_STATES)[number];

/** The words the headteacher reads, in the SharePoint list and on the cards. */
export const REACH_STATE_LABELS: Readonly<Record<ReachState, string>> = {
  reached: "Reached",
  "not-reached-yet": "Not reached yet",
  "install-refused": "Install refused",
  blocked: "Blocked the bot",
  left: "Left",
};

/** What the app last learnt about reaching someone, beyond whether it has their chat. */
export interface ReachMark {
  readonly state: Exclude<ReachState, "reached" | "left">;
  /** Why, in words the headteacher (or the admin) can act on. */
  readonly detail: string;
  readonly at: string;
}
