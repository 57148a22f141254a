// Whether SharePoint is taking the app's writes, as /healthz and the log report it.
import type { Clock } from "../types.js";

export interface HealthLog {
  info(message: string): void;
  error(message: string, error?: unknown): void;
  warn?(message: string): void;
}

export interface HealthThresholds {
  /** Refused or unreachable for longer than this: degraded. */
  readonly failingForMs: number;
  /** A write waiting longer than this: degraded, whatever SharePoint answers. */
  readonly oldestPendingMs: number;
  /** While failing, the log repeats the problem this often (the first failure is logged at once). */
  readonly repeatLogEveryMs: number;
}

export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = {
  failingForMs: 3 * 60_000,
  oldestPendingMs: 15 * 60_000,
  repeatLogEveryMs: 15 * 60_000,
};

export interface Failure {
  /** What is wrong, in the admin's words. */
  readonly problem: string;
  /** The command or portal step that fixes it, when the app knows one. */
  readonly fix?: string;
  readonly status?: number;
}

export interface SharePointHealthReport {
  readonly status: "ok" | "degraded";
  /** One sentence per reason, each with its fix; empty when ok. */
  readonly reasons: readonly string[];
  readonly failingSince?: string;
  readonly lastProblem?: string;
  readonly fix?: string;
}

export interface OutboxState {
  readonly pending: number;
  readonly parked: number;
  /** When the oldest write still waiting was committed, if any is. */
  readonly oldestPendingAt?: Date;
}

export class SharePointHealth {
  private failingSince: number | undefined;
  private lastFailure: Failure | undefined;
  private lastLoggedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    private readonly log: HealthLog,
    private readonly thresholds: HealthThresholds = DEFAULT_HEALTH_THRESHOLDS,
  ) {}

  /** SharePoint took a write. Returns true when this ends a run of failures (so waiting writes can go at once). */
  succeeded(): boolean {
    if (this.failingSince === undefined) return false;
    const minutes = Math.round((this.clock.now().getTime() - this.failingSince) / 60_000);
    this.log.info(`SharePoint is accepting the app's writes again, after ${minutes} minute(s) of refusals; the writes waiting are going now.`);
    this.failingSince = undefined;
    this.lastFailure = undefined;
    return true;
  }

  /** SharePoint (or Entra) refused or could not be reached. Logged at once, then every repeatLogEveryMs while it lasts. */
  failed(failure: Failure): void {
    const now = this.clock.now().getTime();
    const changed = this.lastFailure?.problem !== failure.problem;
    this.failingSince ??= now;
    this.lastFailure = failure;
    if (!changed && now - this.lastLoggedAt < this.thresholds.repeatLogEveryMs) return;
    this.lastLoggedAt = now;
    const message = `SharePoint writes are failing: ${failure.problem}${failure.fix ? ` Fix: ${failure.fix}` : ""} Nothing is lost: the writes wait in the outbox.`;
    // 401 and 403 are the admin's to fix; an outage is Microsoft's and usually passes.
    if (failure.status === 401 || failure.status === 403 || !this.log.warn) this.log.error(message);
    else this.log.warn(message);
  }

  report(outbox: OutboxState): SharePointHealthReport {
    const now = this.clock.now().getTime();
    const reasons: string[] = [];
    const failure = this.lastFailure;
    if (this.failingSince !== undefined && failure && now - this.failingSince > this.thresholds.failingForMs) {
      const minutes = Math.round((now - this.failingSince) / 60_000);
      reasons.push(`SharePoint has refused or been unreachable for ${minutes} minute(s): ${failure.problem}${failure.fix ? ` Fix: ${failure.fix}` : ""}`);
    }
    if (outbox.oldestPendingAt && now - outbox.oldestPendingAt.getTime() > this.thresholds.oldestPendingMs) {
      const minutes = Math.round((now - outbox.oldestPendingAt.getTime()) / 60_000);
      reasons.push(`The oldest write has waited ${minutes} minute(s) for SharePoint (${outbox.pending} waiting).`);
    }
    if (outbox.parked > 0) {
      reasons.push(`${outbox.parked} write(s) were refused by SharePoint for good and are kept in the outbox: see the log, run npm run provision, then restart the web app.`);
    }
    return {
      status: reasons.length ? "degraded" : "ok",
      reasons,
      ...(this.failingSince !== undefined ? { failingSince: new Date(this.failingSince).toISOString() } : {}),
      ...(failure ? { lastProblem: failure.problem, ...(failure.fix ? { fix: failure.fix } : {}) } : {}),
    };
  }
}
