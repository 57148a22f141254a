// npm run doctor: a tenant preflight. Independent checks, one line each, with the fix when one fails.
// A new check is one more DoctorCheck in the list given to runDoctor (TENANT_CHECKS; the roster's are in roster-checks.ts).
import type { RosterConfig, TenantModeConfig } from "../../server/config.js";
import type { GraphApi } from "../../records/graph/graph-client.js";
import type { Clock } from "../../records/types.js";

export interface DoctorContext {
  readonly tenant: TenantModeConfig;
  readonly graph: GraphApi;
  /** Where the deployed app answers: https://{TAB_DOMAIN} unless told otherwise (--app-url). */
  readonly appUrl: string;
  readonly clock: Clock;
  /** The staff roster's settings (STAFF_GROUP_IDS, PROACTIVE_INSTALL, TEAMS_APP_CATALOG_ID). */
  readonly roster: Pick<RosterConfig, "staffGroupIds" | "proactiveInstall" | "teamsAppCatalogId">;
  /** HEADTEACHER_AAD_OBJECT_ID: whose installations show whether Graph knows the app. */
  readonly headteacherIds: readonly string[];
  /** IT_TECHNICIAN_AAD_OBJECT_ID and SENIOR_LEADER_AAD_OBJECT_ID: who a safeguarding concern reaches besides the headteacher. */
  readonly itTechnicianIds: readonly string[];
  readonly seniorLeaderIds: readonly string[];
}

export type CheckOutcome = "pass" | "warn" | "fail";

export interface CheckResult {
  readonly outcome: CheckOutcome;
  /** What was found, in a line. */
  readonly detail: string;
  /** The exact command or portal step, when it did not pass. */
  readonly fix?: string;
}

export interface DoctorCheck {
  readonly name: string;
  run(context: DoctorContext): Promise<CheckResult>;
}

export const pass = (detail: string): CheckResult => ({ outcome: "pass", detail });
export const warn = (detail: string, fix: string): CheckResult => ({ outcome: "warn", detail, fix });
export const fail = (detail: string, fix: string): CheckResult => ({ outcome: "fail", detail, fix });

const MARK: Record<CheckOutcome, string> = { pass: "PASS", warn: "WARN", fail: "FAIL" };

/** Runs every check (one failing never stops the others), prints a line each, and says whether all passed. */
export async function runDoctor(checks: readonly DoctorCheck[], context: DoctorContext, print: (line: string) => void): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    let result: CheckResult;
    try {
      result = await check.run(context);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const fix = (error as { fix?: unknown }).fix;
      result = fail(message, typeof fix === "string" ? fix : "see the message; infra/README.md, step 9 (\"Run the preflight\").");
    }
    results.push(result);
    print(`${MARK[result.outcome]}  ${check.name}: ${result.detail}`);
    if (result.fix) print(`      Fix: ${result.fix}`);
  }
  const failed = results.filter((result) => result.outcome === "fail").length;
  const warned = results.filter((result) => result.outcome === "warn").length;
  print(failed ? `${failed} check(s) failed, ${warned} warning(s): fix them and run npm run doctor again.` : `All ${checks.length} checks passed${warned ? ` (${warned} warning(s))` : ""}.`);
  return results;
}
