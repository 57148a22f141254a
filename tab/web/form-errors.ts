// Shows what is wrong with a form, the same way whether the browser or the API found it: each field
// marked (attention colour, aria-invalid, its message tied by aria-describedby), and beside the Send button
// a summary that says it once and links to each field.
import type { FieldProblem } from "../forms/report-form-card.js";
import type { RenderedInput } from "./card-renderer.js";
import { el } from "./dom.js";

const ERROR_CLASS = "field-error";
const INVALID_CLASS = "field-invalid";

export class FormErrors {
  /** `summary` sits just after the form's Send button, where the person is when they press it. */
  constructor(
    private readonly inputs: () => readonly RenderedInput[],
    private readonly summary: HTMLElement,
    /** "request" for a permission request: what the person sees they were sending. */
    private readonly noun: "report" | "request" = "report",
  ) {}

  /** Marks each problem's field and lists them; focus moves to the first field to fix. */
  showFieldProblems(problems: readonly FieldProblem[], moveFocus = true): void {
    this.clear();
    const byId = new Map(this.inputs().map((input) => [input.id, input]));
    const marked = problems.flatMap((problem) => {
      const input = byId.get(problem.inputId);
      return input ? [{ input, problem, errorId: this.mark(input, problem.message) }] : [];
    });
    const count = problems.length === 1 ? "1 answer needs" : `${problems.length} answers need`;
    const links = problems.map((problem) => {
      const target = byId.get(problem.inputId);
      const link = el("a", { href: `#${target ? focusTarget(target).id : ""}` }, problem.message);
      link.addEventListener("click", (event) => {
        event.preventDefault(); // the address's #fragment names the tab's pages, not fields
        if (target) focusTarget(target).focus();
      });
      return el("li", {}, link);
    });
    this.summary.replaceChildren(el("p", { class: "problem-title" }, `Your ${this.noun} was not sent: ${count} attention.`), el("ul", {}, ...links));
    const first = marked[0];
    if (!moveFocus) return;
    if (first) focusTarget(first.input).focus();
    else this.focusSummary();
  }

  /** A refusal about the report as a whole (no connection, too many reports): said beside the button. */
  showMessage(message: string, details: readonly string[] = []): void {
    this.clear();
    this.summary.replaceChildren(
      el("p", { class: "problem-title" }, `Your ${this.noun} was not sent: ${message}`),
      ...(details.length ? [el("ul", {}, ...details.map((detail) => el("li", {}, detail)))] : []),
    );
    this.focusSummary();
  }

  clear(): void {
    this.summary.replaceChildren();
    for (const input of this.inputs()) {
      input.block.classList.remove(INVALID_CLASS);
      input.block.querySelector(`.${ERROR_CLASS}`)?.remove();
      for (const control of controlsOf(input)) {
        control.removeAttribute("aria-invalid");
        control.removeAttribute("aria-describedby");
      }
    }
  }

  private mark(input: RenderedInput, message: string): string {
    const errorId = `${focusTarget(input).id || input.id}-error`;
    // The icon is a second cue besides colour; the words say it all to a screen reader.
    const error = el("p", { id: errorId, class: ERROR_CLASS }, el("span", { class: "error-icon", "aria-hidden": "true" }, "!"), message);
    input.controlHolder.after(error);
    input.block.classList.add(INVALID_CLASS);
    for (const control of controlsOf(input)) {
      control.setAttribute("aria-invalid", "true");
      control.setAttribute("aria-describedby", errorId);
    }
    return errorId;
  }

  private focusSummary(): void {
    this.summary.setAttribute("tabindex", "-1");
    this.summary.focus();
  }
}

/** The input itself, and for a radio group the group and each radio (each is announced on its own). */
function controlsOf(input: RenderedInput): HTMLElement[] {
  if (input.control.getAttribute("role") !== "radiogroup") return [input.control];
  return [input.control, ...input.control.querySelectorAll<HTMLElement>("input")];
}

/** Where a link to the field takes focus: the input, or a group's first radio. */
function focusTarget(input: RenderedInput): HTMLElement {
  return input.control.getAttribute("role") === "radiogroup" ? (input.control.querySelector<HTMLElement>("input") ?? input.control) : input.control;
}
