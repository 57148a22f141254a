// The monitoring record in tenant mode: writes go to the outbox, reads merge the restricted "AUP monitoring
// record" list with records and closures not yet written there.
import { NotFoundError, ThrottledError, UnavailableError } from "../errors.js";
import type { OutboxTable } from "../outbox/outbox-table.js";
import { MONITORING_LIST } from "../sharepoint/list-schemas.js";
import { MissingListError, type SharePointLists } from "../sharepoint/sharepoint-lists.js";
import { monitoringFromFields } from "./monitoring-fields.js";
import {
  closedRecord,
  matches,
  newestFirst,
  type MonitoringClosure,
  type MonitoringQuery,
  type MonitoringRecord,
  type MonitoringRecords,
} from "./monitoring-record.js";

export class OutboxMonitoringRecords implements MonitoringRecords {
  constructor(
    private readonly outbox: OutboxTable,
    private readonly lists: SharePointLists,
    private readonly now: () => Date,
  ) {}

  save(record: MonitoringRecord): Promise<{ created: boolean }> {
    const created = this.outbox.enqueue("create-monitoring-record", `create:${record.recordId}`, record.recordId, record, this.now());
    return Promise.resolve({ created });
  }

  async list(query: MonitoringQuery): Promise<MonitoringRecord[]> {
    // Only the employee is filtered in SharePoint: a closure still in the outbox changes the state.
    // Until provisioning makes the list (after an upgrade) it holds nothing: what was recorded waits in the outbox.
    const items = await this.lists.query(MONITORING_LIST, { EmployeeId: query.employeeId }).catch((error: unknown) => {
      if (error instanceof MissingListError) return [];
      throw error;
    });
    const byId = new Map(items.map((item) => monitoringFromFields(item.fields)).map((record) => [record.recordId, record]));
    for (const row of this.outbox.notYetWritten("create-monitoring-record")) {
      if (!byId.has(row.recordId)) byId.set(row.recordId, JSON.parse(row.payload) as MonitoringRecord);
    }
    const deleting = this.outbox.pendingDeletes();
    return [...byId.values()]
      .filter((record) => !deleting.has(record.recordId))
      .map((record) => this.withPendingClosure(record))
      .filter((record) => matches(record, query))
      .sort(newestFirst);
  }

  async get(recordId: string): Promise<MonitoringRecord> {
    // Past its retention period: going from SharePoint, so gone already for the app.
    if (this.outbox.pendingDeletes().has(recordId)) throw new NotFoundError(`There is no monitoring record ${recordId}.`);
    const pendingCreate = this.outbox.notYetWrittenFor(recordId).find((row) => row.op === "create-monitoring-record");
    if (pendingCreate) return this.withPendingClosure(JSON.parse(pendingCreate.payload) as MonitoringRecord);
    const item = await this.lists.findByRecordId(MONITORING_LIST, recordId);
    if (!item) throw new NotFoundError(`There is no monitoring record ${recordId}.`);
    return this.withPendingClosure(monitoringFromFields(item.fields));
  }

  /** One closure per record is ever queued (its op key), so the first closure stands. */
  async close(recordId: string, closure: MonitoringClosure): Promise<MonitoringRecord> {
    const current = await this.get(recordId).catch((error: unknown) => {
      // While SharePoint is unreachable, a record this app wrote is still known from the outbox.
      const written = this.outbox.createOf(recordId);
      if (!(error instanceof UnavailableError || error instanceof ThrottledError) || written?.op !== "create-monitoring-record") throw error;
      return this.withPendingClosure(JSON.parse(written.payload) as MonitoringRecord);
    });
    const after = closedRecord(current, closure);
    if (after === current) return current;
    if (this.outbox.enqueue("close-monitoring-record", `close:${recordId}`, recordId, closure, this.now())) return after;
    return this.withPendingClosure(current);
  }

  private withPendingClosure(record: MonitoringRecord): MonitoringRecord {
    const pending = this.outbox.notYetWrittenFor(record.recordId).find((row) => row.op === "close-monitoring-record");
    return pending ? closedRecord(record, JSON.parse(pending.payload) as MonitoringClosure) : record;
  }
}
