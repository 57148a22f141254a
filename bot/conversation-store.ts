import type { ConversationReference } from "botbuilder";
import type { Statement } from "better-sqlite3";
import type { SqliteDatabase } from "../records/sqlite/database.js";

/** A person the bot has a personal chat with, as last learnt from Teams. */
export interface KnownMember {
  readonly reference: Partial<ConversationReference>;
  /** The name Teams last gave us ("" if it never has). */
  readonly displayName: string;
  /** From Teams' member lookup; "" until the app has learnt it. */
  readonly upn: string;
}

/** Where the bot can reach each person proactively: their personal chat, keyed by Entra object id. */
export interface ConversationStore {
  /** `created` is false when the person already had a reference (it is then refreshed, keeping the UPN). */
  save(aadObjectId: string, reference: Partial<ConversationReference>): Promise<{ created: boolean }>;
  get(aadObjectId: string): Promise<Partial<ConversationReference> | undefined>;
  /** The chat with what the app knows of the person: one read, no call to Teams. */
  member(aadObjectId: string): Promise<KnownMember | undefined>;
  /**
   * Keeps what Teams' member lookup said: the UPN, and the name if the chat had none. False when the
   * person has no chat any more (uninstalled while the lookup ran), so there is nothing to keep it with.
   */
  setMemberDetails(aadObjectId: string, details: { upn: string; displayName: string }): Promise<boolean>;
  delete(aadObjectId: string): Promise<void>;
  /** Everyone the bot can reach, by Entra object id, the name Teams last gave us and the UPN if known. */
  list(): Promise<Array<{ id: string; displayName: string; upn: string }>>;
}

/** The embedded adapter; one row per person in the shared database. */
export class SqliteConversationStore implements ConversationStore {
  private selectMember: Statement | undefined;

  constructor(private readonly db: SqliteDatabase) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS conversation_references (
        aad_object_id TEXT PRIMARY KEY,
        reference TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `);
    // Databases made before the app kept UPNs get the column, empty until each person is looked up once.
    const columns = db.prepare(`PRAGMA table_info(conversation_references)`).all() as { name: string }[];
    if (!columns.some((column) => column.name === "upn")) {
      db.exec(`ALTER TABLE conversation_references ADD COLUMN upn TEXT NOT NULL DEFAULT ''`);
    }
  }

  save(aadObjectId: string, reference: Partial<ConversationReference>): Promise<{ created: boolean }> {
    const key = aadObjectId.toLowerCase();
    const json = JSON.stringify(reference);
    const now = new Date().toISOString();
    // One synchronous statement each, so two install events arriving together cannot both see "created".
    const inserted = this.db
      .prepare(`INSERT INTO conversation_references (aad_object_id, reference, updated_at) VALUES (?, ?, ?) ON CONFLICT (aad_object_id) DO NOTHING`)
      .run(key, json, now);
    if (inserted.changes === 0) {
      this.db.prepare(`UPDATE conversation_references SET reference = ?, updated_at = ? WHERE aad_object_id = ?`).run(json, now, key);
    }
    return Promise.resolve({ created: inserted.changes === 1 });
  }

  get(aadObjectId: string): Promise<Partial<ConversationReference> | undefined> {
    return this.member(aadObjectId).then((member) => member?.reference);
  }

  member(aadObjectId: string): Promise<KnownMember | undefined> {
    // Read on every card press: prepared once.
    this.selectMember ??= this.db.prepare(`SELECT reference, upn FROM conversation_references WHERE aad_object_id = ?`);
    const row = this.selectMember.get(aadObjectId.toLowerCase()) as { reference: string; upn: string } | undefined;
    if (!row) return Promise.resolve(undefined);
    const reference = JSON.parse(row.reference) as Partial<ConversationReference>;
    return Promise.resolve({ reference, displayName: reference.user?.name ?? "", upn: row.upn });
  }

  setMemberDetails(aadObjectId: string, details: { upn: string; displayName: string }): Promise<boolean> {
    const updated = this.db
      .prepare(
        `UPDATE conversation_references
         SET upn = ?,
             reference = CASE WHEN ? <> '' AND coalesce(json_extract(reference, '$.user.name'), '') = ''
                              THEN json_set(reference, '$.user.name', ?) ELSE reference END
         WHERE aad_object_id = ?`,
      )
      .run(details.upn, details.displayName, details.displayName, aadObjectId.toLowerCase());
    return Promise.resolve(updated.changes === 1);
  }

  delete(aadObjectId: string): Promise<void> {
    this.db.prepare(`DELETE FROM conversation_references WHERE aad_object_id = ?`).run(aadObjectId.toLowerCase());
    return Promise.resolve();
  }

  list(): Promise<Array<{ id: string; displayName: string; upn: string }>> {
    const rows = this.db.prepare(`SELECT aad_object_id, reference, upn FROM conversation_references ORDER BY aad_object_id`).all() as {
      aad_object_id: string;
      reference: string;
      upn: string;
    }[];
    return Promise.resolve(
      rows.map((row) => {
        const reference = JSON.parse(row.reference) as Partial<ConversationReference>;
        return { id: row.aad_object_id, displayName: reference.user?.name ?? "", upn: row.upn };
      }),
    );
  }
}
