// Dates as a UK school reads them, whatever the server's time zone.

const LONG_DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "Europe/London",
});

/** "28 November 2026 at 17:30" in UK time, from an ISO instant or a Date. */
export function formatDateTime(instant: string | Date): string {
  return LONG_DATE_TIME.format(typeof instant === "string" ? new Date(instant) : instant);
}

/**
 * Signs that say a state beside the words (colour alone never does: Teams' "good" green is unreadable
 * on white). Screen readers announce them as "check mark", "warning", "hourglass".
 */
export const DONE_SIGN = "\u2705";
export const WARNING_SIGN = "\u26A0\uFE0F";
export const WAITING_SIGN = "\u23F3";

const LONG_DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "Europe/London" });

/** "28 November 2026" in UK time. */
export function formatDate(instant: string | Date): string {
  return LONG_DATE.format(typeof instant === "string" ? new Date(instant) : instant);
}
