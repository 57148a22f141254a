// What the laptop tests do over HTTP, once: the real app and Bot Connector stand-in, with the three
// people installed, and the technician and staff typing and pressing as Teams would send it.
import assert from "node:assert/strict";
import type { AdaptiveCard, ExecuteAction } from "../../bot/cards/adaptive-card.js";
import type { LaptopLoan } from "../../records/laptop-loan.js";
import type { SentActivity } from "../support/bot-connector-stand-in.js";
import { cardText } from "../support/adaptive-cards.js";
import { cardActionInvoke, installationUpdate, personalConversationId, postActivity, textMessage, type TestUser } from "../support/teams-activities.js";
import { HEADTEACHER, IT_TECHNICIAN, startBotTestApp, TEACHER, type BotTestApp } from "./bot-test-app.js";

export interface InvokeAnswer {
  statusCode: number;
  type: string;
  value: { code?: string; message?: string } & Partial<AdaptiveCard>;
}

export const AGREEMENT_TITLE = "Acceptable Use Agreement - School Laptop Equipment and Software";

export const cardsIn = (sent: readonly SentActivity[]): AdaptiveCard[] =>
  sent.flatMap((s) => s.activity.attachments ?? []).map((a) => a.content as AdaptiveCard);

export const titled = (title: string) => (card: AdaptiveCard) => cardText(card).startsWith(title);

/** What the technician fills in, as Teams sends the form's inputs with the "Issue" press. */
export function issueData(formId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    verb: "laptop.issue",
    formId,
    borrowerId: TEACHER.aadObjectId,
    model: "Dell Latitude 5440",
    serialNumber: "7XK2QF3",
    assetTag: "CC-0142",
    issuedOn: "2026-11-28",
    bagAndManuals: "true",
    software: "windows-11-education,defender-antivirus",
    additionalSoftware: "Adobe Acrobat Reader",
    ...overrides,
  };
}

export class LaptopBotSession {
  private constructor(readonly app: BotTestApp) {}

  static async start(): Promise<LaptopBotSession> {
    const app = await startBotTestApp();
    for (const user of [TEACHER, IT_TECHNICIAN, HEADTEACHER]) {
      assert.equal((await postActivity(app.url, installationUpdate(app.serviceUrl, user))).status, 200);
    }
    return new LaptopBotSession(app);
  }

  close(): Promise<void> {
    return this.app.close();
  }

  loans(): Promise<LaptopLoan[]> {
    return this.app.running.services.records.laptopLoans.list({});
  }

  sentTo(user: TestUser): SentActivity[] {
    return this.app.connector.sentTo(personalConversationId(user));
  }

  /** Everything the bot sent back to `user` for this message (not a card it updated in the background meanwhile). */
  async say(user: TestUser, text: string): Promise<SentActivity[]> {
    const before = this.sentTo(user).length;
    assert.equal((await postActivity(this.app.url, textMessage(this.app.serviceUrl, user, text))).status, 200);
    return this.sentTo(user).slice(before).filter((sent) => sent.method === "POST");
  }

  /** `cardId` is the id of the message holding the pressed card, which Teams sends as the invoke's replyToId. */
  async press(user: TestUser, verb: string, data: unknown, cardId?: string): Promise<InvokeAnswer> {
    const reply = await postActivity(this.app.url, cardActionInvoke(this.app.serviceUrl, user, { verb, data }, cardId));
    assert.equal(reply.status, 200);
    return reply.body as InvokeAnswer;
  }

  /** The technician asks for the form; returns it and the form id its "Issue" button carries. */
  async issueForm(): Promise<{ form: AdaptiveCard; formId: string }> {
    const [form] = cardsIn(await this.say(IT_TECHNICIAN, "issue laptop"));
    assert.ok(form && titled("Issue a school laptop")(form), "the technician gets the issue form");
    const issue = form.actions?.find((a): a is ExecuteAction => a.type === "Action.Execute");
    return { form, formId: String(issue?.data.formId) };
  }

  /** Issues a laptop to the teacher through the form and returns the loan recorded. */
  async issue(overrides: Record<string, unknown> = {}): Promise<LaptopLoan> {
    const { formId } = await this.issueForm();
    assert.equal((await this.press(IT_TECHNICIAN, "laptop.issue", issueData(formId, overrides))).statusCode, 200);
    const loan = (await this.loans()).find((candidate) => candidate.serialNumber === (overrides.serialNumber ?? "7XK2QF3"));
    assert.ok(loan, "the loan is recorded");
    return loan;
  }

  agreementsSentTo(user: TestUser): AdaptiveCard[] {
    return cardsIn(this.sentTo(user)).filter(titled(AGREEMENT_TITLE));
  }
}
