// The /records page's "Staff status" section: the local copy of the "AUP staff status" list, with the same columns
// and the same field mapping the SharePoint writer uses, and "N of M staff" per document above it.
import { REACH_STATES, REACH_STATE_LABELS } from "../../records/roster/staff-roster.js";
import type { StaffStatus } from "../../records/roster/staff-status.js";
import { staffStatusFields } from "../../records/sharepoint/item-fields.js";
import { STAFF_STATUS_LIST } from "../../records/sharepoint/list-schemas.js";
import { formatUkTime } from "../../records/uk-time.js";
import { escapeHtml } from "./html.js";

/** The app's own bookkeeping columns, not meant for people. */
const HIDDEN = new Set(["RecordId", "Cycle", "UpdatedAt", "Acknowledged"]);

export const STAFF_STATUS_COLUMNS = STAFF_STATUS_LIST.columns.filter((column) => !HIDDEN.has(column.name));

/** Each row's cells as text, in column order (dates as ISO, for the CSV). */
export function staffStatusCells(status: StaffStatus): string[] {
  const fields = staffStatusFields(status, "create");
  return STAFF_STATUS_COLUMNS.map((column) => {
    const value = fields[column.name];
    return typeof value === "string" ? value : "";
  });
}

export function staffStatusSection(cycle: string, rows: readonly StaffStatus[]): string {
  const heading = `<h2 id="staff-status">Staff status, ${escapeHtml(cycle)}</h2>`;
  if (rows.length === 0) return `${heading}\n<p>No staff on the roster yet.</p>`;
  const current = rows.filter((row) => row.reach !== "left");
  const byState = REACH_STATES.map((state) => [state, rows.filter((row) => row.reach === state).length] as const).filter(([, n]) => n > 0);
  const counts = (current[0]?.documents ?? []).map((doc) => {
    const done = current.filter((row) => row.documents.some((d) => d.policyId === doc.policyId && d.acknowledgedAt)).length;
    return `<li>${escapeHtml(doc.title)}: <strong>${done} of ${current.length} staff</strong></li>`;
  });
  const head = STAFF_STATUS_COLUMNS.map((column) => `<th scope="col">${escapeHtml(column.displayName)}</th>`).join("");
  const body = rows.map((row) => {
    const cells = staffStatusCells(row).map((value, index) =>
      STAFF_STATUS_COLUMNS[index]?.type.kind === "dateTime" && value
        ? `<td><time datetime="${escapeHtml(value)}">${escapeHtml(formatUkTime(value))}</time></td>`
        : `<td>${escapeHtml(value)}</td>`,
    );
    return `<tr>${cells.join("")}</tr>`;
  });
  const caption = `Staff status, ${cycle}, by name`;
  return [
    heading,
    `<p class="meta">One row per member of staff this academic year, as the "AUP staff status" list in SharePoint. ` +
      `${byState.map(([state, n]) => `${REACH_STATE_LABELS[state]}: ${n}`).join(" · ")}. ` +
      `Download <a href="/records/staff-status.csv">staff status (CSV)</a>.</p>`,
    `<ul>${counts.join("")}</ul>`,
    `<div class="scroll" role="region" aria-label="${escapeHtml(caption)}" tabindex="0">\n<table>\n` +
      `<caption>${escapeHtml(caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body.join("\n")}\n</tbody>\n</table>\n</div>`,
  ].join("\n");
}
