// Concerns staff are asked to raise (Appendix 1, 6.8, 6.9; Appendix 2 asks the headteacher to make sure
// staff know how). One definition per kind, in the same shape as the incidents in report-kinds.ts.
// Browser-safe: the tab bundle imports it, so no Node modules here.
import { choiceTitle, inSentence, isYes, LONG, oneLine, SHORT, textValue, type ReportKindDefinition } from "./report-kind-fields.js";

const onlineReferences: ReportKindDefinition = {
  id: "online-references",
  title: "Inappropriate references or images of me posted online",
  policySections: "Appendix 1",
  guidance:
    "If you find inappropriate references or images of you posted by parents, colleagues, pupils or other members of the " +
    "school community, report it to the headteacher. Describe where it is and what kind of thing it is; do not copy or share it.",
  fields: [
    { id: "occurredAt", type: "datetime", required: true, label: "When did you find it?" },
    {
      id: "postedBy",
      type: "choice",
      required: true,
      label: "Who posted it?",
      choices: [
        { value: "parent", title: "A parent or carer" },
        { value: "colleague", title: "A colleague" },
        { value: "pupil", title: "A pupil" },
        { value: "community", title: "Another member of the school community" },
        { value: "unknown", title: "I do not know" },
      ],
    },
    { id: "site", type: "text", required: true, maxLength: SHORT, label: "Which site or app is it on?", placeholder: "e.g. Facebook, a parents' WhatsApp group" },
    { id: "what", type: "multiline", required: true, maxLength: LONG, label: "What kind of reference or image is it, in outline?" },
    { id: "images", type: "toggle", label: "Does it include images of you?", title: "Yes, it includes images" },
    { id: "reportedToSite", type: "toggle", label: "Have you reported it to the site?", title: "Yes, I have asked the site to remove it" },
  ],
  occurredAtField: "occurredAt",
  category: "concern",
  privacy: "routine",
  urgencyRule: "The headteacher is told, and can act to have it removed (Appendix 2). The IT technician is not told.",
  mayInvolvePersonalData: () => false,
  isUrgent: () => false,
  summarise: (d) =>
    oneLine([
      `Posted online about me (${inSentence(choiceTitle(onlineReferences, "postedBy", d))}${isYes(d, "images") ? ", with images" : ""}):`,
      textValue(d, "site"),
    ]),
};

const pupilContact: ReportKindDefinition = {
  id: "pupil-contact",
  title: "Inappropriate contact from a pupil",
  policySections: "6.8",
  guidance:
    "Staff communicate with pupils only through school platforms. If a current or former pupil contacts you some other way, " +
    "or in a way that may breach the relationship of trust, tell a member of the senior leadership team: it is a safeguarding matter.",
  fields: [
    { id: "occurredAt", type: "datetime", required: true, label: "When did it happen?" },
    { id: "pupil", type: "text", required: true, maxLength: SHORT, label: "Which pupil (name and class, or former pupil)?" },
    {
      id: "channel",
      type: "choice",
      required: true,
      label: "How did they contact you?",
      choices: [
        { value: "social", title: "Social media" },
        { value: "messaging", title: "A messaging app or text message" },
        { value: "email", title: "Personal email" },
        { value: "phone", title: "Phone call" },
        { value: "other", title: "Another way" },
      ],
    },
    { id: "what", type: "multiline", required: true, maxLength: LONG, label: "What happened, in outline?" },
    { id: "replied", type: "toggle", label: "Did you reply?", title: "Yes, I replied" },
  ],
  occurredAtField: "occurredAt",
  category: "concern",
  privacy: "safeguarding",
  urgencyRule:
    "A safeguarding matter: the headteacher and the senior leadership team are told at once. The IT technician is never told, " +
    "and it is kept apart from the routine reports.",
  mayInvolvePersonalData: () => false,
  isUrgent: () => true,
  summarise: (d) => oneLine([`Contact from a pupil (${inSentence(choiceTitle(pupilContact, "channel", d))})`]),
};

const discriminatoryPostings: ReportKindDefinition = {
  id: "discriminatory-postings",
  title: "Racist, sexist or other discriminatory comments online",
  policySections: "6.9",
  guidance:
    "Staff have a responsibility to report any racist, sexist or other discriminatory comments they become aware of through " +
    "postings or chat on social media. Say where and what kind of comment it was; do not copy or share it.",
  fields: [
    { id: "occurredAt", type: "datetime", required: true, label: "When did you see it?" },
    {
      id: "nature",
      type: "choice",
      required: true,
      label: "What kind of comment?",
      choices: [
        { value: "racist", title: "Racist" },
        { value: "sexist", title: "Sexist" },
        { value: "homophobic", title: "Homophobic or transphobic" },
        { value: "disability", title: "About disability" },
        { value: "religious", title: "About religion or belief" },
        { value: "other", title: "Other discriminatory" },
      ],
    },
    { id: "site", type: "text", required: true, maxLength: SHORT, label: "Which site, app or chat?" },
    { id: "postedBy", type: "text", required: false, maxLength: SHORT, label: "Who posted it, if you know (e.g. a parent, a pupil)?" },
    { id: "what", type: "multiline", required: true, maxLength: LONG, label: "What was said, in outline?" },
    { id: "aboutSchool", type: "toggle", label: "Is it about the school, its staff or pupils?", title: "Yes, it concerns the school community" },
  ],
  occurredAtField: "occurredAt",
  category: "concern",
  privacy: "routine",
  urgencyRule: "The headteacher is told and reads it with the other reports; tell them in person too if it is serious.",
  mayInvolvePersonalData: () => false,
  isUrgent: () => false,
  summarise: (d) => oneLine([`${choiceTitle(discriminatoryPostings, "nature", d)} comments seen on`, textValue(d, "site")]),
};

export const CONCERN_KINDS: readonly ReportKindDefinition[] = [onlineReferences, pupilContact, discriminatoryPostings];
