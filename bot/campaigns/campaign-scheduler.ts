import type { CampaignRunner } from "./campaign-runner.js";

/**
 * Runs the campaign every `intervalMs` (hourly by default): the plan itself decides whether
 * anyone is due, so a missed tick or a restart only delays messages, never repeats them.
 */
export class CampaignScheduler {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<unknown> | undefined;

  constructor(
    private readonly runner: CampaignRunner,
    private readonly intervalMs: number,
    private readonly log: { error(message: string, error?: unknown): void },
  ) {}

  start(firstRunAfterMs = 60_000): void {
    this.schedule(firstRunAfterMs);
  }

  /** Also stops a pass in progress, whether the timer or the headteacher's "remind" started it. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.runner.stop();
    await this.current;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.current = this.runner
        .run()
        .catch((error: unknown) => this.log.error("Campaign run failed; it will try again at the next interval", error))
        .finally(() => {
          if (this.timer) this.schedule(this.intervalMs);
        });
    }, delayMs);
    this.timer.unref();
  }
}
