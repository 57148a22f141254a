// Reports, worked through: filters (kind, status, urgency, dates), the list with the ICO clock, one report
// in full with its history, and a status change with a note.
import type { ReportInFull, ReportList, ReportRow } from "../../../api/headteacher/headteacher-types.js";
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

/** "Showing 51–100 of 2,200 reports": where this page sits in the filtered view. */
export function showingText(list: Pick<ReportList, "page" | "pageSize" | "total">, shown: number): string {
  const count = (n: number) => n.toLocaleString("en-GB");
  const noun = list.total === 1 ? "report" : "reports";
  if (!shown) return `Showing none of ${count(list.total)} ${noun}`;
  const first = (list.page - 1) * list.pageSize + 1;
  return `Showing ${count(first)}–${count(first + shown - 1)} of ${count(list.total)} ${noun}`;
}

export class ReportsPage {
  private filter: Record<string, string> = { reference: "", kind: "", status: "", urgent: "", from: "", to: "" };
  /** The page of the filtered view; a new filter starts again at the first. */
  private page = 1;

  constructor(
    private readonly api: HeadteacherApi,
    private readonly show: Show,
  ) {}

  async open(): Promise<HTMLElement[]> {
    const status = statusLine();
    // The reference someone quotes ("R-2026-0007") narrows the list to that one report.
    const reference = inputField("ht-reference", "Reference", "search", this.filter.reference);
    let list = await this.api.reports({ ...this.filter, page: String(this.page) });
    if (!list.reports.length && list.page > list.pages) {
      // Reports closed or filtered away since: the last page there is.
      this.page = list.pages;
      list = await this.api.reports({ ...this.filter, page: String(this.page) });
    }
    // Only the kinds this viewer may see (the server says which): the IT technician is never offered a safeguarding kind.
    const offered = REPORT_KIND_DEFINITIONS.filter((k) => list.kinds.includes(k.id));
    const kind = selectField("ht-kind", "Kind", [["", "Any kind"], ...offered.map((k) => [k.id, k.title] as const)], this.filter.kind);
    const state = selectField("ht-status", "Status", [["", "Any status"], ...REPORT_STATUSES.map((s) => [s, s] as const)], this.filter.status);
    const urgent = selectField("ht-urgent", "Urgency", [["", "Urgent or not"], ["yes", "Urgent only"], ["no", "Not urgent"]], this.filter.urgent);
    const from = inputField("ht-from", "Reported from", "date", this.filter.from);
    const to = inputField("ht-to", "Reported to", "date", this.filter.to);
    const apply = button("Show reports");
    const csv = button("Download this view as CSV", { class: "secondary" });
    const read = (): Query => ({ reference: reference.input.value, kind: kind.input.value, status: state.input.value, urgent: urgent.input.value, from: from.input.value, to: to.input.value });
    action(apply, status, async () => {
      this.filter = { ...read() };
      this.page = 1;
      this.show(...(await this.open()));
    });
    // The download is the whole filtered view, every page of it.
    action(csv, status, () => this.api.download("/api/headteacher/reports.csv", read()));
    const { reports } = list;
    const rows = reports.map((row) => {
      const open = button("Open", { "aria-label": `Open report ${row.reference}`, class: "secondary" });
      action(open, status, async () => this.show(...(await this.detail(row.recordId))));
      return [row.reference, row.kindTitle + (row.urgent ? " (urgent)" : ""), row.summary, row.reporterName, formatUkTime(row.reportedAt), withDecision(row.status, decisionState(row)), icoText(row), closeText(row.hoursToClose), open];
    });
    return [
      pageHeading("Reports"),
      el("form", { class: "ht-filters", "aria-label": "Filter reports" }, reference.field, kind.field, state.field, urgent.field, from.field, to.field, el("div", { class: "button-row" }, apply, csv)),
      status.element,
      rows.length
        ? dataTable("Reports", `${showingText(list, rows.length)}, newest first.`, ["Reference", "Kind", "Summary", "Reported by", "Reported", "Status", "ICO clock", "Time to close", ""], rows, "ht-reports")
        : el("p", {}, "No reports match."),
      ...(list.pages > 1 ? [this.pager(list, rows.length, status)] : []),
    ];
  }

  /** Previous and Next, real buttons (so Tab and Enter or Space work), disabled at either end. */
  private pager(list: ReportList, shown: number, status: ReturnType<typeof statusLine>): HTMLElement {
    const previous = button("Previous", { class: "secondary", "aria-label": "Previous page of reports" });
    const next = button("Next", { class: "secondary", "aria-label": "Next page of reports" });
    const go = (page: number, label: string) => async () => {
      this.page = page;
      const content = await this.open();
      this.show(...content);
      // Keyboard users keep their place: on the same button, or on the new rows when it is now disabled.
      const pager = content.find((element) => element.matches("nav.ht-pager"));
      const again = pager?.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);
      (again && !again.disabled ? again : content.find((element) => element.matches(".table-scroll")))?.focus();
    };
    action(previous, status, go(list.page - 1, "Previous page of reports"));
    action(next, status, go(list.page + 1, "Next page of reports"));
    previous.disabled = list.page <= 1;
    next.disabled = list.page >= list.pages;
    const where = el("p", { class: "ht-page-of" }, `${showingText(list, shown)} (page ${list.page.toLocaleString("en-GB")} of ${list.pages.toLocaleString("en-GB")})`);
    return el("nav", { class: "ht-pager button-row", "aria-label": "Pages of reports" }, previous, where, next);
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
      ["Reference", report.reference],
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
