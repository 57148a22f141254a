// Reports, worked through: filters (kind, status, urgency, dates), the list with the ICO clock, one report
// in full with its history, and a status change with a note.
import type { ReportInFull, ReportRow } from "../../../api/headteacher/headteacher-types.js";
import { REPORT_KIND_DEFINITIONS } from "../../../../records/report-kinds.js";
import { REPORT_STATUSES } from "../../../../records/types.js";
import { formatUkTime } from "../../../../records/uk-time.js";
import { el, pageHeading } from "../../dom.js";
import type { HeadteacherApi, Query } from "./headteacher-api.js";
import { action, button, dataTable, inputField, selectField, statusLine, textareaField } from "./page-kit.js";
import { decisionSection, decisionState } from "./decision-form.js";

type Show = (...content: HTMLElement[]) => void;

/** What the ICO clock says in words, e.g. "41 hours left (by 3 Dec 2026, 09:00)". */
export function icoText(row: ReportRow): string {
  if (!row.ico) return "";
  const by = formatUkTime(row.ico.deadline);
  return row.ico.hoursLeft >= 0 ? `${row.ico.hoursLeft} hours left (by ${by})` : `Passed ${by}`;
}

export function closeText(hours: number | undefined): string {
  if (hours === undefined) return "";
  return hours < 48 ? `${Math.round(hours)} hours` : `${Math.round(hours / 24)} days`;
}

/** "Closed (approved until 31 July 2027)": a request's decision beside its status. */
function withDecision(status: string, decision: string): string {
  return decision ? `${status} (${decision})` : status;
}

export class ReportsPage {
  private filter: Record<string, string> = { kind: "", status: "", urgent: "", from: "", to: "" };

  constructor(
    private readonly api: HeadteacherApi,
    private readonly show: Show,
  ) {}

  async open(): Promise<HTMLElement[]> {
    const status = statusLine();
    const kind = selectField("ht-kind", "Kind", [["", "Any kind"], ...REPORT_KIND_DEFINITIONS.map((k) => [k.id, k.title] as const)], this.filter.kind);
    const state = selectField("ht-status", "Status", [["", "Any status"], ...REPORT_STATUSES.map((s) => [s, s] as const)], this.filter.status);
    const urgent = selectField("ht-urgent", "Urgency", [["", "Urgent or not"], ["yes", "Urgent only"], ["no", "Not urgent"]], this.filter.urgent);
    const from = inputField("ht-from", "Reported from", "date", this.filter.from);
    const to = inputField("ht-to", "Reported to", "date", this.filter.to);
    const apply = button("Show reports");
    const csv = button("Download this view as CSV", { class: "secondary" });
    const read = (): Query => ({ kind: kind.input.value, status: state.input.value, urgent: urgent.input.value, from: from.input.value, to: to.input.value });
    action(apply, status, async () => {
      this.filter = { ...read() };
      this.show(...(await this.open()));
    });
    action(csv, status, () => this.api.download("/api/headteacher/reports.csv", read()));
    const { reports } = await this.api.reports(this.filter);
    const rows = reports.map((row) => {
      const open = button("Open", { "aria-label": `Open report ${row.recordId}`, class: "secondary" });
      action(open, status, async () => this.show(...(await this.detail(row.recordId))));
      return [row.recordId, row.kindTitle + (row.urgent ? " (urgent)" : ""), row.summary, row.reporterName, formatUkTime(row.reportedAt), withDecision(row.status, decisionState(row)), icoText(row), closeText(row.hoursToClose), open];
    });
    return [
      pageHeading("Reports"),
      el("form", { class: "ht-filters", "aria-label": "Filter reports" }, kind.field, state.field, urgent.field, from.field, to.field, el("div", { class: "button-row" }, apply, csv)),
      status.element,
      rows.length
        ? dataTable("Reports", `${rows.length} report${rows.length === 1 ? "" : "s"}, newest first.`, ["Reference", "Kind", "Summary", "Reported by", "Reported", "Status", "ICO clock", "Time to close", ""], rows, "ht-reports")
        : el("p", {}, "No reports match."),
    ];
  }

  async detail(recordId: string): Promise<HTMLElement[]> {
    const report = await this.api.report(recordId);
    const status = statusLine();
    const back = button("Back to reports", { class: "link-button" });
    action(back, status, async () => this.show(...(await this.open())));
    const next = selectField("ht-new-status", "New status", REPORT_STATUSES.map((s) => [s, s] as const), report.status === "New" ? "In review" : "Closed");
    const note = textareaField("ht-note", "Note (why, what was done)");
    const save = button("Change status");
    action(save, status, async () => {
      const changed = await this.api.changeStatus(recordId, { status: next.input.value as ReportInFull["status"], note: note.input.value });
      this.show(...(await this.detail(changed.recordId)));
    });
    const facts: Array<[string, string]> = [
      ["Reference", report.recordId],
      ["Kind", report.kindTitle + (report.urgent ? " (urgent)" : "")],
      ["Reported by", `${report.reporterName}${report.reporterUpn ? ` (${report.reporterUpn})` : ""}`],
      ["Reported", formatUkTime(report.reportedAt)],
      ["Happened or noticed", formatUkTime(report.occurredAt)],
      ["Status", withDecision(`${report.status}, since ${formatUkTime(report.statusChangedAt)} (${report.statusChangedBy})`, decisionState(report))],
      ...(report.ico ? [["ICO 72-hour clock", icoText(report)] as [string, string]] : []),
      ...(report.hoursToClose !== undefined ? [["Time to close", closeText(report.hoursToClose)] as [string, string]] : []),
    ];
    return [
      back,
      pageHeading(`Report: ${report.summary}`),
      el("dl", { class: "ht-facts" }, ...facts.flatMap(([term, value]) => [el("dt", {}, term), el("dd", {}, value)])),
      el("h3", {}, "What the reporter said"),
      el("dl", { class: "ht-facts" }, ...report.answers.flatMap(([question, answer]) => [el("dt", {}, question), el("dd", {}, answer)])),
      ...decisionSection(report, this.api, async (decided) => this.show(...(await this.detail(decided.recordId)))),
      el("h3", {}, "History"),
      report.history.length
        ? el("ol", { class: "ht-history" }, ...report.history.map((h) => el("li", {}, `${formatUkTime(h.at)}: ${h.status} by ${h.by}${h.note ? `. ${h.note}` : ""}`)))
        : el("p", {}, "Not changed since it was filed."),
      el("form", { class: "ht-status-form", "aria-label": "Change status" }, el("h3", {}, "Change status"), next.field, note.field, save),
      status.element,
    ];
  }
}
