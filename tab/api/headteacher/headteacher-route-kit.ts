// What every headteacher route shares: its dependencies, the role guard, and CSV downloads.
import type { RequestHandler, Response } from "express";
import type { PolicyCatalog } from "../../../policies/policy-catalog.js";
import type { CachedRecords } from "../../../records/read-models/cached-records.js";
import type { Clock, Person } from "../../../records/types.js";
import { toCsv } from "../../../server/pages/csv.js";
import type { RoleSettings, StaffRole } from "../auth/staff-roles.js";
import type { TokenValidator } from "../auth/token-validator.js";
import type { RateLimiter } from "../rate-limiter.js";
import type { CampaignSource } from "./campaign-source.js";
import type { RetentionPeriods } from "../../../records/retention/retention-policy.js";
import type { MonitoringRecords } from "../../../records/monitoring/monitoring-record.js";
import type { RequestDecisionService } from "../../../records/decision-service.js";

export interface HeadteacherDeps {
  readonly reads: CachedRecords;
  readonly policies: PolicyCatalog;
  readonly clock: Clock;
  readonly tokenValidator: TokenValidator;
  readonly rateLimiter: RateLimiter;
  readonly roleSettings: RoleSettings;
  /** Months each record type is kept (server/config.ts). */
  readonly retention: RetentionPeriods;
  /** Absent where no bot runs (some tests): the glance then has no staff and "remind now" is unavailable. */
  readonly campaign: CampaignSource | undefined;
  /** The monitoring record (policy 15.1), the headteacher's alone; absent where no store is given (some tests). */
  readonly monitoring?: MonitoringRecords;
  /** The school's name, which heads the monitoring notice (SCHOOL_NAME). */
  readonly schoolName?: string;
  /** Approve / decline a request (the bot's, which tells the requester); absent where no bot runs. */
  readonly decisions?: RequestDecisionService | undefined;
  readonly log: { info(message: string): void; error(message: string, error?: unknown): void };
}

/**
 * Who may use a route: both duty holders, or the headteacher alone. Everyone else is refused (403), or, for
 * "hidden" routes, answered exactly as an address that does not exist (404), so nobody learns records exist.
 */
export type Guard = (allowed: readonly StaffRole[], others?: "refused" | "hidden") => RequestHandler;

export const BOTH: readonly StaffRole[] = ["headteacher", "it-technician"];
export const HEADTEACHER_ONLY: readonly StaffRole[] = ["headteacher"];

export const signedInPerson = (res: Response): Person => res.locals.person as Person;

/** A CSV download: the whole list or the filtered view the page shows. */
export function sendCsv(res: Response, fileName: string, header: readonly string[], rows: readonly (readonly string[])[]): void {
  res
    .set("Content-Type", "text/csv; charset=utf-8")
    .set("Content-Disposition", `attachment; filename="${fileName}"`)
    .send(toCsv(header, rows));
}
