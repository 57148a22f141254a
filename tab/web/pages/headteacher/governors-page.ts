// The governors' evidence pack: one printable page (A4, print stylesheet in tab.css) with the year's
// figures, each chart with its numbers beside it. No member of staff is named.
import type { GovernorsPack } from "../../../api/headteacher/headteacher-types.js";
import { REPORT_KIND_DEFINITIONS } from "../../../../records/report-kinds.js";
import { formatUkTime } from "../../../../records/uk-time.js";
import { el, pageHeading } from "../../dom.js";
import { columnChart, stackedBarChart } from "./charts.js";
import type { HeadteacherApi } from "./headteacher-api.js";
import { button, dataTable, percent } from "./page-kit.js";
import { closeText } from "./reports-page.js";

const MONTH = new Intl.DateTimeFormat("en-GB", { month: "short", timeZone: "UTC" });
const monthName = (yyyyMm: string) => MONTH.format(new Date(`${yyyyMm}-15T12:00:00Z`));

export async function governorsPage(api: HeadteacherApi): Promise<HTMLElement[]> {
  const pack = await api.governors();
  const print = button("Print or save as PDF", { class: "no-print" });
  print.addEventListener("click", () => window.print());
  return [
    pageHeading(`Governors' evidence pack: Staff IT Acceptable Use Policy, ${pack.cycle}`),
    el("p", {}, `Prepared ${formatUkTime(pack.preparedAt)}. Figures only: no member of staff is named.`),
    print,
    el("div", { class: "pack" }, acknowledgements(pack), reports(pack), openItems(pack)),
  ];
}

function acknowledgements(pack: GovernorsPack): HTMLElement {
  const reachedAt = (doc: GovernorsPack["documents"][number], p: 50 | 90 | 100) => {
    const at = doc.reached.find((r) => r.percent === p)?.at;
    return at ? formatUkTime(at, true) : "not yet";
  };
  return el(
    "section",
    { class: "pack-section", "aria-labelledby": "gp-acks" },
    el("h3", { id: "gp-acks" }, "1. Staff who acknowledged each document"),
    stackedBarChart(
      "Share of staff who acknowledged each document",
      pack.documents.map((doc) => ({
        label: doc.title,
        parts: [
          { value: doc.acknowledged, className: "done", name: "acknowledged" },
          { value: Math.max(0, doc.staffCount - doc.acknowledged), className: "unreached", name: "not yet" },
        ],
      })),
    ),
    dataTable(
      "Acknowledgements",
      `Out of ${pack.staffCount} members of staff.`,
      ["Document", "Acknowledged", "Share", "Half by", "Nine in ten by", "All by"],
      pack.documents.map((doc) => [`${doc.title} (${doc.version})`, String(doc.acknowledged), percent(doc.acknowledged, doc.staffCount), reachedAt(doc, 50), reachedAt(doc, 90), reachedAt(doc, 100)]),
    ),
  );
}

function reports(pack: GovernorsPack): HTMLElement {
  const months = pack.reportsByMonth.map((m) => monthName(m.month));
  return el(
    "section",
    { class: "pack-section", "aria-labelledby": "gp-reports" },
    el("h3", { id: "gp-reports" }, "2. Reports by kind and month"),
    columnChart("Reports filed each month", months, pack.reportsByMonth.map((m) => m.total)),
    dataTable(
      "Reports by kind and month",
      `${pack.reportCount} reports this year; ${pack.closedCount} closed, median time to close ${pack.medianHoursToClose === undefined ? "not yet known" : closeText(pack.medianHoursToClose)}.`,
      ["Kind", ...months, "Year"],
      REPORT_KIND_DEFINITIONS.map((kind) => [kind.title, ...pack.reportsByMonth.map((m) => String(m.byKind[kind.id])), String(pack.reportsByKind[kind.id])]),
    ),
    el("h3", {}, "3. Filtering re-categorisation requests"),
    pack.recategorisation.length
      ? dataTable("Re-categorisation requests", "Sites staff asked the filtering provider to block.", ["Reference", "Reported", "Where", "Status"], pack.recategorisation.map((r) => [r.recordId, formatUkTime(r.reportedAt, true), r.where, r.status]))
      : el("p", {}, "None this year."),
  );
}

function openItems(pack: GovernorsPack): HTMLElement {
  return el(
    "section",
    { class: "pack-section", "aria-labelledby": "gp-open" },
    el("h3", { id: "gp-open" }, "4. Open items and laptops"),
    dataTable("Open items", "As at the date prepared.", ["Item", "Number"], [
      ["Reports not yet looked at (New)", String(pack.openReports.New)],
      ["Reports in review", String(pack.openReports["In review"])],
      ["Laptops out on loan", String(pack.laptops.out)],
      ["of which the borrower has not yet confirmed the agreement", String(pack.laptops.awaitingConfirmation)],
      ["Laptops returned this year", String(pack.laptops.returnedThisYear)],
    ]),
  );
}
