// The shape of a report kind and the helpers every kind's summary uses. Split from report-kinds.ts so
// that the kinds can live in a file per group (incidents, concerns, requests) with one definition each.
// Browser-safe: the tab bundle imports it, so no Node modules here.
import type { ReportKind } from "./types.js";

/**
 * Who may read a kind beyond its reporter. "routine": the headteacher, the IT technician and the reports
 * list's readers. "safeguarding": the headteacher and the senior leaders only, never the IT technician,
 * kept in a list of its own (README "Who sees what").
 */
export type PrivacyTier = "routine" | "safeguarding";
/** Something that happened (report), something to raise (concern), or a permission to ask (request). */
export type KindCategory = "incident" | "concern" | "request";
/** Who may answer a request. */
export type DeciderRole = "headteacher" | "it-technician";

export interface FieldBase {
  /** Key in the report's details and the form input id. */
  readonly id: string;
  /** The question, as the person reads it and a screen reader announces it. */
  readonly label: string;
  readonly help?: string;
}

export interface TextField extends FieldBase {
  readonly type: "text" | "multiline";
  readonly required: boolean;
  readonly maxLength: number;
  readonly placeholder?: string;
}

/** "datetime" is an ISO 8601 instant; "date" a calendar day (YYYY-MM-DD). Neither may be in the future. */
export interface WhenField extends FieldBase {
  readonly type: "date" | "datetime";
  readonly required: boolean;
}

export interface ChoiceField extends FieldBase {
  readonly type: "choice";
  readonly required: boolean;
  readonly choices: ReadonlyArray<{ readonly value: string; readonly title: string }>;
}

/** A yes/no question; unanswered means no, so it is never "required". */
export interface ToggleField extends FieldBase {
  readonly type: "toggle";
  /** The statement beside the checkbox, e.g. "Yes, pupils could see it". */
  readonly title: string;
}

export type ReportField = TextField | WhenField | ChoiceField | ToggleField;
export type ReportDetails = Readonly<Record<string, string | boolean>>;

export interface ReportKindDefinition {
  readonly id: ReportKind;
  readonly title: string;
  /** The policy paragraphs that ask for this report, e.g. "9.3 and 11.1". */
  readonly policySections: string;
  /** What the policy asks, in a sentence, shown above the form. */
  readonly guidance: string;
  readonly fields: readonly ReportField[];
  /** The datetime field that becomes the report's occurredAt; a request has none and takes the time it was asked. */
  readonly occurredAtField?: string;
  readonly category: KindCategory;
  readonly privacy: PrivacyTier;
  /** A request's deciders: the policy says who may give the permission (9.2 either, 11.2 and 14.1 the headteacher). */
  readonly deciders?: readonly DeciderRole[];
  /** Shown with the form so people know who is told at once. */
  readonly urgencyRule: string;
  /**
   * A possible personal-data breach: the alert gives the ICO's 72-hour deadline. Always urgent too, so
   * the IT technician hears at once (every kind's isUrgent includes it; a test holds them together).
   */
  mayInvolvePersonalData(details: ReportDetails): boolean;
  isUrgent(details: ReportDetails): boolean;
  /** One line for lists and alerts. */
  summarise(details: ReportDetails): string;
}

export const SHORT = 200;
export const LONG = 2000;
export const SUMMARY_MAX_LENGTH = 160;

export const textValue = (details: ReportDetails, id: string): string => {
  const value = details[id];
  return typeof value === "string" ? value : "";
};
export const isYes = (details: ReportDetails, id: string): boolean => details[id] === true;

export function choiceTitle(kind: ReportKindDefinition, fieldId: string, details: ReportDetails): string {
  const field = kind.fields.find((f): f is ChoiceField => f.id === fieldId && f.type === "choice");
  const value = textValue(details, fieldId);
  return field?.choices.find((c) => c.value === value)?.title ?? value;
}

/**
 * A choice's title inside a sentence: only its first letter lowered ("School Wi-Fi" becomes "school Wi-Fi", not
 * "school wi-fi"), and "I" kept ("I do not know").
 */
export function inSentence(title: string): string {
  return /^I\b/.test(title) ? title : title.charAt(0).toLowerCase() + title.slice(1);
}

export function oneLine(parts: readonly string[]): string {
  const line = parts.filter(Boolean).join(" ").replace(/\s+/g, " ").trim();
  return line.length > SUMMARY_MAX_LENGTH ? line.slice(0, SUMMARY_MAX_LENGTH - 1) + "…" : line;
}
