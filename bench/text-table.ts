// Benchmarks print plain text tables (the lint allows console.info, not console.table).

export function table(rows: readonly Record<string, string | number>[]): string {
  const headers = Object.keys(rows[0] ?? {});
  const widths = headers.map((header) => Math.max(header.length, ...rows.map((row) => String(row[header]).length)));
  const line = (cells: readonly string[]): string => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ");
  return [line(headers), widths.map((width) => "-".repeat(width)).join("-|-"), ...rows.map((row) => line(headers.map((h) => String(row[h]))))].join("\n");
}
