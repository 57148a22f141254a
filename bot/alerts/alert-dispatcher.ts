import { MessageFactory } from "botbuilder";
import { deciderRolesOf } from "../../records/decision-service.js";
import { ThrottledError } from "../../records/errors.js";
import type { Clock, IncidentReport, ReportAlerts } from "../../records/types.js";
import { attachment } from "../cards/adaptive-card.js";
import { reportAlertCard, type AlertView } from "../cards/report-alert-card.js";
import { DrainLoop } from "../delivery/drain-loop.js";
import type { ProactiveSender } from "../proactive-messenger.js";
import type { PendingAlert, SqliteAlertQueue } from "./alert-queue.js";
import { alertRecipientsFor, seniorLeadersAlerted, type StaffAudience } from "./alert-routing.js";

export interface AlertRetryOptions {
  /** Wait before the second attempt; doubles each time up to `maxDelayMs`. */
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  /** After this many failed attempts the delivery is left with its last error for someone to see. */
  readonly maxAttempts: number;
}

/**
 * Urgent reports go to the headteacher and the IT technician at once; the rest to the headteacher, whom
 * the policy says staff should inform "as soon as possible" of anything they report (3.10, 13.1).
 */
export interface AlertRecipients {
  readonly urgent: readonly string[];
  readonly routine: readonly string[];
}

export const DEFAULT_ALERT_RETRY: AlertRetryOptions = { firstDelayMs: 5_000, maxDelayMs: 15 * 60_000, maxAttempts: 12 };

/**
 * The bot's side of ReportAlerts: reportFiled() only commits queue rows, and this dispatcher
 * delivers them at once in the background, retrying with backoff (and Teams' Retry-After).
 */
export class AlertDispatcher implements ReportAlerts {
  private readonly loop = new DrainLoop({
    drain: () => this.drain(),
    nextDueAt: () => this.queue.nextAttemptAt()?.getTime(),
    now: () => this.clock.now().getTime(),
    failed: (error) => this.log.error("Alert dispatcher failed", error),
  });

  constructor(
    private readonly queue: SqliteAlertQueue,
    private readonly sender: ProactiveSender,
    /** The named staff (routed per report by alert-routing.ts); the older two-list form still works for incidents. */
    private readonly recipients: AlertRecipients | StaffAudience,
    /** Real time: retry timing is operational, unlike the dates on records. */
    private readonly clock: Clock,
    private readonly log: { info(message: string): void; error(message: string, error?: unknown): void },
    private readonly retry: AlertRetryOptions = DEFAULT_ALERT_RETRY,
  ) {}

  reportFiled(report: IncidentReport): Promise<void> {
    const recipientIds = alertRecipientsFor(report, audienceOf(this.recipients));
    if (recipientIds.length) {
      this.queue.enqueue(report, recipientIds, this.clock.now());
      this.loop.wake();
    }
    return Promise.resolve();
  }

  /**
   * Picks up anything left undelivered before a restart. Alerts it had given up on get one more try:
   * the recipient may have installed the app, or Teams recovered, since.
   */
  start(): void {
    const givenUp = this.queue.retryGivenUp(this.clock.now());
    if (givenUp) this.log.info(`${givenUp} alert(s) not delivered before are being tried once more.`);
    this.loop.wake();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Resolves once nothing is due right now; tests and shutdown use it. */
  idle(): Promise<void> {
    return this.loop.idle();
  }

  private async drain(): Promise<void> {
    for (let due = this.queue.due(this.clock.now()); due.length > 0 && !this.loop.stopped; due = this.queue.due(this.clock.now())) {
      for (const alert of due) await this.deliver(alert);
    }
  }

  /** Who the card is for (a requester who may also decide sees no buttons) and who else was told. */
  private alertView(alert: PendingAlert): AlertView {
    const audience = audienceOf(this.recipients);
    const viewerRoles = deciderRolesOf(alert.recipientId, { headteacherIds: audience.headteachers, itTechnicianIds: audience.itTechnicians });
    return { viewerId: alert.recipientId, viewerRoles, seniorLeadersTold: seniorLeadersAlerted(alert.report, audienceOf(this.recipients)) };
  }

  private async deliver(alert: PendingAlert): Promise<void> {
    try {
      await this.sender.send(alert.recipientId, MessageFactory.attachment(attachment(reportAlertCard(alert.report, this.alertView(alert)))));
      this.queue.markDelivered(alert, this.clock.now());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof ThrottledError) {
        // The shared limiter has slowed the whole app; this alert waits Teams' Retry-After, its attempts intact.
        const retryAt = new Date(this.clock.now().getTime() + Math.max(this.retry.firstDelayMs, error.retryAfterSeconds * 1000));
        this.queue.markThrottled(alert, message, retryAt);
        return;
      }
      const attempts = alert.attempts + 1;
      if (attempts >= this.retry.maxAttempts) {
        this.queue.markFailed(alert, message, null);
        this.log.error(`Gave up alerting ${alert.recipientId} about report ${alert.report.recordId} after ${attempts} attempts`, error);
        return;
      }
      const delay = Math.min(this.retry.maxDelayMs, this.retry.firstDelayMs * 2 ** (attempts - 1));
      this.queue.markFailed(alert, message, new Date(this.clock.now().getTime() + delay));
      this.log.info(`Alert to ${alert.recipientId} about report ${alert.report.recordId} failed (${message}); retrying in ${delay} ms`);
    }
  }
}

function audienceOf(recipients: AlertRecipients | StaffAudience): StaffAudience {
  if ("headteachers" in recipients) return recipients;
  const routine = new Set(recipients.routine);
  return { headteachers: recipients.routine, itTechnicians: recipients.urgent.filter((id) => !routine.has(id)), seniorLeaders: [] };
}
