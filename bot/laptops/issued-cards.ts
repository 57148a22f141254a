// Which message in the IT technician's chat shows each loan as "awaiting confirmation", so the borrower's
// confirmation can update that card where it is rather than send another message.
import type { SqliteDatabase } from "../../records/sqlite/database.js";

export interface IssuedCards {
  /** The first card for a loan stands: a repeated "Issue" press does not move it. */
  remember(loanId: string, activityId: string): void;
  activityOf(loanId: string): string | undefined;
}

/** Kept beside the loans in the shared database; a bot detail, so not in the SharePoint list. */
export class SqliteIssuedCards implements IssuedCards {
  constructor(private readonly db: SqliteDatabase) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS laptop_issued_cards (
        loan_id TEXT PRIMARY KEY,
        activity_id TEXT NOT NULL
      );
    `);
  }

  remember(loanId: string, activityId: string): void {
    this.db.prepare(`INSERT INTO laptop_issued_cards VALUES (?, ?) ON CONFLICT (loan_id) DO NOTHING`).run(loanId, activityId);
  }

  activityOf(loanId: string): string | undefined {
    const row = this.db.prepare(`SELECT activity_id FROM laptop_issued_cards WHERE loan_id = ?`).get(loanId) as { activity_id: string } | undefined;
    return row?.activity_id;
  }
}
