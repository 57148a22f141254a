// Monitoring records to and from the "AUP monitoring record" list's item fields (records/sharepoint/list-schemas.ts).
import type { ItemFields } from "../sharepoint/item-fields.js";
import type { MonitoringClosure, MonitoringRecord } from "./monitoring-record.js";

export function monitoringFields(record: MonitoringRecord): ItemFields {
  return {
    // The Title heads the item in SharePoint: who and when, never the reason.
    Title: `${record.employee.displayName}: ${record.from} to ${record.to}`.slice(0, 255),
    RecordId: record.recordId,
    State: record.state,
    EmployeeName: record.employee.displayName,
    EmployeeUpn: record.employee.upn,
    EmployeeId: record.employee.id,
    Reason: record.reason,
    MonitoredFrom: record.from,
    MonitoredTo: record.to,
    RequestedOf: record.requestedOf,
    RequestedOn: record.requestedOn,
    RecordedByName: record.recordedBy.displayName,
    RecordedById: record.recordedBy.id,
    RecordedAt: record.recordedAt,
    ...(record.closed ? closureFields(record.closed) : {}),
  };
}

/** The closure as list columns; State moves to "Closed" with it. */
export function closureFields(closure: MonitoringClosure): ItemFields {
  return {
    State: "Closed",
    ClosedAt: closure.closedAt,
    ClosedByName: closure.closedBy.displayName,
    ClosedById: closure.closedBy.id,
    Outcome: closure.outcome,
  };
}

export function monitoringFromFields(fields: ItemFields): MonitoringRecord {
  const str = (name: string): string => {
    const value = fields[name];
    return typeof value === "string" ? value : "";
  };
  // A date-only column comes back as midnight UTC.
  const day = (name: string) => str(name).slice(0, 10);
  const record: MonitoringRecord = {
    recordId: str("RecordId"),
    employee: { id: str("EmployeeId"), displayName: str("EmployeeName"), upn: str("EmployeeUpn") },
    reason: str("Reason"),
    from: day("MonitoredFrom"),
    to: day("MonitoredTo"),
    requestedOf: str("RequestedOf"),
    requestedOn: day("RequestedOn"),
    // The list keeps the headteacher's name and id, not their UPN.
    recordedBy: { id: str("RecordedById"), displayName: str("RecordedByName"), upn: "" },
    recordedAt: str("RecordedAt"),
    state: str("State") === "Closed" ? "Closed" : "Open",
  };
  if (record.state !== "Closed") return record;
  return { ...record, closed: { closedAt: str("ClosedAt"), closedBy: { id: str("ClosedById"), displayName: str("ClosedByName"), upn: "" }, outcome: str("Outcome") } };
}
