import assert from "node:assert/strict";
import fc from "fast-check";
import { toCsv } from "../../server/pages/csv.js";

/** An independent RFC 4180 reader: quoted cells may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endRow = (): void => {
    rows.push([...row, cell]);
    row = [];
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const next = text[i + 1];
    if (quoted && char === '"' && next === '"') {
      cell += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ",") {
      row.push(cell);
      cell = "";
    } else if (!quoted && char === "\r" && next === "\n") {
      endRow();
      i++;
    } else {
      cell += char;
    }
  }
  assert.equal(cell + row.join(""), "", "the CSV must end with CRLF");
  return rows;
}

const FORMULA_START = ["=", "+", "-", "@", "\t", "\r"];

describe("CSV downloads", () => {
  it("read back cell for cell, whatever the text, with formula-like cells made plain text", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "Z", " ", ",", '"', "\n", "\r", "=", "+", "-", "@", "\t", "é", "'") });
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), fc.array(fc.array(text, { minLength: 5, maxLength: 5 }), { maxLength: 5 }), (header, rows) => {
        const width = header.length;
        const table = rows.map((row) => row.slice(0, width));
        const expected = [header, ...table].map((row) => row.map((cell) => (FORMULA_START.some((c) => cell.startsWith(c)) ? `'${cell}` : cell)));
        assert.deepEqual(parseCsv(toCsv(header, table)), expected);
      }),
      { numRuns: 300 },
    );
  });

  it("leave ordinary values untouched and unquoted", () => {
    assert.equal(toCsv(["Person", "Cycle"], [["Alice Teacher", "2026/27"]]), "Person,Cycle\r\nAlice Teacher,2026/27\r\n");
  });
});
