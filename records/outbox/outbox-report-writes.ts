// Where the writer sends a report: a safeguarding concern (its create, status changes and deletion) to its
// restricted list, every other report to the incident reports list; and the $batch part of every create.
import type { LaptopLoan } from "../laptop-loan.js";
import { isRestricted } from "../privacy.js";
import type { DeletePayload } from "../retention/record-deleter.js";
import type { StaffStatus } from "../roster/staff-status.js";
import {
  acknowledgementFields,
  laptopLoanFields,
  reportFields,
  staffStatusFields,
  statusFields,
} from "../sharepoint/item-fields.js";
import { ACKNOWLEDGEMENTS_LIST, LAPTOP_LOANS_LIST, MONITORING_LIST, REPORTS_LIST, SAFEGUARDING_LIST, STAFF_STATUS_LIST, type ListSchema } from "../sharepoint/list-schemas.js";
import type { SharePointLists } from "../sharepoint/sharepoint-lists.js";
import type { Acknowledgement, IncidentReport } from "../types.js";
import { monitoringCreateOf } from "./outbox-monitoring-writes.js";
import type { StatusChange } from "./outbox-record-store.js";
import type { ChangeWrite } from "./outbox-change-writes.js";
import type { OutboxRow } from "./outbox-table.js";

/** The list and fields of a create row, as the $batch part is made. */
export function createOf(row: OutboxRow): Parameters<SharePointLists["createPart"]> {
  if (row.op === "create-acknowledgement") {
    return [ACKNOWLEDGEMENTS_LIST, String(row.seq), acknowledgementFields(JSON.parse(row.payload) as Acknowledgement)];
  }
  if (row.op === "create-staff-status") {
    return [STAFF_STATUS_LIST, String(row.seq), staffStatusFields(JSON.parse(row.payload) as StaffStatus, "create")];
  }
  if (row.op === "create-laptop-loan") {
    return [LAPTOP_LOANS_LIST, String(row.seq), laptopLoanFields(JSON.parse(row.payload) as LaptopLoan)];
  }
  if (row.op === "create-monitoring-record") return monitoringCreateOf(row);
  const report = JSON.parse(row.payload) as IncidentReport;
  return [reportListOf(report), String(row.seq), reportFields(report)];
}

/** A report's status change, in the list its kind says (and the other, for one written before that list existed). */
export function statusWrite(change: StatusChange & Partial<Pick<IncidentReport, "kind">>): ChangeWrite {
  // A safeguarding concern written before its list existed is still in the incident reports list: looked for there next.
  const [list, orElse] = reportListsFor(change);
  return {
    list,
    orElse,
    fields: statusFields(change),
    whenMissing: "The report is no longer in the SharePoint list.",
    // A change made later than ours (by the app or in SharePoint) wins; ours is then history.
    isSupersededBy: (current) => Date.parse(String(current.StatusChangedAt)) > Date.parse(change.statusChangedAt),
  };
}

/** Retention: the list a deleted record's item is in, and where else to look (a report may be a safeguarding concern). */
export function deleteListsOf(row: OutboxRow): readonly [ListSchema, ListSchema?] {
  const { type } = JSON.parse(row.payload) as DeletePayload;
  if (type === "acknowledgements") return [ACKNOWLEDGEMENTS_LIST];
  if (type === "laptop-loans") return [LAPTOP_LOANS_LIST];
  if (type === "monitoring-records") return [MONITORING_LIST];
  return [REPORTS_LIST, SAFEGUARDING_LIST];
}

/** A safeguarding concern goes to its restricted list; every other report to the incident reports list. */
export function reportListOf(report: Pick<IncidentReport, "kind">): ListSchema {
  return isRestricted(report) ? SAFEGUARDING_LIST : REPORTS_LIST;
}

/** Where a status change looks for its report: its kind's list first (a change queued before kinds travelled with it: the incident reports list). */
function reportListsFor(change: { readonly kind?: IncidentReport["kind"] }): readonly [ListSchema, ListSchema] {
  return change.kind && isRestricted({ kind: change.kind }) ? [SAFEGUARDING_LIST, REPORTS_LIST] : [REPORTS_LIST, SAFEGUARDING_LIST];
}
