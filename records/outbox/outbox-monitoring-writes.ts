// The monitoring record's writes (policy 15.1), all to the restricted "AUP monitoring record" list: its create
// and its closure, of which the first stands.
import { closureFields, monitoringFields } from "../monitoring/monitoring-fields.js";
import type { MonitoringClosure, MonitoringRecord } from "../monitoring/monitoring-record.js";
import { MONITORING_LIST } from "../sharepoint/list-schemas.js";
import type { SharePointLists } from "../sharepoint/sharepoint-lists.js";
import type { ChangeWrite } from "./outbox-change-writes.js";
import type { OutboxRow } from "./outbox-table.js";

export function monitoringCreateOf(row: OutboxRow): Parameters<SharePointLists["createPart"]> {
  return [MONITORING_LIST, String(row.seq), monitoringFields(JSON.parse(row.payload) as MonitoringRecord)];
}

export function monitoringClosureWrite(row: OutboxRow): ChangeWrite {
  const closure = JSON.parse(row.payload) as MonitoringClosure;
  return { list: MONITORING_LIST, fields: closureFields(closure), whenMissing: "The monitoring record is no longer in its SharePoint list.", isSupersededBy: (current) => current.State === "Closed" };
}
