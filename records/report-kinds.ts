// The four things the policy says to report "immediately", as data. The tab's form cards, the API's
// body schema and each report's summary and urgency all derive from this one table.
// Browser-safe: the tab bundle imports it, so no Node modules here.
import { REPORT_KINDS, type ReportKind } from "./types.js";
import { formatUkTime } from "./uk-time.js";

interface FieldBase {
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
  /** The datetime field that becomes the report's occurredAt. */
  readonly occurredAtField: string;
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

const SHORT = 200;
const LONG = 2000;
export const SUMMARY_MAX_LENGTH = 160;

const textValue = (details: ReportDetails, id: string): string => {
  const value = details[id];
  return typeof value === "string" ? value : "";
};
const isYes = (details: ReportDetails, id: string): boolean => details[id] === true;

function choiceTitle(kind: ReportKindDefinition, fieldId: string, details: ReportDetails): string {
  const field = kind.fields.find((f): f is ChoiceField => f.id === fieldId && f.type === "choice");
  const value = textValue(details, fieldId);
  return field?.choices.find((c) => c.value === value)?.title ?? value;
}

function oneLine(parts: readonly string[]): string {
  const line = parts.filter(Boolean).join(" ").replace(/\s+/g, " ").trim();
  return line.length > SUMMARY_MAX_LENGTH ? line.slice(0, SUMMARY_MAX_LENGTH - 1) + "…" : line;
}

const inappropriateMaterial: ReportKindDefinition = {
  id: "inappropriate-material",
  title: "Accidental access to inappropriate material",
  policySections: "3.10",
  guidance:
    "If you receive an email or visit a site with unacceptable material, tell the headteacher as soon as possible and keep " +
    "a short written record: this report is that record. Do not copy, forward or screenshot the material.",
  fields: [
    { id: "occurredAt", type: "datetime", required: true, label: "When did it happen?" },
    {
      id: "source",
      type: "choice",
      required: true,
      label: "Where did you see it?",
      choices: [
        { value: "website", title: "A website" },
        { value: "email", title: "An email" },
        { value: "app", title: "An app or program" },
        { value: "other", title: "Somewhere else" },
      ],
    },
    {
      id: "location",
      type: "text",
      required: true,
      maxLength: 500,
      label: "Web address, email sender and subject, or app name",
      placeholder: "e.g. www.example.com/page",
    },
    { id: "seen", type: "multiline", required: true, maxLength: LONG, label: "What did you see, in outline?" },
    { id: "how", type: "multiline", required: true, maxLength: LONG, label: "How did it happen?" },
    {
      id: "device",
      type: "text",
      required: true,
      maxLength: SHORT,
      label: "Which device were you using?",
      placeholder: "e.g. Class 3 whiteboard PC, or laptop asset tag",
    },
    { id: "pupilsSaw", type: "toggle", label: "Could pupils have seen it?", title: "Yes, pupils may have seen it" },
    {
      id: "recategorise",
      type: "toggle",
      label: "Should the filtering system block this site?",
      title: "Yes, ask the IT technician to re-categorise it",
      help: "The IT technician is told at once so the site can be blocked for everyone.",
    },
  ],
  occurredAtField: "occurredAt",
  urgencyRule: "The headteacher and IT technician are alerted at once if pupils may have seen it or the site should be blocked.",
  mayInvolvePersonalData: () => false,
  isUrgent: (d) => isYes(d, "recategorise") || isYes(d, "pupilsSaw"),
  summarise: (d) =>
    oneLine([`Inappropriate material (${choiceTitle(inappropriateMaterial, "source", d).toLowerCase()}):`, textValue(d, "location")]),
};

const unauthorisedInformation: ReportKindDefinition = {
  id: "unauthorised-information",
  title: "Access to information I was not entitled to see",
  policySections: "13.1",
  guidance:
    "If you accidentally access information you are not entitled to view, report it immediately. Describe what kind of " +
    "information it was; do not repeat the information itself.",
  fields: [
    { id: "occurredAt", type: "datetime", required: true, label: "When did it happen?" },
    {
      id: "information",
      type: "multiline",
      required: true,
      maxLength: LONG,
      label: "What information was it?",
      help: "The kind of information, e.g. \"another class's SEN records\", not the details.",
    },
    {
      id: "system",
      type: "text",
      required: true,
      maxLength: SHORT,
      label: "Which system or place was it in?",
      placeholder: "e.g. the MIS, a shared drive folder, an email",
    },
    { id: "how", type: "multiline", required: true, maxLength: LONG, label: "How did you come to see it?" },
    {
      id: "personalData",
      type: "toggle",
      label: "Did it include personal information about pupils, parents or staff?",
      title: "Yes, it included personal information",
    },
  ],
  occurredAtField: "occurredAt",
  urgencyRule:
    "Urgent when it included personal information, a possible personal-data breach: the headteacher and IT technician are " +
    "told at once. Otherwise the headteacher reads it with the other reports; tell them in person too if it is serious.",
  mayInvolvePersonalData: (d) => isYes(d, "personalData"),
  isUrgent: (d) => isYes(d, "personalData"),
  summarise: (d) => oneLine(["Information not entitled to see, in", textValue(d, "system")]),
};

const compromisedAccount: ReportKindDefinition = {
  id: "compromised-account",
  title: "Suspected compromised account or password",
  policySections: "13.5",
  guidance: "Report it immediately so that the password can be changed. Never include a password in this report.",
  fields: [
    {
      id: "account",
      type: "choice",
      required: true,
      label: "Which account?",
      choices: [
        { value: "school", title: "My school account" },
        { value: "system", title: "System or administrator account" },
        { value: "other", title: "Other account" },
      ],
    },
    {
      id: "accountName",
      type: "text",
      required: false,
      maxLength: SHORT,
      label: "Which system or account name (if not your own school account)?",
      placeholder: "e.g. the MIS admin account",
    },
    { id: "occurredAt", type: "datetime", required: true, label: "When did you notice?" },
    {
      id: "reason",
      type: "multiline",
      required: true,
      maxLength: LONG,
      label: "Why do you suspect it?",
      help: "e.g. a sign-in you did not make, a password typed into a suspicious page, emails you did not send.",
    },
    { id: "passwordChanged", type: "toggle", label: "Has the password been changed yet?", title: "Yes, it has been changed" },
  ],
  occurredAtField: "occurredAt",
  urgencyRule: "Always urgent: the headteacher and IT technician are alerted at once.",
  mayInvolvePersonalData: () => true,
  isUrgent: () => true,
  summarise: (d) =>
    oneLine([
      "Compromised:",
      choiceTitle(compromisedAccount, "account", d),
      textValue(d, "accountName") && `(${textValue(d, "accountName")})`,
      isYes(d, "passwordChanged") ? "- password changed" : "- password not yet changed",
    ]),
};

const lostEquipment: ReportKindDefinition = {
  id: "lost-equipment",
  title: "Loss, damage or theft of school equipment",
  policySections: "9.3 and 11.1",
  guidance: "Report any loss or damage immediately. A theft or criminal damage must also be reported to the police.",
  fields: [
    {
      id: "what",
      type: "choice",
      required: true,
      label: "What happened to it?",
      choices: [
        { value: "lost", title: "Lost" },
        { value: "damaged", title: "Damaged" },
        { value: "stolen", title: "Stolen" },
      ],
    },
    { id: "item", type: "text", required: true, maxLength: SHORT, label: "Which item?", placeholder: "e.g. Dell Latitude 5440 laptop" },
    {
      id: "assetTag",
      type: "text",
      required: false,
      maxLength: 100,
      label: "Asset tag or serial number",
      help: "On the school's property label; leave blank if you do not know it.",
    },
    { id: "occurredAt", type: "datetime", required: true, label: "When did it happen, or when did you notice?" },
    { id: "where", type: "text", required: true, maxLength: SHORT, label: "Where did it happen?" },
    { id: "circumstances", type: "multiline", required: true, maxLength: LONG, label: "What happened?" },
    {
      id: "personalData",
      type: "toggle",
      label: "Could personal data be on it?",
      title: "Yes, it may hold personal data (e.g. pupil records, downloaded email)",
    },
    {
      id: "policeReference",
      type: "text",
      required: false,
      maxLength: 100,
      label: "Police crime reference (for a theft)",
      help: "Add it now if you have it; otherwise give it to the headteacher when you do.",
    },
  ],
  occurredAtField: "occurredAt",
  urgencyRule: "Urgent when personal data may be on it: the headteacher and IT technician are alerted at once.",
  mayInvolvePersonalData: (d) => isYes(d, "personalData"),
  isUrgent: (d) => isYes(d, "personalData"),
  summarise: (d) =>
    oneLine([
      `${choiceTitle(lostEquipment, "what", d)}:`,
      textValue(d, "item"),
      textValue(d, "assetTag") && `(${textValue(d, "assetTag")})`,
      textValue(d, "policeReference") && `- police ref ${textValue(d, "policeReference")}`,
    ]),
};

export const REPORT_KIND_DEFINITIONS: readonly ReportKindDefinition[] = [
  inappropriateMaterial,
  unauthorisedInformation,
  compromisedAccount,
  lostEquipment,
];

export function reportKind(id: ReportKind): ReportKindDefinition {
  const kind = REPORT_KIND_DEFINITIONS.find((k) => k.id === id);
  if (!kind) throw new Error(`Report kind ${id} has no definition in records/report-kinds.ts`);
  return kind;
}

// Keep the table and the record type's list of kinds in step.
if (REPORT_KIND_DEFINITIONS.map((k) => k.id).join() !== REPORT_KINDS.join()) {
  throw new Error("records/report-kinds.ts must define every kind in REPORT_KINDS, in the same order");
}

/**
 * A report's answers as the headteacher reads them, in the form's order: each question and the answer
 * in words ("Yes", a choice's title, a UK date). The alert card and the SharePoint list both use it.
 */
export function describeAnswers(kindId: ReportKind, details: ReportDetails): Array<readonly [string, string]> {
  return reportKind(kindId).fields.flatMap((field): Array<readonly [string, string]> => {
    const value = details[field.id];
    if (value === undefined || value === "") return [];
    return [[field.label, answerText(field, value)]];
  });
}

function answerText(field: ReportField, value: string | boolean): string {
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (field.type === "choice") return field.choices.find((c) => c.value === value)?.title ?? value;
  if (field.type === "datetime" || field.type === "date") return formatUkTime(value, field.type === "date");
  return value;
}
