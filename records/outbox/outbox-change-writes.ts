// The writer's updates to items already in SharePoint: for each kind of row, the list, the fields, and when the
// item already holds something that stands (a later change, or the first decision, closure or return).
import type { StaffStatus } from "../roster/staff-status.js";
import { staffStatusFields, type ItemFields } from "../sharepoint/item-fields.js";
import { REPORTS_LIST, STAFF_STATUS_LIST, type ListSchema } from "../sharepoint/list-schemas.js";
import type { IncidentReport } from "../types.js";
import { decisionWrite, isDecisionOp } from "./outbox-decisions.js";
import { laptopChangeWrite } from "./outbox-laptop-loans.js";
import { monitoringClosureWrite } from "./outbox-monitoring-writes.js";
import type { StatusChange } from "./outbox-record-store.js";
import { statusWrite } from "./outbox-report-writes.js";
import type { OutboxRow } from "./outbox-table.js";

/** A change the writer applies with the item's eTag, unless the item already holds one that stands. */
export interface ChangeWrite {
  readonly list: ListSchema;
  /** Where else the item may be when it is not in `list`. */
  readonly orElse?: ListSchema;
  readonly fields: ItemFields;
  /** Why the write is parked when the item is in neither list. */
  readonly whenMissing: string;
  readonly isSupersededBy: (current: ItemFields) => boolean;
}

/** Every row that is neither a create nor a deletion. */
export function changeWriteOf(row: OutboxRow): ChangeWrite {
  if (row.op === "confirm-laptop-loan" || row.op === "return-laptop-loan") return laptopChangeWrite(row);
  if (row.op === "close-monitoring-record") return monitoringClosureWrite(row);
  if (row.op === "update-staff-status") return staffStatusWrite(JSON.parse(row.payload) as StaffStatus);
  // A decision on a request, or the end of an approval: the first one in the list stands.
  if (isDecisionOp(row.op)) return { list: REPORTS_LIST, whenMissing: "The request is no longer in the SharePoint list.", ...decisionWrite(row) };
  return statusWrite(JSON.parse(row.payload) as StatusChange & Partial<Pick<IncidentReport, "kind">>);
}

function staffStatusWrite(status: StaffStatus): ChangeWrite {
  return {
    list: STAFF_STATUS_LIST,
    fields: staffStatusFields(status, "update"),
    whenMissing: "The staff status item is no longer in the SharePoint list.",
    // A newer write of the row (ours from another run, or a later one) stands.
    isSupersededBy: (current) => Date.parse(String(current.UpdatedAt)) > Date.parse(status.updatedAt),
  };
}
