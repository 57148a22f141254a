// The whole laptop loan register: filters, CSV of the view, and recording a return.
import type { LoanRow } from "../../../api/headteacher/headteacher-types.js";
import type { LaptopReturnCondition } from "../../../../records/laptop-loan.js";
import { formatUkTime } from "../../../../records/uk-time.js";
import { el, pageHeading } from "../../dom.js";
import type { HeadteacherApi, Query } from "./headteacher-api.js";
import { action, button, dataTable, inputField, selectField, statusLine, textareaField } from "./page-kit.js";

type Show = (...content: HTMLElement[]) => void;

export class LaptopsPage {
  private filter: Record<string, string> = { status: "", q: "" };

  constructor(
    private readonly api: HeadteacherApi,
    private readonly show: Show,
  ) {}

  async open(message = ""): Promise<HTMLElement[]> {
    const status = statusLine();
    if (message) status.say(message);
    const { loans, statuses, conditions } = await this.api.loans(this.filter);
    const state = selectField("ht-loan-status", "Status", [["", "Any status"], ...statuses.map((s) => [s, s] as const)], this.filter.status);
    const search = inputField("ht-loan-search", "Borrower, model, serial or tag", "search", this.filter.q);
    const apply = button("Show loans");
    const csv = button("Download this view as CSV", { class: "secondary" });
    const read = (): Query => ({ status: state.input.value, q: search.input.value });
    action(apply, status, async () => {
      this.filter = { ...read() };
      this.show(...(await this.open()));
    });
    action(csv, status, () => this.api.download("/api/headteacher/laptops.csv", read()));
    const rows = loans.map((loan) => {
      const back: Node | string = loan.status === "Returned" ? `${formatUkTime(loan.returnedAt, true)}: ${loan.returnCondition}` : this.returnButton(loan, conditions, status);
      return [loan.borrowerName, `${loan.model} (SN ${loan.serialNumber})`, loan.assetTag, formatUkTime(loan.issuedOn, true), loan.status, back];
    });
    return [
      pageHeading("Laptop loans"),
      el("form", { class: "ht-filters", "aria-label": "Filter laptop loans" }, state.field, search.field, el("div", { class: "button-row" }, apply, csv)),
      status.element,
      rows.length
        ? dataTable("Laptop loans", `${rows.length} loan${rows.length === 1 ? "" : "s"}, newest first.`, ["Borrower", "Laptop", "Asset tag", "Issued", "Status", "Returned"], rows, "ht-loans")
        : el("p", {}, "No loans match."),
    ];
  }

  private returnButton(loan: LoanRow, conditions: readonly LaptopReturnCondition[], status: ReturnType<typeof statusLine>): HTMLButtonElement {
    const mark = button("Mark returned", { "aria-label": `Mark returned: ${loan.model} (SN ${loan.serialNumber})`, class: "secondary" });
    action(mark, status, () => {
      this.show(...this.returnForm(loan, conditions));
      return Promise.resolve();
    });
    return mark;
  }

  private returnForm(loan: LoanRow, conditions: readonly LaptopReturnCondition[]): HTMLElement[] {
    const status = statusLine();
    const condition = selectField("ht-condition", "Condition", conditions.map((c) => [c, c] as const), conditions[0]);
    const tag = el("input", { id: "ht-tag", type: "checkbox" });
    tag.checked = true;
    const note = textareaField("ht-return-note", "Note");
    const save = button("Record return");
    const cancel = button("Cancel", { class: "link-button" });
    action(cancel, status, async () => this.show(...(await this.open())));
    action(save, status, async () => {
      await this.api.markReturned(loan.recordId, { condition: condition.input.value as LaptopReturnCondition, assetTagAttached: tag.checked, note: note.input.value });
      this.show(...(await this.open(`${loan.model} (SN ${loan.serialNumber}) from ${loan.borrowerName} is recorded as returned.`)));
    });
    return [
      pageHeading(`Return: ${loan.model} (SN ${loan.serialNumber})`),
      el("p", {}, `On loan to ${loan.borrowerName} since ${formatUkTime(loan.issuedOn, true)}.`),
      el("form", { class: "ht-status-form", "aria-label": "Record a return" }, condition.field, el("p", { class: "ht-field" }, tag, el("label", { for: "ht-tag" }, " Asset tag still attached (policy 9.1)")), note.field, el("div", { class: "button-row" }, save, cancel)),
      status.element,
    ];
  }
}
