// The tab's HTTP API: POST /api/reports, GET /api/me/records, GET /api/policies. Every call needs a
// Teams SSO bearer token; the person comes only from that token.
import express, { type RequestHandler, type Response } from "express";
import type { PolicyCatalog } from "../../policies/policy-catalog.js";
import { academicYearOf } from "../../records/cycle.js";
import { newReportRecordId, reportRecordIdFor, reportReference } from "../../records/record-id.js";
import { reportKind } from "../../records/report-kinds.js";
import type { Clock, IncidentReport, Person, RecordStore, ReportAlerts } from "../../records/types.js";
import type { AlertOutcome, MyRecords, PolicyList, ReportCreated, ReportView } from "./api-types.js";
import type { TokenValidator } from "./auth/token-validator.js";
import type { RateLimiter } from "./rate-limiter.js";
import { reportBodyParser } from "./report-body.js";
import { decisionSummaryOf } from "./decision-view.js";
import { seniorLeadersAlerted } from "../../bot/alerts/alert-routing.js";
import type { AppConfig } from "../../server/config.js";

export interface TabApiDeps {
  readonly records: RecordStore;
  readonly alerts: ReportAlerts;
  readonly policies: PolicyCatalog;
  readonly clock: Clock;
  readonly tokenValidator: TokenValidator;
  readonly rateLimiter: RateLimiter;
  readonly log: { error(message: string, error?: unknown): void };
  /** Who is named in the settings: to tell the reporter of a safeguarding concern who it reached. */
  readonly config: Pick<AppConfig, "headteacherIds" | "itTechnicianIds" | "seniorLeaderIds">;
}

/** Four long answers in any script fit comfortably; anything bigger is not a report. */
export const REPORT_BODY_LIMIT = "64kb";

const personOf = (res: Response): Person => res.locals.person as Person;

/** Mount at /api. Middleware is per route so other /api paths (the bot's /api/messages) pass untouched. */
export function createTabApiRouter(deps: TabApiDeps): express.Router {
  const router = express.Router();
  const parseReport = reportBodyParser(deps.clock);

  // Authenticate and rate-limit before reading the body, so an anonymous flood costs us little.
  const signedIn: RequestHandler = async (req, res, next) => {
    const person = await deps.tokenValidator.personFrom(req.get("authorization"));
    deps.rateLimiter.take(person.id);
    res.locals.person = person;
    res.set("Cache-Control", "no-store");
    next();
  };

  router.post("/reports", signedIn, express.json({ limit: REPORT_BODY_LIMIT }), async (req, res) => {
    const submission = parseReport(req.body);
    const reporter = personOf(res);
    const now = deps.clock.now().toISOString();
    const filed: IncidentReport = {
      recordId: submission.submissionId ? reportRecordIdFor(reporter.id, submission.submissionId) : newReportRecordId(),
      kind: submission.kind.id,
      reporter,
      reportedAt: now,
      occurredAt: submission.occurredAt,
      summary: submission.kind.summarise(submission.details),
      details: submission.details,
      urgent: submission.kind.isUrgent(submission.details),
      status: "New",
      statusChangedAt: now,
      statusChangedBy: reporter.displayName,
    };
    // Record first: the person is told "recorded" only once the store has it, whatever happens to the alert.
    const saved = await deps.records.saveReport(filed);
    const report: IncidentReport = { ...filed, reference: saved.reference };
    if (!saved.created) {
      // The same form sent again: answer with the first record, and alert no one twice.
      const existing: ReportCreated = { report: reportView(await deps.records.getReport(report.recordId)), alert: "already-recorded" };
      res.status(200).json(existing);
      return;
    }
    // Urgent reports reach the headteacher and IT technician at once; the rest reach the headteacher.
    let alert: AlertOutcome = "queued";
    try {
      await deps.alerts.reportFiled(report);
    } catch (error) {
      alert = "failed";
      deps.log.error(`Report ${report.recordId} was recorded but its alert could not be queued`, error);
    }
    const created: ReportCreated = { report: reportView(report), alert, ...safeguardingAlerted(report, alert) };
    res.status(201).json(created);
  });

  // The same routing the alert follows (bot/alerts/alert-routing.ts): with no senior leader set, or only the
  // headteacher or an IT technician named as one, the headteacher alone is told, and the reporter must hear that.
  const safeguardingAlerted = (report: IncidentReport, alert: AlertOutcome): Pick<ReportCreated, "safeguardingAlerted"> => {
    if (alert !== "queued" || reportKind(report.kind).privacy !== "safeguarding") return {};
    const { headteacherIds, itTechnicianIds, seniorLeaderIds } = deps.config;
    const audience = { headteachers: headteacherIds, itTechnicians: itTechnicianIds, seniorLeaders: seniorLeaderIds };
    return { safeguardingAlerted: seniorLeadersAlerted(report, audience) ? "headteacher-and-senior-leaders" : "headteacher" };
  };

  router.get("/me/records", signedIn, async (_req, res) => {
    const person = personOf(res);
    const cycle = academicYearOf(deps.clock.now());
    const [acknowledgements, reports] = await Promise.all([
      deps.records.listAcknowledgements({ personId: person.id, cycle }),
      deps.records.listReports({ reporterId: person.id }),
    ]);
    const current = deps.policies.forAllStaff();
    const isCurrent = (policyId: string, version: string) => deps.policies.get(policyId)?.version === version;
    const mine: MyRecords = {
      person: { displayName: person.displayName, upn: person.upn },
      cycle,
      acknowledgements: acknowledgements.map((ack) => ({
        policyId: ack.policyId,
        title: deps.policies.get(ack.policyId)?.title ?? ack.policyId,
        version: ack.policyVersion,
        acknowledgedAt: ack.acknowledgedAt,
        current: isCurrent(ack.policyId, ack.policyVersion),
      })),
      outstanding: current
        .filter((policy) => !acknowledgements.some((ack) => ack.policyId === policy.id && ack.policyVersion === policy.version))
        .map((policy) => ({ policyId: policy.id, title: policy.title, version: policy.version })),
      reports: reports.map(reportView),
    };
    res.json(mine);
  });

  router.get("/policies", signedIn, (_req, res) => {
    const list: PolicyList = {
      policies: deps.policies.all().map((p) => ({
        id: p.id,
        title: p.title,
        version: p.version,
        summary: p.summary,
        declaration: p.declaration,
        audience: p.audience,
        text: p.text,
      })),
    };
    res.json(list);
  });

  return router;
}

/** A report as its reporter sees it; the details stay in the record for the headteacher. */
function reportView(report: IncidentReport): ReportView {
  return {
    recordId: report.recordId,
    reference: reportReference(report),
    kind: report.kind,
    kindTitle: reportKind(report.kind).title,
    summary: report.summary,
    reportedAt: report.reportedAt,
    occurredAt: report.occurredAt,
    urgent: report.urgent,
    status: report.status,
    statusChangedAt: report.statusChangedAt,
    ...decisionSummaryOf(report),
  };
}
