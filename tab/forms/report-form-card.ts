// The report form for one kind, as a typed Adaptive Card built from records/report-kinds.ts, and the
// reverse: the card's input values turned into the body POST /api/reports expects.
// Browser-safe: the tab bundle renders these cards with the adaptivecards library.
import {
  adaptiveCard,
  heading,
  text,
  type AdaptiveCard,
  type CardElement,
  type SubmitAction,
} from "../../bot/cards/adaptive-card.js";
import type { ReportField, ReportKindDefinition } from "../../records/report-kinds.js";
import type { ReportKind } from "../../records/types.js";

export const SUBMIT_REPORT_VERB = "submitReport";

/** Input ids for the two halves of a datetime answer (Adaptive Cards has no datetime input). */
export const dateInputId = (fieldId: string): string => `${fieldId}Date`;
export const timeInputId = (fieldId: string): string => `${fieldId}Time`;

/** The question without its "?", as error messages start: "When did it happen: give the date." */
const questionOf = (field: ReportField): string => field.label.replace(/\?$/, "");

/** The one wording of each problem the form can have, in the card and in the browser's own checks. */
function requiredMessage(field: ReportField, part?: "date" | "time"): string {
  const question = questionOf(field);
  if (part === "time") return `${question}: give the time (your best estimate).`;
  if (part === "date" || field.type === "date") return `${question}: give the date.`;
  return field.type === "choice" ? `${question}: choose one.` : `${question}: this is required.`;
}

/** Word for word what the API says (tab/api/report-body.ts), so a problem reads the same wherever it is found. */
const futureMessage = (field: ReportField): string => `${questionOf(field)}: this cannot be in the future.`;

function fieldElements(field: ReportField, today: string): CardElement[] {
  const help = field.help ? [text(field.help, { isSubtle: true, size: "small", spacing: "none" })] : [];
  switch (field.type) {
    case "text":
    case "multiline":
      return [
        {
          type: "Input.Text",
          id: field.id,
          label: field.label,
          isRequired: field.required,
          errorMessage: requiredMessage(field),
          maxLength: field.maxLength,
          ...(field.type === "multiline" ? { isMultiline: true } : {}),
          ...(field.placeholder ? { placeholder: field.placeholder } : {}),
        },
        ...help,
      ];
    case "choice":
      return [
        {
          type: "Input.ChoiceSet",
          id: field.id,
          label: field.label,
          isRequired: field.required,
          errorMessage: requiredMessage(field),
          style: "expanded",
          choices: field.choices.map((c) => ({ title: c.title, value: c.value })),
        },
        ...help,
      ];
    case "toggle":
      return [
        { type: "Input.Toggle", id: field.id, label: field.label, title: field.title, value: "false", valueOn: "true", valueOff: "false" },
        ...help,
      ];
    case "date":
      return [
        { type: "Input.Date", id: field.id, label: field.label, isRequired: field.required, errorMessage: requiredMessage(field), max: today },
        ...help,
      ];
    case "datetime":
      return [
        {
          type: "Input.Date",
          id: dateInputId(field.id),
          label: `${field.label} (date)`,
          isRequired: field.required,
          errorMessage: requiredMessage(field, "date"),
          max: today,
        },
        {
          type: "Input.Time",
          id: timeInputId(field.id),
          label: `${field.label} (time)`,
          isRequired: field.required,
          errorMessage: requiredMessage(field, "time"),
        },
        ...help,
      ];
  }
}

/** "Policy section 13.5", "Policy sections 9.3 and 11.1" when a kind cites more than one, "Policy Appendix 1". */
export function policySectionsLabel(kind: ReportKindDefinition): string {
  if (kind.policySections.startsWith("Appendix")) return `Policy ${kind.policySections}`;
  return `${/ and |,/.test(kind.policySections) ? "Policy sections" : "Policy section"} ${kind.policySections}`;
}

/** A permission is asked for, not reported: the word the form, its button and its confirmation use. */
export function formNoun(kind: ReportKindDefinition): "report" | "request" {
  return kind.category === "request" ? "request" : "report";
}

/** `today` (YYYY-MM-DD in the person's time zone) caps the date pickers: nothing is reported from the future. */
export function reportFormCard(kind: ReportKindDefinition, today: string): AdaptiveCard {
  const submit: SubmitAction = {
    type: "Action.Submit",
    title: `Send ${formNoun(kind)}`,
    style: "positive",
    data: { verb: SUBMIT_REPORT_VERB, kind: kind.id },
    // The tab checks the answers itself (formProblems), so a problem looks and reads the same whether the
    // browser or the server finds it; the renderer's own checks would mark fields a different way.
    associatedInputs: "none",
  };
  return adaptiveCard(
    [
      heading(kind.title),
      text(`${policySectionsLabel(kind)}. ${kind.guidance}`),
      text(kind.urgencyRule, { isSubtle: true }),
      text("Questions marked with a star (*) must be answered.", { isSubtle: true, size: "small" }),
      ...kind.fields.flatMap((field) => fieldElements(field, today)),
    ],
    [submit],
  );
}

export interface ReportBody {
  readonly kind: ReportKind;
  readonly fields: Record<string, string | boolean>;
  /** Names one filled-in form, so sending it again after a lost answer does not file it twice. */
  readonly submissionId?: string;
}

/**
 * The card's input values (all strings) as the API's body: toggles become booleans, a date and a time
 * become one instant in the person's own time zone, blank answers are left out.
 */
export function reportBodyFromInputs(kind: ReportKindDefinition, inputs: Readonly<Record<string, string | undefined>>): ReportBody {
  const fields: Record<string, string | boolean> = {};
  for (const field of kind.fields) {
    if (field.type === "toggle") {
      fields[field.id] = inputs[field.id] === "true";
      continue;
    }
    if (field.type === "datetime") {
      const date = inputs[dateInputId(field.id)]?.trim();
      const time = inputs[timeInputId(field.id)]?.trim();
      const instant = date && time ? new Date(`${date}T${time}`) : undefined;
      if (instant && !Number.isNaN(instant.getTime())) fields[field.id] = instant.toISOString();
      continue;
    }
    const value = inputs[field.id]?.trim();
    if (value) fields[field.id] = value;
  }
  return { kind: kind.id, fields };
}

/** A problem with one input of the form, by the card's input id. */
export interface FieldProblem {
  readonly inputId: string;
  readonly message: string;
}

/**
 * What the browser can tell before sending: unanswered required questions, and a date or time later than
 * `now` (the date picker stops at today, but a time later today has to be caught here).
 */
export function formProblems(kind: ReportKindDefinition, inputs: Readonly<Record<string, string | undefined>>, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const today = localDay(now);
  for (const field of kind.fields) {
    if (field.type === "toggle") continue;
    if (field.type === "datetime") {
      const [dateId, timeId] = [dateInputId(field.id), timeInputId(field.id)];
      const date = inputs[dateId]?.trim();
      const time = inputs[timeId]?.trim();
      if (field.required && !date) problems.push({ inputId: dateId, message: requiredMessage(field, "date") });
      if (field.required && !time) problems.push({ inputId: timeId, message: requiredMessage(field, "time") });
      if (date && time && new Date(`${date}T${time}`).getTime() > now.getTime()) {
        problems.push({ inputId: date > today ? dateId : timeId, message: futureMessage(field) });
      }
      continue;
    }
    const value = inputs[field.id]?.trim();
    if (field.required && !value) problems.push({ inputId: field.id, message: requiredMessage(field) });
    else if (field.type === "date" && value && value > today) problems.push({ inputId: field.id, message: futureMessage(field) });
  }
  return problems;
}

/**
 * The API's refusals (field id to message) placed on the inputs they are about. A datetime's problem goes on
 * its date when that is missing or after today, otherwise on its time.
 */
export function problemsFromApi(
  kind: ReportKindDefinition,
  fieldMessages: Readonly<Record<string, string>>,
  inputs: Readonly<Record<string, string | undefined>>,
  now: Date,
): FieldProblem[] {
  return kind.fields.flatMap((field) => {
    const message = fieldMessages[field.id];
    if (!message) return [];
    if (field.type !== "datetime") return [{ inputId: field.id, message }];
    const date = inputs[dateInputId(field.id)]?.trim();
    return [{ inputId: !date || date > localDay(now) ? dateInputId(field.id) : timeInputId(field.id), message }];
  });
}

/** The day it is at `now` in the person's own time zone, as the date pickers want it (YYYY-MM-DD). */
export function localDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
