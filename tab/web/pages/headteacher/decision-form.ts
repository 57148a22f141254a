// A request's decision on the headteacher's report page: what was decided (and whether the approval has ended),
// or the form to approve with conditions and an end date, or decline with a reason. Problems the API finds are
// shown beside their fields, as on the staff report form.
import type { DecisionBody, ReportInFull, ReportRow } from "../../../api/headteacher/headteacher-types.js";
import { decisionSentence } from "../../../api/decision-view.js";
import { formatCalendarDay } from "../../../../records/decisions.js";
import { reportKind } from "../../../../records/report-kinds.js";
import { ApiError } from "../../api-client.js";
import { el } from "../../dom.js";
import type { HeadteacherApi } from "./headteacher-api.js";
import { action, button, inputField, statusLine } from "./page-kit.js";

/** What the Status column adds for a request: "awaiting decision", "approved until 31 July 2027", "approval ended". */
export function decisionState(row: Pick<ReportRow, "kind" | "decision">): string {
  const { decision } = row;
  if (!decision) return reportKind(row.kind).category === "request" ? "awaiting decision" : "";
  if (decision.outcome === "declined") return "declined";
  if (decision.expired) return `approval ended ${formatCalendarDay(decision.expiresOn ?? "")}`;
  return decision.expiresOn ? `approved until ${formatCalendarDay(decision.expiresOn)}` : "approved";
}

/** Nothing for a report that is not a request; `decided` shows the page again once the API has the decision. */
export function decisionSection(report: ReportInFull, api: HeadteacherApi, decided: (report: ReportInFull) => Promise<void>): HTMLElement[] {
  const heading = el("h3", { id: "ht-decision-heading" }, "Decision");
  if (report.decision) {
    return [el("section", { "aria-labelledby": "ht-decision-heading", class: "ht-decision" }, heading, el("p", { class: "ht-decision-line" }, decisionSentence(report.decision)))];
  }
  const decidable = report.decidable;
  if (!decidable) return [];
  if (!decidable.mayDecide) {
    const line = decidable.ownRequest ? `Your own request: ${decidable.deciders} decides it.` : `Only ${decidable.deciders} can decide this request.`;
    return [el("section", { "aria-labelledby": "ht-decision-heading" }, heading, el("p", {}, line))];
  }
  const approve = radio("approved", "Approve", true);
  const decline = radio("declined", "Decline", false);
  const outcome = el(
    "fieldset",
    { id: "ht-decision-outcome", class: "ht-field" },
    el("legend", {}, "Answer"),
    el("label", {}, approve, " Approve"),
    el("label", {}, decline, " Decline"),
  );
  const conditions = textarea("ht-decision-conditions", "Conditions (optional)", "500", "e.g. encrypted stick only");
  const until = inputField("ht-decision-until", decidable.suggestedExpiry ? `Until (optional; they asked for ${formatCalendarDay(decidable.suggestedExpiry)})` : "Until (optional)", "date", decidable.suggestedExpiry ?? "");
  until.input.min = decidable.today;
  const reason = textarea("ht-decision-reason", "Reason (the requester is told it)", "1000");
  const approveOnly = el("div", {}, conditions.field, until.field);
  const declineOnly = el("div", { hidden: "" }, reason.field);
  const choose = () => {
    approveOnly.hidden = !approve.checked;
    declineOnly.hidden = approve.checked;
  };
  approve.addEventListener("change", choose);
  decline.addEventListener("change", choose);
  const status = statusLine();
  const record = button("Record decision");
  const fields: Record<string, HTMLElement> = { outcome: approve, conditions: conditions.input, expiresOn: until.input, reason: reason.input };
  action(record, status, async () => {
    clearProblems(fields);
    const body: DecisionBody = approve.checked
      ? { outcome: "approved", conditions: conditions.input.value, ...(until.input.value ? { expiresOn: until.input.value } : {}) }
      : { outcome: "declined", reason: reason.input.value };
    let answer: ReportInFull;
    try {
      answer = await api.decide(report.recordId, body);
    } catch (error) {
      if (!(error instanceof ApiError) || !Object.keys(error.fields).length) throw error;
      showProblems(fields, error.fields);
      status.say("The decision was not recorded: correct the answers marked.", true);
      return;
    }
    await decided(answer);
  });
  return [
    el(
      "section",
      { "aria-labelledby": "ht-decision-heading" },
      el("form", { class: "ht-status-form ht-decision-form", "aria-labelledby": "ht-decision-heading" }, heading, el("p", {}, "The requester is told in Teams and sees it under My records. Deciding closes the request."), outcome, approveOnly, declineOnly, record),
      status.element,
    ),
  ];
}

function radio(value: string, label: string, checked: boolean): HTMLInputElement {
  const input = el("input", { type: "radio", name: "ht-decision-outcome", value, "aria-label": label });
  input.checked = checked;
  return input;
}

function textarea(id: string, label: string, maxLength: string, placeholder = ""): { field: HTMLElement; input: HTMLTextAreaElement } {
  const input = el("textarea", { id, name: id, rows: "3", maxlength: maxLength, ...(placeholder ? { placeholder } : {}) });
  return { field: el("p", { class: "ht-field" }, el("label", { for: id }, label), input), input };
}

/** Each problem beside its field (icon and words, not colour alone), tied by aria-describedby; focus goes to the first. */
function showProblems(fields: Readonly<Record<string, HTMLElement>>, problems: Readonly<Record<string, string>>): void {
  let first: HTMLElement | undefined;
  for (const [name, message] of Object.entries(problems)) {
    const control = fields[name];
    if (!control) continue;
    const errorId = `ht-decision-${name}-error`;
    const holder = control.closest("p, fieldset") ?? control;
    holder.append(el("span", { id: errorId, class: "field-error" }, el("span", { class: "error-icon", "aria-hidden": "true" }, "!"), message));
    control.setAttribute("aria-invalid", "true");
    control.setAttribute("aria-describedby", errorId);
    first ??= control;
  }
  first?.focus();
}

function clearProblems(fields: Readonly<Record<string, HTMLElement>>): void {
  for (const control of Object.values(fields)) {
    control.removeAttribute("aria-invalid");
    control.removeAttribute("aria-describedby");
    (control.closest("p, fieldset") ?? control).querySelector(".field-error")?.remove();
  }
}
