// The acknowledgement cycle is the English school's academic year, 1 September to 31 August.

const FIRST_MONTH = 8; // September, zero-based

/** "2026/27" for any day from 1 September 2026 to 31 August 2027 (UK time is close enough to UTC). */
export function academicYearOf(date: Date): string {
  const year = date.getUTCMonth() >= FIRST_MONTH ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
  return `${year}/${String((year + 1) % 100).padStart(2, "0")}`;
}

export function isAcademicYear(cycle: string): boolean {
  const match = /^(\d{4})\/(\d{2})$/.exec(cycle);
  return !!match && (Number(match[1]) + 1) % 100 === Number(match[2]);
}
