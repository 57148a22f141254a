// The daily retention job: deletes every record past its period, through the RecordDeleter (SQLite at once,
// SharePoint through the outbox, exactly once), and logs counts only, never what or whom.
import type { MonitoringRecords } from "../monitoring/monitoring-record.js";
import type { Clock, RecordStore } from "../types.js";
import type { RecordDeleter } from "./record-deleter.js";
import { DailyJob } from "../daily-job.js";
import {
  acknowledgementRetained,
  campaignStepsExpireAt,
  loanRetained,
  monitoringRetained,
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
  /** The campaign's chase history (bot/campaigns/campaign-ledger.ts, always in the app's SQLite database). */
  readonly campaignSteps?: CampaignStepHistory;
  /** The headteacher's monitoring records (policy 15.1): a port of their own, outside RecordStore. */
  readonly monitoring?: MonitoringRecords;
}

/** Who was invited and reminded when, kept per academic year. */
export interface CampaignStepHistory {
  cycles(): string[];
  /** Deletes the year's steps; how many went. */
  deleteCycle(cycle: string): number;
}

/** The first run waits a little after start, so a restart loop cannot turn into a deletion loop hammering Graph. */
const FIRST_RUN_AFTER_MS = 5 * 60 * 1000;

export type RetentionCounts = Readonly<Record<Exclude<RetentionType, "monitoring-records">, number>>;
/** With the campaign's chase history and the monitoring records when the job has them. */
export type RetentionRunCounts = RetentionCounts & { readonly "campaign-steps"?: number; readonly "monitoring-records"?: number };

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
    const monitoring = (await this.deps.monitoring?.list({})) ?? [];
    return retentionSchedule([...(await retainedRecords(this.deps.records)), ...monitoring.map(monitoringRetained)], this.deps.periods);
  }

  async runOnce(): Promise<RetentionRunCounts> {
    const now = this.deps.clock.now();
    const counts: Record<RetentionType, number> = { acknowledgements: 0, reports: 0, "laptop-loans": 0, "monitoring-records": 0 };
    for (const record of await this.schedule()) {
      if (record.expiresAt > now.toISOString()) break;
      if (this.deps.deleter.delete(record.type, record.recordId)) counts[record.type]++;
    }
    const steps = this.deleteCampaignSteps(now);
    const total = RETENTION_TYPES.reduce((sum, type) => sum + counts[type], 0) + (steps ?? 0);
    if (total) {
      const chased = steps ? `, ${steps} campaign message record(s)` : "";
      // Named only when some went, as the monitoring routes log each record opened or closed.
      const monitored = counts["monitoring-records"] ? `, ${counts["monitoring-records"]} monitoring record(s)` : "";
      this.deps.log.info(`Retention: deleted ${counts.acknowledgements} acknowledgement(s), ${counts.reports} report(s), ${counts["laptop-loans"]} laptop loan(s)${chased}${monitored} past their retention period.`);
    }
    const { "monitoring-records": monitoring, ...stored } = counts;
    return { ...stored, ...(steps === undefined ? {} : { "campaign-steps": steps }), ...(this.deps.monitoring ? { "monitoring-records": monitoring } : {}) };
  }

  /** Each academic year's chase history goes when that year's acknowledgements do. */
  private deleteCampaignSteps(now: Date): number | undefined {
    const history = this.deps.campaignSteps;
    if (!history) return undefined;
    let deleted = 0;
    for (const cycle of history.cycles()) {
      const expires = campaignStepsExpireAt(cycle, this.deps.periods);
      if (expires && expires <= now) deleted += history.deleteCycle(cycle);
    }
    return deleted;
  }

  start(): void {
    this.daily.start();
  }

  stop(): Promise<void> {
    return this.daily.stop();
  }
}
