// The laptop loans table of the embedded store; SqliteRecordStore delegates its loan methods here.
import { NotFoundError } from "../errors.js";
import type { LaptopLoan, LaptopLoanQuery } from "../laptop-loan.js";
import type { SaveResult } from "../types.js";
import type { SqliteDatabase } from "./database.js";

interface LaptopLoanRow {
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
  }

  save(loan: LaptopLoan): Promise<SaveResult> {
    const result = this.db
      .prepare(
        `INSERT INTO laptop_loans VALUES
           (@recordId, @borrowerId, @borrowerName, @borrowerUpn, @issuedById, @issuedByName, @issuedByUpn, @model,
            @serialNumber, @assetTag, @withBagAndManuals, @software, @additionalSoftware, @issuedOn, @recordedAt,
            @agreementVersion, @status, @confirmedAt)
         ON CONFLICT (record_id) DO NOTHING`,
      )
      .run({
        recordId: loan.recordId,
        borrowerId: loan.borrower.id,
        borrowerName: loan.borrower.displayName,
        borrowerUpn: loan.borrower.upn,
        issuedById: loan.issuedBy.id,
        issuedByName: loan.issuedBy.displayName,
        issuedByUpn: loan.issuedBy.upn,
        model: loan.model,
        serialNumber: loan.serialNumber,
        assetTag: loan.assetTag,
        withBagAndManuals: loan.withBagAndManuals ? 1 : 0,
        software: JSON.stringify(loan.software),
        additionalSoftware: loan.additionalSoftware,
        issuedOn: loan.issuedOn,
        recordedAt: loan.recordedAt,
        agreementVersion: loan.agreementVersion,
        status: loan.status,
        confirmedAt: loan.confirmedAt,
      });
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
}

function toLaptopLoan(row: LaptopLoanRow): LaptopLoan {
  return {
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
}
