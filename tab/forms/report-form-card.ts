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

function fieldElements(field: ReportField, today: string): CardElement[] {
  const question = field.label.replace(/\?$/, "");
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
          errorMessage: `${question}: this is required.`,
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
          errorMessage: `${question}: choose one.`,
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
        { type: "Input.Date", id: field.id, label: field.label, isRequired: field.required, errorMessage: `${question}: give the date.`, max: today },
        ...help,
      ];
    case "datetime":
      return [
        {
          type: "Input.Date",
          id: dateInputId(field.id),
          label: `${field.label} (date)`,
          isRequired: field.required,
          errorMessage: `${question}: give the date.`,
          max: today,
        },
        {
          type: "Input.Time",
          id: timeInputId(field.id),
          label: `${field.label} (time)`,
          isRequired: field.required,
          errorMessage: `${question}: give the time (your best estimate).`,
        },
        ...help,
      ];
  }
}

/** "Policy section 13.5", or "Policy sections 9.3 and 11.1" when a kind cites more than one. */
export function policySectionsLabel(kind: ReportKindDefinition): string {
  return `${/ and |,/.test(kind.policySections) ? "Policy sections" : "Policy section"} ${kind.policySections}`;
}

/** `today` (YYYY-MM-DD in the person's time zone) caps the date pickers: nothing is reported from the future. */
export function reportFormCard(kind: ReportKindDefinition, today: string): AdaptiveCard {
  const submit: SubmitAction = {
    type: "Action.Submit",
    title: "Send report",
    style: "positive",
    data: { verb: SUBMIT_REPORT_VERB, kind: kind.id },
    associatedInputs: "auto",
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
