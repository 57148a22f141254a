// POST /api/messages: the activity's shape and origin are checked before botbuilder sees it, and a
// refused token is one line in the app's log rather than botbuilder's console.error with a stack.
import { CloudAdapter, type Activity, type Request, type Response, type TurnContext } from "botbuilder";
import { AuthenticationError } from "botframework-connector";
import { checkActivity, type ActivitySource } from "./activity-shape.js";

export interface BotEndpointLog {
  info(message: string): void;
}

/** CloudAdapter without its own request handling: process() prints every refusal to the console. */
export class BotEndpointAdapter extends CloudAdapter {
  /**
   * Answers the request: 400 or 403 (thrown as typed errors, for the app's error mapping) before any
   * authentication or turn; 401 for a token botbuilder refuses; otherwise what the turn answers.
   * Anything else is thrown for the app's error handler (a 500 with a reference, logged once).
   */
  async handle(req: Request, res: Response, source: ActivitySource, log: BotEndpointLog, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = checkActivity(req.body, source) as unknown as Activity;
    fixTimestamps(activity);
    const header = req.headers.authorization ?? req.headers.Authorization;
    const authorization = typeof header === "string" ? header : "";
    let answer: { status: number; body?: unknown } | undefined;
    try {
      answer = await this.processActivity(authorization, activity, logic);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      log.info(`Bot request refused (401): ${error.message}`);
      res.status(401);
      res.send({ error: { code: "Unauthorized", message: error.message } });
      res.end();
      return;
    }
    res.status(answer?.status ?? 200);
    if (answer?.body !== undefined) res.send(answer.body);
    res.end();
  }
}

/** What botbuilder's validateAndFixActivity does: the bot reads timestamps as Dates. */
function fixTimestamps(activity: Activity): void {
  const raw = activity as unknown as Record<string, unknown>;
  for (const [field, rawField] of [
    ["timestamp", "rawTimestamp"],
    ["localTimestamp", "rawLocalTimestamp"],
    ["expiration", "rawExpiration"],
  ] as const) {
    if (typeof raw[field] === "string") {
      raw[rawField] = raw[field];
      raw[field] = new Date(raw[field]);
    }
  }
}
