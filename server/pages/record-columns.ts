// The columns of the records tables: exactly the SharePoint lists' columns, filled by the same
// field mapping the SharePoint adapter writes, so the local page shows what the headteacher will see.
// One definition feeds both the HTML page and the CSV downloads.
import type { Acknowledgement, IncidentReport } from "../../records/types.js";
import type { LaptopLoan } from "../../records/laptop-loan.js";
import { ACKNOWLEDGEMENTS_LIST, LAPTOP_LOANS_LIST, REPORTS_LIST, type ListSchema } from "../../records/sharepoint/list-schemas.js";
import { acknowledgementFields, laptopLoanFields, reportFields, type ItemFields } from "../../records/sharepoint/item-fields.js";

export interface RecordColumn {
  readonly header: string;
  /** ISO 8601 instants: shown as UK local time on the page, kept as ISO in the CSV. */
  readonly isInstant: boolean;
}

export interface RecordTable<T> {
  readonly columns: readonly RecordColumn[];
  /** The record's cells as text, in column order. */
  row(record: T): string[];
}

// SharePoint's built-in Title column leads each list; the reports list keeps the summary there.
// DetailsData is the app's own JSON copy of Details, not meant for people.
const HIDDEN_COLUMNS = new Set(["DetailsData"]);

function tableOf<T>(list: ListSchema, titleHeader: string, toFields: (record: T) => ItemFields): RecordTable<T> {
  const shown = list.columns.filter((column) => !HIDDEN_COLUMNS.has(column.name));
  const names = ["Title", ...shown.map((column) => column.name)];
  return {
    columns: [
      { header: titleHeader, isInstant: false },
      ...shown.map((column) => ({ header: column.displayName, isInstant: column.type.kind === "dateTime" })),
    ],
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

export const ACKNOWLEDGEMENTS_TABLE: RecordTable<Acknowledgement> = tableOf(ACKNOWLEDGEMENTS_LIST, "Title", acknowledgementFields);
export const REPORTS_TABLE: RecordTable<IncidentReport> = tableOf(REPORTS_LIST, "Summary", reportFields);
export const LAPTOP_LOANS_TABLE: RecordTable<LaptopLoan> = tableOf(LAPTOP_LOANS_LIST, "Title", laptopLoanFields);
