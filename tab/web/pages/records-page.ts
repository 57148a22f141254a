// My records: what I have acknowledged this academic year, what is still to do, and my reports.
import type { MyRecords } from "../../api/api-types.js";
import type { TabApi } from "../api-client.js";
import { el, formatWhen, pageHeading } from "../dom.js";
import { decisionSentence } from "../../api/decision-view.js";
import { reportKind } from "../../../records/report-kinds.js";

export async function recordsPage(api: TabApi): Promise<HTMLElement[]> {
  const mine = await api.myRecords();
  return [
    pageHeading("My records"),
    el("p", {}, `Signed in as ${mine.person.displayName}${mine.person.upn ? ` (${mine.person.upn})` : ""}. Academic year ${mine.cycle}.`),
    acknowledgementsSection(mine),
    reportsSection(mine),
  ];
}

function acknowledgementsSection(mine: MyRecords): HTMLElement {
  const done = mine.acknowledgements.map((ack) => {
    const newer = ack.current ? "" : " - a newer version is waiting";
    return el("li", {}, `${ack.title} (version ${ack.version}): acknowledged ${formatWhen(ack.acknowledgedAt)}${newer}`);
  });
  const todo = mine.outstanding.map((p) =>
    el("li", {}, `${p.title} (version ${p.version}): not yet acknowledged. Type "policy" in your chat with the bot to get it.`),
  );
  return el(
    "section",
    { "aria-labelledby": "acks-heading" },
    el("h3", { id: "acks-heading" }, "Policies I have acknowledged this year"),
    done.length ? el("ul", { class: "acknowledged" }, ...done) : el("p", {}, "Nothing acknowledged yet this year."),
    todo.length ? el("h4", {}, "Still to acknowledge") : null,
    todo.length ? el("ul", { class: "outstanding" }, ...todo) : null,
  );
}

function reportsSection(mine: MyRecords): HTMLElement {
  const heading = el("h3", { id: "reports-heading" }, "Reports I have filed");
  if (!mine.reports.length) {
    return el("section", { "aria-labelledby": "reports-heading" }, heading, el("p", {}, "You have not filed any reports."));
  }
  const columns = ["Reference", "What", "Summary", "Filed", "Status", "Decision"];
  // Explicit roles: on a narrow screen the rows become cards (display: block), which would otherwise
  // take the table's meaning away from screen readers.
  const header = el("tr", { role: "row" }, ...columns.map((title) => el("th", { scope: "col", role: "columnheader" }, title)));
  const cell = (column: number, text: string, attributes: Record<string, string> = {}) =>
    el("td", { role: "cell", "data-label": columns[column] ?? "", ...attributes }, text);
  const rows = mine.reports.map((report) =>
    el(
      "tr",
      { role: "row" },
      cell(0, report.reference, { class: "reference" }),
      cell(1, report.kindTitle + (report.urgent ? " (urgent)" : "")),
      cell(2, report.summary),
      cell(3, formatWhen(report.reportedAt), { class: "filed" }),
      cell(4, report.status, { class: "status" }),
      cell(5, decisionText(report), { class: "decision" }),
    ),
  );
  return el(
    "section",
    { "aria-labelledby": "reports-heading" },
    heading,
    el(
      "div",
      { class: "table-scroll", tabindex: "0", role: "region", "aria-label": "Reports I have filed" },
      el(
        "table",
        { class: "reports", role: "table" },
        el("caption", {}, "Newest first. The status changes as the headteacher or the IT technician deals with each report; a request shows its answer once it is decided."),
        el("thead", { role: "rowgroup" }, header),
        el("tbody", { role: "rowgroup" }, ...rows),
      ),
    ),
  );
}

/** A request's answer with any conditions, end date or reason; nothing for a report or concern. */
function decisionText(report: MyRecords["reports"][number]): string {
  if (report.decision) return decisionSentence(report.decision);
  return reportKind(report.kind).category === "request" ? "Waiting for a decision" : "";
}
