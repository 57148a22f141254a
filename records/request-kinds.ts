// Permissions staff must ask for (9.2, 11.2, 14.1). Each gets a decision (records/decisions.ts) from the
// people the policy names. Browser-safe: the tab bundle imports it, so no Node modules here.
import { choiceTitle, inSentence, isYes, LONG, oneLine, SHORT, textValue, type ReportKindDefinition } from "./report-kind-fields.js";

const softwareChange: ReportKindDefinition = {
  id: "software-change",
  title: "Permission to add or remove software or hardware on a school laptop",
  policySections: "9.2",
  guidance:
    "School laptops have a set list of software. Nothing may be added or removed, software or hardware, without the express " +
    "permission of the headteacher or the IT technician. Ask here and wait for the answer before you change anything.",
  fields: [
    {
      id: "change",
      type: "choice",
      required: true,
      label: "What do you want to do?",
      choices: [
        { value: "add-software", title: "Add software" },
        { value: "remove-software", title: "Remove software" },
        { value: "add-hardware", title: "Add hardware" },
        { value: "remove-hardware", title: "Remove hardware" },
      ],
    },
    { id: "item", type: "text", required: true, maxLength: SHORT, label: "Which software or hardware?", placeholder: "e.g. Audacity 3.7" },
    { id: "laptop", type: "text", required: true, maxLength: 100, label: "Which laptop (asset tag or serial number)?" },
    { id: "why", type: "multiline", required: true, maxLength: LONG, label: "Why do you need it?" },
  ],
  category: "request",
  privacy: "routine",
  deciders: ["headteacher", "it-technician"],
  urgencyRule: "The headteacher and the IT technician are asked; either may answer. You are told the answer in Teams.",
  mayInvolvePersonalData: () => false,
  isUrgent: () => false,
  summarise: (d) => oneLine([`${choiceTitle(softwareChange, "change", d)}:`, textValue(d, "item"), `on ${textValue(d, "laptop")}`]),
};

const personalEquipment: ReportKindDefinition = {
  id: "personal-equipment",
  title: "Permission to attach my own equipment to the school network",
  policySections: "11.2",
  guidance:
    "No personally owned equipment may be attached to the school's network without the headteacher's permission. Mobile " +
    "devices must be encrypted or password protected wherever the technology allows.",
  fields: [
    { id: "device", type: "text", required: true, maxLength: SHORT, label: "Which device?", placeholder: "e.g. my own iPad" },
    {
      id: "connection",
      type: "choice",
      required: true,
      label: "How would it connect?",
      choices: [
        { value: "wifi", title: "School Wi-Fi" },
        { value: "cable", title: "A network cable" },
        { value: "usb", title: "Plugged into a school computer" },
      ],
    },
    { id: "why", type: "multiline", required: true, maxLength: LONG, label: "Why do you need it on the network?" },
    { id: "protected", type: "toggle", label: "Is it encrypted or password protected?", title: "Yes, it is encrypted or password protected" },
  ],
  category: "request",
  privacy: "routine",
  deciders: ["headteacher"],
  urgencyRule: "The headteacher is asked and answers. You are told the answer in Teams.",
  mayInvolvePersonalData: () => false,
  isUrgent: () => false,
  summarise: (d) =>
    oneLine([
      `Own device on the network (${inSentence(choiceTitle(personalEquipment, "connection", d))}):`,
      textValue(d, "device"),
      isYes(d, "protected") ? "" : "- not protected",
    ]),
};

const sensitiveInformation: ReportKindDefinition = {
  id: "sensitive-information",
  title: "Agreement to hold sensitive information on a laptop or memory stick",
  policySections: "14.1",
  guidance:
    "Sensitive or confidential information on laptops and other portable devices should be kept to a minimum. Agree with the " +
    "headteacher what you will hold, for how long and with what security. Describe the kind of information, not the information itself.",
  fields: [
    { id: "information", type: "multiline", required: true, maxLength: LONG, label: "What kind of information?", help: "e.g. \"Year 6 assessment data\", not the data." },
    {
      id: "device",
      type: "choice",
      required: true,
      label: "Where would it be held?",
      choices: [
        { value: "laptop", title: "A school laptop" },
        { value: "school-stick", title: "An encrypted memory stick provided by the school" },
        { value: "other", title: "Another portable device" },
      ],
    },
    { id: "howLong", type: "text", required: true, maxLength: SHORT, label: "For how long?", placeholder: "e.g. until 31 July" },
    { id: "security", type: "multiline", required: true, maxLength: LONG, label: "With what security measures?" },
  ],
  category: "request",
  privacy: "routine",
  deciders: ["headteacher"],
  urgencyRule: "The headteacher is asked and answers, with any conditions. You are told the answer in Teams.",
  mayInvolvePersonalData: () => false,
  isUrgent: () => false,
  summarise: (d) => oneLine([`Sensitive information on ${inSentence(choiceTitle(sensitiveInformation, "device", d))}, ${textValue(d, "howLong")}`]),
};

export const REQUEST_KINDS: readonly ReportKindDefinition[] = [softwareChange, personalEquipment, sensitiveInformation];
