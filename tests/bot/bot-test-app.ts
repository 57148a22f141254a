// Starts the real app (express + CloudAdapter + SQLite) on port 0 with a local Bot Connector stand-in.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../server/config.js";
import { startApp, type RunningApp } from "../../server/start.js";
import type { AlertRetryOptions } from "../../bot/alerts/alert-dispatcher.js";
import type { Clock, IncidentReport } from "../../records/types.js";
import type { DeliveryTuning } from "../../bot/delivery/fan-out.js";
import type { DeliveryOutcomes } from "../../bot/delivery/delivery-outcomes.js";
import { BotConnectorStandIn, type ConnectorOptions } from "../support/bot-connector-stand-in.js";
import { MovableClock } from "../support/movable-clock.js";
import { cardActionInvoke, installationUpdate, postActivity, testUser, type TestUser } from "../support/teams-activities.js";

export const HEADTEACHER = testUser("Lynne Robbins", "aaaaaaaa-0000-4000-8000-000000000001");
export const IT_TECHNICIAN = testUser("Isaiah Langer", "aaaaaaaa-0000-4000-8000-000000000002");
export const TEACHER = testUser("Alex Wilber", "aaaaaaaa-0000-4000-8000-000000000003");

/** A Saturday of the autumn term: the 2026/27 cycle. */
export const NOW = new Date("2026-11-28T10:00:00.000Z");
export const fixedClock: Clock = { now: () => NOW };

/** Quick retries, so a test that makes every attempt fail need not wait minutes. */
export const TEST_DELIVERY_TUNING: DeliveryTuning = { retry: { maxAttempts: 2, firstDelayMs: 10, maxDelayMs: 100 } };

export interface BotTestApp {
  readonly running: RunningApp;
  readonly url: string;
  readonly connector: BotConnectorStandIn;
  readonly serviceUrl: string;
  readonly errors: string[];
  close(): Promise<void>;
}

export interface BotTestAppOptions {
  /** Writes into the data folder before the app opens it, e.g. a database as an earlier version left it. */
  readonly prepareDataDir?: (dataDir: string, serviceUrl: string) => void;
  /** The fan-out engine's timings (quick retries unless given). */
  readonly tuning?: DeliveryTuning;
  readonly outcomes?: DeliveryOutcomes;
  /** An existing data folder, e.g. the one a killed app left. */
  readonly dataDir?: string;
  readonly connector?: ConnectorOptions;
  /** More settings, e.g. the proactive pace. */
  readonly env?: Record<string, string>;
}

export async function startBotTestApp(
  alertRetry: AlertRetryOptions = { firstDelayMs: 20, maxDelayMs: 200, maxAttempts: 5 },
  clock: Clock = fixedClock,
  options: BotTestAppOptions = {},
): Promise<BotTestApp> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "aup-bot-"));
  const connector = await BotConnectorStandIn.start(options.connector);
  options.prepareDataDir?.(dataDir, connector.serviceUrl);
  const config = loadConfig(
    {
      PORT: "0",
      DATA_DIR: dataDir,
      HEADTEACHER_AAD_OBJECT_ID: HEADTEACHER.aadObjectId,
      IT_TECHNICIAN_AAD_OBJECT_ID: IT_TECHNICIAN.aadObjectId,
      // Tests run the campaign themselves, at the times they choose.
      CAMPAIGN_CHECK_EVERY_MINUTES: "0",
      // The staff are whoever the tests install; tests of the demo roster start their own app.
      STAFF_ROSTER_FILE: "none",
      ...options.env,
    },
    process.cwd(),
  );
  const errors: string[] = [];
  const running = await startApp(config, {
    clock,
    log: { info: () => undefined, error: (message, error) => errors.push(`${message}: ${String(error)}`) },
    alertRetry,
    deliveryTuning: options.tuning ?? TEST_DELIVERY_TUNING,
    ...(options.outcomes ? { deliveryOutcomes: options.outcomes } : {}),
  });
  for (const user of [HEADTEACHER, IT_TECHNICIAN, TEACHER]) {
    connector.addMember({ id: user.id, name: user.name, aadObjectId: user.aadObjectId ?? "", userPrincipalName: user.upn });
  }
  return {
    running,
    url: running.url,
    connector,
    serviceUrl: connector.serviceUrl,
    errors,
    close: async () => {
      await running.close();
      await connector.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The app on a clock the test moves (campaign reminders, the digest, "not due yet"). */
export async function startMovableBotTestApp(): Promise<{ app: BotTestApp; clock: MovableClock }> {
  const clock = new MovableClock(NOW);
  return { app: await startBotTestApp(undefined, clock), clock };
}

/** The turns most bot tests take, as Teams sends them, against whichever app `current` gives. */
export function botTurns(current: () => BotTestApp) {
  return {
    install: (user: TestUser) => postActivity(current().url, installationUpdate(current().serviceUrl, user)),
    /** "I confirm" on this cycle's card of one document. */
    acknowledge: (user: TestUser, policyId: string) =>
      postActivity(
        current().url,
        cardActionInvoke(current().serviceUrl, user, {
          verb: "policy.acknowledge",
          data: { policyId, policyVersion: "2026.1", cycle: "2026/27", verb: "policy.acknowledge" },
        }),
      ),
  };
}

/** A report the teacher filed five minutes before NOW, still "New": give what makes it this report. */
export function teacherFiled(report: Pick<IncidentReport, "recordId" | "kind" | "occurredAt" | "summary" | "details" | "urgent">): IncidentReport {
  const reportedAt = "2026-11-28T09:55:00.000Z";
  return {
    ...report,
    reporter: { id: TEACHER.aadObjectId ?? "", displayName: TEACHER.name, upn: TEACHER.upn },
    reportedAt,
    status: "New",
    statusChangedAt: reportedAt,
    statusChangedBy: TEACHER.name,
  };
}
