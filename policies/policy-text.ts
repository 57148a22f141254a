// The policies' small text format, read once here for every place that shows it (the /policies pages
// and the tab): blank-line separated paragraphs, "- " bullet lists, "# " headings, and the numbered
// section titles of the original document ("3.10 Copyright").

export type PolicyBlock =
  | { readonly kind: "heading"; readonly level: 2 | 3; readonly text: string }
  | { readonly kind: "paragraph"; readonly text: string }
  | { readonly kind: "list"; readonly items: readonly string[] };

export function policyBlocks(text: string): PolicyBlock[] {
  const blocks: PolicyBlock[] = [];
  let items: string[] = [];
  const flushList = (): void => {
    if (items.length) blocks.push({ kind: "list", items });
    items = [];
  };
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    const bullet = /^[-*•·]\s+(.*)$/.exec(line);
    if (bullet) {
      items.push(bullet[1] ?? "");
      continue;
    }
    flushList();
    if (!line) continue;
    const level = headingLevel(line);
    blocks.push(level ? { kind: "heading", level, text: line.replace(/^#+\s*/, "") } : { kind: "paragraph", text: line });
  }
  flushList();
  return blocks;
}

// Section titles are short and have no full stop after the number: "1. Introduction", "3.8 Personal use of Internet".
function headingLevel(line: string): 2 | 3 | undefined {
  if (/^#{1,2}\s/.test(line)) return 2;
  if (/^#{3,6}\s/.test(line)) return 3;
  if (/^\d+\.\s+[^.:]{1,70}$/.test(line)) return 2;
  if (/^\d+\.\d+\s+[^.:]{1,50}$/.test(line)) return 3;
  return undefined;
}

/** Splits "**bold**" runs out of a line: the one inline emphasis the cards also render. */
export function inlineRuns(text: string): Array<{ readonly text: string; readonly bold: boolean }> {
  return text
    .split(/(\*\*[^*]+\*\*)/)
    .filter(Boolean)
    .map((run) => (/^\*\*[^*]+\*\*$/.test(run) ? { text: run.slice(2, -2), bold: true } : { text: run, bold: false }));
}
