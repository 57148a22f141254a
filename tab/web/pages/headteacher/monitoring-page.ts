// The monitoring record (policy 15.1), the headteacher's alone: record a written request to monitor a member of
// staff's email and why, close it with its outcome when it ends, and print the written notice to the employee.
import type { MonitoringNotice, MonitoringRecord } from "../../../api/headteacher/headteacher-types.js";
import { formatUkTime } from "../../../../records/uk-time.js";
import { ApiError } from "../../api-client.js";
import { el, pageHeading } from "../../dom.js";
import type { HeadteacherApi } from "./headteacher-api.js";
import { action, button, dataTable, inputField, selectField, statusLine, textareaField } from "./page-kit.js";

type Show = (...content: HTMLElement[]) => void;
type Status = ReturnType<typeof statusLine>;

const day = (yyyyMmDd: string) => formatUkTime(`${yyyyMmDd}T12:00:00Z`, true);
const today = () => new Date().toLocaleDateString("en-CA", { timeZone: "Europe/London" });

export class MonitoringPage {
  constructor(
    private readonly api: HeadteacherApi,
    private readonly show: Show,
  ) {}

  /** The list of records, newest first, with `message` (what was just done) above it. */
  async open(message = ""): Promise<HTMLElement[]> {
    const status = statusLine(message);
    const { records } = await this.api.monitoring();
    const add = button("Record a monitoring request");
    action(add, status, async () => this.show(...(await this.recordForm())));
    const rows = records.map((record) => [
      `${record.employee.displayName}${record.employee.upn ? ` (${record.employee.upn})` : ""}`,
      `${day(record.from)} to ${day(record.to)}`,
      `${record.requestedOf}, ${day(record.requestedOn)}`,
      `${record.recordedBy.displayName}, ${formatUkTime(record.recordedAt)}`,
      record.closed ? `Closed ${formatUkTime(record.closed.closedAt)} by ${record.closed.closedBy.displayName}` : "Open",
      this.nextStep(record, status),
    ]);
    return [
      pageHeading("Email monitoring record"),
      el(
        "p",
        {},
        "Policy 15.1: a member of staff's email is monitored only when you ask in writing; you record the reason, and when it ends they are told, with the reasons, in writing. Only you can see these records: not the IT technician, not senior leaders, not the exports.",
      ),
      add,
      status.element,
      rows.length
        ? dataTable("Monitoring records", `${rows.length} record${rows.length === 1 ? "" : "s"}, newest first.`, ["Member of staff", "Period", "Asked in writing of", "Recorded", "State", "Next step"], rows, "ht-monitoring")
        : el("p", {}, "No monitoring has been recorded."),
    ];
  }

  private nextStep(record: MonitoringRecord, status: Status): HTMLButtonElement {
    const who = record.employee.displayName;
    if (record.state === "Closed") {
      const notice = button("Notice to print", { class: "secondary", "aria-label": `Notice to print: ${who}` });
      action(notice, status, async () => this.show(...(await this.notice(record.recordId))));
      return notice;
    }
    const close = button("Close", { class: "secondary", "aria-label": `Close: monitoring of ${who}` });
    action(close, status, () => Promise.resolve(this.show(...this.closeForm(record))));
    return close;
  }

  private async recordForm(): Promise<HTMLElement[]> {
    const [{ people }, { requestedOfChoices }] = await Promise.all([this.api.people(), this.api.monitoring()]);
    const formId = crypto.randomUUID();
    const status = statusLine();
    const employee = selectField("employeeId", "Member of staff", [["", "Choose…"], ...people.map((p) => [p.id, p.displayName] as const)]);
    const name = inputField("employeeName", "Or, someone not on the list: their name", "text");
    const upn = inputField("employeeUpn", "and their school email address", "email");
    const reason = textareaField("reason", "Reason for the monitoring");
    const from = inputField("from", "From", "date", today());
    const to = inputField("to", "To", "date");
    const requestedOf = inputField("requestedOf", "Requested in writing of", "text", requestedOfChoices[0] ?? "");
    requestedOf.input.setAttribute("list", "requested-of-choices");
    const choices = el("datalist", { id: "requested-of-choices" }, ...requestedOfChoices.map((choice) => el("option", { value: choice })));
    const requestedOn = inputField("requestedOn", "Requested on", "date", today());
    const fields = { employeeId: employee, employeeName: name, employeeUpn: upn, reason, from, to, requestedOf, requestedOn };
    const save = button("Record");
    const cancel = button("Cancel", { class: "link-button" });
    action(cancel, status, async () => this.show(...(await this.open())));
    action(save, status, async () => {
      const body = Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, field.input.value]));
      try {
        const record = await this.api.recordMonitoring({ formId, ...body });
        this.show(...(await this.open(`Monitoring of ${record.employee.displayName}'s email is recorded (open).`)));
      } catch (error) {
        markFields(fields, error);
        throw error;
      }
    });
    return [
      pageHeading("Record a monitoring request"),
      el("p", {}, "Record the request you made in writing. Nobody else is told: the employee is given the notice when the monitoring ends."),
      el(
        "form",
        { class: "ht-status-form", "aria-label": "Record a monitoring request" },
        employee.field,
        name.field,
        upn.field,
        reason.field,
        from.field,
        to.field,
        requestedOf.field,
        choices,
        requestedOn.field,
        el("div", { class: "button-row" }, save, cancel),
      ),
      status.element,
    ];
  }

  private closeForm(record: MonitoringRecord): HTMLElement[] {
    const status = statusLine();
    const outcome = textareaField("outcome", "Outcome (goes into the notice to the employee)");
    const save = button("Close the record");
    const cancel = button("Cancel", { class: "link-button" });
    action(cancel, status, async () => this.show(...(await this.open())));
    action(save, status, async () => {
      try {
        await this.api.closeMonitoring(record.recordId, { outcome: outcome.input.value });
      } catch (error) {
        markFields({ outcome }, error);
        throw error;
      }
      this.show(...(await this.notice(record.recordId)));
    });
    return [
      pageHeading(`Close: monitoring of ${record.employee.displayName}`),
      el("p", {}, `${day(record.from)} to ${day(record.to)}. Reason recorded: ${record.reason}`),
      el("form", { class: "ht-status-form", "aria-label": "Close the monitoring record" }, outcome.field, el("div", { class: "button-row" }, save, cancel)),
      status.element,
    ];
  }

  /** The written notice as a letter: on screen to check, printed (or saved as PDF) on its own. */
  private async notice(recordId: string): Promise<HTMLElement[]> {
    const notice = await this.api.monitoringNotice(recordId);
    const print = button("Print or save as PDF");
    print.addEventListener("click", () => window.print());
    const back = button("Back to the record", { class: "link-button" });
    const status = statusLine();
    action(back, status, async () => this.show(...(await this.open())));
    return [
      el(
        "div",
        { class: "no-print" },
        pageHeading(`Notice to ${notice.addressee.name}`),
        el("p", {}, "Print it (or save it as a PDF), sign it and give it to the employee. Only the notice is printed."),
        el("div", { class: "button-row" }, print, back),
        status.element,
      ),
      letter(notice),
    ];
  }
}

function letter(notice: MonitoringNotice): HTMLElement {
  return el(
    "article",
    { class: "notice", "aria-label": notice.title },
    el("p", { class: "notice-school" }, notice.schoolName),
    el("p", { class: "notice-date" }, notice.dated),
    el("p", {}, notice.addressee.name, ...(notice.addressee.upn ? [el("br"), notice.addressee.upn] : [])),
    el("h3", {}, `${notice.title} (policy section ${notice.policySection})`),
    el("p", {}, notice.salutation),
    el("p", {}, notice.paragraphs[0]),
    el("p", {}, notice.paragraphs[1]),
    el("h4", {}, "The reasons"),
    el("p", { class: "notice-words" }, notice.reasons),
    el("p", {}, notice.paragraphs[2]),
    el("h4", {}, "The outcome"),
    el("p", { class: "notice-words" }, notice.outcome),
    el("h4", {}, `What the policy says (section ${notice.policySection})`),
    el("blockquote", {}, notice.policyQuote),
    ...notice.paragraphs.slice(3).map((paragraph) => el("p", {}, paragraph)),
    el("p", { class: "notice-sign-off" }, "Yours sincerely,", el("br"), el("br"), el("br"), notice.signOff.name, el("br"), `${notice.signOff.role}, ${notice.schoolName}`),
  );
}

/**
 * Marks each field the server named, with its message beside it, and moves the focus to the first of them in the
 * form (the pressed button is disabled while it waits, which drops the focus); the status line says it too.
 */
function markFields(fields: Readonly<Record<string, { field: HTMLElement; input: HTMLElement }>>, error: unknown): void {
  for (const { field, input } of Object.values(fields)) {
    input.removeAttribute("aria-invalid");
    input.removeAttribute("aria-describedby");
    field.querySelector(".field-error")?.remove();
  }
  if (!(error instanceof ApiError)) return;
  for (const [id, message] of Object.entries(error.fields)) {
    const target = fields[id];
    if (!target) continue;
    target.input.setAttribute("aria-invalid", "true");
    target.input.setAttribute("aria-describedby", `${id}-error`);
    target.field.append(el("span", { id: `${id}-error`, class: "field-error" }, message));
  }
  Object.values(fields).find(({ input }) => input.getAttribute("aria-invalid") === "true")?.input.focus();
}
