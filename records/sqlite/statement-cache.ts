// Prepared statements kept by their SQL: better-sqlite3 compiles anew on every prepare(), and the fan-out
// engine and the campaign ledger run several statements for each of thousands of messages.
import type { Statement } from "better-sqlite3";
import type { SqliteDatabase } from "./database.js";

export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: SqliteDatabase) {}

  get(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
