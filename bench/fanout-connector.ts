// The Bot Connector stand-in for bench/fanout.bench.ts, in a process of its own as Teams is a service of its own:
// the benchmark process's memory and event loop are then the app's alone. It enforces Teams' limits (50 a
// second per app, 7 a second per conversation, 429 + Retry-After), answers each accepted message after
// 60-120 ms, and folds what it took into counts per conversation as it arrives. Talks to its parent over IPC.
import { BotConnectorStandIn } from "../tests/support/bot-connector-stand-in.js";

const ceiling = Number(process.env.FANOUT_CEILING ?? 50);

export type ConnectorReport = { throttled: number; cards: [string, number][] };
export type ConnectorCommand = "report" | "stop";

const connector = await BotConnectorStandIn.start({
  limits: { perWindow: ceiling, perConversationPerWindow: 7, windowMs: 1_000, retryAfter: "1" },
  answerDelayMs: () => 60 + Math.random() * 60,
});
const cards = new Map<string, number>();
function fold(): void {
  for (const activity of connector.sent.splice(0)) {
    if (!activity.activity.attachments?.length) continue;
    cards.set(activity.conversationId, (cards.get(activity.conversationId) ?? 0) + 1);
  }
}
const folding = setInterval(fold, 200);

process.on("message", (command: ConnectorCommand) => {
  if (command === "report") {
    fold();
    const report: ConnectorReport = { throttled: connector.throttled, cards: [...cards] };
    process.send?.(report);
  } else {
    clearInterval(folding);
    void connector.close().then(() => process.disconnect());
  }
});
process.send?.({ serviceUrl: connector.serviceUrl });
