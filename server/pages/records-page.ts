// GET /records and its CSV downloads: the embedded store shown as the headteacher sees the SharePoint lists.
// Local mode only; in tenant mode SharePoint is the record and these routes do not exist.
import { Router, type Response } from "express";
import type { AppServices } from "../app.js";
import type { Acknowledgement, IncidentReport } from "../../records/types.js";
import type { LaptopLoan } from "../../records/laptop-loan.js";
import { csvDocument } from "./csv.js";
import { escapeHtml, htmlPage, notFoundPage, PAGE_SECURITY_HEADERS, sendHtml } from "./html.js";
import { ACKNOWLEDGEMENTS_TABLE, LAPTOP_LOANS_TABLE, REPORTS_TABLE, type RecordColumn, type RecordTable } from "./record-columns.js";
import { formatUkSpreadsheetTime, formatUkTime } from "../../records/uk-time.js";
import { academicYearOf } from "../../records/cycle.js";
import { STAFF_STATUS_COLUMNS, staffStatusCells, staffStatusSection } from "./staff-status-section.js";
import { isRestricted } from "../../records/privacy.js";

export function recordsRouter(services: AppServices): Router {
  const router = Router();
  const newestAcknowledgements = async (): Promise<Acknowledgement[]> =>
    newestFirst(await services.records.listAcknowledgements({}), (a) => a.acknowledgedAt);
  // Safeguarding concerns are never among the routine reports or in their CSV: like the separate SharePoint
  // list they go to in tenant mode, they get a section of their own, marked restricted, and no download.
  const allReports = async (): Promise<IncidentReport[]> => newestFirst(await services.records.listReports({}), (r) => r.reportedAt);
  const newestReports = async (): Promise<IncidentReport[]> => (await allReports()).filter((r) => !isRestricted(r));
  const newestLaptopLoans = async (): Promise<LaptopLoan[]> =>
    newestFirst(await services.records.laptopLoans.list({}), (loan) => loan.recordedAt);

  const staffStatus = async () => {
    await services.bot.roster.service.refreshNow();
    const cycle = academicYearOf(services.clock.now());
    return { cycle, rows: services.bot.roster.statuses.list(cycle) };
  };

  router.use("/records", (_req, res, next) => {
    if (services.config.tenant.mode === "local") return next();
    sendHtml(res, 404, notFoundPage("Not available", "In tenant mode the records are in the school's SharePoint lists."));
  });

  router.get("/records", async (_req, res) => {
    const [acknowledgements, everyReport, laptopLoans] = await Promise.all([newestAcknowledgements(), allReports(), newestLaptopLoans()]);
    const reports = everyReport.filter((r) => !isRestricted(r));
    const safeguarding = everyReport.filter((r) => isRestricted(r));
    const staff = await staffStatus();
    const body = [
      `<h1>Records (local mode)</h1>`,
      `<p class="meta">What the headteacher will see in the SharePoint lists, newest first. ` +
        `Download <a href="/records/acknowledgements.csv">acknowledgements (CSV)</a> or ` +
        `<a href="/records/reports.csv">incident reports (CSV)</a> or ` +
        `<a href="/records/laptop-loans.csv">laptop loans (CSV)</a>.</p>`,
      `<h2 id="acknowledgements">Acknowledgements</h2>`,
      recordTable("Acknowledgements, newest first", ACKNOWLEDGEMENTS_TABLE, acknowledgements),
      `<h2 id="reports">Incident reports</h2>`,
      recordTable("Incident reports, newest first", REPORTS_TABLE, reports),
      `<h2 id="safeguarding">Safeguarding concerns (restricted)</h2>`,
      `<p class="meta">Restricted: the headteacher and senior leaders only, never the IT technician. In tenant mode these are ` +
        `in the separate list "AUP safeguarding concerns", not the incident reports list; there is no download.</p>`,
      recordTable("Safeguarding concerns, newest first", REPORTS_TABLE, safeguarding),
      `<h2 id="laptop-loans">Laptop loans</h2>`,
      recordTable("Laptop loans, newest first", LAPTOP_LOANS_TABLE, laptopLoans),
      staffStatusSection(staff.cycle, staff.rows),
    ].join("\n");
    sendHtml(res, 200, htmlPage("Records - School IT Acceptable Use", body, "wide"));
  });

  router.get("/records/acknowledgements.csv", async (_req, res) => {
    sendCsv(res, "acknowledgements.csv", ACKNOWLEDGEMENTS_TABLE, await newestAcknowledgements());
  });

  router.get("/records/reports.csv", async (_req, res) => {
    sendCsv(res, "reports.csv", REPORTS_TABLE, await newestReports());
  });

  router.get("/records/laptop-loans.csv", async (_req, res) => {
    sendCsv(res, "laptop-loans.csv", LAPTOP_LOANS_TABLE, await newestLaptopLoans());
  });

  router.get("/records/staff-status.csv", async (_req, res) => {
    const { rows } = await staffStatus();
    const table = { columns: STAFF_STATUS_COLUMNS.map((column): RecordColumn => ({ header: column.displayName, format: column.type.kind === "dateTime" ? "instant" : "text" })), row: staffStatusCells };
    sendCsv(res, "staff-status.csv", table, rows);
  });

  return router;
}

function newestFirst<T>(records: T[], instant: (record: T) => string): T[] {
  return [...records].sort((a, b) => instant(b).localeCompare(instant(a)));
}

function recordTable<T>(caption: string, table: RecordTable<T>, records: readonly T[]): string {
  if (records.length === 0) return `<p>Nothing recorded yet.</p>`;
  const head = table.columns.map((column) => `<th scope="col">${escapeHtml(column.header)}</th>`).join("");
  const rows = records.map((record) => `<tr>${table.row(record).map((value, index) => htmlCell(value, table.columns[index])).join("")}</tr>`);
  // A focusable scrolling region, so keyboard users can scroll a wide table; the table keeps its semantics.
  return (
    `<div class="scroll" role="region" aria-label="${escapeHtml(caption)}" tabindex="0">\n<table>\n` +
    `<caption>${escapeHtml(caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody>\n</table>\n</div>`
  );
}

function classFor(column: RecordColumn | undefined): string {
  return column?.format === "id" || column?.format === "long" ? ` class="${column.format}"` : "";
}

function htmlCell(value: string, column: RecordColumn | undefined): string {
  if (!value) return `<td class="empty">—</td>`;
  if (column?.format === "instant" || column?.format === "date") {
    const shown = formatUkTime(value, column.format === "date");
    return `<td><time datetime="${escapeHtml(value)}">${escapeHtml(shown)}</time></td>`;
  }
  return `<td${classFor(column)}>${escapeHtml(value)}</td>`;
}

/** A spreadsheet's view of a cell: dates and times as Excel (English, UK) reads them. */
function csvText(value: string, column: RecordColumn | undefined): string {
  return column?.format === "instant" || column?.format === "date" ? formatUkSpreadsheetTime(value, column.format === "date") : value;
}

function sendCsv<T>(res: Response, fileName: string, table: RecordTable<T>, records: readonly T[]): void {
  const csv = csvDocument(
    table.columns.map((column) => column.header),
    records.map((record) => table.row(record).map((value, index) => csvText(value, table.columns[index]))),
  );
  res
    .status(200)
    .set(PAGE_SECURITY_HEADERS)
    .set("Content-Disposition", `attachment; filename="${fileName}"`)
    .type("text/csv; charset=utf-8")
    .send(csv);
}
