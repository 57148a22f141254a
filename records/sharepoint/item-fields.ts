// Records to and from SharePoint list item fields (the column names are in list-schemas.ts).
import { reportReference } from "../record-id.js";
import { describeAnswers } from "../report-kinds.js";
import { laptopDescription, type LaptopLoan, type LaptopReturn } from "../laptop-loan.js";
import type { Acknowledgement, IncidentReport } from "../types.js";
import { REACH_STATE_LABELS } from "../roster/staff-roster.js";
import type { StaffStatus } from "../roster/staff-status.js";
import { formatUkTime } from "../uk-time.js";
import { STAFF_STATUS_DOCUMENT_COLUMNS } from "./list-schemas.js";
import { decidedFields, decisionFromFields } from "./decision-fields.js";

export type ItemFields = Readonly<Record<string, unknown>>;

/** SharePoint's Title is one line of at most 255 characters; longer, and the whole item is refused for good. */
const TITLE_MAX_LENGTH = 255;

/** The Title only heads the item (every part is in its own column too), so a long one is shortened, not refused. */
function title(text: string): string {
  return text.length > TITLE_MAX_LENGTH ? `${text.slice(0, TITLE_MAX_LENGTH - 1)}…` : text;
}

export function acknowledgementFields(ack: Acknowledgement): ItemFields {
  return {
    Title: title(`${ack.person.displayName}: ${ack.policyId} v${ack.policyVersion} (${ack.cycle})`),
    RecordId: ack.recordId,
    PersonName: ack.person.displayName,
    PersonUpn: ack.person.upn,
    PersonId: ack.person.id,
    PolicyId: ack.policyId,
    PolicyVersion: ack.policyVersion,
    Cycle: ack.cycle,
    AcknowledgedAt: ack.acknowledgedAt,
    Channel: ack.channel,
  };
}

export function acknowledgementFromFields(fields: ItemFields): Acknowledgement {
  return {
    recordId: str(fields, "RecordId"),
    policyId: str(fields, "PolicyId"),
    policyVersion: str(fields, "PolicyVersion"),
    cycle: str(fields, "Cycle"),
    person: { id: str(fields, "PersonId"), displayName: str(fields, "PersonName"), upn: str(fields, "PersonUpn") },
    acknowledgedAt: str(fields, "AcknowledgedAt"),
    channel: str(fields, "Channel") as Acknowledgement["channel"],
  };
}

export function reportFields(report: IncidentReport): ItemFields {
  return {
    Title: report.summary,
    Reference: reportReference(report),
    RecordId: report.recordId,
    ReportKind: report.kind,
    Urgent: report.urgent,
    ReporterName: report.reporter.displayName,
    ReporterUpn: report.reporter.upn,
    ReporterId: report.reporter.id,
    ReportedAt: report.reportedAt,
    OccurredAt: report.occurredAt,
    Details: describeAnswers(report.kind, report.details)
      .map(([question, answer]) => `${question.replace(/[?:]$/, "")}: ${answer}`)
      .join("\n"),
    DetailsData: JSON.stringify(report.details),
    ...statusFields(report),
    // Written by its own outbox change (outbox-decisions.ts); here for /records, which shows what the list holds.
    ...(report.decision ? decidedFields(report.decision) : {}),
  };
}

export function statusFields(report: Pick<IncidentReport, "status" | "statusChangedAt" | "statusChangedBy" | "statusHistory">): ItemFields {
  return {
    Status: report.status,
    StatusChangedAt: report.statusChangedAt,
    StatusChangedBy: report.statusChangedBy,
    // Only once changed, so a list provisioned before the column existed still takes new reports.
    ...(report.statusHistory ? { StatusHistory: JSON.stringify(report.statusHistory) } : {}),
  };
}

export function reportFromFields(fields: ItemFields): IncidentReport {
  return {
    recordId: str(fields, "RecordId"),
    kind: str(fields, "ReportKind") as IncidentReport["kind"],
    reporter: { id: str(fields, "ReporterId"), displayName: str(fields, "ReporterName"), upn: str(fields, "ReporterUpn") },
    reportedAt: str(fields, "ReportedAt"),
    occurredAt: str(fields, "OccurredAt"),
    summary: str(fields, "Title"),
    details: JSON.parse(str(fields, "DetailsData") || "{}") as IncidentReport["details"],
    urgent: fields.Urgent === true,
    status: str(fields, "Status") as IncidentReport["status"],
    statusChangedAt: str(fields, "StatusChangedAt"),
    statusChangedBy: str(fields, "StatusChangedBy"),
    ...(str(fields, "Reference") ? { reference: str(fields, "Reference") } : {}),
    ...(str(fields, "StatusHistory") ? { statusHistory: JSON.parse(str(fields, "StatusHistory")) as IncidentReport["statusHistory"] } : {}),
    ...decisionFromFields(fields),
  };
}

export function laptopLoanFields(loan: LaptopLoan): ItemFields {
  return {
    Title: title(`${laptopDescription(loan)} to ${loan.borrower.displayName}`),
    RecordId: loan.recordId,
    BorrowerName: loan.borrower.displayName,
    BorrowerUpn: loan.borrower.upn,
    BorrowerId: loan.borrower.id,
    LaptopModel: loan.model,
    SerialNumber: loan.serialNumber,
    AssetTag: loan.assetTag,
    BagAndManuals: loan.withBagAndManuals,
    Software: loan.software.join("\n"),
    AdditionalSoftware: loan.additionalSoftware,
    IssuedOn: loan.issuedOn,
    IssuedByName: loan.issuedBy.displayName,
    IssuedById: loan.issuedBy.id,
    RecordedAt: loan.recordedAt,
    AgreementVersion: loan.agreementVersion,
    ...laptopConfirmationFields(loan),
    ...(loan.returned ? laptopReturnFields(loan.returned) : {}),
  };
}

/** The return as list columns; Status moves to "Returned" with it. */
export function laptopReturnFields(returned: LaptopReturn): ItemFields {
  return {
    Status: "Returned",
    ReturnedAt: returned.returnedAt,
    ReturnedToName: returned.returnedTo.displayName,
    ReturnedToId: returned.returnedTo.id,
    ReturnCondition: returned.condition,
    AssetTagAttached: returned.assetTagAttached,
    ReturnNote: returned.note,
  };
}

/** An empty date column is left out rather than sent as "". */
export function laptopConfirmationFields(loan: Pick<LaptopLoan, "status" | "confirmedAt">): ItemFields {
  return { Status: loan.status, ...(loan.confirmedAt ? { ConfirmedAt: loan.confirmedAt } : {}) };
}

export function laptopLoanFromFields(fields: ItemFields): LaptopLoan {
  return {
    recordId: str(fields, "RecordId"),
    borrower: { id: str(fields, "BorrowerId"), displayName: str(fields, "BorrowerName"), upn: str(fields, "BorrowerUpn") },
    // SharePoint keeps no issuer UPN column: the list shows who issued it by name.
    issuedBy: { id: str(fields, "IssuedById"), displayName: str(fields, "IssuedByName"), upn: "" },
    model: str(fields, "LaptopModel"),
    serialNumber: str(fields, "SerialNumber"),
    assetTag: str(fields, "AssetTag"),
    withBagAndManuals: fields.BagAndManuals === true,
    software: str(fields, "Software").split("\n").filter((line) => line !== ""),
    additionalSoftware: str(fields, "AdditionalSoftware"),
    // A date-only column comes back as midnight UTC.
    issuedOn: str(fields, "IssuedOn").slice(0, 10),
    recordedAt: str(fields, "RecordedAt"),
    agreementVersion: str(fields, "AgreementVersion"),
    status: str(fields, "Status") as LaptopLoan["status"],
    confirmedAt: str(fields, "ConfirmedAt"),
    ...(fields.Status === "Returned" && fields.ReturnCondition ? { returned: laptopReturnFromFields(fields) } : {}),
  };
}

function laptopReturnFromFields(fields: ItemFields): LaptopReturn {
  return {
    returnedAt: str(fields, "ReturnedAt"),
    // As for the issuer, the list keeps the technician's name and id, not their UPN.
    returnedTo: { id: str(fields, "ReturnedToId"), displayName: str(fields, "ReturnedToName"), upn: "" },
    condition: str(fields, "ReturnCondition") as LaptopReturn["condition"],
    assetTagAttached: fields.AssetTagAttached === true,
    note: str(fields, "ReturnNote"),
  };
}

/**
 * The staff status row as list columns. On a create, blank dates are left out; on an update they are sent as
 * null, which clears them (a new version of a document asks everyone again).
 */
export function staffStatusFields(status: StaffStatus, mode: "create" | "update"): ItemFields {
  const dateField = (name: string, value: string | undefined): ItemFields => (value ? { [name]: value } : mode === "update" ? { [name]: null } : {});
  const documentColumns = status.documents.flatMap((doc) => {
    const name = STAFF_STATUS_DOCUMENT_COLUMNS[doc.policyId];
    return name ? [dateField(name, doc.acknowledgedAt)] : [];
  });
  const fields: ItemFields = {
    Title: title(`${status.person.displayName} (${status.cycle})`),
    RecordId: status.recordId,
    PersonName: status.person.displayName,
    PersonUpn: status.person.upn,
    PersonId: status.person.id,
    Cycle: status.cycle,
    ReachState: REACH_STATE_LABELS[status.reach],
    ReachDetail: title(status.reachDetail),
    Acknowledged: status.documents
      .map((doc) => `${doc.title} (${doc.version}): ${doc.acknowledgedAt ? formatUkTime(doc.acknowledgedAt) : "not yet"}`)
      .join("\n"),
    UpdatedAt: status.updatedAt,
  };
  return Object.assign({}, fields, dateField("InvitedAt", status.invitedAt), dateField("LastRemindedAt", status.lastRemindedAt), ...documentColumns) as ItemFields;
}

function str(fields: ItemFields, name: string): string {
  const value = fields[name];
  if (typeof value === "string") return value;
  return typeof value === "number" || typeof value === "boolean" ? String(value) : "";
}
