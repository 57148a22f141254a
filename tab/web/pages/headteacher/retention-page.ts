// Retention: how long each kind of record is kept and why, and what the daily job deletes next, and when.
import { formatUkTime } from "../../../../records/uk-time.js";
import { el, pageHeading } from "../../dom.js";
import type { HeadteacherApi } from "./headteacher-api.js";
import { dataTable } from "./page-kit.js";

export async function retentionPage(api: HeadteacherApi): Promise<HTMLElement[]> {
  const view = await api.retention();
  const years = (months: number) => (months % 12 === 0 ? `${months / 12} years` : `${months} months`);
  return [
    pageHeading("Retention"),
    el("p", {}, "Each night the app deletes every record that has passed its retention period, from SharePoint and from its own store. The IT admin can change the periods (RETENTION_*_MONTHS)."),
    dataTable("Retention periods", "How long each kind of record is kept, and why.", ["Record", "Kept for", "Why"], view.periods.map((p) => [p.label, years(p.months), p.reason])),
    el("h3", {}, "What goes next"),
    view.next.length
      ? dataTable("What goes next", `The ${view.next.length} soonest of ${view.scheduled} records with a date; open reports, laptops still out and open monitoring records are kept.`, ["Record", "What", "Deleted on or after"], view.next.map((n) => [n.label, n.what, formatUkTime(n.expiresAt, true)]))
      : el("p", {}, "Nothing is due to go: every record is still live or has no date yet."),
  ];
}
