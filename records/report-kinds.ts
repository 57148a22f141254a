// The one table of report kinds: the four things the policy says to report "immediately" (here), the
// concerns to raise (concern-kinds.ts) and the permissions to ask (request-kinds.ts). The tab's form cards,
// the API's body schema, each report's summary, urgency, privacy tier and alert recipients derive from it.
// Browser-safe: the tab bundle imports it, so no Node modules here.
import { REPORT_KINDS, type ReportKind } from "./types.js";
import { formatUkTime } from "./uk-time.js";
import {
  choiceTitle,
  inSentence,
  isYes,
  LONG,
  oneLine,
  SHORT,
  textValue,
  type ReportDetails,
  type ReportField,
  type ReportKindDefinition,
} from "./report-kind-fields.js";
import { CONCERN_KINDS } from "./concern-kinds.js";
import { REQUEST_KINDS } from "./request-kinds.js";

export type {
  ChoiceField,
  DeciderRole,
  FieldBase,
  KindCategory,
  PrivacyTier,
  ReportDetails,
  ReportField,
  ReportKindDefinition,
  TextField,
  ToggleField,
  WhenField,
} from "./report-kind-fields.js";
export { SUMMARY_MAX_LENGTH } from "./report-kind-fields.js";

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
  category: "incident",
  privacy: "routine",
  urgencyRule: "The headteacher and IT technician are alerted at once if pupils may have seen it or the site should be blocked.",
  mayInvolvePersonalData: () => false,
  isUrgent: (d) => isYes(d, "recategorise") || isYes(d, "pupilsSaw"),
  summarise: (d) =>
    oneLine([`Inappropriate material (${inSentence(choiceTitle(inappropriateMaterial, "source", d))}):`, textValue(d, "location")]),
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
  category: "incident",
  privacy: "routine",
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
  category: "incident",
  privacy: "routine",
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
  category: "incident",
  privacy: "routine",
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
  ...CONCERN_KINDS,
  ...REQUEST_KINDS,
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
