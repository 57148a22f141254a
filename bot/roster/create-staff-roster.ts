// Assembles the roster for the configured mode: its source, proactive installation, reach state and the status list.
import type { Activity } from "botbuilder";
import type { PolicyCatalog } from "../../policies/policy-catalog.js";
import type { GraphApi } from "../../records/graph/graph-client.js";
import { GraphStaffDirectory } from "../../records/graph/staff-groups.js";
import type { OutboxTable } from "../../records/outbox/outbox-table.js";
import { OutboxStaffStatusPublisher } from "../../records/outbox/outbox-staff-status.js";
import { FileStaffDirectory } from "../../records/roster/file-staff-directory.js";
import { RosterTable } from "../../records/roster/roster-table.js";
import type { SqliteDatabase } from "../../records/sqlite/database.js";
import { SqliteStaffStatus } from "../../records/sqlite/sqlite-staff-status.js";
import type { Acknowledgement, Clock, RecordStore } from "../../records/types.js";
import type { TakenStep } from "../campaigns/campaign-plan.js";
import type { ConversationStore } from "../conversation-store.js";
import type { ProactiveSender } from "../proactive-messenger.js";
import { GraphAppInstaller } from "./app-installer.js";
import { ObservedConversationStore } from "./observed-conversation-store.js";
import { ReachTracker } from "./reach-tracker.js";
import { RosterReach } from "./roster-reach.js";
import { RosterService } from "./roster-service.js";
import { StaffStatusRefresher } from "./staff-status-refresher.js";

/** The parts of the configuration the roster needs, read from the environment by server/config.ts. */
export interface StaffRosterSettings {
  /**
   * Tenant mode: Entra security groups whose transitive members are the staff (STAFF_GROUP_IDS). Empty:
   * the staff are whoever has the app, as before the roster existed.
   */
  readonly staffGroupIds: readonly string[];
  /** Local mode: the demo roster file (STAFF_ROSTER_FILE), or undefined for "whoever opened the app". */
  readonly localRosterFile: string | undefined;
  /** Hours between roster syncs (ROSTER_SYNC_HOURS); 0 syncs only at start-up and on "remind". */
  readonly syncHours: number;
  /** PROACTIVE_INSTALL: install the app through Graph for staff who do not have it yet (tenant mode with groups). */
  readonly proactiveInstall: boolean;
  /** TEAMS_APP_CATALOG_ID: the app's id in the organisation's catalogue (Teams Toolkit's TEAMS_APP_PUBLISHED_APP_ID). */
  readonly teamsAppCatalogId: string | undefined;
  /** The Bot Connector address for a chat found through Graph (BOT_SERVICE_URL); a local stand-in in tests. */
  readonly botServiceUrl: string;
  /** Where the headteacher reads the staff status list in SharePoint (STAFF_STATUS_LIST_URL); locally /records is used. */
  readonly statusListUrl: string | undefined;
}

/** Tenant mode's connections: Graph for the groups and installs, the outbox for the SharePoint list. */
export interface StaffRosterTenant {
  readonly graph: GraphApi;
  readonly graphBaseUrl: string;
  readonly outbox: OutboxTable;
  readonly botAppId: string;
  readonly tenantId: string;
}

export interface StaffRosterOptions {
  readonly settings: StaffRosterSettings;
  /** Undefined in local mode. */
  readonly tenant: StaffRosterTenant | undefined;
  readonly db: SqliteDatabase;
  readonly conversations: ConversationStore;
  readonly records: RecordStore;
  readonly policies: PolicyCatalog;
  readonly taken: (cycle: string, personId?: string) => TakenStep[];
  readonly clock: Clock;
  readonly log: { info(message: string): void; error(message: string, error?: unknown): void };
  readonly onReachable: () => void;
  readonly refreshDelayMs?: number;
}

export interface StaffRosterParts {
  readonly service: RosterService;
  /** The conversation store to use everywhere, so a new chat clears an old "not reached". */
  readonly conversations: ConversationStore;
  readonly reach: RosterReach;
  /** For the fan-out engine: it reports every send here. */
  readonly outcomes: ReachTracker;
  readonly statuses: SqliteStaffStatus;
}

export function createStaffRoster(options: StaffRosterOptions): StaffRosterParts {
  const { settings, tenant } = options;
  const table = new RosterTable(options.db);
  const statuses = new SqliteStaffStatus(options.db, tenant ? new OutboxStaffStatusPublisher(tenant.outbox) : undefined);
  const withGroups = tenant !== undefined && settings.staffGroupIds.length > 0;
  const directory = withGroups
    ? new GraphStaffDirectory(tenant.graph, settings.staffGroupIds)
    : !tenant && settings.localRosterFile
      ? new FileStaffDirectory(settings.localRosterFile)
      : undefined;
  const installer =
    withGroups && settings.proactiveInstall && settings.teamsAppCatalogId
      ? new GraphAppInstaller(tenant.graph, {
          catalogAppId: settings.teamsAppCatalogId,
          graphBaseUrl: tenant.graphBaseUrl,
          botAppId: tenant.botAppId,
          tenantId: tenant.tenantId,
          serviceUrl: settings.botServiceUrl,
        })
      : undefined;
  const notInstalledDetail = !tenant
    ? "Has not opened the app yet."
    : installer
      ? "The app is being installed for them."
      : "The app is not installed for them yet: a Teams setup policy for staff installs it (see infra/staff-roster.md).";
  // The store and the service refer to each other: the store tells the service, which is made just below.
  const later: { service?: RosterService } = {};
  const changed = (personId: string): void => later.service?.refreshSoon(personId);
  const conversations = new ObservedConversationStore(options.conversations, table, changed);
  const refresher = new StaffStatusRefresher({
    table,
    statuses,
    conversations,
    records: options.records,
    policies: options.policies,
    taken: options.taken,
    clock: options.clock,
    notInstalledDetail,
  });
  const service = new RosterService({
    table,
    directory,
    appUsersAreStaff: !tenant,
    conversations,
    installer,
    refresher,
    clock: options.clock,
    log: options.log,
    syncEveryMs: settings.syncHours * 60 * 60 * 1000,
    // A few seconds gather a burst of sends or acknowledgements into one pass over the acknowledgements.
    refreshDelayMs: options.refreshDelayMs ?? 5_000,
    onReachable: options.onReachable,
  });
  later.service = service;
  const outcomes = new ReachTracker({
    table,
    conversations,
    reinstall: (personId) => service.reinstall(personId),
    installsProactively: installer !== undefined,
    changed,
    log: options.log,
  });
  return { service, conversations, reach: new RosterReach(table, conversations, notInstalledDetail, settings.statusListUrl), outcomes, statuses };
}

/** Tells the roster of each message that reached someone (the fan-out engine reports its own sends the same way). */
export function notingDeliveries(sender: ProactiveSender, outcomes: ReachTracker, clock: Clock): ProactiveSender {
  return {
    async send(recipientId: string, activity: Partial<Activity>): Promise<void> {
      await sender.send(recipientId, activity);
      outcomes.delivered(recipientId, clock.now());
    },
  };
}

/** The record store the bot acknowledges through, telling the roster of each acknowledgement so the status list shows it. */
export function notifyingAcknowledgements(records: RecordStore, acknowledged: (ack: Acknowledgement) => void): RecordStore {
  return new Proxy(records, {
    get(target, property) {
      if (property === "saveAcknowledgement") {
        return async (ack: Acknowledgement) => {
          const result = await target.saveAcknowledgement(ack);
          acknowledged(ack);
          return result;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
