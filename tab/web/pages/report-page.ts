// Report: pick what happened, answer the form card, see a confirmation with the reference.
import type { ReportCreated } from "../../api/api-types.js";
import { REPORT_KIND_DEFINITIONS, reportKind, type ReportKindDefinition } from "../../../records/report-kinds.js";
import {
  dateInputId,
  formNoun,
  formProblems,
  localDay,
  policySectionsLabel,
  problemsFromApi,
  reportBodyFromInputs,
  reportFormCard,
  timeInputId,
  type FieldProblem,
} from "../../forms/report-form-card.js";
import { ApiError, type TabApi } from "../api-client.js";
import { renderCard, type RenderedCard } from "../card-renderer.js";
import { el, formatWhen, pageHeading } from "../dom.js";
import { FormErrors } from "../form-errors.js";
import type { TabTheme } from "../host.js";

export interface ReportPageContext {
  readonly api: TabApi;
  readonly theme: () => TabTheme;
  /** Replaces the page's content and moves focus to its first heading. */
  show(...content: HTMLElement[]): void;
  goTo(page: "records"): void;
}

/** What happens next, in words: who has been told, or what the person must do themselves. */
function alertNote({ report, alert, safeguardingAlerted }: ReportCreated): string {
  if (alert === "already-recorded") return "We already had this report from you, so it was not filed twice.";
  // Who is told follows the kind (bot/alerts/alert-routing.ts): a safeguarding concern never reaches the IT technician.
  const kind = reportKind(report.kind);
  if (kind.privacy === "safeguarding") {
    return alert === "failed"
      ? "This is a safeguarding matter, but we could not alert the headteacher automatically. Please tell the headteacher or a senior leader in person now."
      : safeguardingAlerted === "headteacher"
        ? "This is a safeguarding matter: the headteacher has been alerted in Teams."
        : "This is a safeguarding matter: the headteacher and the senior leadership team have been alerted in Teams.";
  }
  if (kind.category === "request" && alert !== "failed") {
    return `${kind.deciders?.includes("it-technician") ? "The headteacher and the IT technician have" : "The headteacher has"} been asked in Teams; you will be told the answer.`;
  }
  if (alert === "failed") {
    return report.urgent
      ? "This is urgent, but we could not alert the headteacher automatically. Please tell the headteacher or the IT technician in person now."
      : "We could not tell the headteacher automatically. Please let the headteacher know you have filed this report.";
  }
  return report.urgent
    ? "This is urgent: the headteacher and the IT technician have been alerted in Teams."
    : "The headteacher has been told in Teams and may ask you for more details.";
}

export class ReportPage {
  private card:
    | { kind: ReportKindDefinition; rendered: RenderedCard; holder: HTMLElement; errors: FormErrors; problems: readonly FieldProblem[] }
    | undefined;
  /** One per opened form: pressing "Send" again after a failure cannot file the report twice. */
  private submissionId = "";
  /** The list of kinds while it is on screen, so opening the page again keeps it (and the keyboard focus in it). */
  private kindList: HTMLElement | undefined;

  constructor(private readonly context: ReportPageContext) {}

  open(): void {
    // Opened twice in a row (the nav's click and its hashchange): drawing the list again would drop the focus
    // a keyboard user has just moved onto a kind, and their Enter with it.
    if (!this.card && this.kindList?.isConnected) return;
    this.card = undefined;
    const choices = REPORT_KIND_DEFINITIONS.map((kind) =>
      el(
        "li",
        {},
        el(
          "button",
          { type: "button", class: "kind-choice", "data-kind": kind.id },
          el("span", { class: "kind-title" }, kind.title),
          el("span", { class: "kind-section" }, policySectionsLabel(kind)),
        ),
      ),
    );
    const list = el("ul", { class: "kind-list", "aria-labelledby": "kind-question" }, ...choices);
    this.kindList = list;
    list.addEventListener("click", (event) => {
      const button = (event.target as HTMLElement).closest<HTMLButtonElement>("button[data-kind]");
      const kind = REPORT_KIND_DEFINITIONS.find((k) => k.id === button?.dataset.kind);
      if (kind) this.openForm(kind);
    });
    this.context.show(
      pageHeading("Report something"),
      el(
        "p",
        { id: "kind-question" },
        "What do you need to report, or ask permission for? The policy asks you to report incidents and concerns straight away, and to ask before you act on a permission.",
      ),
      list,
    );
  }

  /** Redraws the open form in the new theme, keeping what has been typed and what was marked wrong. */
  themeChanged(): void {
    if (!this.card) return;
    const { kind, rendered, holder, problems } = this.card;
    this.drawCard(kind, holder, rendered.values());
    if (problems.length) this.card.errors.showFieldProblems(problems, false);
    this.card.problems = problems;
  }

  private openForm(kind: ReportKindDefinition): void {
    this.submissionId = crypto.randomUUID();
    const back = el("button", { type: "button", class: "link-button" }, "Choose something else to report or ask");
    back.addEventListener("click", () => this.open());
    const holder = el("div", { class: "card-holder" });
    this.context.show(pageHeading(`${formNoun(kind) === "request" ? "Ask" : "Report"}: ${kind.title}`), back, holder);
    this.drawCard(kind, holder, {});
  }

  private drawCard(kind: ReportKindDefinition, holder: HTMLElement, values: Readonly<Record<string, string>>): void {
    const now = new Date();
    const card = reportFormCard(kind, localDay(now));
    const rendered = renderCard(card, this.context.theme(), (data) => void this.submit(kind, data), values);
    // Right after the Send button: where the person is looking when they press it.
    const sending = el("p", { class: "sending", role: "status" });
    const summary = el("div", { class: "problems", role: "alert" });
    holder.replaceChildren(rendered.element, sending, summary);
    keepTimesInThePast(kind, rendered);
    this.card = { kind, rendered, holder, errors: new FormErrors(() => rendered.inputs(), summary, formNoun(kind)), problems: [] };
  }

  private async submit(kind: ReportKindDefinition, data: Record<string, string>): Promise<void> {
    const card = this.card;
    if (!card) return;
    const show = (problems: readonly FieldProblem[]) => {
      card.problems = problems;
      card.errors.showFieldProblems(problems);
    };
    const found = formProblems(kind, data, new Date());
    if (found.length) return show(found);
    card.problems = [];
    card.errors.clear();
    const button = card.holder.querySelector<HTMLButtonElement>("button.ac-pushButton");
    const sending = card.holder.querySelector<HTMLElement>(".sending");
    button?.setAttribute("disabled", "");
    sending?.replaceChildren(`Sending your ${formNoun(kind)}…`);
    try {
      const created = await this.context.api.fileReport({ ...reportBodyFromInputs(kind, data), submissionId: this.submissionId });
      this.confirm(created);
    } catch (error) {
      button?.removeAttribute("disabled");
      sending?.replaceChildren();
      const refused = error instanceof ApiError ? problemsFromApi(kind, error.fields, data, new Date()) : [];
      if (refused.length) return show(refused);
      const message = error instanceof Error ? error.message : String(error);
      card.errors.showMessage(message, error instanceof ApiError ? error.details : []);
    }
  }

  private confirm(created: ReportCreated): void {
    const { report, alert } = created;
    const noun = formNoun(reportKind(report.kind));
    this.card = undefined;
    // Back to the list of things to report or ask for, named for what was just sent.
    const another = el("button", { type: "button" }, noun === "request" ? "Ask for something else" : "Report something else");
    another.addEventListener("click", () => this.open());
    const records = el("button", { type: "button" }, "See my records");
    records.addEventListener("click", () => this.context.goTo("records"));
    this.context.show(
      pageHeading(noun === "request" ? "Request recorded" : "Report recorded"),
      el(
        "div",
        { class: "confirmation", role: "status" },
        el("p", {}, `Your ${noun} "${report.kindTitle}" was recorded at ${formatWhen(report.reportedAt)}.`),
        el(
          "dl",
          {},
          ...[["Reference", report.reference], ["Summary", report.summary], ["Status", report.status]].flatMap(([term, value]) => [
            el("dt", {}, term ?? ""),
            el("dd", term === "Reference" ? { class: "reference" } : {}, value ?? ""),
          ]),
        ),
        el("p", { class: alert === "failed" ? "warning" : "" }, alertNote(created)),
      ),
      el("div", { class: "button-row" }, another, records),
    );
  }
}

/**
 * The time picker offers nothing later than now once today is the chosen date (the date picker already stops
 * at today); formProblems still checks on Send, as a typed time can go past a picker's limit.
 */
function keepTimesInThePast(kind: ReportKindDefinition, rendered: RenderedCard): void {
  const controls = new Map(rendered.inputs().map((input) => [input.id, input.control]));
  for (const field of kind.fields) {
    if (field.type !== "datetime") continue;
    const date = controls.get(dateInputId(field.id));
    const time = controls.get(timeInputId(field.id));
    if (!(date instanceof HTMLInputElement) || !(time instanceof HTMLInputElement)) continue;
    const cap = () => {
      const now = new Date();
      if (date.value === localDay(now)) time.max = `${String(now.getHours()).padStart(2, "0")}:${String(now.getMinutes()).padStart(2, "0")}`;
      else time.removeAttribute("max");
    };
    cap();
    date.addEventListener("input", cap);
    time.addEventListener("focus", cap);
  }
}
