// Dates and times as a school in England reads them, whatever the server's time zone. Browser-safe (the tab
// bundles report-kinds.ts, which uses it).

const UK_DATE_TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });
const UK_DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "Europe/London" });
const UK_CALENDAR_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

/** "28 Nov 2026, 17:20" (or "28 Nov 2026" for a date only) in UK time; anything that is not a date is shown as it is. */
export function formatUkTime(iso: string, dateOnly = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return (dateOnly ? UK_DATE : UK_DATE_TIME).format(date);
}

const UK_LONG_DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "Europe/London" });

/** "28 November 2026" in UK time, as a formal letter dates things; anything that is not a date is shown as it is. */
export function formatUkLongDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : UK_LONG_DATE.format(date);
}

/** "2026-11-28": the date it is in the UK at `instant`. */
export function ukCalendarDate(instant: Date): string {
  return UK_CALENDAR_DATE.format(instant);
}

const UK_SPREADSHEET = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/**
 * "30/11/2026 14:05" (or "30/11/2026" for a date only) in UK time: what Excel set to English (UK) reads as a
 * date, so a CSV column sorts and filters as dates. Anything that is not a date is left as it is.
 */
export function formatUkSpreadsheetTime(iso: string, dateOnly = false): string {
  if (dateOnly && /^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso.split("-").reverse().join("/"); // a calendar day has no zone
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const part = Object.fromEntries(UK_SPREADSHEET.formatToParts(date).map((p) => [p.type, p.value]));
  const day = `${part.day}/${part.month}/${part.year}`;
  return dateOnly ? day : `${day} ${part.hour}:${part.minute}`;
}
