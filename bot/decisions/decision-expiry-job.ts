// The daily check for approvals whose end date has passed (UK calendar day): each is marked ended in the record
// and the requester and the decider told, once, whatever restarts (records/decision-service.ts).
import type { RequestDecisionService } from "../../records/decision-service.js";
import { DailyJob } from "../../records/daily-job.js";

/** Soon after start, so a permission that ended while the app was down is flagged without waiting a day. */
const FIRST_RUN_AFTER_MS = 60 * 1000;

export class DecisionExpiryJob {
  private readonly daily: DailyJob;

  constructor(
    private readonly decisions: RequestDecisionService,
    private readonly log: { info(message: string): void; error(message: string, error?: unknown): void },
  ) {
    this.daily = new DailyJob(() => this.runOnce(), FIRST_RUN_AFTER_MS, log, "The check for ended permissions failed; it will run again tomorrow.");
  }

  async runOnce(): Promise<number> {
    const ended = await this.decisions.markLapsed();
    if (ended) this.log.info(`Decisions: ${ended} approval(s) reached their end date; the requesters and deciders are being told.`);
    return ended;
  }

  start(): void {
    this.daily.start();
  }

  stop(): Promise<void> {
    return this.daily.stop();
  }
}
