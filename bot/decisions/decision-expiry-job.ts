// The daily check for approvals whose end date has passed (UK calendar day): each is marked ended in the record
// and the requester and the decider told, once, whatever restarts (records/decision-service.ts).
import type { RequestDecisionService } from "../../records/decision-service.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Soon after start, so a permission that ended while the app was down is flagged without waiting a day. */
const FIRST_RUN_AFTER_MS = 60 * 1000;

export class DecisionExpiryJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly decisions: RequestDecisionService,
    private readonly log: { info(message: string): void; error(message: string, error?: unknown): void },
  ) {}

  async runOnce(): Promise<number> {
    const ended = await this.decisions.markLapsed();
    if (ended) this.log.info(`Decisions: ${ended} approval(s) reached their end date; the requesters and deciders are being told.`);
    return ended;
  }

  start(): void {
    const run = () => {
      this.running = this.runOnce().catch((error: unknown) => this.log.error("The check for ended permissions failed; it will run again tomorrow.", error));
    };
    this.timer = setTimeout(() => {
      run();
      this.timer = setInterval(run, DAY_MS);
      this.timer.unref();
    }, FIRST_RUN_AFTER_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    clearInterval(this.timer);
    await this.running;
  }
}
