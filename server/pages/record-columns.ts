// The columns of the records tables: exactly the SharePoint lists' columns, filled by the same
// field mapping the SharePoint adapter writes, so the local page shows what the headteacher will see.
// One definition feeds both the HTML page and the CSV downloads.
import type { Acknowledgement, IncidentReport } from "../../records/types.js";
import type { LaptopLoan } from "../../records/laptop-loan.js";
import { ACKNOWLEDGEMENTS_LIST, LAPTOP_LOANS_LIST, REPORTS_LIST, type ColumnSchema, type ListSchema } from "../../records/sharepoint/list-schemas.js";
import { acknowledgementFields, laptopLoanFields, reportFields, type ItemFields } from "../../records/sharepoint/item-fields.js";

/**
 * How a column's text is shown: an instant (ISO 8601) or a calendar date as UK dates, an id as a compact
 * code that may break anywhere, long text given room to read, anything else as it is.
 */
export type ColumnFormat = "text" | "instant" | "date" | "id" | "long";

export interface RecordColumn {
  readonly header: string;
  readonly format: ColumnFormat;
}

export interface RecordTable<T> {
  readonly columns: readonly RecordColumn[];
  /** The record's cells as text, in column order; "" where there is nothing to show. */
  row(record: T): string[];
}

// SharePoint's built-in Title column leads each list; the reports list keeps the summary there.
// DetailsData and StatusHistory are the app's own JSON (Details and the status columns say the same for people).
const HIDDEN_COLUMNS = new Set(["DetailsData", "StatusHistory"]);

function formatOf(column: ColumnSchema): ColumnFormat {
  if (column.type.kind === "dateTime") return "instant";
  if (column.type.kind === "date") return "date";
  if (column.type.kind === "multilineText") return "long";
  return column.name === "RecordId" || column.name.endsWith("Id") ? "id" : "text";
}

function tableOf<T>(list: ListSchema, titleHeader: string, toFields: (record: T) => ItemFields): RecordTable<T> {
  const shown = list.columns.filter((column) => !HIDDEN_COLUMNS.has(column.name));
  const names = ["Title", ...shown.map((column) => column.name)];
  return {
    columns: [{ header: titleHeader, format: "text" }, ...shown.map((column) => ({ header: column.displayName, format: formatOf(column) }))],
    row: (record) => {
      const fields = toFields(record);
      return names.map((name) => cellText(fields[name]));
    },
  };
}

function cellText(value: unknown): string {
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

/**
 * A report is filed as "New" with the reporter in "Status changed by"; nobody has changed its status yet,
 * so the page and the CSV leave who and when blank until the headteacher does.
 */
function reportRow(report: IncidentReport): ItemFields {
  const fields = reportFields(report);
  return report.status === "New" ? { ...fields, StatusChangedAt: "", StatusChangedBy: "" } : fields;
}

export const ACKNOWLEDGEMENTS_TABLE: RecordTable<Acknowledgement> = tableOf(ACKNOWLEDGEMENTS_LIST, "Title", acknowledgementFields);
export const REPORTS_TABLE: RecordTable<IncidentReport> = tableOf(REPORTS_LIST, "Summary", reportRow);
export const LAPTOP_LOANS_TABLE: RecordTable<LaptopLoan> = tableOf(LAPTOP_LOANS_LIST, "Title", laptopLoanFields);
