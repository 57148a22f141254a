// Tells the IT technician 30 and 7 days before a secret the app runs on expires, once each, whatever restarts.
import { attachment } from "../cards/adaptive-card.js";
import { credentialExpiryCard } from "../cards/credential-expiry-card.js";
import type { SqliteDatabase } from "../../records/sqlite/database.js";
import type { Clock } from "../../records/types.js";
import type { ProactiveSender } from "../proactive-messenger.js";

export interface WatchedCredential {
  readonly setting: string;
  readonly label: string;
  readonly expiresAt: Date;
  readonly renewal: string;
}

export interface CredentialStatus {
  readonly setting: string;
  readonly expiresAt: string;
  readonly daysLeft: number;
  readonly expired: boolean;
}

/** Days before the end date when the IT technician is told. */
export const WARN_AT_DAYS = [30, 7] as const;

const DAY_MS = 24 * 60 * 60 * 1000;

export class CredentialExpiryWatch {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly credentials: readonly WatchedCredential[],
    private readonly itTechnicianIds: readonly string[],
    private readonly sender: ProactiveSender,
    private readonly db: SqliteDatabase,
    private readonly clock: Clock,
    private readonly log: { info(message: string): void; error(message: string, error?: unknown): void; warn?(message: string): void },
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS credential_warnings (
      setting TEXT NOT NULL, expires_at TEXT NOT NULL, days INTEGER NOT NULL, recipient_id TEXT NOT NULL, sent_at TEXT NOT NULL,
      PRIMARY KEY (setting, expires_at, days, recipient_id))`);
  }

  /** For /healthz: each watched credential, and whether it has expired. */
  status(): CredentialStatus[] {
    const now = this.clock.now().getTime();
    return this.credentials.map((credential) => ({
      setting: credential.setting,
      expiresAt: credential.expiresAt.toISOString(),
      daysLeft: Math.max(0, Math.ceil((credential.expiresAt.getTime() - now) / DAY_MS)),
      expired: credential.expiresAt.getTime() <= now,
    }));
  }

  /**
   * Sends each warning that is due and not yet sent (30 days, then 7). A warning is recorded only once
   * Teams took it, so one that failed goes at the next check. Returns how many cards were sent.
   */
  async check(): Promise<number> {
    let sent = 0;
    const now = this.clock.now();
    for (const credential of this.credentials) {
      const daysLeft = Math.ceil((credential.expiresAt.getTime() - now.getTime()) / DAY_MS);
      if (daysLeft <= 0) {
        this.log.error(`${credential.setting} expired on ${credential.expiresAt.toISOString()}: ${credential.renewal}`);
        continue;
      }
      // Only the nearest threshold: a first start 5 days before the end sends the 7-day card, not both.
      const due = [...WARN_AT_DAYS].sort((a, b) => a - b).find((days) => daysLeft <= days);
      if (due === undefined) continue;
      for (const recipientId of this.itTechnicianIds) {
        if (this.alreadySent(credential, due, recipientId)) continue;
        try {
          const card = credentialExpiryCard({ ...credential, daysLeft });
          await this.sender.send(recipientId, { type: "message", attachments: [attachment(card)] });
          this.db
            .prepare(`INSERT OR IGNORE INTO credential_warnings (setting, expires_at, days, recipient_id, sent_at) VALUES (?, ?, ?, ?, ?)`)
            .run(credential.setting, credential.expiresAt.toISOString(), due, recipientId, now.toISOString());
          sent++;
          this.log.info(`Told IT technician ${recipientId} that ${credential.setting} expires in ${daysLeft} day(s).`);
        } catch (error) {
          this.log.error(`Could not tell IT technician ${recipientId} that ${credential.setting} expires in ${daysLeft} day(s); will try again.`, error);
        }
      }
    }
    return sent;
  }

  /** Checks now and then every `everyMs` (a day by default) until stop(). */
  start(everyMs = 6 * 60 * 60 * 1000): void {
    if (this.timer || this.credentials.length === 0) return;
    const run = (): void => void this.check().catch((error: unknown) => this.log.error("The credential expiry check failed.", error));
    run();
    this.timer = setInterval(run, everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private alreadySent(credential: WatchedCredential, days: number, recipientId: string): boolean {
    return (
      this.db
        .prepare(`SELECT 1 FROM credential_warnings WHERE setting = ? AND expires_at = ? AND days = ? AND recipient_id = ?`)
        .get(credential.setting, credential.expiresAt.toISOString(), days, recipientId) !== undefined
    );
  }
}
