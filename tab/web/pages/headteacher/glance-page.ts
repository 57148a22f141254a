// The year at a glance: each all-staff document's acknowledgements against the staff list (chart and
// table), progress week by week, and who is outstanding with "remind now".
import type { YearAtAGlance } from "../../../api/headteacher/headteacher-types.js";
import { formatUkTime } from "../../../../records/uk-time.js";
import { el, pageHeading } from "../../dom.js";
import { lineChart, stackedBarChart } from "./charts.js";
import type { HeadteacherApi } from "./headteacher-api.js";
import { action, button, dataTable, percent, statusLine } from "./page-kit.js";
import { ApiError } from "../../api-client.js";

export async function glancePage(api: HeadteacherApi): Promise<HTMLElement[]> {
  const year = await api.glance();
  const status = statusLine();
  return [
    pageHeading("The year at a glance"),
    el("p", {}, `Academic year ${year.cycle}. ${year.staffCount} members of staff: everyone the bot can reach in Teams.`),
    documentsSection(year),
    weeksSection(year),
    outstandingSection(year, api, status),
  ];
}

function documentsSection(year: YearAtAGlance): HTMLElement {
  const chart = stackedBarChart(
    "Acknowledgements per document",
    year.documents.map((doc) => ({
      label: doc.title,
      parts: [
        { value: doc.acknowledged, className: "done", name: "acknowledged" },
        { value: doc.outstanding, className: "waiting", name: "outstanding" },
        { value: doc.notReached, className: "unreached", name: "not reached" },
      ],
    })),
  );
  const rows = year.documents.map((doc) => [
    `${doc.title} (version ${doc.version})`,
    String(doc.acknowledged),
    String(doc.outstanding),
    String(doc.notReached),
    percent(doc.acknowledged, year.staffCount),
  ]);
  return el(
    "section",
    { "aria-labelledby": "ht-docs" },
    el("h3", { id: "ht-docs" }, "Documents for all staff"),
    el("figure", { class: "ht-figure" }, chart, el("figcaption", {}, "Acknowledged, outstanding (sent, not yet confirmed) and not reached (never sent the card this year).")),
    dataTable("Acknowledgements per document", "The same numbers as the chart.", ["Document", "Acknowledged", "Outstanding", "Not reached", "Share acknowledged"], rows),
  );
}

function weeksSection(year: YearAtAGlance): HTMLElement {
  const heading = el("h3", { id: "ht-weeks" }, "Progress by week");
  if (!year.weeks.length) return el("section", { "aria-labelledby": "ht-weeks" }, heading, el("p", {}, "The campaign has not begun this year."));
  const labels = year.weeks.map((week) => formatUkTime(week.weekStarting, true).replace(/ \d{4}$/, ""));
  const series = year.documents.map((doc, i) => ({ name: doc.title, className: `series-${i % 4}`, values: year.weeks.map((week) => week.acknowledgedByEnd[i] ?? 0) }));
  const rows = year.weeks.map((week) => [`Week of ${formatUkTime(week.weekStarting, true)}`, ...week.acknowledgedByEnd.map(String)]);
  return el(
    "section",
    { "aria-labelledby": "ht-weeks" },
    heading,
    el("figure", { class: "ht-figure" }, lineChart("Staff who had acknowledged each document, by week", labels, series, year.staffCount), el("figcaption", {}, `Out of ${year.staffCount} members of staff.`)),
    dataTable("Progress by week", "Staff who had acknowledged each document by the end of each week.", ["Week", ...year.documents.map((doc) => doc.title)], rows),
  );
}

function outstandingSection(year: YearAtAGlance, api: HeadteacherApi, status: ReturnType<typeof statusLine>): HTMLElement {
  const all = button("Remind everyone now");
  // Answered at once (202) with who is being reminded; a run already going (409) is news, not a fault.
  action(all, status, async () => {
    try {
      status.say((await api.remind()).message);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 409)) throw error;
      status.say(error.message);
    }
  });
  const csv = button("Download as CSV", { class: "secondary" });
  action(csv, status, () => api.download("/api/headteacher/outstanding.csv"));
  const rows = year.outstanding.map((person) => {
    const remind = button("Remind now", { "aria-label": `Remind now: ${person.displayName}` });
    action(remind, status, async () => status.say(`${person.displayName}: ${(await api.remind(person.personId)).message}`));
    const still = person.documents
      .map((doc) => `${doc.title}${doc.reached ? (doc.firstAskedAt ? ` (first asked ${formatUkTime(doc.firstAskedAt, true)})` : "") : " (not reached)"}`)
      .join("; ");
    return [person.displayName, still, remind];
  });
  return el(
    "section",
    { "aria-labelledby": "ht-outstanding" },
    el("h3", { id: "ht-outstanding" }, `Still to confirm (${year.outstanding.length})`),
    el("div", { class: "button-row" }, all, csv),
    status.element,
    rows.length
      ? dataTable("Still to confirm", "Everyone with a document still to confirm this year.", ["Member of staff", "Still to confirm", "Remind"], rows)
      : el("p", {}, "Everyone has confirmed every document this year."),
  );
}
