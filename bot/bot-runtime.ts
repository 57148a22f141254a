// Builds the bot's parts for the server: adapter, activity handler, stores, alerts.
import type { Request, Response } from "botbuilder";
import type { PolicyCatalog } from "../policies/policy-catalog.js";
import type { SqliteDatabase } from "../records/sqlite/database.js";
import { systemClock, type Clock, type RecordStore } from "../records/types.js";
import { AcknowledgementService } from "./acknowledgement-service.js";
import { AlertDispatcher, DEFAULT_ALERT_RETRY, type AlertRetryOptions } from "./alerts/alert-dispatcher.js";
import { SqliteAlertQueue } from "./alerts/alert-queue.js";
import { CardActionHandler } from "./card-action-handler.js";
import { SqliteConversationStore, type ConversationStore } from "./conversation-store.js";
import type { ProactiveSender } from "./proactive-messenger.js";
import { ReportStatusService, reportHandlerIds } from "./report-status-service.js";
import { AupBot } from "./teams-bot.js";
import { PeopleDirectory, TeamsMemberLookup } from "./turn-identity.js";
import { LaptopCommands } from "./laptops/laptop-commands.js";
import { LaptopLoanService } from "./laptops/laptop-loan-service.js";
import { SqliteIssuedCards } from "./laptops/issued-cards.js";
import { CampaignLedger } from "./campaigns/campaign-ledger.js";
import { CampaignRunner } from "./campaigns/campaign-runner.js";
import { CampaignScheduler } from "./campaigns/campaign-scheduler.js";
import { CampaignCommands } from "./campaigns/campaign-commands.js";
import { ReminderRuns } from "./campaigns/reminder-runs.js";
import type { CampaignConfig, DeliveryConfig } from "../server/config.js";
import { createFanOut, type DeliveryTuning, type FanOut } from "./delivery/fan-out.js";
import type { DeliveryOutcomes } from "./delivery/delivery-outcomes.js";
import { proactiveAdapter } from "./delivery/proactive-adapter.js";
import { botFrameworkAuthentication, type BotRegistration } from "./bot-channel-auth.js";
import { BotEndpointAdapter } from "./bot-endpoint.js";
import type { ActivitySource } from "./activity-shape.js";
import { RequestDecisionService } from "../records/decision-service.js";
import { QueuedDecisionNotices } from "./decisions/decision-notices.js";
import { DecisionCardActions } from "./decisions/decision-card-actions.js";
import { DecisionExpiryJob } from "./decisions/decision-expiry-job.js";
import { createStaffRoster, notifyingAcknowledgements, type StaffRosterParts, type StaffRosterSettings, type StaffRosterTenant } from "./roster/create-staff-roster.js";

export interface BotRuntimeOptions {
  readonly registration: BotRegistration | undefined;
  readonly publicUrl: string;
  readonly headteacherIds: readonly string[];
  readonly itTechnicianIds: readonly string[];
  /** Told at once of safeguarding concerns with the headteacher; absent means the headteacher alone. */
  readonly seniorLeaderIds?: readonly string[];
  readonly policies: PolicyCatalog;
  readonly records: RecordStore;
  readonly db: SqliteDatabase;
  readonly clock: Clock;
  readonly log: { info(message: string): void; error(message: string, error?: unknown): void };
  readonly alertRetry?: AlertRetryOptions;
  readonly campaign: CampaignConfig;
  readonly roster: StaffRosterSettings;
  /** Tenant mode: Graph and the outbox, for the staff groups, installs and the staff status list. */
  readonly rosterTenant?: StaffRosterTenant;
  /** How long roster changes gather before the status rows are rewritten; tests use 0. */
  readonly rosterRefreshDelayMs?: number;
  /** The app's proactive pace; Teams' 50 a second less a reserve by default. */
  readonly delivery?: DeliveryConfig;
  /** Tests and benchmarks: a shorter window, quicker retries. */
  readonly deliveryTuning?: DeliveryTuning;
  /** Who hears that a person was reached or could not be; the staff roster, once it exists. */
  readonly deliveryOutcomes?: DeliveryOutcomes;
}

export interface BotRuntime {
  /** POST /api/messages, after express.json(). */
  handleMessages(req: Request, res: Response): Promise<void>;
  readonly alerts: AlertDispatcher;
  readonly alertQueue: SqliteAlertQueue;
  readonly conversations: ConversationStore;
  /** The yearly invite, chase and escalation; runs on its own timer and on the headteacher's "remind". */
  readonly campaign: CampaignRunner;
  /** The staff roster, its reach state (the fan-out engine reports to `roster.outcomes`) and the staff status rows. */
  readonly roster: StaffRosterParts;
  /** Proactive sends to a person's chat with the bot (e.g. the IT technician's credential warnings). */
  readonly messenger: ProactiveSender;
  /** Every proactive message goes through this: one pace, a durable table, the engine. */
  readonly fanOut: FanOut;
  /** What the campaign sent to whom; the headteacher's view reads it. */
  readonly campaignLedger: CampaignLedger;
  /** "Remind everyone now" (the chat's "remind", the headteacher's page): answers at once, a summary card at the end. */
  readonly reminders: ReminderRuns;
  /** Decisions on requests, from the cards and the headteacher's page; the requester's card goes through the fan-out. */
  readonly decisions: RequestDecisionService;
  /** The daily check for approvals past their end date. */
  readonly decisionExpiry: DecisionExpiryJob;
  close(): Promise<void>;
}

export function createBotRuntime(options: BotRuntimeOptions): BotRuntime {
  const { registration, log } = options;
  const adapter = new BotEndpointAdapter(botFrameworkAuthentication(registration));
  const source: ActivitySource = registration ? { mode: "tenant", serviceUrlHosts: registration.serviceUrlHosts } : { mode: "local" };
  const ledger = new CampaignLedger(options.db);
  const roster = createStaffRoster({
    settings: options.roster,
    tenant: options.rosterTenant,
    db: options.db,
    conversations: new SqliteConversationStore(options.db),
    records: options.records,
    policies: options.policies,
    taken: (cycle, personId) => ledger.taken(cycle, personId),
    clock: options.clock,
    log,
    // Someone reached through the chat Graph reported: invite them now rather than at the next timer.
    onReachable: () => void campaign.run().catch((error: unknown) => log.error("Campaign run failed", error)),
    ...(options.rosterRefreshDelayMs === undefined ? {} : { refreshDelayMs: options.rosterRefreshDelayMs }),
  });
  const conversations = roster.conversations;
  const acknowledgedRecords = notifyingAcknowledgements(options.records, (ack) => roster.service.refreshSoon(ack.person.id));
  const acknowledgements = new AcknowledgementService(options.policies, acknowledgedRecords, options.clock);
  const handlerIds = reportHandlerIds(options);
  const fanOut = createFanOut({
    adapter: proactiveAdapter(botFrameworkAuthentication(registration)),
    botAppId: registration?.appId ?? "",
    conversations,
    db: options.db,
    messagesPerSecond: options.delivery?.messagesPerSecond ?? 45,
    // The roster keeps each person's reach state from what Teams answers.
    outcomes: options.deliveryOutcomes ?? roster.outcomes,
    log,
    ...(options.deliveryTuning ? { tuning: options.deliveryTuning } : {}),
  });
  // Alerts and laptop notes go through the same messenger, so the app as a whole keeps to one pace.
  const messenger = fanOut.messenger;
  const campaign = new CampaignRunner({
    roster: roster.service,
    reach: roster.reach,
    policies: options.policies,
    records: options.records,
    ledger,
    delivery: fanOut.engine,
    deliveries: fanOut.store,
    clock: options.clock,
    schedule: options.campaign,
    headteacherIds: options.headteacherIds,
    publicUrl: options.publicUrl,
    log,
  });
  fanOut.engine.start();
  const campaignTimer = new CampaignScheduler(campaign, options.campaign.checkEveryMinutes * 60_000, log);
  if (options.campaign.checkEveryMinutes > 0) campaignTimer.start();
  roster.service.start();
  const reminders = new ReminderRuns(campaign, log, {
    // The staff groups unreadable just now: "remind" goes ahead with the roster as last read.
    sync: () => roster.service.sync().catch((error: unknown) => log.error("The staff roster could not be synced for \"remind\"; the last roster stands", error)),
  });
  const reports = new ReportStatusService(options.records, options.clock, handlerIds, options.headteacherIds, options.seniorLeaderIds, options.itTechnicianIds);
  const laptops = new LaptopLoanService({ ...options, conversations, messenger, issuedCards: new SqliteIssuedCards(options.db) });
  const decisions = new RequestDecisionService(options.records, options.clock, new QueuedDecisionNotices(fanOut.engine));
  const decisionExpiry = new DecisionExpiryJob(decisions, log);
  decisionExpiry.start();
  const people = new PeopleDirectory(conversations, new TeamsMemberLookup(adapter, registration?.appId ?? ""), options.clock, log);
  const bot = new AupBot({
    acknowledgements,
    cardActions: new CardActionHandler(acknowledgements, reports, options.publicUrl, laptops, people, new DecisionCardActions(decisions, options)),
    conversations,
    people,
    campaign,
    campaignCommands: new CampaignCommands(campaign, options.headteacherIds, reminders),
    laptopCommands: new LaptopCommands(laptops, conversations, options.clock, options.publicUrl),
    publicUrl: options.publicUrl,
    tenantId: registration?.tenantId,
    log,
  });
  const alertQueue = new SqliteAlertQueue(options.db);
  // Routed per report from its kind's privacy tier and deciders (bot/alerts/alert-routing.ts).
  const recipients = { headteachers: options.headteacherIds, itTechnicians: options.itTechnicianIds, seniorLeaders: options.seniorLeaderIds ?? [] };
  const alerts = new AlertDispatcher(alertQueue, messenger, recipients, systemClock, log, options.alertRetry ?? DEFAULT_ALERT_RETRY);
  alerts.start();

  return {
    // A turn that fails reaches the app's error handler, which logs it once with a reference.
    handleMessages: (req, res) => adapter.handle(req, res, source, log, (context) => bot.run(context)),
    alerts,
    alertQueue,
    conversations,
    campaign,
    roster,
    messenger,
    fanOut,
    campaignLedger: ledger,
    reminders,
    decisions,
    decisionExpiry,
    close: async () => {
      await decisionExpiry.stop();
      people.close();
      // Nothing new leaves; what is queued stays in the delivery table for the next start.
      fanOut.pacer.close();
      await fanOut.engine.stop();
      await campaignTimer.stop();
      await roster.service.stop();
      await alerts.stop();
    },
  };
}
