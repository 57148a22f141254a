// Keeps the app under SharePoint's resource-unit budget, so that in steady state it is not throttled.
import type { Clock } from "../types.js";

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * SharePoint Online's smallest tier (0-1,000 licences) allows an app 1,200 resource units a minute
 * in a tenant; larger tenants get more. See "Avoid getting throttled or blocked in SharePoint Online".
 */
export const DEFAULT_RESOURCE_UNITS_PER_MINUTE = 1_200;

/** Graph's fixed costs: 1 RU to read one item, 2 to list or to create, update or delete. */
export function resourceUnitsFor(method: string, path: string): number {
  if (method !== "GET") return 2;
  return /\/items\/[^/?]+(\?|$)/.test(path) || /\/lists\/[^/?]+(\?|$)/.test(path) ? 1 : 2;
}

/**
 * A token bucket filled at 90% of the budget with room for a 10% burst, so that no minute ever
 * spends more than the budget. After a 429, Graph's Retry-After pauses every caller.
 */
export class ResourceUnitPacer {
  private readonly perMs: number;
  private readonly capacity: number;
  private available: number;
  private lastFill: number;
  private pausedUntil = 0;

  constructor(
    ruPerMinute: number,
    private readonly clock: Clock,
    private readonly sleep: Sleep,
  ) {
    this.perMs = (0.9 * ruPerMinute) / 60_000;
    // At least one full $batch of 20 creates (40 RU), or a tiny budget could never send one.
    this.capacity = Math.max(40, 0.1 * ruPerMinute);
    this.available = this.capacity;
    this.lastFill = clock.now().getTime();
  }

  /** Waits until `units` may be spent, then spends them. */
  async take(units: number): Promise<void> {
    for (;;) {
      const now = this.clock.now().getTime();
      if (now < this.pausedUntil) {
        await this.sleep(this.pausedUntil - now);
        continue;
      }
      this.available = Math.min(this.capacity, this.available + (now - this.lastFill) * this.perMs);
      this.lastFill = now;
      // A $batch may cost more than the bucket holds; let it through from a full bucket.
      const needed = Math.min(units, this.capacity);
      if (this.available >= needed) {
        this.available -= units;
        return;
      }
      await this.sleep(Math.ceil((needed - this.available) / this.perMs));
    }
  }

  /** How long everyone must still hold off because of a Retry-After (0 when not paused). */
  pausedForMs(): number {
    return Math.max(0, this.pausedUntil - this.clock.now().getTime());
  }

  /** Graph said "throttled, come back in `ms`": nobody sends until then. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now().getTime() + ms);
  }
}
