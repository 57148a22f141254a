// My records: what I have acknowledged this academic year, what is still to do, and my reports.
import type { MyRecords } from "../../api/api-types.js";
import type { TabApi } from "../api-client.js";
import { el, formatWhen, pageHeading } from "../dom.js";

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
  const header = el("tr", {}, ...["Reference", "What", "Summary", "Filed", "Status"].map((title) => el("th", { scope: "col" }, title)));
  const rows = mine.reports.map((report) =>
    el(
      "tr",
      {},
      el("td", { class: "reference" }, report.reference),
      el("td", {}, report.kindTitle + (report.urgent ? " (urgent)" : "")),
      el("td", {}, report.summary),
      el("td", {}, formatWhen(report.reportedAt)),
      el("td", {}, report.status),
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
        { class: "reports" },
        el("caption", {}, "Newest first. The headteacher changes the status as they deal with each report."),
        el("thead", {}, header),
        el("tbody", {}, ...rows),
      ),
    ),
  );
}
