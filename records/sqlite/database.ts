import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export type SqliteDatabase = Database.Database;

/**
 * One embedded database file for the process. WAL lets readers (the /records page) run while the
 * bot writes; synchronous=FULL because "recorded" must survive a power cut, not just a crash.
 * Each adapter creates its own tables, so the port stays the only thing they share.
 */
export function openDatabase(dataDir: string, fileName = "aup.sqlite"): SqliteDatabase {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, fileName));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  return db;
}
