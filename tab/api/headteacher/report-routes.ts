// Reports, worked through: the filtered list (JSON and CSV), one report in full, and status changes with a note.
import express, { type Response } from "express";
import { z } from "zod";
import { NotFoundError, ValidationError } from "../../../records/errors.js";
import { mayRead, type ReaderRole } from "../../../records/privacy.js";
import { filterReports, hoursToClose, icoClock, reportFilterFrom } from "../../../records/read-models/report-register.js";
import { describeAnswers, REPORT_KIND_DEFINITIONS, reportKind } from "../../../records/report-kinds.js";
import { REPORT_STATUSES, type IncidentReport } from "../../../records/types.js";
import { formatUkTime } from "../../../records/uk-time.js";
import type { ReportInFull, ReportList, ReportRow } from "./headteacher-types.js";
import { decidableOf, decisionCell, decisionSummaryOf } from "../decision-view.js";
import { newestReportFirst, pageOf, pageRequestFrom } from "./report-paging.js";
import { BOTH, sendCsv, signedInPerson, type Guard, type HeadteacherDeps } from "./headteacher-route-kit.js";

const NOTE_MAX_LENGTH = 2000;

const statusChange = z.object({
  status: z.enum(REPORT_STATUSES, { error: `status must be one of ${REPORT_STATUSES.join(", ")}.` }),
  note: z.string({ error: "note must be text." }).trim().max(NOTE_MAX_LENGTH, { error: `Keep the note to ${NOTE_MAX_LENGTH} characters or fewer.` }).optional(),
});

const rolesOf = (res: Response): ReadonlySet<ReaderRole> => res.locals.roles as ReadonlySet<ReaderRole>;

export function reportRoutes(router: express.Router, deps: HeadteacherDeps, guard: Guard): void {
  // A safeguarding concern is left out for the IT technician, as if it were not there (records/privacy.ts).
  const readableReports = async (res: Response) => (await deps.reads.reports()).filter((report) => mayRead(report, rolesOf(res)));
  const filtered = async (query: Readonly<Record<string, unknown>>, res: Response) => filterReports(await readableReports(res), reportFilterFrom(query));
  const readable = async (recordId: string, res: Response) => {
    const report = await deps.reads.store.getReport(recordId);
    if (!mayRead(report, rolesOf(res))) throw new NotFoundError(`There is no report ${recordId}.`);
    return report;
  };

  // Paged: the whole log is about 745 KiB of JSON at 2,200 reports. The CSV below still has every report.
  router.get("/reports", guard(BOTH), async (req, res) => {
    const now = deps.clock.now();
    const wanted = pageRequestFrom(req.query);
    const all = await readableReports(res);
    const { items, ...counts } = pageOf(filterReports(all, reportFilterFrom(req.query)).sort(newestReportFirst), wanted);
    // Offering a kind the viewer may not read would only show that such reports exist.
    const kinds = REPORT_KIND_DEFINITIONS.filter((kind) => mayRead({ kind: kind.id }, rolesOf(res))).map((kind) => kind.id);
    const list: ReportList = { reports: items.map((report) => reportRow(report, now)), ...counts, unfiltered: all.length, kinds };
    res.json(list);
  });

  router.get("/reports.csv", guard(BOTH), async (req, res) => {
    const now = deps.clock.now();
    const rows = (await filtered(req.query, res)).sort(newestReportFirst).map((report) => {
      const row = reportRow(report, now);
      return [
        row.reference,
        row.kindTitle,
        row.summary,
        row.reporterName,
        formatUkTime(row.reportedAt),
        formatUkTime(row.occurredAt),
        row.urgent ? "Yes" : "No",
        row.status,
        formatUkTime(row.statusChangedAt),
        row.ico ? formatUkTime(row.ico.deadline) : "",
        row.hoursToClose === undefined ? "" : row.hoursToClose.toFixed(1),
        decisionCell(report),
      ];
    });
    const header = ["Reference", "Kind", "Summary", "Reported by", "Reported", "Occurred", "Urgent", "Status", "Status changed", "ICO deadline", "Hours to close", "Decision"];
    sendCsv(res, "reports.csv", header, rows);
  });

  router.get("/reports/:recordId", guard(BOTH), async (req, res) => {
    const report = await readable(req.params.recordId as string, res);
    res.json(reportInFull(report, deps.clock.now(), rolesOf(res), signedInPerson(res).id));
  });

  router.post("/reports/:recordId/status", guard(BOTH), express.json({ limit: "16kb" }), async (req, res) => {
    const parsed = statusChange.safeParse(req.body);
    if (!parsed.success) throw new ValidationError("The status was not changed.", parsed.error.issues.map((issue) => issue.message));
    await readable(req.params.recordId as string, res);
    const now = deps.clock.now();
    const report = await deps.reads.store.updateReportStatus(req.params.recordId as string, parsed.data.status, signedInPerson(res), now, parsed.data.note ?? "");
    deps.reads.replaceReport(report);
    res.json(reportInFull(report, now, rolesOf(res), signedInPerson(res).id));
  });
}

export function reportRow(report: IncidentReport, now: Date): ReportRow {
  const ico = icoClock(report, now);
  const closeHours = hoursToClose(report);
  return {
    recordId: report.recordId,
    reference: report.reference ?? report.recordId,
    kind: report.kind,
    kindTitle: reportKind(report.kind).title,
    summary: report.summary,
    reporterName: report.reporter.displayName,
    reportedAt: report.reportedAt,
    occurredAt: report.occurredAt,
    urgent: report.urgent,
    status: report.status,
    statusChangedAt: report.statusChangedAt,
    ...(ico ? { ico } : {}),
    ...(closeHours === undefined ? {} : { hoursToClose: closeHours }),
    ...decisionSummaryOf(report),
  };
}

/** The roles say whether the viewer may decide a request (9.2 either; 11.2 and 14.1 the headteacher). */
export function reportInFull(report: IncidentReport, now: Date, roles: ReadonlySet<ReaderRole>, viewerId?: string): ReportInFull {
  return {
    ...reportRow(report, now),
    reporterUpn: report.reporter.upn,
    statusChangedBy: report.statusChangedBy,
    answers: describeAnswers(report.kind, report.details),
    history: report.statusHistory ?? [],
    ...decidableOf(report, roles, now, viewerId),
  };
}
