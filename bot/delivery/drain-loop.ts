// The wake / drain / reschedule loop that the fan-out engine and the alert dispatcher share: one pass over
// what is due at a time, another straight after if work arrived during it, else a timer for the next due time.

export interface DrainLoopOptions {
  /** One pass over whatever is due now. */
  readonly drain: () => Promise<void>;
  /** When the next waiting item falls due (ms since the epoch), or undefined when nothing waits. */
  readonly nextDueAt: () => number | undefined;
  /** Real time: retry timing is operational. */
  readonly now: () => number;
  /** A pass that threw; the loop carries on (the next wake or due time tries again). */
  readonly failed: (error: unknown) => void;
  /** After each pass, before the next is started or scheduled (the engine writes its ends there). */
  readonly afterPass?: () => void;
}

export class DrainLoop {
  private draining: Promise<void> | undefined;
  private wakeAgain = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: DrainLoopOptions) {}

  /** Once stopping, no new pass starts (a pass under way checks this to stop early). */
  get stopped(): boolean {
    return this.closed;
  }

  /** Something may be due: a pass now, or straight after the one under way. */
  wake(): void {
    if (this.closed) return;
    if (this.draining) {
      this.wakeAgain = true;
      return;
    }
    clearTimeout(this.timer);
    this.draining = this.options
      .drain()
      .catch((error: unknown) => this.options.failed(error))
      .finally(() => {
        this.options.afterPass?.();
        this.draining = undefined;
        if (this.wakeAgain) {
          this.wakeAgain = false;
          this.wake();
        } else {
          this.scheduleNext();
        }
      });
  }

  /** No new pass starts and the timer is dropped; resolves once the pass under way has finished. */
  async stop(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.draining;
  }

  /** Resolves once no pass is under way (nothing is due right now). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private scheduleNext(): void {
    if (this.closed) return;
    const next = this.options.nextDueAt();
    if (next === undefined) return;
    this.timer = setTimeout(() => this.wake(), Math.max(0, next - this.options.now()));
    this.timer.unref();
  }
}
