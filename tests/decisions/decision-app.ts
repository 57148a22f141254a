// The real app in local mode (express, botbuilder's adapter, SQLite, the fan-out engine) with the Bot Connector
// stand-in, a clock the test moves, and the tab's local tokens: requests filed and decided as people would.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AdaptiveCard } from "../../bot/cards/adaptive-card.js";
import type { ReportKind } from "../../records/types.js";
import { loadConfig } from "../../server/config.js";
import { startApp, type RunningApp } from "../../server/start.js";
import type { ReportCreated } from "../../tab/api/api-types.js";
import { BotConnectorStandIn } from "../support/bot-connector-stand-in.js";
import { cardText } from "../support/adaptive-cards.js";
import { cardActionInvoke, installationUpdate, personalConversationId, postActivity, testUser, type TestUser } from "../support/teams-activities.js";
import { ManualClock } from "../tab/tab-api-harness.js";
import { validReportBody } from "../tab/report-bodies.js";

// Local demo people (tab/api/auth/local-issuer.ts), so the tab's local tokens and the bot agree on who is who.
export const HEADTEACHER = testUser("Lynne Robbins", "00000000-0000-0000-0000-0000000000025");
export const IT_TECHNICIAN = testUser("Isaiah Langer", "00000000-0000-0000-0000-0000000000023");
export const TEACHER = testUser("Adele Vance", "00000000-0000-0000-0000-0000000000022");
export const COLLEAGUE = testUser("Megan Bowen", "00000000-0000-0000-0000-0000000000021");

/** Who decides: the headteacher alone (11.2, 14.1), or either (9.2). */
const DECIDERS = {
  HEADTEACHER_AAD_OBJECT_ID: HEADTEACHER.aadObjectId ?? "",
  IT_TECHNICIAN_AAD_OBJECT_ID: IT_TECHNICIAN.aadObjectId ?? "",
};

/** Thursday 3 December 2026, 10:00 in the UK. */
export const DECIDED_NOW = new Date("2026-12-03T10:00:00.000Z");

export interface InvokeAnswer {
  readonly statusCode: number;
  readonly value: AdaptiveCard & { message?: string };
}

export class DecisionApp {
  private constructor(
    readonly running: RunningApp,
    readonly connector: BotConnectorStandIn,
    readonly clock: ManualClock,
    readonly dataDir: string,
    readonly errors: string[],
  ) {}

  /** `dataDir`: the folder a previous start left, to start again over it. */
  static async start(options: { dataDir?: string; clock?: ManualClock } = {}): Promise<DecisionApp> {
    const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "aup-decisions-"));
    const connector = await BotConnectorStandIn.start();
    const clock = options.clock ?? new ManualClock(DECIDED_NOW);
    // The campaign is left alone and the staff are whoever the test installs.
    const config = loadConfig({ PORT: "0", DATA_DIR: dataDir, ...DECIDERS, CAMPAIGN_CHECK_EVERY_MINUTES: "0", STAFF_ROSTER_FILE: "none" });
    const errors: string[] = [];
    const running = await startApp(config, {
      clock,
      log: { info: () => undefined, error: (message, error) => void errors.push(`${message}: ${String(error)}`) },
      alertRetry: { firstDelayMs: 20, maxDelayMs: 200, maxAttempts: 5 },
      deliveryTuning: { retry: { maxAttempts: 3, firstDelayMs: 10, maxDelayMs: 100 } },
    });
    for (const user of [HEADTEACHER, IT_TECHNICIAN, TEACHER, COLLEAGUE]) {
      connector.addMember({ id: user.id, name: user.name, aadObjectId: user.aadObjectId ?? "", userPrincipalName: user.upn });
    }
    return new DecisionApp(running, connector, clock, dataDir, errors);
  }

  get url(): string {
    return this.running.url;
  }

  async install(...users: TestUser[]): Promise<void> {
    for (const user of users) await postActivity(this.url, installationUpdate(this.connector.serviceUrl, user));
  }

  /** A call to the tab's API as this person, with a token from the app's local issuer. */
  async api<T>(user: TestUser, method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await this.fetchAs(user, method, route, body);
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** A download (e.g. a CSV) as this person. */
  async download(user: TestUser, route: string): Promise<string> {
    return (await this.fetchAs(user, "GET", route)).text();
  }

  private async fetchAs(user: TestUser, method: string, route: string, body?: unknown): Promise<Response> {
    const issued = await fetch(`${this.url}/local-auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ personId: user.aadObjectId }),
    });
    const { accessToken } = (await issued.json()) as { accessToken: string };
    return fetch(this.url + route, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  /** The teacher asks for a permission through the tab, as the Report page posts it. */
  async ask(kind: ReportKind, by: TestUser = TEACHER): Promise<string> {
    const answer = await this.api<ReportCreated>(by, "POST", "/api/reports", validReportBody(kind, this.clock.now()));
    if (answer.status !== 201) throw new Error(`The request was not filed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.report.recordId;
  }

  /** The request's alert card as it reached this person's chat. */
  async alertCardFor(user: TestUser, recordId: string): Promise<AdaptiveCard> {
    const sent = await this.connector.waitFor(
      (s) => s.conversationId === personalConversationId(user) && JSON.stringify(s.activity.attachments ?? []).includes(recordId),
    );
    return sent.activity.attachments?.[0]?.content as AdaptiveCard;
  }

  /** Presses Approve or Decline on the card, with what was typed into its inputs (Teams merges them into data). */
  async press(user: TestUser, data: Record<string, string>): Promise<InvokeAnswer> {
    const reply = await postActivity(this.url, cardActionInvoke(this.connector.serviceUrl, user, { verb: "request.decide", data: { ...data, verb: "request.decide" } }));
    return reply.body as InvokeAnswer;
  }

  /** The card as a Universal Actions refresh brings it up to date for this person. */
  async refresh(user: TestUser, reportId: string): Promise<AdaptiveCard> {
    const reply = await postActivity(this.url, cardActionInvoke(this.connector.serviceUrl, user, { verb: "report.refresh", data: { reportId, verb: "report.refresh" } }));
    return (reply.body as InvokeAnswer).value;
  }

  /** Every card text sent to this person's chat so far. */
  textsSentTo(user: TestUser): string[] {
    return this.connector.sentTo(personalConversationId(user)).map((s) => cardText(s.activity.attachments ?? []));
  }

  /** Stops the app and the stand-in; the data folder stays for a restart unless `remove`. */
  async close(remove = true): Promise<void> {
    await this.running.close();
    await this.connector.close();
    if (remove) fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
