// The whole app in tenant mode behind real token checks: SharePoint and Entra on the Graph stand-in, the Bot
// Connector's keys and the bot's own token from the Bot Framework stand-in, replies to the connector stand-in.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { provisionForConfig } from "../../infra/sharepoint/provision.js";
import type { Clock } from "../../records/types.js";
import { loadConfig } from "../../server/config.js";
import { startApp, type RunningApp } from "../../server/start.js";
import { startStandIn, tenantEnv } from "../records/support/sharepoint-fixture.js";
import { BotConnectorStandIn } from "./bot-connector-stand-in.js";
import { BotFrameworkStandIn } from "./bot-framework-stand-in.js";
import type { GraphStandIn } from "./graph-stand-in/graph-stand-in.js";
import { TEST_TENANT_ID, testUser, type TestUser } from "./teams-activities.js";

/** The bot's Entra app as the stand-ins know it. */
export const SIGNED_BOT = { appId: "6c1d2e3f-4a5b-4c6d-8e7f-8a9b0c1d2e3f", appPassword: "bot-secret-for-tests", tenantId: TEST_TENANT_ID };

export interface SignedTenantBotOptions {
  /** Names the data folder, so a left-over one says which test made it. */
  readonly dataDirPrefix: string;
  /** The first eight hex digits of each new member of staff's object id, e.g. "cccccccc". */
  readonly staffIdPrefix: string;
  readonly clock: Clock;
  /** More settings, e.g. the staff groups. */
  readonly env?: Record<string, string>;
  readonly rosterRefreshDelayMs?: number;
  /** Collect warnings apart (`warnings`); otherwise the app logs them as errors, as with any logger without `warn`. */
  readonly separateWarnings?: boolean;
  /** Before the app starts: e.g. the staff groups in the Graph stand-in's directory. */
  readonly prepare?: (graph: GraphStandIn, connector: BotConnectorStandIn) => void;
}

export interface SignedTenantBot {
  readonly graph: GraphStandIn;
  readonly framework: BotFrameworkStandIn;
  readonly connector: BotConnectorStandIn;
  readonly app: RunningApp;
  /** What the app logged, by level (warnings only with `separateWarnings`). */
  readonly errors: string[];
  readonly infos: string[];
  readonly warnings: string[];
  /** A fresh member of staff, known to Teams' member lookup. */
  newStaff(name: string): TestUser;
  close(): Promise<void>;
}

export async function startSignedTenantBot(options: SignedTenantBotOptions): Promise<SignedTenantBot> {
  const graph = await startStandIn({ tenantId: TEST_TENANT_ID });
  const framework = await BotFrameworkStandIn.start(SIGNED_BOT);
  const connector = await BotConnectorStandIn.start({ authorize: (authorization) => framework.isBotToken(authorization) });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), options.dataDirPrefix));
  options.prepare?.(graph, connector);
  const config = loadConfig({
    ...tenantEnv(graph, dataDir, TEST_TENANT_ID),
    BOT_ID: SIGNED_BOT.appId,
    SECRET_BOT_PASSWORD: SIGNED_BOT.appPassword,
    CAMPAIGN_CHECK_EVERY_MINUTES: "0",
    // The connector stand-in is on loopback; the real app accepts only Teams' Bot Connector hosts.
    BOT_SERVICE_URL_HOSTS: "127.0.0.1",
    ...framework.env,
    ...options.env,
  });
  await provisionForConfig(config, () => undefined);
  const errors: string[] = [];
  const infos: string[] = [];
  const warnings: string[] = [];
  const app = await startApp(config, {
    clock: options.clock,
    log: {
      info: (message) => void infos.push(message),
      error: (message, error) => void errors.push(`${message}: ${String(error)}`),
      ...(options.separateWarnings ? { warn: (message: string) => void warnings.push(message) } : {}),
    },
    ...(options.rosterRefreshDelayMs === undefined ? {} : { rosterRefreshDelayMs: options.rosterRefreshDelayMs }),
  });
  let people = 0;
  return {
    graph,
    framework,
    connector,
    app,
    errors,
    infos,
    warnings,
    newStaff(name) {
      const user = testUser(name, `${options.staffIdPrefix}-0000-4000-8000-${String(++people).padStart(12, "0")}`);
      connector.addMember({ id: user.id, name: user.name, aadObjectId: user.aadObjectId ?? "", userPrincipalName: user.upn });
      return user;
    },
    async close() {
      await app.close();
      await Promise.all([connector.close(), framework.close(), graph.close()]);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
