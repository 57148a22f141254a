// What the fan-out engine learns about each person as it sends, for whoever keeps the staff's reach state
// (the staff roster and its SharePoint status list). The engine reports; it never decides who is staff.

/** Why Teams would not take a message for someone; none of these is retried on its own. */
export type UnreachableReason =
  /** 403: the person blocked the bot in their chat. */
  | "ConversationBlockedByUser"
  /** 403: the Teams admin disabled or blocked the app. */
  | "BotDisabledByAdmin"
  /** 403: the bot is no longer in the chat (the app was uninstalled). */
  | "BotNotInConversationRoster"
  /** 404: the chat no longer exists. */
  | "ConversationNotFound"
  /** The bot has no chat with this person yet (never installed, or install not yet done). */
  | "NoConversation";

export interface DeliveryOutcomes {
  /** A message reached the person's chat. */
  delivered(personId: string, at: Date): void;
  /** Teams refused for a reason that retrying will not change; `detail` is Teams' own words, for the log. */
  unreachable(personId: string, reason: UnreachableReason, detail: string, at: Date): void;
}
