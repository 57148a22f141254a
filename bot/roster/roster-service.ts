// The staff roster the campaign counts against: synced from its source at start-up, on a timer and on "remind";
// installs the app for staff who do not have it; keeps the staff status rows up to date.
import type { RosterTable } from "../../records/roster/roster-table.js";
import type { ReachMark, RosterMember, StaffDirectory, StaffRoster } from "../../records/roster/staff-roster.js";
import type { Clock } from "../../records/types.js";
import { formatUkTime } from "../../records/uk-time.js";
import type { ConversationStore } from "../conversation-store.js";
import type { AppInstaller } from "./app-installer.js";
import type { StaffStatusRefresher } from "./staff-status-refresher.js";

export interface RosterServiceDependencies {
  readonly table: RosterTable;
  /** Where the staff are listed; undefined when the staff are whoever has the app (no STAFF_GROUP_IDS). */
  readonly directory: StaffDirectory | undefined;
  /** Local mode: whoever opens the app is staff too, beside the demo roster. */
  readonly appUsersAreStaff: boolean;
  readonly conversations: ConversationStore;
  /** Proactive installation; undefined when a setup policy installs the app (PROACTIVE_INSTALL=off) or locally. */
  readonly installer: AppInstaller | undefined;
  readonly refresher: StaffStatusRefresher;
  readonly clock: Clock;
  readonly log: { info(message: string): void; error(message: string, error?: unknown): void };
  /** Between syncs on the timer; 0 leaves only start-up and "remind". */
  readonly syncEveryMs: number;
  /** How long changes gather before the status rows are worked out again (one pass for a burst of sends). */
  readonly refreshDelayMs: number;
  /** Someone became reachable without an install event (their chat found through Graph): the campaign can invite them. */
  readonly onReachable: () => void;
}

export interface SyncSummary {
  readonly staff: number;
  readonly joined: readonly RosterMember[];
  readonly left: readonly RosterMember[];
}

export class RosterService implements StaffRoster {
  private timer: NodeJS.Timeout | undefined;
  private syncing: Promise<SyncSummary> | undefined;
  private readonly background = new Set<Promise<unknown>>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;
  private refreshAgain = false;
  /** Who changed since the last refresh began: only their rows are worked out again (everyone's after a sync). */
  private dirty = new Set<string>();
  private everyoneDirty = false;
  private readonly installingFor = new Set<string>();
  private stopping = false;

  constructor(private readonly deps: RosterServiceDependencies) {}

  /** Everyone on the roster now; people who left are not chased. */
  async list(): Promise<RosterMember[]> {
    await this.addAppUsers();
    return this.deps.table.current().map(({ id, displayName, upn }) => ({ id, displayName, upn }));
  }

  /** Syncs now (in the background; failures are logged) and then every `syncEveryMs`. */
  start(): void {
    this.track(this.sync().catch((error: unknown) => this.deps.log.error("The staff roster could not be synced at start-up; the last roster stands", error)));
    if (this.deps.syncEveryMs > 0) {
      this.timer = setInterval(() => {
        this.track(this.sync().catch((error: unknown) => this.deps.log.error("The staff roster could not be synced; the last roster stands", error)));
      }, this.deps.syncEveryMs);
      this.timer.unref();
    }
  }

  /** Stops the timers; a status pass not yet begun is dropped (the next start-up does one), one under way is awaited. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    this.timer = undefined;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    await this.idle();
  }

  /** Reads the source again; new staff get the app installed (in the background), leavers stop being chased. */
  sync(): Promise<SyncSummary> {
    this.syncing ??= this.syncOnce().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  /** Once everything started so far (syncs, installs, status rows) has finished; tests and shutdown wait on it. */
  async idle(): Promise<void> {
    for (;;) {
      if (this.refreshTimer) {
        clearTimeout(this.refreshTimer);
        this.refreshTimer = undefined;
        this.runRefresh();
      }
      const pending = [...this.background, ...(this.syncing ? [this.syncing] : []), ...(this.refreshing ? [this.refreshing] : [])];
      if (pending.length === 0 && !this.refreshTimer) return;
      await Promise.allSettled(pending);
    }
  }

  /** Brings the status rows up to date now (the /records page, before it shows them). */
  async refreshNow(): Promise<void> {
    // Whoever opened the app may have joined the roster just now: everyone's row is worked out.
    if (await this.addAppUsers()) this.everyoneDirty = true;
    this.runRefresh();
    await this.idle();
  }

  /**
   * Something a status row shows changed, for this person (or, without one, for anyone): work their row
   * out again shortly. Changes in the meantime gather into one refresh.
   */
  refreshSoon(personId?: string): void {
    if (personId === undefined) this.everyoneDirty = true;
    else this.dirty.add(personId.toLowerCase());
    if (this.refreshTimer || this.stopping) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.runRefresh();
    }, this.deps.refreshDelayMs);
    this.refreshTimer.unref();
  }

  /** Installs the app again for someone Teams says the bot can no longer reach (it was removed, or the chat is gone). */
  reinstall(personId: string): void {
    const member = this.deps.table.get(personId);
    if (!this.deps.installer || !member || member.leftAt) return;
    this.track(this.installFor(member));
  }

  get installsProactively(): boolean {
    return this.deps.installer !== undefined;
  }

  private async syncOnce(): Promise<SyncSummary> {
    const { deps } = this;
    const fromDirectory = deps.directory ? await deps.directory.members() : [];
    const appUsers = deps.appUsersAreStaff || !deps.directory ? await this.appUsers() : [];
    const byId = new Map([...appUsers, ...fromDirectory].map((member) => [member.id.toLowerCase(), member]));
    const changes = deps.table.replaceMembers([...byId.values()], deps.clock.now());
    const staff = deps.table.current().length;
    if (changes.joined.length || changes.left.length) {
      deps.log.info(`Staff roster from ${deps.directory?.description ?? "the app's users"}: ${staff} staff, ${changes.joined.length} joined, ${changes.left.length} left.`);
    }
    if (deps.installer) this.track(this.installMissing());
    this.refreshSoon();
    return { staff, ...changes };
  }

  private async installMissing(): Promise<void> {
    const withChat = new Set((await this.deps.conversations.list()).map((person) => person.id.toLowerCase()));
    for (const member of this.deps.table.current()) {
      // Someone who blocked the bot still has the app: installing again would not change their mind.
      if (withChat.has(member.id) || member.mark?.state === "blocked") continue;
      await this.installFor(member);
    }
  }

  private async installFor(member: RosterMember): Promise<void> {
    const installer = this.deps.installer;
    if (!installer || this.installingFor.has(member.id)) return;
    this.installingFor.add(member.id);
    try {
      const outcome = await installer.install(member);
      const at = this.deps.clock.now().toISOString();
      const mark = (state: ReachMark["state"], detail: string): void => void this.deps.table.mark(member.id, { state, detail, at });
      if (outcome.kind === "installed") {
        // Teams may have sent the install event (and the bot greeted them) before Graph answered.
        if (!(await this.deps.conversations.get(member.id))) {
          mark("not-reached-yet", `The app was installed for them on ${formatUkTime(at)}; the cards go as soon as Teams opens the chat.`);
        }
      } else if (outcome.kind === "already-installed" && outcome.reference) {
        // The install event never reached the bot: the chat Graph reports is where the campaign sends the cards.
        await this.deps.conversations.save(member.id, outcome.reference);
        this.deps.onReachable();
      } else if (outcome.kind === "already-installed") {
        mark("not-reached-yet", "The app is installed for them but its chat could not be found yet; tried again at the next sync.");
      } else if (outcome.kind === "refused") {
        mark("install-refused", outcome.detail);
      } else {
        mark("not-reached-yet", `${outcome.detail} Tried again at the next sync.`);
        this.deps.log.error(`Could not install the app for ${member.displayName || member.id}: ${outcome.detail}`);
      }
    } finally {
      this.installingFor.delete(member.id);
      this.refreshSoon(member.id);
    }
  }

  private runRefresh(): void {
    if (this.stopping) return;
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    if (!this.everyoneDirty && this.dirty.size === 0) return;
    const scope = this.everyoneDirty ? "everyone" : this.dirty;
    this.everyoneDirty = false;
    this.dirty = new Set();
    this.refreshing = this.deps.refresher
      .refresh(scope)
      .then(() => undefined)
      .catch((error: unknown) => {
        // Their rows are still to do: the next change (or the next sync) tries them again.
        if (scope === "everyone") this.everyoneDirty = true;
        else for (const id of scope) this.dirty.add(id);
        this.deps.log.error("The staff status list could not be brought up to date; it will be at the next change", error);
      })
      .finally(() => {
        this.refreshing = undefined;
        if (this.refreshAgain) {
          this.refreshAgain = false;
          this.runRefresh();
        }
      });
  }

  /** Local mode: whoever opened the app joins the roster; without staff groups, the roster is exactly them. True when it did. */
  private async addAppUsers(): Promise<boolean> {
    if (this.deps.appUsersAreStaff) {
      // Only newcomers and changed names are written: the campaign asks for the roster before each pass.
      const known = new Map(this.deps.table.all().map((entry) => [entry.id, entry.displayName]));
      const changed = (await this.appUsers()).filter((user) => {
        const name = known.get(user.id.toLowerCase());
        return name === undefined || (user.displayName !== "" && user.displayName !== name);
      });
      if (changed.length) this.deps.table.addMembers(changed, this.deps.clock.now());
    } else if (!this.deps.directory) this.deps.table.replaceMembers(await this.appUsers(), this.deps.clock.now());
    else return false;
    return true;
  }

  private async appUsers(): Promise<RosterMember[]> {
    return (await this.deps.conversations.list()).map((person) => ({ ...person, upn: "" }));
  }

  /** Background work the app does not wait for; idle() does. A failure is logged, never left unhandled. */
  private track(work: Promise<unknown>): void {
    const settled = work
      .catch((error: unknown) => this.deps.log.error("Installing the app for staff failed; it is tried again at the next sync", error))
      .finally(() => this.background.delete(settled));
    this.background.add(settled);
  }
}
