// RecordStore for tenant mode: writes commit to the outbox; reads merge SharePoint with what is still in the outbox.
import { randomUUID } from "node:crypto";
import { NotFoundError, ThrottledError, UnavailableError } from "../errors.js";
import { acknowledgementFromFields, reportFromFields } from "../sharepoint/item-fields.js";
import { ACKNOWLEDGEMENTS_LIST, REPORTS_LIST, SAFEGUARDING_LIST, type ListSchema } from "../sharepoint/list-schemas.js";
import { MissingListError, type ListItem, type SharePointLists } from "../sharepoint/sharepoint-lists.js";
import type { SqliteReportReferences } from "../sqlite/report-references.js";
import type {
  Acknowledgement,
  AcknowledgementQuery,
  IncidentReport,
  Person,
  RecordStore,
  ReportQuery,
  ReportSaveResult,
  ReportStatus,
  SaveResult,
} from "../types.js";
import { OutboxLaptopLoans } from "./outbox-laptop-loans.js";
import { OutboxDecisions, isDecisionOp, withPendingDecision } from "./outbox-decisions.js";
import type { OutboxRow, OutboxTable } from "./outbox-table.js";

export type StatusChange = Pick<IncidentReport, "status" | "statusChangedAt" | "statusChangedBy" | "statusHistory">;

export interface ParkedRecord {
  readonly recordId: string;
  readonly what: string;
  readonly reason: string;
  readonly since: string;
}

export class OutboxRecordStore implements RecordStore {
  readonly laptopLoans: OutboxLaptopLoans;
  readonly decisions: OutboxDecisions;

  constructor(
    private readonly outbox: OutboxTable,
    private readonly lists: SharePointLists,
    private readonly now: () => Date,
    /** In the outbox's own database, so a reference and the write that carries it commit together. */
    private readonly references: SqliteReportReferences,
  ) {
    this.laptopLoans = new OutboxLaptopLoans(outbox, lists, now);
    this.decisions = new OutboxDecisions(outbox, (recordId) => this.getReport(recordId), (report) => this.withPendingStatus(report), now);
  }

  saveAcknowledgement(ack: Acknowledgement): Promise<SaveResult> {
    const created = this.outbox.enqueue("create-acknowledgement", `create:${ack.recordId}`, ack.recordId, ack, this.now());
    return Promise.resolve({ created });
  }

  saveReport(report: IncidentReport): Promise<ReportSaveResult> {
    return Promise.resolve(
      this.references.withReference(report.recordId, report.reportedAt, (reference) => {
        const created = this.outbox.enqueue("create-report", `create:${report.recordId}`, report.recordId, { ...report, reference }, this.now());
        return { created, reference };
      }),
    );
  }

  async listAcknowledgements(query: AcknowledgementQuery): Promise<Acknowledgement[]> {
    const items = await this.lists.query(ACKNOWLEDGEMENTS_LIST, { PersonId: query.personId, PolicyId: query.policyId, Cycle: query.cycle });
    const pending = this.outbox
      .notYetWritten("create-acknowledgement")
      .map((row) => JSON.parse(row.payload) as Acknowledgement)
      .filter(
        (ack) =>
          (!query.personId || ack.person.id === query.personId) &&
          (!query.policyId || ack.policyId === query.policyId) &&
          (!query.cycle || ack.cycle === query.cycle),
      );
    const deleting = this.outbox.pendingDeletes();
    const merged = mergeByRecordId(items.map((item) => acknowledgementFromFields(item.fields)), pending).filter((ack) => !deleting.has(ack.recordId));
    return merged.sort((a, b) => compareDesc(a.acknowledgedAt, b.acknowledgedAt) || a.recordId.localeCompare(b.recordId));
  }

  async listReports(query: ReportQuery): Promise<IncidentReport[]> {
    // A status change still in the outbox can move a report into or out of the asked-for status,
    // so filter on status after applying those changes.
    // Safeguarding concerns have a list of their own (with its own permissions): every report is in one of the two.
    const filter = { ReporterId: query.reporterId, Status: query.status };
    const items = (await Promise.all(REPORT_LISTS.map((list) => this.lists.query(list, filter).catch(unlessNotYetProvisioned(list, []))))).flat();
    const changed = [...this.outbox.notYetWritten("update-status"), ...this.outbox.notYetWritten("decide-request")].map((row) => row.recordId);
    const alsoChanged = query.status ? await this.remoteReports(changed, items.map((item) => String(item.fields.RecordId))) : [];
    const pending = this.outbox.notYetWritten("create-report").map((row) => JSON.parse(row.payload) as IncidentReport);
    const deleting = this.outbox.pendingDeletes();
    const merged = mergeByRecordId([...items.map((item) => reportFromFields(item.fields)), ...alsoChanged], pending)
      .filter((report) => !deleting.has(report.recordId))
      .map((report) => this.withPendingStatus(report))
      .filter((report) => (!query.reporterId || report.reporter.id === query.reporterId) && (!query.status || report.status === query.status));
    return merged.sort((a, b) => compareDesc(a.reportedAt, b.reportedAt) || a.recordId.localeCompare(b.recordId));
  }

  async getReport(recordId: string): Promise<IncidentReport> {
    // Past its retention period: going from SharePoint, so gone already for the app.
    if (this.outbox.pendingDeletes().has(recordId)) throw new NotFoundError(`There is no report ${recordId}.`);
    const pendingCreate = this.outbox.notYetWrittenFor(recordId).find((row) => row.op === "create-report");
    if (pendingCreate) return this.withPendingStatus(JSON.parse(pendingCreate.payload) as IncidentReport);
    const item = await this.findReportItem(recordId);
    if (!item) throw new NotFoundError(`There is no report ${recordId}.`);
    return this.withPendingStatus(reportFromFields(item.fields));
  }

  /**
   * Queued like every other write, so it is never lost; the writer applies it with the item's eTag.
   * While SharePoint is unreachable, a report this app wrote is still known from the outbox.
   */
  async updateReportStatus(recordId: string, status: ReportStatus, changedBy: Person, at: Date, note = ""): Promise<IncidentReport> {
    const current = await this.getReport(recordId).catch((error: unknown) => {
      const written = this.outbox.createOf(recordId);
      if (!(error instanceof UnavailableError || error instanceof ThrottledError) || written?.op !== "create-report") throw error;
      return this.withPendingStatus(JSON.parse(written.payload) as IncidentReport);
    });
    const entry = { status, at: at.toISOString(), by: changedBy.displayName, note };
    // The whole history travels with the change: the writer sets it with the item's eTag, so it stays whole.
    const statusHistory = [...(current.statusHistory ?? []), entry];
    const change: StatusChange = { status, statusChangedAt: entry.at, statusChangedBy: entry.by, statusHistory };
    // The kind travels with the change, so the writer knows which list the report is in.
    this.outbox.enqueue("update-status", `status:${recordId}:${randomUUID()}`, recordId, { ...change, kind: current.kind }, this.now());
    return { ...current, ...change };
  }

  /** Writes SharePoint refused for good, for the admin to see (the records themselves are kept). */
  parkedRecords(): ParkedRecord[] {
    return this.outbox.parked().map((row) => ({
      recordId: row.recordId,
      what: describeOp(row),
      reason: row.lastError ?? "",
      since: row.enqueuedAt,
    }));
  }

  private withPendingStatus(report: IncidentReport): IncidentReport {
    return this.outbox
      .notYetWrittenFor(report.recordId)
      .filter((row) => row.op === "update-status" || isDecisionOp(row.op))
      .reduce((current, row) => (isDecisionOp(row.op) ? withPendingDecision(current, row) : { ...current, ...(JSON.parse(row.payload) as StatusChange) }), report);
  }

  private async remoteReports(recordIds: readonly string[], alreadyHave: readonly string[]): Promise<IncidentReport[]> {
    const wanted = [...new Set(recordIds)].filter((id) => !alreadyHave.includes(id));
    const found = await Promise.all(wanted.map((id) => this.findReportItem(id)));
    return found.flatMap((item) => (item ? [reportFromFields(item.fields)] : []));
  }

  /** The incident reports list first (most reports), then the safeguarding concerns list. */
  private async findReportItem(recordId: string): Promise<ListItem | undefined> {
    for (const list of REPORT_LISTS) {
      const item = await this.lists.findByRecordId(list, recordId).catch(unlessNotYetProvisioned(list, undefined));
      if (item) return item;
    }
    return undefined;
  }
}

const REPORT_LISTS = [REPORTS_LIST, SAFEGUARDING_LIST] as const;

/**
 * Until provisioning makes the safeguarding list (after an upgrade), it holds nothing: concerns filed meanwhile
 * wait in the outbox, which reads merge, and /healthz says to run npm run provision. Any other failure stands.
 */
function unlessNotYetProvisioned<T>(list: ListSchema, empty: T): (error: unknown) => T {
  return (error) => {
    if (list === SAFEGUARDING_LIST && error instanceof MissingListError) return empty;
    throw error;
  };
}

function mergeByRecordId<T extends { recordId: string }>(written: readonly T[], pending: readonly T[]): T[] {
  const byId = new Map(written.map((record) => [record.recordId, record]));
  for (const record of pending) if (!byId.has(record.recordId)) byId.set(record.recordId, record);
  return [...byId.values()];
}

function compareDesc(a: string, b: string): number {
  return Date.parse(b) - Date.parse(a);
}

function describeOp(row: OutboxRow): string {
  if (row.op === "create-acknowledgement") return "acknowledgement";
  if (row.op === "create-report") return "incident report";
  if (row.op === "create-laptop-loan") return "laptop loan";
  if (row.op === "confirm-laptop-loan") return "laptop loan confirmation";
  if (row.op === "return-laptop-loan") return "laptop return";
  if (row.op === "create-staff-status" || row.op === "update-staff-status") return "staff status";
  if (row.op === "delete-record") return "deletion at the end of its retention period";
  if (row.op === "create-monitoring-record" || row.op === "close-monitoring-record") return "monitoring record";
  if (row.op === "decide-request") return "decision on a request";
  if (row.op === "expire-decision") return "end of an approval";
  return "report status change";
}
