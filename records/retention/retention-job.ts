// The daily retention job: deletes every record past its period, through the RecordDeleter (SQLite at once,
// SharePoint through the outbox, exactly once), and logs counts only, never what or whom.
import type { Clock, RecordStore } from "../types.js";
import type { RecordDeleter } from "./record-deleter.js";
import { DailyJob } from "../daily-job.js";
import {
  acknowledgementRetained,
  loanRetained,
  reportRetained,
  retentionSchedule,
  RETENTION_TYPES,
  type RetainedRecord,
  type RetentionPeriods,
  type RetentionType,
  type Scheduled,
} from "./retention-policy.js";

export interface RetentionJobDeps {
  readonly records: RecordStore;
  readonly deleter: RecordDeleter;
  readonly periods: RetentionPeriods;
  readonly clock: Clock;
  readonly log: { info(message: string): void; error(message: string, error?: unknown): void };
}

/** The first run waits a little after start, so a restart loop cannot turn into a deletion loop hammering Graph. */
const FIRST_RUN_AFTER_MS = 5 * 60 * 1000;

export type RetentionCounts = Readonly<Record<RetentionType, number>>;

/** Every record the store holds, as retention sees it. */
export async function retainedRecords(records: RecordStore): Promise<RetainedRecord[]> {
  const [acks, reports, loans] = await Promise.all([records.listAcknowledgements({}), records.listReports({}), records.laptopLoans.list({})]);
  return [...acks.map(acknowledgementRetained), ...reports.map(reportRetained), ...loans.map(loanRetained)];
}

export class RetentionJob {
  private readonly daily: DailyJob;

  constructor(private readonly deps: RetentionJobDeps) {
    this.daily = new DailyJob(() => this.runOnce(), FIRST_RUN_AFTER_MS, deps.log, "The retention job failed; it will run again tomorrow.");
  }

  /** Everything with a date to go, soonest first (the headteacher's page shows the head of it). */
  async schedule(): Promise<Scheduled[]> {
    return retentionSchedule(await retainedRecords(this.deps.records), this.deps.periods);
  }

  async runOnce(): Promise<RetentionCounts> {
    const now = this.deps.clock.now().toISOString();
    const counts: Record<RetentionType, number> = { acknowledgements: 0, reports: 0, "laptop-loans": 0 };
    for (const record of await this.schedule()) {
      if (record.expiresAt > now) break;
      if (this.deps.deleter.delete(record.type, record.recordId)) counts[record.type]++;
    }
    const total = RETENTION_TYPES.reduce((sum, type) => sum + counts[type], 0);
    if (total) this.deps.log.info(`Retention: deleted ${counts.acknowledgements} acknowledgement(s), ${counts.reports} report(s), ${counts["laptop-loans"]} laptop loan(s) past their retention period.`);
    return counts;
  }

  start(): void {
    this.daily.start();
  }

  stop(): Promise<void> {
    return this.daily.stop();
  }
}
