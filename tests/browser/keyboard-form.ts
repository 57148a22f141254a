// Fills a rendered report form card using only the keyboard: Tab from question to question, identify
// each by its accessible name (what a screen reader announces), answer it, and press Enter to send.
import type { BrowserContext, Frame } from "playwright-core";
import type { ReportKindDefinition } from "../../records/report-kinds.js";

type Answer =
  | { readonly kind: "type"; readonly text: string }
  | { readonly kind: "choose"; readonly index: number }
  | { readonly kind: "tick"; readonly on: boolean };

interface FocusedInput {
  readonly name: string;
  readonly tag: string;
  readonly type: string;
  readonly checked: boolean;
  /** A radio group's name, or the input's id: each is answered once, however many tab stops it has
   * (radios in a group, the day/month/year parts of a date). */
  readonly group: string;
}

/** How this browser's date and time inputs take typed digits (they follow its UI language, not the page). */
export interface DateTimeEntry {
  readonly dayFirst: boolean;
  /** "A" when times are 12-hour and need AM. */
  readonly timeSuffix: string;
}

/** Types a known date and time into scratch inputs, by keyboard, and reads back what they understood. */
export async function probeDateTimeEntry(context: BrowserContext): Promise<DateTimeEntry> {
  const page = await context.newPage();
  try {
    await page.setContent('<input id="d" type="date" aria-label="d"><input id="t" type="time" aria-label="t">');
    await page.focus("#d");
    await page.keyboard.type("01022026");
    await page.focus("#t");
    await page.keyboard.type("0830");
    return { dayFirst: (await page.inputValue("#d")) === "2026-02-01", timeSuffix: (await page.inputValue("#t")) === "08:30" ? "" : "A" };
  } finally {
    await page.close();
  }
}

/** Answers by accessible-name prefix; a datetime field has a "(date)" and a "(time)" question. */
export function keyboardAnswers(
  kind: ReportKindDefinition,
  fields: Record<string, string | boolean>,
  day: string,
  entry: DateTimeEntry,
): Map<string, Answer> {
  const answers = new Map<string, Answer>();
  for (const field of kind.fields) {
    const value = fields[field.id];
    if (field.type === "datetime") {
      const [year, month, date] = day.split("-");
      answers.set(`${field.label} (date)`, { kind: "type", text: entry.dayFirst ? `${date}${month}${year}` : `${month}${date}${year}` });
      answers.set(`${field.label} (time)`, { kind: "type", text: `0830${entry.timeSuffix}` });
    } else if (field.type === "choice") {
      answers.set(field.label, { kind: "choose", index: field.choices.findIndex((c) => c.value === value) });
    } else if (field.type === "toggle") {
      answers.set(field.label, { kind: "tick", on: value === true });
    } else {
      answers.set(field.label, { kind: "type", text: typeof value === "string" ? value : "" }); // "" leaves it blank
    }
  }
  return answers;
}

async function focused(frame: Frame): Promise<FocusedInput> {
  return frame.evaluate(() => {
    const active = document.activeElement as HTMLInputElement | null;
    if (!active) return { name: "", tag: "", type: "", checked: false, group: "" };
    const labelledBy = (active.getAttribute("aria-labelledby") ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" ");
    const name = labelledBy || active.getAttribute("aria-label") || active.labels?.[0]?.textContent || active.textContent || "";
    const group = active.type === "radio" ? active.name : active.id;
    return { name: name.replace(/\s+/g, " ").trim(), tag: active.tagName, type: active.type ?? "", checked: !!active.checked, group };
  });
}

/**
 * Works in the frame that holds the form (the page's main frame, or the tab inside a Teams host).
 * Returns the accessible names met on the way, in order, so a test can check nothing was unlabelled.
 */
export async function fillWithKeyboard(frame: Frame, answers: Map<string, Answer>, submitName = "Send report"): Promise<string[]> {
  const { keyboard } = frame.page();
  const met: string[] = [];
  const byLongestName = [...answers.entries()].sort(([a], [b]) => b.length - a.length);
  const answered = new Set<string>();
  for (let step = 0; step < 60; step++) {
    await keyboard.press("Tab");
    const input = await focused(frame);
    if (input.tag === "BUTTON" && input.name === submitName) {
      await keyboard.press("Enter");
      return met;
    }
    if (!["INPUT", "TEXTAREA", "SELECT"].includes(input.tag) || answered.has(input.group)) continue;
    met.push(input.name);
    const answer = byLongestName.find(([name]) => input.name.startsWith(name))?.[1];
    if (!answer) throw new Error(`No answer for the question "${input.name}" (${input.tag} ${input.type})`);
    answered.add(input.group);
    if (answer.kind === "type") await keyboard.type(answer.text);
    if (answer.kind === "tick" && answer.on !== input.checked) await keyboard.press("Space");
    if (answer.kind === "choose") {
      // Tab lands on the first radio of the group; Space picks it, each arrow moves to and picks the next.
      await keyboard.press("Space");
      for (let i = 0; i < answer.index; i++) await keyboard.press("ArrowDown");
    }
  }
  throw new Error(`Never reached the "${submitName}" button by pressing Tab`);
}
