// Runs a job once a day in the background, the first time a little after start; a failed run is logged and the
// next day's goes ahead. The retention job and the check for ended permissions both run this way.
const DAY_MS = 24 * 60 * 60 * 1000;

export class DailyJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly run: () => Promise<unknown>,
    /** The wait before the first run after start. */
    private readonly firstRunAfterMs: number,
    private readonly log: { error(message: string, error?: unknown): void },
    /** Logged with the error when a run fails, e.g. "The retention job failed; it will run again tomorrow." */
    private readonly failure: string,
  ) {}

  start(): void {
    const run = () => {
      this.running = this.run().catch((error: unknown) => this.log.error(this.failure, error));
    };
    this.timer = setTimeout(() => {
      run();
      this.timer = setInterval(run, DAY_MS);
      this.timer.unref();
    }, this.firstRunAfterMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    clearInterval(this.timer);
    await this.running;
  }
}
