// The roster as last synced, in the shared database: who is staff, since when, who left, and why someone is unreachable.
import type Database from "better-sqlite3";
import type { SqliteDatabase } from "../sqlite/database.js";
import type { ReachMark, RosterMember } from "./staff-roster.js";

export interface RosterEntry extends RosterMember {
  readonly joinedAt: string;
  /** When a sync first found them gone from the staff groups; their records stay. */
  readonly leftAt: string | undefined;
  readonly mark: ReachMark | undefined;
}

export interface RosterChanges {
  /** New to the roster, or back after leaving: due their cards "on appointment". */
  readonly joined: readonly RosterMember[];
  readonly left: readonly RosterMember[];
}

interface RosterRow {
  person_id: string;
  display_name: string;
  upn: string;
  joined_at: string;
  left_at: string | null;
  mark_state: ReachMark["state"] | null;
  mark_detail: string | null;
  mark_at: string | null;
}

export class RosterTable {
  // Prepared once: the fan-out engine asks after one person for every card it sends.
  private readonly getOne: Database.Statement;
  private readonly setMark: Database.Statement;
  private readonly unmark: Database.Statement;

  constructor(private readonly db: SqliteDatabase) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS staff_roster (
        person_id TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        upn TEXT NOT NULL,
        joined_at TEXT NOT NULL,
        left_at TEXT,
        mark_state TEXT,
        mark_detail TEXT,
        mark_at TEXT
      );
    `);
    this.getOne = db.prepare(`SELECT * FROM staff_roster WHERE person_id = ?`);
    this.setMark = db.prepare(`UPDATE staff_roster SET mark_state = ?, mark_detail = ?, mark_at = ? WHERE person_id = ?`);
    this.unmark = db.prepare(
      `UPDATE staff_roster SET mark_state = NULL, mark_detail = NULL, mark_at = NULL WHERE person_id = ? AND mark_state IS NOT NULL`,
    );
  }

  /** Makes the roster exactly `members` in one transaction; anyone missing is marked as having left. */
  replaceMembers(members: readonly RosterMember[], now: Date): RosterChanges {
    const at = now.toISOString();
    const before = new Map(this.all().map((entry) => [entry.id, entry]));
    const wanted = new Map(members.map((member) => [member.id.toLowerCase(), member]));
    const joined: RosterMember[] = [];
    const left: RosterMember[] = [];
    const upsert = this.db.prepare(
      `INSERT INTO staff_roster (person_id, display_name, upn, joined_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (person_id) DO UPDATE SET display_name = excluded.display_name, upn = excluded.upn, left_at = NULL`,
    );
    const leave = this.db.prepare(`UPDATE staff_roster SET left_at = ? WHERE person_id = ?`);
    this.db.transaction(() => {
      for (const [id, member] of wanted) {
        const previous = before.get(id);
        // Someone who returns keeps their old name only if the directory gives none.
        upsert.run(id, member.displayName || previous?.displayName || "", member.upn || previous?.upn || "", at);
        if (!previous || previous.leftAt) joined.push({ ...member, id });
      }
      for (const [id, entry] of before) {
        if (!wanted.has(id) && !entry.leftAt) {
          leave.run(at, id);
          left.push(entry);
        }
      }
    })();
    return { joined, left };
  }

  /** Adds people without touching anyone else (local mode: whoever opens the app is staff). */
  addMembers(members: readonly RosterMember[], now: Date): void {
    const add = this.db.prepare(
      `INSERT INTO staff_roster (person_id, display_name, upn, joined_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (person_id) DO UPDATE SET display_name = CASE WHEN excluded.display_name = '' THEN display_name ELSE excluded.display_name END`,
    );
    this.db.transaction(() => {
      for (const member of members) add.run(member.id.toLowerCase(), member.displayName, member.upn, now.toISOString());
    })();
  }

  /** Everyone on the roster now, by name. */
  current(): RosterEntry[] {
    return this.all().filter((entry) => !entry.leftAt);
  }

  /** Everyone ever on the roster, including those who left. */
  all(): RosterEntry[] {
    const rows = this.db.prepare(`SELECT * FROM staff_roster ORDER BY display_name COLLATE NOCASE, person_id`).all() as RosterRow[];
    return rows.map(fromRow);
  }

  get(personId: string): RosterEntry | undefined {
    const row = this.getOne.get(personId.toLowerCase()) as RosterRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** True when the mark changed. */
  mark(personId: string, mark: ReachMark): boolean {
    const current = this.get(personId)?.mark;
    if (current?.state === mark.state && current.detail === mark.detail) return false;
    return this.setMark.run(mark.state, mark.detail, mark.at, personId.toLowerCase()).changes === 1;
  }

  /** True when there was a mark to clear. */
  clearMark(personId: string): boolean {
    return this.unmark.run(personId.toLowerCase()).changes === 1;
  }
}

function fromRow(row: RosterRow): RosterEntry {
  return {
    id: row.person_id,
    displayName: row.display_name,
    upn: row.upn,
    joinedAt: row.joined_at,
    leftAt: row.left_at ?? undefined,
    mark: row.mark_state ? { state: row.mark_state, detail: row.mark_detail ?? "", at: row.mark_at ?? "" } : undefined,
  };
}
