import { reportReference } from "../../records/record-id.js";
import { describeAnswers, reportKind } from "../../records/report-kinds.js";
import type { IncidentReport, ReportStatus } from "../../records/types.js";
import { adaptiveCard, executeAction, facts, heading, text, type AdaptiveCard, type CardElement, type Container, type ExecuteAction } from "./adaptive-card.js";
import { formatDateTime } from "./format.js";
import { plainText } from "./markdown-text.js";
import { decisionSection, type DecisionView } from "./request-decision-card.js";

export const SET_STATUS_VERB = "report.setStatus";
export const REFRESH_REPORT_VERB = "report.refresh";

/** UK GDPR Art. 33: a reportable personal-data breach must reach the ICO within 72 hours of discovery. */
const ICO_DEADLINE_HOURS = 72;

export function icoDeadline(report: IncidentReport): Date {
  return new Date(new Date(report.occurredAt).getTime() + ICO_DEADLINE_HOURS * 3_600_000);
}

/** The proactive alert to the headteacher (and IT technician, when urgent), and what it becomes as they handle it. */
export interface AlertView extends DecisionView {
  /** A safeguarding concern: whether its alert reached a senior leader besides the headteacher (alert-routing.ts). */
  readonly seniorLeadersTold?: boolean;
}

export function reportAlertCard(report: IncidentReport, view: AlertView = {}): AdaptiveCard {
  // A permission is asked for, not reported.
  const verb = reportKind(report.kind).category === "request" ? "Asked" : "Reported";
  const body: CardElement[] = [
    urgencyBanner(report, view),
    text(plainText(report.summary), { weight: "bolder" }),
    facts([
      ["Reference", reportReference(report)],
      [`${verb} by`, plainText(report.reporter.displayName)],
      [verb, formatDateTime(report.reportedAt)],
      // A request has no "when it happened": it is dated when asked, which "Asked" already says.
      ...(reportKind(report.kind).occurredAtField ? [["Happened or noticed", formatDateTime(report.occurredAt)] as const] : []),
      ["Status", statusLine(report)],
      // What the reporter typed is shown as typed, never as links or formatting.
      ...describeAnswers(report.kind, report.details)
        .filter(([question]) => question !== occurredAtQuestion(report))
        .map(([question, answer]) => [question, plainText(answer)] as const),
    ]),
  ];
  if (mayInvolvePersonalData(report)) {
    body.push(
      text(
        `If personal data may have been exposed, a reportable breach must reach the ICO by ${formatDateTime(icoDeadline(report))} ` +
          `(${ICO_DEADLINE_HOURS} hours from discovery).`,
        { color: "attention", weight: "bolder" },
      ),
    );
  }
  // A request is answered with a decision (request-decision-card.ts), which closes it, rather than worked by status.
  const decision = reportKind(report.kind).category === "request" ? decisionSection(report, view) : undefined;
  if (decision) body.push(...decision.body);
  return adaptiveCard(body, decision ? decision.actions : statusActions(report), {
    fallbackText: `${headline(report, view)} ${reportReference(report)}: ${report.summary}`,
    // When one handler closes the report, the other's copy catches up the next time they look at it.
    // A personal chat has one member, so Teams refreshes automatically without userIds.
    refresh: { action: { type: "Action.Execute", title: "Refresh", verb: REFRESH_REPORT_VERB, data: { reportId: report.recordId } } },
  });
}

/** "URGENT: … The IT technician has also been told." or "Routine report: …": the line that decides how fast to act. */
function headline(report: IncidentReport, view: AlertView): string {
  const kind = reportKind(report.kind);
  const title = kind.title;
  // Safeguarding goes to the headteacher and senior leaders only (bot/alerts/alert-routing.ts); say who truly knows.
  if (kind.privacy === "safeguarding") {
    return view.seniorLeadersTold
      ? `URGENT: ${title}. A safeguarding matter: the senior leadership team has also been told.`
      : `URGENT: ${title}. A safeguarding matter: no senior leader is set up to be told; tell the designated safeguarding lead yourself.`;
  }
  if (kind.category === "request") return `Request: ${title}`;
  return report.urgent ? `URGENT: ${title}. The IT technician has also been told.` : `Routine report: ${title}`;
}

/**
 * Urgent alerts open with a full-width attention band and a warning sign, so they stand out in a chat
 * of routine ones; a routine alert says plainly that it can wait for the usual round of reports.
 */
function urgencyBanner(report: IncidentReport, view: AlertView): Container {
  if (report.urgent) {
    return { type: "Container", style: "attention", bleed: true, items: [heading(`\u26A0\uFE0F ${headline(report, view)}`)] };
  }
  // A request waits on its decider, so it is not one to leave for the usual round.
  const wait = reportKind(report.kind).category === "request" ? "Asks for your decision: the requester waits for your answer." : "Not urgent: read it with the other reports.";
  return { type: "Container", items: [heading(headline(report, view)), text(wait, { spacing: "none" })] };
}

/** A compromised account, or a lost device or information seen that the reporter says held personal data. */
function mayInvolvePersonalData(report: IncidentReport): boolean {
  return reportKind(report.kind).mayInvolvePersonalData(report.details);
}

/** "Happened or noticed" already says when; the form's own question for it would repeat it. */
function occurredAtQuestion(report: IncidentReport): string | undefined {
  const kind = reportKind(report.kind);
  return kind.fields.find((field) => field.id === kind.occurredAtField)?.label;
}

function statusLine(report: IncidentReport): string {
  if (report.status === "New") return "New";
  return `${report.status} (${plainText(report.statusChangedBy)}, ${formatDateTime(report.statusChangedAt)})`;
}

function statusActions(report: IncidentReport): ExecuteAction[] {
  const action = (title: string, status: ReportStatus): ExecuteAction =>
    executeAction(title, SET_STATUS_VERB, { reportId: report.recordId, status });
  if (report.status === "New") return [action("Mark in review", "In review"), action("Mark closed", "Closed")];
  if (report.status === "In review") return [action("Mark closed", "Closed")];
  return [];
}
