// The laptop loans table of the embedded store; SqliteRecordStore delegates its loan methods here.
import { NotFoundError } from "../errors.js";
import type { LaptopLoan, LaptopLoanQuery, LaptopReturn } from "../laptop-loan.js";
import type { SaveResult } from "../types.js";
import type { SqliteDatabase } from "./database.js";

/** The return columns: empty (and 0) until the laptop comes back. */
interface ReturnRow {
  returned_at: string;
  returned_to_id: string;
  returned_to_name: string;
  returned_to_upn: string;
  return_condition: LaptopReturn["condition"] | "";
  asset_tag_attached: number;
  return_note: string;
}

interface LaptopLoanRow extends ReturnRow {
  record_id: string;
  borrower_id: string;
  borrower_name: string;
  borrower_upn: string;
  issued_by_id: string;
  issued_by_name: string;
  issued_by_upn: string;
  model: string;
  serial_number: string;
  asset_tag: string;
  with_bag_and_manuals: number;
  software: string;
  additional_software: string;
  issued_on: string;
  recorded_at: string;
  agreement_version: string;
  status: LaptopLoan["status"];
  confirmed_at: string;
}

/**
 * Columns added after the first release. Every database, new or old, gets them the same way (ADD COLUMN
 * when missing), so a school's existing file keeps its loans; empty until the laptop comes back.
 */
const RETURN_COLUMNS: ReadonlyArray<readonly [name: keyof ReturnRow, definition: string]> = [
  ["returned_at", "TEXT NOT NULL DEFAULT ''"],
  ["returned_to_id", "TEXT NOT NULL DEFAULT ''"],
  ["returned_to_name", "TEXT NOT NULL DEFAULT ''"],
  ["returned_to_upn", "TEXT NOT NULL DEFAULT ''"],
  ["return_condition", "TEXT NOT NULL DEFAULT ''"],
  ["asset_tag_attached", "INTEGER NOT NULL DEFAULT 0"],
  ["return_note", "TEXT NOT NULL DEFAULT ''"],
];

export class SqliteLaptopLoans {
  constructor(private readonly db: SqliteDatabase) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS laptop_loans (
        record_id TEXT PRIMARY KEY,
        borrower_id TEXT NOT NULL,
        borrower_name TEXT NOT NULL,
        borrower_upn TEXT NOT NULL,
        issued_by_id TEXT NOT NULL,
        issued_by_name TEXT NOT NULL,
        issued_by_upn TEXT NOT NULL,
        model TEXT NOT NULL,
        serial_number TEXT NOT NULL,
        asset_tag TEXT NOT NULL,
        with_bag_and_manuals INTEGER NOT NULL,
        software TEXT NOT NULL,
        additional_software TEXT NOT NULL,
        issued_on TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        agreement_version TEXT NOT NULL,
        status TEXT NOT NULL,
        confirmed_at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS laptop_loans_by_borrower ON laptop_loans (borrower_id);
      CREATE INDEX IF NOT EXISTS laptop_loans_by_status ON laptop_loans (status);
    `);
    addMissingColumns(db, "laptop_loans", RETURN_COLUMNS);
  }

  save(loan: LaptopLoan): Promise<SaveResult> {
    const row = toRow(loan);
    const names = Object.keys(row);
    const result = this.db
      .prepare(
        `INSERT INTO laptop_loans (${names.join(", ")}) VALUES (${names.map((name) => `@${name}`).join(", ")})
         ON CONFLICT (record_id) DO NOTHING`,
      )
      .run(row);
    return Promise.resolve({ created: result.changes === 1 });
  }

  list(query: LaptopLoanQuery): Promise<LaptopLoan[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM laptop_loans
         WHERE (@borrowerId IS NULL OR borrower_id = @borrowerId) AND (@status IS NULL OR status = @status)
         ORDER BY recorded_at DESC, record_id`,
      )
      .all({ borrowerId: query.borrowerId ?? null, status: query.status ?? null }) as LaptopLoanRow[];
    return Promise.resolve(rows.map(toLaptopLoan));
  }

  get(recordId: string): Promise<LaptopLoan> {
    const row = this.db.prepare(`SELECT * FROM laptop_loans WHERE record_id = ?`).get(recordId) as LaptopLoanRow | undefined;
    if (!row) return Promise.reject(new NotFoundError(`There is no laptop loan ${recordId}.`));
    return Promise.resolve(toLaptopLoan(row));
  }

  /** Only a loan still awaiting confirmation changes, so a second press keeps the first time. */
  confirm(recordId: string, at: Date): Promise<LaptopLoan> {
    this.db
      .prepare(`UPDATE laptop_loans SET status = 'Confirmed', confirmed_at = ? WHERE record_id = ? AND status = 'Awaiting confirmation'`)
      .run(at.toISOString(), recordId);
    return this.get(recordId);
  }

  /** Only a loan not yet returned changes, so a second press keeps the first return. */
  markReturned(recordId: string, returned: LaptopReturn): Promise<LaptopLoan> {
    this.db
      .prepare(
        `UPDATE laptop_loans SET status = 'Returned', returned_at = @returned_at, returned_to_id = @returned_to_id,
           returned_to_name = @returned_to_name, returned_to_upn = @returned_to_upn, return_condition = @return_condition,
           asset_tag_attached = @asset_tag_attached, return_note = @return_note
         WHERE record_id = @record_id AND status != 'Returned'`,
      )
      .run({ record_id: recordId, ...returnColumns(returned) });
    return this.get(recordId);
  }
}

function addMissingColumns(db: SqliteDatabase, table: string, columns: ReadonlyArray<readonly [string, string]>): void {
  const existing = new Set((db.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name));
  for (const [name, definition] of columns) {
    if (!existing.has(name)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${name} ${definition}`);
  }
}

function returnColumns(returned: LaptopReturn | undefined): ReturnRow {
  return {
    returned_at: returned?.returnedAt ?? "",
    returned_to_id: returned?.returnedTo.id ?? "",
    returned_to_name: returned?.returnedTo.displayName ?? "",
    returned_to_upn: returned?.returnedTo.upn ?? "",
    return_condition: returned?.condition ?? "",
    asset_tag_attached: returned?.assetTagAttached ? 1 : 0,
    return_note: returned?.note ?? "",
  };
}

function toRow(loan: LaptopLoan): LaptopLoanRow {
  return {
    record_id: loan.recordId,
    borrower_id: loan.borrower.id,
    borrower_name: loan.borrower.displayName,
    borrower_upn: loan.borrower.upn,
    issued_by_id: loan.issuedBy.id,
    issued_by_name: loan.issuedBy.displayName,
    issued_by_upn: loan.issuedBy.upn,
    model: loan.model,
    serial_number: loan.serialNumber,
    asset_tag: loan.assetTag,
    with_bag_and_manuals: loan.withBagAndManuals ? 1 : 0,
    software: JSON.stringify(loan.software),
    additional_software: loan.additionalSoftware,
    issued_on: loan.issuedOn,
    recorded_at: loan.recordedAt,
    agreement_version: loan.agreementVersion,
    status: loan.status,
    confirmed_at: loan.confirmedAt,
    ...returnColumns(loan.returned),
  };
}

function toLaptopLoan(row: LaptopLoanRow): LaptopLoan {
  const loan: LaptopLoan = {
    recordId: row.record_id,
    borrower: { id: row.borrower_id, displayName: row.borrower_name, upn: row.borrower_upn },
    issuedBy: { id: row.issued_by_id, displayName: row.issued_by_name, upn: row.issued_by_upn },
    model: row.model,
    serialNumber: row.serial_number,
    assetTag: row.asset_tag,
    withBagAndManuals: row.with_bag_and_manuals === 1,
    software: JSON.parse(row.software) as string[],
    additionalSoftware: row.additional_software,
    issuedOn: row.issued_on,
    recordedAt: row.recorded_at,
    agreementVersion: row.agreement_version,
    status: row.status,
    confirmedAt: row.confirmed_at,
  };
  if (row.status !== "Returned" || row.return_condition === "") return loan;
  const returned: LaptopReturn = {
    returnedAt: row.returned_at,
    returnedTo: { id: row.returned_to_id, displayName: row.returned_to_name, upn: row.returned_to_upn },
    condition: row.return_condition,
    assetTagAttached: row.asset_tag_attached === 1,
    note: row.return_note,
  };
  return { ...loan, returned };
}
