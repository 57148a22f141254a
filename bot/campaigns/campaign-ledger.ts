import type { Statement } from "better-sqlite3";
import type { SqliteDatabase } from "../../records/sqlite/database.js";
import { StatementCache } from "../../records/sqlite/statement-cache.js";
import type { CampaignStep, TakenStep } from "./campaign-plan.js";

export interface StepKey {
  readonly cycle: string;
  readonly personId: string;
  readonly policyId: string;
  readonly policyVersion: string;
  readonly step: CampaignStep;
}

interface StepRow {
  person_id: string;
  policy_id: string;
  policy_version: string;
  step: CampaignStep;
  claimed_at: string;
}

/**
 * What the campaign has sent to whom, in the shared database. A step is claimed (one INSERT, unique
 * per person, policy version, cycle and step) in the same transaction that queues its message for the
 * fan-out engine: two runs, or two instances, can never both queue it, and a crash after claiming leaves
 * the message queued, so it is still sent. `sent_at` is set when Teams took it.
 */
export class CampaignLedger {
  private statements: StatementCache | undefined;

  constructor(private readonly db: SqliteDatabase) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS campaign_steps (
        cycle TEXT NOT NULL,
        person_id TEXT NOT NULL,
        policy_id TEXT NOT NULL,
        policy_version TEXT NOT NULL,
        step TEXT NOT NULL,
        claimed_at TEXT NOT NULL,
        sent_at TEXT,
        PRIMARY KEY (cycle, person_id, policy_id, policy_version, step)
      );
    `);
  }

  /** Claims and the queuing of their messages commit together, or not at all. */
  inTransaction(work: () => void): void {
    this.db.transaction(work)();
  }

  /** The cycle's steps; with `personId`, only that person's (the staff status list's refresh of one row). */
  taken(cycle: string, personId?: string): TakenStep[] {
    const rows = (
      personId === undefined
        ? this.sql(`SELECT person_id, policy_id, policy_version, step, claimed_at FROM campaign_steps WHERE cycle = ?`).all(cycle)
        : this
            .sql(`SELECT person_id, policy_id, policy_version, step, claimed_at FROM campaign_steps WHERE cycle = ? AND person_id = ?`)
            .all(cycle, personId.toLowerCase())
    ) as StepRow[];
    return rows.map((row) => ({
      personId: row.person_id,
      policyId: row.policy_id,
      policyVersion: row.policy_version,
      step: row.step,
      at: row.claimed_at,
    }));
  }

  /** True when this call took the step; false when it was already taken. */
  claim(key: StepKey, at: Date): boolean {
    const result = this
      .sql(
        `INSERT INTO campaign_steps (cycle, person_id, policy_id, policy_version, step, claimed_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(key.cycle, key.personId.toLowerCase(), key.policyId, key.policyVersion, key.step, at.toISOString());
    return result.changes === 1;
  }

  markSent(key: StepKey, at: Date): void {
    this
      .sql(
        `UPDATE campaign_steps SET sent_at = ?
         WHERE cycle = ? AND person_id = ? AND policy_id = ? AND policy_version = ? AND step = ?`,
      )
      .run(at.toISOString(), ...this.keyParams(key));
  }

  /** A message that failed for certain (not a crash) is released, so the next run tries again. */
  release(key: StepKey): void {
    this
      .sql(`DELETE FROM campaign_steps WHERE cycle = ? AND person_id = ? AND policy_id = ? AND policy_version = ? AND step = ?`)
      .run(...this.keyParams(key));
  }

  /** The academic years with any step kept (retention asks which have passed their period). */
  cycles(): string[] {
    return (this.db.prepare(`SELECT DISTINCT cycle FROM campaign_steps ORDER BY cycle`).all() as { cycle: string }[]).map((row) => row.cycle);
  }

  /** Deletes a whole academic year's steps (records/retention); resolves to how many went. */
  deleteCycle(cycle: string): number {
    return this.db.prepare(`DELETE FROM campaign_steps WHERE cycle = ?`).run(cycle).changes;
  }

  private keyParams(key: StepKey): string[] {
    return [key.cycle, key.personId.toLowerCase(), key.policyId, key.policyVersion, key.step];
  }

  /** Compiled once each: a campaign claims and marks thousands of steps. */
  private sql(text: string): Statement {
    this.statements ??= new StatementCache(this.db);
    return this.statements.get(text);
  }
}
