// Subject access: one person's records as JSON (the page reads it; ?download=1 saves it as a file).
import type express from "express";
import { ValidationError } from "../../../records/errors.js";
import { subjectAccessExport } from "../../../records/read-models/subject-access.js";
import { HEADTEACHER_ONLY, signedInPerson, type Guard, type HeadteacherDeps } from "./headteacher-route-kit.js";

/** Entra object ids (and the Agents Playground's one-digit-longer ones). */
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/i;

export function subjectAccessRoutes(router: express.Router, deps: HeadteacherDeps, guard: Guard): void {
  router.get("/subject-access/:personId", guard(HEADTEACHER_ONLY), async (req, res) => {
    const personId = req.params.personId as string;
    if (!OBJECT_ID.test(personId)) throw new ValidationError("Choose the person from the list, or give their Entra object id.");
    const { monitoring } = deps;
    const found = await subjectAccessExport(
      personId,
      {
        records: deps.reads.store,
        messages: (cycle) => deps.campaign?.messages(cycle) ?? Promise.resolve([]),
        ...(monitoring ? { monitoring: (id: string) => monitoring.list({ employeeId: id }) } : {}),
        nameOf: async (id) => (await (deps.campaign?.staff() ?? Promise.resolve([]))).find((p) => p.id.toLowerCase() === id.toLowerCase())?.displayName,
      },
      deps.clock.now(),
      signedInPerson(res).displayName,
    );
    if (req.query.download === "1") res.set("Content-Disposition", `attachment; filename="subject-access-${personId}.json"`);
    res.json(found);
  });
}
