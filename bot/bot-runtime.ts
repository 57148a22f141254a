// Builds the bot's parts for the server: adapter, activity handler, stores, alerts.
import { CloudAdapter, type Request, type Response } from "botbuilder";
import type { PolicyCatalog } from "../policies/policy-catalog.js";
import type { SqliteDatabase } from "../records/sqlite/database.js";
import { systemClock, type Clock, type RecordStore } from "../records/types.js";
import { AcknowledgementService } from "./acknowledgement-service.js";
import { AlertDispatcher, DEFAULT_ALERT_RETRY, type AlertRetryOptions } from "./alerts/alert-dispatcher.js";
import { SqliteAlertQueue } from "./alerts/alert-queue.js";
import { CardActionHandler } from "./card-action-handler.js";
import { SqliteConversationStore, type ConversationStore } from "./conversation-store.js";
import { ProactiveMessenger, type ProactiveSender } from "./proactive-messenger.js";
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
import type { CampaignConfig } from "../server/config.js";
import { botFrameworkAuthentication, type BotRegistration } from "./bot-channel-auth.js";

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
}

export interface BotRuntime {
  /** POST /api/messages, after express.json(). */
  handleMessages(req: Request, res: Response): Promise<void>;
  readonly alerts: AlertDispatcher;
  readonly alertQueue: SqliteAlertQueue;
  readonly conversations: ConversationStore;
  /** The yearly invite, chase and escalation; runs on its own timer and on the headteacher's "remind". */
  readonly campaign: CampaignRunner;
  /** What the campaign sent to whom; the headteacher's view reads it. */
  readonly campaignLedger: CampaignLedger;
  /** Proactive sends, for the headteacher's "remind now" for one person. */
  readonly messenger: ProactiveSender;
  close(): Promise<void>;
}

export function createBotRuntime(options: BotRuntimeOptions): BotRuntime {
  const { registration, log } = options;
  const adapter = new CloudAdapter(botFrameworkAuthentication(registration));
  const conversations = new SqliteConversationStore(options.db);
  const acknowledgements = new AcknowledgementService(options.policies, options.records, options.clock);
  const handlerIds = reportHandlerIds(options);
  const messenger = new ProactiveMessenger(adapter, registration?.appId ?? "", conversations);
  const campaignLedger = new CampaignLedger(options.db);
  const campaign = new CampaignRunner({
    roster: conversations,
    policies: options.policies,
    records: options.records,
    ledger: campaignLedger,
    sender: messenger,
    clock: options.clock,
    schedule: options.campaign,
    headteacherIds: options.headteacherIds,
    publicUrl: options.publicUrl,
    // About four a second: well inside Teams' per-bot limits for proactive messages.
    sendIntervalMs: 250,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    log,
  });
  const campaignTimer = new CampaignScheduler(campaign, options.campaign.checkEveryMinutes * 60_000, log);
  if (options.campaign.checkEveryMinutes > 0) campaignTimer.start();
  const reports = new ReportStatusService(options.records, options.clock, handlerIds, options.headteacherIds);
  const laptops = new LaptopLoanService({ ...options, conversations, messenger, issuedCards: new SqliteIssuedCards(options.db) });
  const people = new PeopleDirectory(conversations, new TeamsMemberLookup(adapter, registration?.appId ?? ""), options.clock, log);
  const bot = new AupBot({
    acknowledgements,
    cardActions: new CardActionHandler(acknowledgements, reports, options.publicUrl, laptops, people),
    conversations,
    people,
    campaign,
    campaignCommands: new CampaignCommands(campaign, options.headteacherIds),
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
    handleMessages: (req, res) =>
      adapter.process(req, res, async (context) => {
        try {
          await bot.run(context);
        } catch (error) {
          log.error("Bot turn failed", error);
          throw error;
        }
      }),
    alerts,
    alertQueue,
    conversations,
    campaign,
    campaignLedger,
    messenger,
    close: async () => {
      people.close();
      await campaignTimer.stop();
      await alerts.stop();
    },
  };
}
