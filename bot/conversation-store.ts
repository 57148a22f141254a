import type { ConversationReference } from "botbuilder";
import type { SqliteDatabase } from "../records/sqlite/database.js";

/** Where the bot can reach each person proactively: their personal chat, keyed by Entra object id. */
export interface ConversationStore {
  /** `created` is false when the person already had a reference (it is then refreshed). */
  save(aadObjectId: string, reference: Partial<ConversationReference>): Promise<{ created: boolean }>;
  get(aadObjectId: string): Promise<Partial<ConversationReference> | undefined>;
  delete(aadObjectId: string): Promise<void>;
  /** Everyone the bot can reach, by Entra object id and the name Teams last gave us. */
  list(): Promise<Array<{ id: string; displayName: string }>>;
}

/** The embedded adapter; one row per person in the shared database. */
export class SqliteConversationStore implements ConversationStore {
  constructor(private readonly db: SqliteDatabase) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS conversation_references (
        aad_object_id TEXT PRIMARY KEY,
        reference TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `);
  }

  save(aadObjectId: string, reference: Partial<ConversationReference>): Promise<{ created: boolean }> {
    const key = aadObjectId.toLowerCase();
    const json = JSON.stringify(reference);
    const now = new Date().toISOString();
    // One synchronous statement each, so two install events arriving together cannot both see "created".
    const inserted = this.db
      .prepare(`INSERT INTO conversation_references VALUES (?, ?, ?) ON CONFLICT (aad_object_id) DO NOTHING`)
      .run(key, json, now);
    if (inserted.changes === 0) {
      this.db.prepare(`UPDATE conversation_references SET reference = ?, updated_at = ? WHERE aad_object_id = ?`).run(json, now, key);
    }
    return Promise.resolve({ created: inserted.changes === 1 });
  }

  get(aadObjectId: string): Promise<Partial<ConversationReference> | undefined> {
    const row = this.db
      .prepare(`SELECT reference FROM conversation_references WHERE aad_object_id = ?`)
      .get(aadObjectId.toLowerCase()) as { reference: string } | undefined;
    return Promise.resolve(row ? (JSON.parse(row.reference) as Partial<ConversationReference>) : undefined);
  }

  delete(aadObjectId: string): Promise<void> {
    this.db.prepare(`DELETE FROM conversation_references WHERE aad_object_id = ?`).run(aadObjectId.toLowerCase());
    return Promise.resolve();
  }

  list(): Promise<Array<{ id: string; displayName: string }>> {
    const rows = this.db.prepare(`SELECT aad_object_id, reference FROM conversation_references ORDER BY aad_object_id`).all() as {
      aad_object_id: string;
      reference: string;
    }[];
    return Promise.resolve(
      rows.map((row) => {
        const reference = JSON.parse(row.reference) as Partial<ConversationReference>;
        return { id: row.aad_object_id, displayName: reference.user?.name ?? "" };
      }),
    );
  }
}
