// The data folder remembers which mode, and which tenant, made it. Chats saved locally point at the
// Agents Playground; reused in tenant mode, the campaign would send the bot's token there. So a
// folder is stamped on first open, and a mismatch stops the app at start-up, saying what to do.
import type { SqliteDatabase } from "./database.js";

export interface DataFolderOwner {
  readonly mode: "local" | "tenant";
  /** The school's Entra tenant in tenant mode; empty locally. */
  readonly tenantId: string;
}

/** Stamps a new folder with its owner; throws DataFolderMismatchError if another owner stamped it. */
export function checkDataFolderStamp(db: SqliteDatabase, dataDir: string, owner: DataFolderOwner, now = new Date()): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS data_folder_stamp (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      mode TEXT NOT NULL,
      tenant_id TEXT NOT NULL,
      stamped_at TEXT NOT NULL
    );
  `);
  db.prepare(`INSERT INTO data_folder_stamp VALUES (1, ?, ?, ?) ON CONFLICT (id) DO NOTHING`).run(
    owner.mode,
    owner.tenantId.toLowerCase(),
    now.toISOString(),
  );
  const stamp = db.prepare(`SELECT mode, tenant_id AS tenantId FROM data_folder_stamp WHERE id = 1`).get() as DataFolderOwner;
  if (stamp.mode !== owner.mode || stamp.tenantId !== owner.tenantId.toLowerCase()) throw new DataFolderMismatchError(dataDir, stamp, owner);
}

export class DataFolderMismatchError extends Error {
  override readonly name = "DataFolderMismatchError";
  constructor(
    readonly dataDir: string,
    readonly stamped: DataFolderOwner,
    readonly wanted: DataFolderOwner,
  ) {
    super(explain(dataDir, stamped, wanted));
  }
}

function explain(dataDir: string, stamped: DataFolderOwner, wanted: DataFolderOwner): string {
  if (stamped.mode === "local") {
    return (
      `The data folder ${dataDir} (DATA_DIR) holds local test data from the Agents Playground, and tenant mode must not use it: ` +
      `its chats point at this machine, not at Teams. Set DATA_DIR to a new, empty folder for tenant mode, ` +
      `or remove the tenant settings to carry on locally.`
    );
  }
  if (wanted.mode === "local") {
    return (
      `The data folder ${dataDir} (DATA_DIR) belongs to the school's tenant ${stamped.tenantId}; running locally over it would mix ` +
      `test data into real records. Set DATA_DIR to another folder to run locally, or restore the tenant settings.`
    );
  }
  return (
    `The data folder ${dataDir} (DATA_DIR) belongs to tenant ${stamped.tenantId}, but AAD_APP_TENANT_ID is ${wanted.tenantId}. ` +
    `Set DATA_DIR to this tenant's own folder (a new, empty one for a new tenant), or correct AAD_APP_TENANT_ID.`
  );
}
