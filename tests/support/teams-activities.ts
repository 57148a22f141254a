// Teams-shaped activities, as the Bot Connector posts them to /api/messages, and a way to post them.
import { randomUUID } from "node:crypto";

export const TEST_TENANT_ID = "11111111-2222-3333-4444-555555555555";
export const BOT_ID = "28:aup-bot";

export interface TestUser {
  /** Teams user id ("29:..."), what the connector calls the member. */
  readonly id: string;
  readonly name: string;
  /** Entra object id; undefined to mimic an activity without one. */
  readonly aadObjectId: string | undefined;
  readonly upn: string;
}

export function testUser(name: string, aadObjectId: string): TestUser {
  const first = name.split(" ")[0]?.toLowerCase() ?? "user";
  return { id: `29:${first}-${aadObjectId.slice(0, 8)}`, name, aadObjectId, upn: `${first}@crich-carr.example` };
}

export type Activity = Record<string, unknown>;

/** The parts every activity in a user's personal chat with the bot shares. */
function personalActivity(serviceUrl: string, user: TestUser, type: string, extra: Activity): Activity {
  return {
    type,
    id: `incoming-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: "msteams",
    from: { id: user.id, name: user.name, ...(user.aadObjectId ? { aadObjectId: user.aadObjectId } : {}) },
    conversation: { id: personalConversationId(user), conversationType: "personal", tenantId: TEST_TENANT_ID },
    recipient: { id: BOT_ID, name: "IT Policy" },
    channelData: { tenant: { id: TEST_TENANT_ID } },
    locale: "en-GB",
    ...extra,
  };
}

export function personalConversationId(user: TestUser): string {
  return `a:personal-${user.id}`;
}

export function installationUpdate(serviceUrl: string, user: TestUser, action: "add" | "remove" = "add"): Activity {
  return personalActivity(serviceUrl, user, "installationUpdate", { action });
}

/** Teams' conversationUpdate when the bot joins (or leaves) the person's personal chat. */
export function botMembershipUpdate(serviceUrl: string, user: TestUser, change: "membersAdded" | "membersRemoved"): Activity {
  return personalActivity(serviceUrl, user, "conversationUpdate", { [change]: [{ id: BOT_ID }] });
}

export function textMessage(serviceUrl: string, user: TestUser, text: string): Activity {
  return personalActivity(serviceUrl, user, "message", { text, textFormat: "plain" });
}

/** What Teams sends when the person presses an Action.Execute button on a card the bot sent. */
export function cardActionInvoke(serviceUrl: string, user: TestUser, action: { verb: string; data: unknown }, replyToId = "activity-1"): Activity {
  return personalActivity(serviceUrl, user, "invoke", {
    name: "adaptiveCard/action",
    replyToId,
    value: { action: { type: "Action.Execute", id: randomUUID(), verb: action.verb, data: action.data }, trigger: "manual" },
  });
}

/** What older hosts send for the Action.Submit fallback: a message whose value is the action's data. */
export function submitFallback(serviceUrl: string, user: TestUser, data: Record<string, unknown>, replyToId: string): Activity {
  return personalActivity(serviceUrl, user, "message", { replyToId, value: data });
}

export interface BotReply {
  readonly status: number;
  readonly body: unknown;
}

/** Posts an activity to the app's /api/messages as the Bot Connector would (no auth locally). */
export async function postActivity(appUrl: string, activity: Activity): Promise<BotReply> {
  const response = await fetch(`${appUrl}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}
