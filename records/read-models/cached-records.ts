// The headteacher's reads of the system of record, through the same RecordStore port in both modes, with a
// short cache: in tenant mode each page view would otherwise page through the SharePoint lists again.
import type { LaptopLoan } from "../laptop-loan.js";
import type { Acknowledgement, Clock, IncidentReport, RecordStore } from "../types.js";

/** Long enough that moving between the headteacher's pages costs no Graph calls; short enough to feel live. */
export const DEFAULT_READ_CACHE_MS = 60_000;

interface Entry<T> {
  readonly at: number;
  readonly value: Promise<T>;
}

export class CachedRecords {
  private readonly entries = new Map<string, Entry<unknown>>();

  constructor(
    readonly store: RecordStore,
    private readonly clock: Clock,
    private readonly ttlMs = DEFAULT_READ_CACHE_MS,
  ) {}

  /** One academic year's acknowledgements (the Cycle column is indexed in SharePoint). */
  acknowledgements(cycle: string): Promise<Acknowledgement[]> {
    return this.cached(`acks:${cycle}`, () => this.store.listAcknowledgements({ cycle }));
  }

  /** Every acknowledgement in every year: for retention and subject access, never per page view of the glance. */
  allAcknowledgements(): Promise<Acknowledgement[]> {
    return this.cached("acks:*", () => this.store.listAcknowledgements({}));
  }

  reports(): Promise<IncidentReport[]> {
    return this.cached("reports", () => this.store.listReports({}));
  }

  loans(): Promise<LaptopLoan[]> {
    return this.cached("loans", () => this.store.laptopLoans.list({}));
  }

  /** After a change made here, so the person who made it sees it at once. */
  forget(): void {
    this.entries.clear();
  }

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.clock.now().getTime();
    const hit = this.entries.get(key) as Entry<T> | undefined;
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const value = load();
    // A failed read is not remembered: the next view tries again.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    this.entries.set(key, { at: now, value });
    return value;
  }
}
