// The governors' evidence pack: the year's figures, no names, for the printable page.
import type express from "express";
import { academicYearOf } from "../../../records/cycle.js";
import { governorsPack } from "../../../records/read-models/governors-pack.js";
import { HEADTEACHER_ONLY, type Guard, type HeadteacherDeps } from "./headteacher-route-kit.js";

export function governorsRoutes(router: express.Router, deps: HeadteacherDeps, guard: Guard): void {
  router.get("/governors", guard(HEADTEACHER_ONLY), async (_req, res) => {
    const now = deps.clock.now();
    const [staff, acknowledgements, reports, loans] = await Promise.all([
      deps.campaign?.staff() ?? [],
      deps.reads.acknowledgements(academicYearOf(now)),
      deps.reads.reports(),
      deps.reads.loans(),
    ]);
    const documents = deps.policies.forAllStaff().map((policy) => ({ id: policy.id, title: policy.title, version: policy.version }));
    res.json(governorsPack({ now, documents, staff, acknowledgements, reports, loans }));
  });
}
