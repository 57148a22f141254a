// The acknowledgement cycle is the English school's academic year, 1 September to 31 August.

const FIRST_MONTH = 9; // September

/** The year and month it is in the UK: 1 September begins at 23:00 UTC on 31 August (BST). */
const UK_YEAR_MONTH = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "numeric" });

/** "2026/27" for any instant from 1 September 2026 to 31 August 2027, UK time, whatever the server's time zone. */
export function academicYearOf(date: Date): string {
  const parts = UK_YEAR_MONTH.formatToParts(date);
  const part = (type: "year" | "month") => Number(parts.find((p) => p.type === type)?.value);
  const year = part("month") >= FIRST_MONTH ? part("year") : part("year") - 1;
  return `${year}/${String((year + 1) % 100).padStart(2, "0")}`;
}

export function isAcademicYear(cycle: string): boolean {
  const match = /^(\d{4})\/(\d{2})$/.exec(cycle);
  return !!match && (Number(match[1]) + 1) % 100 === Number(match[2]);
}
