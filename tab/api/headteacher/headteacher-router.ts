// The headteacher's API under /api/headteacher: every route checks the Teams SSO token, then the role
// (Entra app role, or the configured object ids), and refuses everyone else with 403.
import express from "express";
import { requireRole, staffRolesOf } from "../auth/staff-roles.js";
import type { Guard, HeadteacherDeps } from "./headteacher-route-kit.js";
import type { MyRoles } from "./headteacher-types.js";
import { campaignRoutes } from "./campaign-routes.js";
import { laptopRoutes } from "./laptop-routes.js";
import { reportRoutes } from "./report-routes.js";
import { subjectAccessRoutes } from "./subject-access-routes.js";
import { retentionRoutes } from "./retention-routes.js";
import { governorsRoutes } from "./governors-routes.js";
import { monitoringRoutes } from "./monitoring-routes.js";
import { decisionRoutes } from "./decision-routes.js";

/** Mount at /api. */
export function createHeadteacherRouter(deps: HeadteacherDeps): express.Router {
  const router = express.Router();
  const signIn = async (authorization: string | undefined) => {
    const signedIn = await deps.tokenValidator.signedInFrom(authorization);
    deps.rateLimiter.take(signedIn.person.id);
    return { person: signedIn.person, roles: staffRolesOf(signedIn, deps.roleSettings) };
  };
  const guard: Guard = (allowed, others = "refused") => async (req, res, next) => {
    const { person, roles } = await signIn(req.get("authorization"));
    // Leaving the router, the request meets express's own 404, as for any address that does not exist.
    if (others === "hidden" && !allowed.some((role) => roles.has(role))) return next("router");
    requireRole(roles, allowed);
    res.locals.person = person;
    // The routes filter what a role may read (records/privacy.ts): safeguarding concerns are the headteacher's.
    res.locals.roles = roles;
    res.set("Cache-Control", "no-store");
    next();
  };

  // Any member of staff may ask which pages to show them; the answer grants nothing by itself.
  router.get("/me/roles", async (req, res) => {
    const { roles } = await signIn(req.get("authorization"));
    const mine: MyRoles = { roles: [...roles] };
    res.set("Cache-Control", "no-store").json(mine);
  });

  const headteacher = express.Router();
  campaignRoutes(headteacher, deps, guard);
  reportRoutes(headteacher, deps, guard);
  decisionRoutes(headteacher, deps, guard);
  laptopRoutes(headteacher, deps, guard);
  subjectAccessRoutes(headteacher, deps, guard);
  retentionRoutes(headteacher, deps, guard);
  governorsRoutes(headteacher, deps, guard);
  monitoringRoutes(headteacher, deps, guard);
  router.use("/headteacher", headteacher);
  return router;
}

