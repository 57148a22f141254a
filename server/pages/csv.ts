// RFC 4180 CSV that is also safe to open in Excel: a cell that starts like a formula is made plain text.

// Spreadsheets treat these leading characters as a formula (tab and carriage return too, per OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Header row then one row per record, CRLF line ends as RFC 4180 asks. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/**
 * A whole CSV file as served: a UTF-8 byte-order mark first, which is how Excel on Windows knows the file is
 * UTF-8 (without it "Zoë’s" opens as "ZoÃ«â€™s"); other readers skip it.
 */
export function csvDocument(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return `\uFEFF${toCsv(header, rows)}`;
}
