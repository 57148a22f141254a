// POST /api/headteacher/reports/:recordId/decision: approve or decline a request from the headteacher's page.
// The roles come from the validated token; the request's kind says which of them may decide (records/decisions.ts).
import express, { type Response } from "express";
import { z } from "zod";
import { UnavailableError, ValidationError } from "../../../records/errors.js";
import type { DeciderRole } from "../../../records/report-kind-fields.js";
import { BOTH, signedInPerson, type Guard, type HeadteacherDeps } from "./headteacher-route-kit.js";
import { reportInFull } from "./report-routes.js";

// Lengths and dates are checked by records/decisions.ts, which names the field; this only reads the shape.
const decisionBody = z.object({
  outcome: z.string({ error: "outcome must be approved or declined." }),
  conditions: z.string({ error: "conditions must be text." }).max(20_000).optional(),
  reason: z.string({ error: "reason must be text." }).max(20_000).optional(),
  expiresOn: z.string({ error: "expiresOn must be a date such as 2027-07-31." }).max(40).optional(),
});

const rolesOf = (res: Response): ReadonlySet<DeciderRole> => res.locals.roles as ReadonlySet<DeciderRole>;

export function decisionRoutes(router: express.Router, deps: HeadteacherDeps, guard: Guard): void {
  router.post("/reports/:recordId/decision", guard(BOTH), express.json({ limit: "32kb" }), async (req, res) => {
    const parsed = decisionBody.safeParse(req.body);
    if (!parsed.success) throw new ValidationError("The decision was not recorded.", parsed.error.issues.map((issue) => issue.message));
    if (!deps.decisions) throw new UnavailableError("Decisions need the bot, which is not running here.");
    const report = await deps.decisions.decideOnce(signedInPerson(res), rolesOf(res), req.params.recordId as string, parsed.data);
    deps.reads.replaceReport(report);
    res.json(reportInFull(report, deps.clock.now(), rolesOf(res)));
  });
}
