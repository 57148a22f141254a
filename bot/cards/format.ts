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

const LONG_DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "Europe/London" });

/** "28 November 2026" in UK time. */
export function formatDate(instant: string | Date): string {
  return LONG_DATE.format(typeof instant === "string" ? new Date(instant) : instant);
}
