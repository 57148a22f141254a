// Staff who have the app (a saved chat) but were never sent their cards, for the fan-out tests and benchmark.
import { TurnContext, type Activity } from "botbuilder";
import type { BotTestApp } from "./bot-test-app.js";
import type { SentActivity } from "../support/bot-connector-stand-in.js";
import { personalConversationId, testUser, textMessage, type TestUser } from "../support/teams-activities.js";

export function staffMembers(count: number, prefix = "cccccccc"): TestUser[] {
  return Array.from({ length: count }, (_, n) => testUser(`Staff${n} Member`, `${prefix}-0000-4000-8000-${String(n).padStart(12, "0")}`));
}

/** As if each had opened the app once: the bot has their chat, and nothing has been sent to them yet. */
export async function haveChats(app: BotTestApp, staff: readonly TestUser[]): Promise<void> {
  for (const person of staff) {
    const activity = textMessage(app.serviceUrl, person, "hello") as unknown as Activity;
    await app.running.services.bot.conversations.save(person.aadObjectId ?? "", TurnContext.getConversationReference(activity));
  }
}

/** Policy cards each person received, by "conversation|policy id", to find who is missing and who got one twice. */
export function policyCardCounts(sent: readonly SentActivity[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const activity of sent) {
    for (const card of activity.activity.attachments ?? []) {
      const policyId = JSON.stringify(card.content).match(/"policyId":"([^"]+)"/)?.[1];
      if (!policyId) continue;
      const key = `${activity.conversationId}|${policyId}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

export function missingAndDuplicates(staff: readonly TestUser[], policyIds: readonly string[], sent: readonly SentActivity[]): { missing: string[]; duplicates: number } {
  const counts = policyCardCounts(sent);
  const missing = staff.flatMap((person) => policyIds.map((id) => `${personalConversationId(person)}|${id}`)).filter((key) => !counts.has(key));
  const duplicates = [...counts.values()].reduce((total, n) => total + n - 1, 0);
  return { missing, duplicates };
}
