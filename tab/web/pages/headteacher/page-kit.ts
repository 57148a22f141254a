// Pieces every headteacher page uses: accessible tables, labelled fields, a status line and downloads.
import { el } from "../../dom.js";

type Cell = string | Node;

/** A table in a focusable scrolling region, with a caption and column headers. */
export function dataTable(label: string, caption: string, headers: readonly string[], rows: readonly (readonly Cell[])[], className = ""): HTMLElement {
  return el(
    "div",
    { class: "table-scroll", tabindex: "0", role: "region", "aria-label": label },
    el(
      "table",
      { class: `ht-table ${className}`.trim() },
      el("caption", {}, caption),
      el("thead", {}, el("tr", {}, ...headers.map((header) => el("th", { scope: "col" }, header)))),
      el("tbody", {}, ...rows.map((row) => el("tr", {}, ...row.map((cell, i) => (i === 0 ? el("th", { scope: "row" }, cell) : el("td", {}, cell)))))),
    ),
  );
}

export function selectField(id: string, label: string, options: ReadonlyArray<readonly [string, string]>, value = ""): { field: HTMLElement; input: HTMLSelectElement } {
  const input = el("select", { id, name: id }, ...options.map(([optionValue, text]) => el("option", { value: optionValue }, text)));
  input.value = value;
  return { field: el("p", { class: "ht-field" }, el("label", { for: id }, label), input), input };
}

export function inputField(id: string, label: string, type: string, value = ""): { field: HTMLElement; input: HTMLInputElement } {
  const input = el("input", { id, name: id, type });
  input.value = value;
  return { field: el("p", { class: "ht-field" }, el("label", { for: id }, label), input), input };
}

export function textareaField(id: string, label: string): { field: HTMLElement; input: HTMLTextAreaElement } {
  const input = el("textarea", { id, name: id, rows: "3", maxlength: "2000" });
  return { field: el("p", { class: "ht-field" }, el("label", { for: id }, label), input), input };
}

/** A polite live region: what a button did, or why it could not. */
export function statusLine(initially = ""): { element: HTMLElement; say(text: string, problem?: boolean): void } {
  const element = el("p", { role: "status", class: "ht-status" }, initially);
  return {
    element,
    say(text, problem = false) {
      element.textContent = text;
      element.classList.toggle("ht-problem", problem);
    },
  };
}

/** Runs a button's action with the button disabled, reporting failure in the status line. */
export function action(button: HTMLButtonElement, status: ReturnType<typeof statusLine>, run: () => Promise<void>): void {
  button.addEventListener("click", () => {
    button.disabled = true;
    run()
      .catch((error: unknown) => status.say(error instanceof Error ? error.message : String(error), true))
      .finally(() => (button.disabled = false));
  });
}

export function button(text: string, attributes: Readonly<Record<string, string>> = {}): HTMLButtonElement {
  return el("button", { type: "button", ...attributes }, text);
}

export function percent(part: number, whole: number): string {
  return whole ? `${Math.round((part / whole) * 100)}%` : "–";
}
