// The SharePoint lists the headteacher reads, as data: provisioning creates exactly this.
import { LAPTOP_LOAN_STATUSES, LAPTOP_RETURN_CONDITIONS } from "../laptop-loan.js";
import { REPORT_KINDS, REPORT_STATUSES } from "../types.js";
import { REACH_STATES, REACH_STATE_LABELS } from "../roster/staff-roster.js";
import { MONITORING_STATES } from "../monitoring/monitoring-record.js";

export type ColumnType =
  | { readonly kind: "text" }
  | { readonly kind: "multilineText" }
  | { readonly kind: "dateTime" }
  /** A calendar date with no time of day, e.g. the day a laptop was handed over. */
  | { readonly kind: "date" }
  | { readonly kind: "boolean" }
  | { readonly kind: "choice"; readonly choices: readonly string[] };

export interface ColumnSchema {
  /** The API name used in item fields and $filter. */
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly type: ColumnType;
  /** Every column used in a $filter is indexed, or SharePoint refuses the query on large lists. */
  readonly indexed: boolean;
  /** Requires indexed. */
  readonly unique: boolean;
}

export interface ListSchema {
  /** The list's URL name; provisioning finds an existing list by it. */
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly columns: readonly ColumnSchema[];
}

const column = (name: string, displayName: string, description: string, type: ColumnType, index: "indexed" | "unique" | "" = ""): ColumnSchema => ({
  name,
  displayName,
  description,
  type,
  indexed: index !== "",
  unique: index === "unique",
});

const text: ColumnType = { kind: "text" };
const dateTime: ColumnType = { kind: "dateTime" };

/** The idempotency key: a retried write meets this unique column and is refused, so nothing is written twice. */
export const RECORD_ID_COLUMN = "RecordId";

const recordId = column(RECORD_ID_COLUMN, "Record id", "The app's id for this record; unique, so a retry never adds a second item.", text, "unique");

export const ACKNOWLEDGEMENTS_LIST: ListSchema = {
  name: "AupAcknowledgements",
  displayName: "AUP acknowledgements",
  description: "Who acknowledged which version of which policy, in which academic year. Written by the AUP Teams app.",
  columns: [
    recordId,
    column("PersonName", "Person", "Display name of the member of staff.", text),
    column("PersonUpn", "Person UPN", "User principal name (sign-in name).", text),
    column("PersonId", "Entra object id", "The person's Entra ID object id.", text, "indexed"),
    column("PolicyId", "Policy", "Which document was acknowledged.", text, "indexed"),
    column("PolicyVersion", "Version", "The version of the document acknowledged.", text),
    column("Cycle", "Academic year", "The acknowledgement cycle, e.g. 2026/27.", text, "indexed"),
    column("AcknowledgedAt", "Acknowledged at", "When the person confirmed.", dateTime),
    column("Channel", "Channel", "Where the person confirmed.", { kind: "choice", choices: ["teams-bot", "tab"] }),
  ],
};

export const REPORTS_LIST: ListSchema = {
  name: "AupIncidentReports",
  displayName: "AUP incident reports",
  description: "Incidents reported by staff under the Staff IT Acceptable Use Policy. Written by the AUP Teams app.",
  columns: [
    // Added with references: provisioning adds it to a list made before, whose old items keep it blank.
    column("Reference", "Reference", "The short reference people quote, e.g. R-2026-0042; unique.", text, "unique"),
    recordId,
    column("ReportKind", "Report kind", "What is being reported.", { kind: "choice", choices: REPORT_KINDS }),
    column("Urgent", "Urgent", "Urgent reports alert the headteacher and IT technician at once.", { kind: "boolean" }),
    column("Status", "Status", "Where the report is in handling.", { kind: "choice", choices: REPORT_STATUSES }, "indexed"),
    column("ReporterName", "Reported by", "Display name of the member of staff.", text),
    column("ReporterUpn", "Reporter UPN", "User principal name of the reporter.", text),
    column("ReporterId", "Reporter Entra object id", "The reporter's Entra ID object id.", text, "indexed"),
    column("ReportedAt", "Reported at", "When the report was filed.", dateTime),
    column("OccurredAt", "Occurred at", "When it happened or was noticed, as the reporter gave it.", dateTime),
    column("Details", "Details", "What the reporter told us, one line per question.", { kind: "multilineText" }),
    column("DetailsData", "Details (data)", "The same details as JSON, for the app.", { kind: "multilineText" }),
    column("StatusChangedAt", "Status changed at", "When the status last changed.", dateTime),
    column("StatusChangedBy", "Status changed by", "Who last changed the status.", text),
    // Added with the headteacher's view: provisioning adds it to a list made before.
    column("StatusHistory", "Status history", "Every status change with its note, as JSON, for the app.", { kind: "multilineText" }),
    // Added with decisions on requests: provisioning adds them to a list made before; blank on everything else.
    column("Decision", "Decision", "A permission request's answer: approved or declined.", { kind: "choice", choices: ["Approved", "Declined"] }),
    column("DecisionConditions", "Decision conditions", "What the approval is subject to, e.g. encrypted stick only.", { kind: "multilineText" }),
    column("DecisionReason", "Decision reason", "Why the request was declined.", { kind: "multilineText" }),
    column("DecidedBy", "Decided by", "The headteacher or IT technician who decided.", text),
    column("DecidedById", "Decided by Entra object id", "The decider's Entra ID object id.", text),
    column("DecidedAt", "Decided at", "When the request was decided.", dateTime),
    column("DecisionExpiresOn", "Permission ends", "The last day an approval holds; blank when it has no end.", { kind: "date" }),
    column("DecisionExpired", "Permission ended", "Set once the approval's last day has passed.", { kind: "boolean" }),
    column("DecisionExpiredAt", "Permission ended at", "When the app recorded that the approval had ended.", dateTime),
  ],
};

export const LAPTOP_LOANS_LIST: ListSchema = {
  name: "AupLaptopLoans",
  displayName: "AUP laptop loans",
  description: "School laptops on loan to staff and whether each borrower has confirmed the loan agreement. Written by the AUP Teams app.",
  columns: [
    recordId,
    column("Status", "Status", "Awaiting the borrower's confirmation, confirmed, or returned.", { kind: "choice", choices: LAPTOP_LOAN_STATUSES }, "indexed"),
    column("BorrowerName", "Borrower", "Display name of the member of staff.", text),
    column("BorrowerUpn", "Borrower UPN", "User principal name of the borrower, when Teams gave it.", text),
    column("BorrowerId", "Borrower Entra object id", "The borrower's Entra ID object id.", text, "indexed"),
    column("LaptopModel", "Laptop model", "Make and model of the laptop.", text),
    column("SerialNumber", "Serial number", "The laptop's serial number.", text, "indexed"),
    column("AssetTag", "Asset tag", "The school's property tag, if any.", text),
    column("BagAndManuals", "Laptop bag & manuals", "Whether the bag and manuals were handed over too.", { kind: "boolean" }),
    column("Software", "Software installed", "The standard image items installed, one per line.", { kind: "multilineText" }),
    column("AdditionalSoftware", "Additional software", "Anything installed beyond the standard image.", { kind: "multilineText" }),
    column("IssuedOn", "Date issued", "The day the laptop was handed over.", { kind: "date" }),
    column("IssuedByName", "Issued by", "The IT technician who issued it.", text),
    column("IssuedById", "Issued by Entra object id", "The issuer's Entra ID object id.", text),
    column("RecordedAt", "Recorded at", "When the loan was recorded.", dateTime),
    column("AgreementVersion", "Agreement version", "The version of the laptop loan agreement sent to the borrower.", text),
    column("ConfirmedAt", "Confirmed at", "When the borrower confirmed the agreement.", dateTime),
    // Added with returns (policy 9.4): provisioning adds them to a list made before.
    column("ReturnedAt", "Returned at", "When the laptop was handed back to the IT technician.", dateTime),
    column("ReturnedToName", "Returned to", "The IT technician it was handed back to.", text),
    column("ReturnedToId", "Returned to Entra object id", "That technician's Entra ID object id.", text),
    column("ReturnCondition", "Condition on return", "Whether it came back in full working condition.", { kind: "choice", choices: LAPTOP_RETURN_CONDITIONS }),
    column("AssetTagAttached", "Asset tag attached on return", "Whether the property tag was still on it (policy 9.1).", { kind: "boolean" }),
    column("ReturnNote", "Return note", "What the IT technician noted on return.", { kind: "multilineText" }),
  ],
};

/**
 * The all-staff documents that have a column of their own in the staff status list (SharePoint names are at most
 * 32 characters). A document added later is in the "Acknowledged" summary column; add its id here and run
 * npm run provision to give it a column too.
 */
export const STAFF_STATUS_DOCUMENT_COLUMNS: Readonly<Record<string, string>> = {
  "acceptable-use-policy": "AckAcceptableUsePolicy",
  "social-media-guidance": "AckSocialMediaGuidance",
};

export const STAFF_STATUS_LIST: ListSchema = {
  name: "AupStaffStatus",
  displayName: "AUP staff status",
  description:
    "One item per member of staff per academic year: what they have acknowledged, and whether the app reached them (and if not, why). Written by the AUP Teams app.",
  columns: [
    recordId,
    column("PersonName", "Person", "Display name of the member of staff.", text),
    column("PersonUpn", "Person UPN", "User principal name (sign-in name).", text),
    column("PersonId", "Entra object id", "The person's Entra ID object id.", text, "indexed"),
    column("Cycle", "Academic year", "The acknowledgement cycle, e.g. 2026/27.", text, "indexed"),
    column("ReachState", "Reached", "Whether the app could reach the person in Teams.", { kind: "choice", choices: REACH_STATES.map((state) => REACH_STATE_LABELS[state]) }, "indexed"),
    column("ReachDetail", "Why not reached", "What stopped the app reaching them, and what to do.", text),
    column("InvitedAt", "Invited", "When the documents were first sent this year.", dateTime),
    column("LastRemindedAt", "Last reminded", "When the last reminder was sent.", dateTime),
    ...Object.entries(STAFF_STATUS_DOCUMENT_COLUMNS).map(([policyId, name]) =>
      column(name, `Acknowledged: ${policyId.replace(/-/g, " ")}`, `When the person confirmed this year's version of ${policyId}; blank until they do.`, dateTime),
    ),
    column("Acknowledged", "Acknowledged", "Every all-staff document this year, with when it was confirmed.", { kind: "multilineText" }),
    column("UpdatedAt", "Updated", "When the app last changed this item.", dateTime),
  ],
};

/**
 * Safeguarding concerns (a kind whose privacy is "safeguarding", records/privacy.ts): the incident reports'
 * columns in a list of their own, whose permissions the admin restricts to the headteacher and senior leaders
 * (infra/README.md). A list, not item permissions: Graph cannot set an item's permissions.
 */
export const SAFEGUARDING_LIST: ListSchema = {
  ...REPORTS_LIST,
  name: "AupSafeguardingConcerns",
  displayName: "AUP safeguarding concerns",
  description: "Safeguarding concerns raised by staff (e.g. inappropriate contact from a pupil). Restricted: the headteacher and senior leaders only. Written by the AUP Teams app.",
};

/** Policy 15.1: the headteacher's record of each request to monitor a member of staff's email. Headteacher only. */
export const MONITORING_LIST: ListSchema = {
  name: "AupMonitoringRecord",
  displayName: "AUP monitoring record",
  description: "Requests to monitor a member of staff's email (policy 15.1): who, why, when, who was asked, and when the employee was told. Restricted: the headteacher only. Written by the AUP Teams app.",
  columns: [
    recordId,
    column("State", "State", "Open while the monitoring runs; closed once it has ended.", { kind: "choice", choices: MONITORING_STATES }, "indexed"),
    column("EmployeeName", "Member of staff", "Whose email is monitored.", text),
    column("EmployeeUpn", "Member of staff UPN", "Their sign-in name.", text),
    column("EmployeeId", "Member of staff Entra object id", "Their Entra ID object id; blank when named by hand.", text, "indexed"),
    column("Reason", "Reason", "Why, as the headteacher recorded it (policy 15.1).", { kind: "multilineText" }),
    column("MonitoredFrom", "From", "The day the monitoring starts.", { kind: "date" }),
    column("MonitoredTo", "To", "The day the monitoring ends.", { kind: "date" }),
    column("RequestedOf", "Requested in writing of", "Who the headteacher asked in writing (the IT technician, the email provider).", text),
    column("RequestedOn", "Requested on", "The day of the written request.", { kind: "date" }),
    column("RecordedByName", "Recorded by", "The headteacher who recorded it.", text),
    column("RecordedById", "Recorded by Entra object id", "Their Entra ID object id.", text),
    column("RecordedAt", "Recorded at", "When it was recorded.", dateTime),
    column("ClosedAt", "Closed at", "When the headteacher closed it.", dateTime),
    column("ClosedByName", "Closed by", "The headteacher who closed it.", text),
    column("ClosedById", "Closed by Entra object id", "Their Entra ID object id.", text),
    column("Outcome", "Outcome", "What came of the monitoring; the notice to the employee says it.", { kind: "multilineText" }),
  ],
};

export const ALL_LISTS: readonly ListSchema[] = [ACKNOWLEDGEMENTS_LIST, REPORTS_LIST, LAPTOP_LOANS_LIST, STAFF_STATUS_LIST, SAFEGUARDING_LIST, MONITORING_LIST];

/** The column definition Graph expects in POST /lists and POST /lists/{id}/columns. */
export function columnDefinition(schema: ColumnSchema): Record<string, unknown> {
  const base = {
    name: schema.name,
    displayName: schema.displayName,
    description: schema.description,
    indexed: schema.indexed,
    enforceUniqueValues: schema.unique,
  };
  switch (schema.type.kind) {
    case "text":
      return { ...base, text: { allowMultipleLines: false, maxLength: 255 } };
    case "multilineText":
      return { ...base, text: { allowMultipleLines: true, linesForEditing: 6, textType: "plain" } };
    case "dateTime":
      return { ...base, dateTime: { format: "dateTime", displayAs: "standard" } };
    case "date":
      return { ...base, dateTime: { format: "dateOnly", displayAs: "standard" } };
    case "boolean":
      return { ...base, boolean: {} };
    case "choice":
      return { ...base, choice: { choices: [...schema.type.choices], displayAs: "dropDownMenu", allowTextEntry: false } };
  }
}
