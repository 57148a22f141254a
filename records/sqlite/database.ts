import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export type SqliteDatabase = Database.Database;

/**
 * One embedded database file for the process, on one connection. synchronous=FULL because "recorded"
 * must survive a power cut, not just a crash. Each adapter creates its own tables, so the port stays
 * the only thing they share.
 *
 * EXCLUSIVE locking is set before WAL so SQLite keeps the WAL index in process memory instead of a
 * shared-memory file, which network shares (App Service's /home) do not support safely; and a second
 * process pointed at the same folder fails at start instead of writing beside the first.
 */
export function openDatabase(dataDir: string, fileName = "aup.sqlite"): SqliteDatabase {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, fileName));
  db.pragma("locking_mode = EXCLUSIVE");
  try {
    db.pragma("journal_mode = WAL");
  } catch (error) {
    db.close();
    if ((error as { code?: unknown }).code === "SQLITE_BUSY") throw new DataDirInUseError(dataDir);
    throw error;
  }
  db.pragma("synchronous = FULL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  return db;
}

/** Two copies of the app must never share one outbox: the second is stopped with a message saying why. */
export class DataDirInUseError extends Error {
  override readonly name = "DataDirInUseError";
  constructor(readonly dataDir: string) {
    super(`Another copy of the app is already using the data folder ${dataDir}. Stop it first, or set DATA_DIR to another folder.`);
  }
}
