// Drains the outbox into SharePoint: $batch of up to 20 creates, each answer handled on its own.
import { ThrottledError, UnavailableError } from "../errors.js";
import { AdminActionError } from "../graph/admin-fixes.js";
import { MAX_BATCH_SIZE, describeResponse, type BatchPartResponse, type GraphApi } from "../graph/graph-client.js";
import { createOutcome, nextDelayMs, type BackoffOptions } from "../graph/retry-policy.js";
import type { Sleep } from "../graph/resource-unit-pacer.js";
import { MissingListError, type SharePointLists } from "../sharepoint/sharepoint-lists.js";
import type { Clock, IncidentReport } from "../types.js";
import { changeWriteOf, type ChangeWrite } from "./outbox-change-writes.js";
import { createOf, deleteListsOf, reportListOf } from "./outbox-report-writes.js";
import type { OutboxRow, OutboxTable } from "./outbox-table.js";
import { SharePointHealth, type Failure } from "./sharepoint-health.js";

export interface WriterLog {
  info(message: string): void;
  error(message: string, error?: unknown): void;
  warn?(message: string): void;
}

export interface OutboxWriterOptions {
  readonly outbox: OutboxTable;
  readonly lists: SharePointLists;
  readonly graph: GraphApi;
  readonly clock: Clock;
  /** Waits out Retry-After and backoff in drainUntilIdle(); tests pass one that advances a fake clock. */
  readonly sleep: Sleep;
  readonly log: WriterLog;
  readonly backoff?: BackoffOptions;
  /** How often the background loop looks again when nothing woke it. */
  readonly idlePollMs?: number;
  /** Told of every success and refusal; /healthz reads it. One is made when none is given. */
  readonly health?: SharePointHealth;
}

/**
 * Backoff for writes: capped at 30 s, so that once the admin fixes a grant or a secret the writes
 * arrive within a minute (and at once when another write gets through first).
 */
export const WRITER_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 30_000, random: Math.random };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long a write stays in the outbox once SharePoint has it: long enough that a repeated press or form
 * is still recognised, short enough that the app keeps no second copy of the school's records.
 */
const DONE_KEPT_MS = 30 * DAY_MS;

export class OutboxWriter {
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private lastForgotAt = Number.NEGATIVE_INFINITY;
  readonly health: SharePointHealth;

  constructor(private readonly options: OutboxWriterOptions) {
    this.health = options.health ?? new SharePointHealth(options.clock, options.log);
  }

  /** Runs in the background until stop(); wakes on every enqueue. Resumes whatever a previous process left. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    // Parked writes get one more try per start: the admin may have fixed the list (npm run provision) and restarted.
    const parked = this.options.outbox.retryParked();
    if (parked) this.options.log.info(`${parked} write(s) SharePoint refused before are being tried again; any it refuses again stay parked (see /healthz).`);
    const unsubscribe = this.options.outbox.onEnqueue(() => this.wake?.());
    this.loop = this.run().finally(unsubscribe);
  }

  /** Lets the batch in flight finish, then stops. Anything left stays in the outbox for next time. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /** Until nothing is due or waiting to be retried (parked rows stay parked). */
  async drainUntilIdle(): Promise<void> {
    for (;;) {
      if ((await this.drainOnce()) > 0) continue;
      const next = this.options.outbox.nextDueAt();
      if (next === undefined) return;
      await this.options.sleep(Math.max(1, next - this.options.clock.now().getTime()));
    }
  }

  /** One round: up to 20 due writes. Returns how many were handled (written, rescheduled or parked). */
  async drainOnce(): Promise<number> {
    const rows = this.options.outbox.due(this.options.clock.now(), MAX_BATCH_SIZE);
    const creates = rows.filter((row) => row.op.startsWith("create-"));
    if (creates.length) await this.writeCreates(creates);
    for (const row of rows.filter((candidate) => !candidate.op.startsWith("create-"))) {
      if (row.op === "update-staff-status") await this.applyStaffStatus(row);
      else if (row.op === "delete-record") await this.applyDelete(row);
      else await this.applyChange(row, changeWriteOf(row));
    }
    return rows.length;
  }

  private async run(): Promise<void> {
    const idle = this.options.idlePollMs ?? 5_000;
    while (!this.stopping) {
      let wait = idle;
      try {
        this.forgetOldWrites();
        // While Graph's Retry-After holds, wait here, where stop() can cut it short, not asleep inside a send.
        const paused = this.options.graph.pausedForMs();
        if (paused > 0) wait = Math.min(idle, paused);
        else if ((await this.drainOnce()) > 0) continue;
        else {
          const next = this.options.outbox.nextDueAt();
          if (next !== undefined) wait = Math.min(idle, Math.max(1, next - this.options.clock.now().getTime()));
        }
      } catch (error) {
        this.options.log.error("The outbox writer failed a round; it will try again.", error);
      }
      // stop() may have come during the round, when there was no wait yet to cut short.
      if (!this.stopping) await this.waitOrWake(wait);
    }
  }

  /** Once a day, drops the writes SharePoint has had for more than DONE_KEPT_MS. */
  private forgetOldWrites(): void {
    const now = this.options.clock.now().getTime();
    if (now - this.lastForgotAt < DAY_MS) return;
    this.lastForgotAt = now;
    this.options.outbox.forgetDoneBefore(new Date(now - DONE_KEPT_MS));
  }

  private waitOrWake(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async writeCreates(all: readonly OutboxRow[]): Promise<void> {
    const rows = await this.withoutMissingLists(all);
    if (!rows.length) return;
    let answers: BatchPartResponse[];
    try {
      const parts = await Promise.all(rows.map((row) => this.options.lists.createPart(...createOf(row))));
      answers = await this.options.graph.batch(parts);
    } catch (error) {
      const passing = passingFailure(error);
      this.health.failed(passing);
      for (const row of rows) this.retryLater(row, passing.retryAfter, passing.problem);
      return;
    }
    const done: number[] = [];
    const refusedReports: OutboxRow[] = [];
    let refusal: Failure | undefined;
    answers.forEach((answer, index) => {
      const row = rows[index] as OutboxRow;
      const outcome = createOutcome(answer.status, answer.body);
      if (outcome === "done" && row.op === "create-report" && answer.status >= 300) refusedReports.push(row);
      else if (outcome === "done") done.push(row.seq);
      else if (outcome === "retry") {
        refusal ??= this.refusalOf(answer);
        this.retryLater(row, answer.headers["retry-after"], describeResponse(answer));
      } else this.park(row, describeResponse(answer));
    });
    this.options.outbox.markDone(done, this.options.clock.now());
    if (done.length) this.succeeded();
    if (refusal) this.health.failed(refusal);
    if (refusedReports.length) await this.settleRefusedReports(refusedReports);
  }

  /**
   * Rows for a list provisioning has not made yet (after an upgrade) wait, with the admin told why; the rest of the
   * batch goes on, so one new list cannot hold up every other write.
   */
  private async withoutMissingLists(rows: readonly OutboxRow[]): Promise<OutboxRow[]> {
    const ready: OutboxRow[] = [];
    for (const row of rows) {
      try {
        await this.options.lists.listId(createOf(row)[0]);
        ready.push(row);
      } catch (error) {
        if (!(error instanceof MissingListError)) ready.push(row); // the batch meets it, and handles it, as before
        else {
          // Not named: only a monitoring record or a safeguarding concern goes to the newer lists, so naming the list on
          // /healthz (public) or in the log (the IT technician's) would say that one had just been filed. `npm run
          // doctor` names every missing list, whether or not anything waits for it.
          this.health.failed({ problem: MISSING_LIST_PROBLEM, fix: "npm run provision (infra/README.md, step 7)." });
          this.retryLater(row, undefined, error.message);
        }
      }
    }
    return ready;
  }

  /**
   * A report has two unique columns. Refused as a duplicate, it is already written only if an item holds its
   * RecordId; otherwise its Reference is taken (the local database was replaced, restarting the numbers), so
   * it is parked for the admin rather than forgotten.
   */
  private async settleRefusedReports(rows: readonly OutboxRow[]): Promise<void> {
    for (const row of rows) {
      try {
        if (await this.options.lists.findByRecordId(reportListOf(JSON.parse(row.payload) as IncidentReport), row.recordId)) this.options.outbox.markDone([row.seq], this.options.clock.now());
        else {
          const { reference } = JSON.parse(row.payload) as IncidentReport;
          this.park(row, `SharePoint already has another report with the reference ${reference ?? "(none)"}: was the data folder replaced?`);
        }
      } catch (error) {
        const passing = passingFailure(error);
        this.health.failed(passing);
        this.retryLater(row, passing.retryAfter, passing.problem);
      }
    }
  }

  /** A write got through: if that ends a run of refusals, everything waiting goes now rather than after its backoff. */
  private succeeded(): void {
    if (this.health.succeeded()) this.options.outbox.retryPendingNow();
  }

  /** 401/403 become the admin's fix; throttling and outages say what SharePoint answered. */
  private refusalOf(answer: BatchPartResponse): Failure {
    const admin = this.options.graph.adminRefusal(answer, "write to the SharePoint lists");
    if (admin) return { problem: admin.problem, fix: admin.fix, status: answer.status };
    return { problem: `SharePoint answered ${describeResponse(answer)}.`, status: answer.status };
  }

  private async applyStaffStatus(row: OutboxRow): Promise<void> {
    // A later row for the same person and year is already queued: it carries everything this one does.
    if (this.options.outbox.notYetWrittenFor(row.recordId).some((later) => later.seq > row.seq)) {
      this.options.outbox.markDone([row.seq], this.options.clock.now());
      return;
    }
    await this.applyChange(row, changeWriteOf(row));
  }

  /** Retention: the item goes; one already gone (a retry after the answer was lost) counts as done. */
  private async applyDelete(row: OutboxRow): Promise<void> {
    const [list, orElse] = deleteListsOf(row);
    try {
      const outcome = await this.options.lists.deleteByRecordId(list, row.recordId);
      // A report not in the incident reports list is a safeguarding concern, in its own list.
      if (outcome === "missing" && orElse) await this.options.lists.deleteByRecordId(orElse, row.recordId);
      this.options.outbox.markDone([row.seq], this.options.clock.now());
    } catch (error) {
      const passing = passingFailure(error);
      this.health.failed(passing);
      this.retryLater(row, passing.retryAfter, passing.problem);
    }
  }

  private async applyChange(row: OutboxRow, { list, orElse, fields, whenMissing, isSupersededBy }: ChangeWrite): Promise<void> {
    try {
      let outcome = await this.options.lists.applyChange(list, row.recordId, fields, isSupersededBy);
      if (outcome === "missing" && orElse) outcome = await this.options.lists.applyChange(orElse, row.recordId, fields, isSupersededBy);
      if (outcome === "missing") this.park(row, whenMissing);
      else {
        this.options.outbox.markDone([row.seq], this.options.clock.now());
        this.succeeded();
      }
    } catch (error) {
      const passing = passingFailure(error);
      this.health.failed(passing);
      this.retryLater(row, passing.retryAfter, passing.problem);
    }
  }

  private retryLater(row: OutboxRow, retryAfter: string | undefined, reason: string): void {
    const now = this.options.clock.now();
    const delay = nextDelayMs(row.attempts + 1, retryAfter, now, this.options.backoff ?? WRITER_BACKOFF);
    this.options.outbox.retryLater(row.seq, now.getTime() + delay, reason);
  }

  private park(row: OutboxRow, reason: string): void {
    this.options.log.error(`SharePoint will not accept ${row.op} ${row.recordId}; parked for the admin: ${reason}`);
    this.options.outbox.park(row.seq, reason, this.options.clock.now());
  }
}

const MISSING_LIST_PROBLEM = "A SharePoint list this version of the app writes to has not been made yet (after an upgrade).";

/**
 * Throttling, outages and set-up refusals (with the admin's fix) pass: the write waits. Anything else is a bug,
 * which retrying will not fix, so it is rethrown.
 */
function passingFailure(error: unknown): Failure & { retryAfter?: string } {
  if (error instanceof ThrottledError) return { problem: error.message, retryAfter: String(error.retryAfterSeconds), status: 429 };
  if (error instanceof AdminActionError) return { problem: error.problem, fix: error.fix, ...(error.status ? { status: error.status } : {}) };
  if (error instanceof UnavailableError) return { problem: error.message };
  throw error;
}

