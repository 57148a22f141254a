// The decision part of a request's alert card (Approve / Decline with conditions, end date or reason), what it
// becomes once decided, and the cards that tell the requester and the decider.
import {
  CONDITIONS_MAX_LENGTH,
  REASON_MAX_LENGTH,
  decisionLine,
  decisionTerms,
  formatCalendarDay,
  suggestedExpiry,
  type RequestDecision,
} from "../../records/decisions.js";
import { reportReference } from "../../records/record-id.js";
import { reportKind } from "../../records/report-kinds.js";
import type { DeciderRole } from "../../records/report-kind-fields.js";
import type { IncidentReport } from "../../records/types.js";
import { ukCalendarDate } from "../../records/uk-time.js";
import { adaptiveCard, executeAction, facts, heading, text, type AdaptiveCard, type CardAction, type CardElement } from "./adaptive-card.js";
import { DONE_SIGN, WARNING_SIGN } from "./format.js";
import { plainText } from "./markdown-text.js";

export const DECIDE_REQUEST_VERB = "request.decide";

export interface DecisionView {
  /** Who is looking: "Approved by you" to the decider, their name to anyone else. */
  readonly viewerId?: string;
  /** Set when this press came after the request was decided: the press changed nothing. */
  readonly lateAnswer?: boolean;
  /** The viewer's decider roles: on their own request the others decide (assertNotOwnRequest), so no buttons. */
  readonly viewerRoles?: ReadonlySet<DeciderRole>;
}

/** What goes under the request's details on a decider's card: the choice, or the decision once made. */
export function decisionSection(report: IncidentReport, view: DecisionView = {}): { body: CardElement[]; actions: CardAction[] } {
  const { decision } = report;
  const others = othersWhoDecide(report, view);
  if (!decision && others.length) {
    const who = others.map((role) => `the ${role === "headteacher" ? "headteacher" : "IT technician"}`).join(" or ");
    return { body: [text(`Your own request: ${who} decides it.`, { spacing: "medium" })], actions: [] };
  }
  if (!decision) {
    return { body: [text("Approve or decline below: the requester is told in Teams.", { spacing: "medium" })], actions: decisionActions(report) };
  }
  const body: CardElement[] = [];
  if (view.lateAnswer) {
    body.push(text(`${WARNING_SIGN} Already decided: your answer was not recorded.`, { color: "attention", weight: "bolder", spacing: "medium" }));
  }
  body.push(text(`${decision.outcome === "approved" ? DONE_SIGN : "\u274C"} ${plainText(receiptLine(decision, view.viewerId))}`, { weight: "bolder", spacing: "medium" }));
  if (decision.expiredAt && decision.expiresOn) body.push(text(`The permission ended on ${formatCalendarDay(decision.expiresOn)}.`, { isSubtle: true }));
  return { body, actions: [] };
}

/** The viewer asked for it themselves: the deciders besides them, as the server judges it (records/decisions.ts). */
function othersWhoDecide(report: IncidentReport, view: DecisionView): DeciderRole[] {
  if (!view.viewerId || !view.viewerRoles || view.viewerId.toLowerCase() !== report.reporter.id.toLowerCase()) return [];
  const roles = view.viewerRoles;
  return (reportKind(report.kind).deciders ?? []).filter((role) => !roles.has(role));
}

/** "Approved by you on 3 December 2026, until 31 July 2027: encrypted stick only". */
export function receiptLine(decision: RequestDecision, viewerId?: string): string {
  const byYou = viewerId !== undefined && viewerId.toLowerCase() === decision.decidedBy.id.toLowerCase();
  const line = byYou ? decisionLine(decision).replace(` by ${decision.decidedBy.displayName} `, " by you ") : decisionLine(decision);
  return `${line}${decisionTerms(decision)}`;
}

function decisionActions(report: IncidentReport): CardAction[] {
  const reportId = report.recordId;
  const asked = new Date(report.reportedAt);
  const suggested = suggestedExpiry(report, asked);
  const approve = adaptiveCard(
    [
      {
        type: "Input.Text",
        id: "conditions",
        label: "Conditions (optional)",
        isMultiline: true,
        maxLength: CONDITIONS_MAX_LENGTH,
        placeholder: "e.g. encrypted stick only",
      },
      {
        type: "Input.Date",
        id: "expiresOn",
        label: suggested ? `Until (optional; they asked: ${formatCalendarDay(suggested)})` : "Until (optional)",
        min: ukCalendarDate(asked),
        ...(suggested ? { value: suggested } : {}),
      },
    ],
    [executeAction("Approve", DECIDE_REQUEST_VERB, { reportId, outcome: "approved" }, { style: "positive" })],
  );
  const decline = adaptiveCard(
    [
      {
        type: "Input.Text",
        id: "reason",
        label: "Reason (the requester is told it)",
        isMultiline: true,
        isRequired: true,
        errorMessage: "Give a reason for declining.",
        maxLength: REASON_MAX_LENGTH,
      },
    ],
    [executeAction("Decline", DECIDE_REQUEST_VERB, { reportId, outcome: "declined" }, { style: "destructive" })],
  );
  return [
    { type: "Action.ShowCard", title: "Approve…", card: approve },
    { type: "Action.ShowCard", title: "Decline…", card: decline },
  ];
}

/** To the requester, once decided: the answer, and any conditions, end date or reason. */
export function decisionNoticeCard(report: IncidentReport): AdaptiveCard {
  const decision = report.decision as RequestDecision;
  const approved = decision.outcome === "approved";
  const kind = reportKind(report.kind);
  const pairs: [string, string][] = [
    ["Request", plainText(report.summary)],
    ["Reference", reportReference(report)],
    [approved ? "Approved by" : "Declined by", plainText(decision.decidedBy.displayName)],
  ];
  if (approved && decision.expiresOn) pairs.push(["Until", formatCalendarDay(decision.expiresOn)]);
  if (approved && decision.conditions) pairs.push(["Conditions", plainText(decision.conditions)]);
  if (!approved) pairs.push(["Reason", plainText(decision.reason)]);
  return adaptiveCard(
    [
      heading(approved ? `${DONE_SIGN} Your request was approved` : "Your request was declined"),
      text(kind.title, { isSubtle: true, spacing: "none" }),
      text(plainText(`${decisionLine(decision)}${decisionTerms(decision)}`), { weight: "bolder" }),
      facts(pairs),
      text(approved ? "Keep to any conditions. It is also under My records in the app's tab." : "You can see it under My records in the app's tab."),
    ],
    [],
    { fallbackText: `Your request (${reportReference(report)}) was ${decision.outcome}: ${decisionLine(decision)}${decisionTerms(decision)}` },
  );
}

/** When an approval's last day has passed: to the requester ("ask again") or to the person who gave it. */
export function permissionEndedCard(report: IncidentReport, audience: "requester" | "decider"): AdaptiveCard {
  const decision = report.decision as RequestDecision;
  const ended = formatCalendarDay(decision.expiresOn ?? "");
  const what = plainText(report.summary);
  const line =
    audience === "requester"
      ? `Your permission to ${permissionTo(report)} (${what}) ended on ${ended}; ask again if you still need it.`
      : `The permission you gave ${plainText(report.reporter.displayName)} (${what}) ended on ${ended}. They have been told to ask again if they still need it.`;
  return adaptiveCard([heading("A permission has ended"), text(line), facts([["Reference", reportReference(report)], ["Request", reportKind(report.kind).title]])], [], {
    fallbackText: line,
  });
}

/** "attach your own equipment to the school network", from the kind's title. */
function permissionTo(report: IncidentReport): string {
  return reportKind(report.kind).title.replace(/^(Permission|Agreement) to /, "").replace(/\bmy own\b/, "your own");
}
