// The monitoring record (policy 15.1), the headteacher's alone: record a request to monitor a member of
// staff's email, list, close with its outcome, and the written notice to the employee. Everyone else is
// answered as if these addresses did not exist (404), so nobody learns that a record exists.
import express from "express";
import { UnavailableError, ValidationError } from "../../../records/errors.js";
import { monitoringNotice } from "../../../records/monitoring/monitoring-notice.js";
import { monitoringClosureFrom, monitoringRecordFrom } from "../../../records/monitoring/monitoring-input.js";
import { MONITORING_REQUESTED_OF, MONITORING_STATES, type MonitoringRecords, type MonitoringState } from "../../../records/monitoring/monitoring-record.js";
import type { Person } from "../../../records/types.js";
import { HEADTEACHER_ONLY, signedInPerson, type Guard, type HeadteacherDeps } from "./headteacher-route-kit.js";
import type { MonitoringList } from "./headteacher-types.js";

/** Used when SCHOOL_NAME is not set. */
const DEFAULT_SCHOOL_NAME = "the school";

export function monitoringRoutes(router: express.Router, deps: HeadteacherDeps, guard: Guard): void {
  const hidden = guard(HEADTEACHER_ONLY, "hidden");
  const store = (): MonitoringRecords => {
    if (!deps.monitoring) throw new UnavailableError("The monitoring record is not available in this app.");
    return deps.monitoring;
  };

  router.get("/monitoring", hidden, async (req, res) => {
    const employeeId = typeof req.query.personId === "string" && req.query.personId ? req.query.personId : undefined;
    const state = stateFrom(req.query.state);
    const list: MonitoringList = {
      records: await store().list({ ...(employeeId ? { employeeId } : {}), ...(state ? { state } : {}) }),
      requestedOfChoices: MONITORING_REQUESTED_OF,
    };
    res.json(list);
  });

  router.post("/monitoring", hidden, express.json({ limit: "16kb" }), async (req, res) => {
    const staff = (await deps.campaign?.staff()) ?? [];
    const staffMember = (id: string): Person | undefined => {
      const found = staff.find((entry) => entry.id.toLowerCase() === id.toLowerCase());
      // The roster carries sign-in names; the campaign's type does not promise them.
      const upn = found && "upn" in found && typeof found.upn === "string" ? found.upn : "";
      return found ? { id: found.id, displayName: found.displayName || found.id, upn } : undefined;
    };
    const headteacher = signedInPerson(res);
    const record = monitoringRecordFrom(req.body, staffMember, headteacher, deps.clock.now());
    const { created } = await store().save(record);
    // Ids only: the log is read by more people than the record is.
    if (created) deps.log.info(`Monitoring record ${record.recordId} opened by ${headteacher.id}.`);
    res.status(created ? 201 : 200).json(await store().get(record.recordId));
  });

  router.get("/monitoring/:recordId", hidden, async (req, res) => {
    res.json(await store().get(req.params.recordId as string));
  });

  router.post("/monitoring/:recordId/close", hidden, express.json({ limit: "8kb" }), async (req, res) => {
    const recordId = req.params.recordId as string;
    const headteacher = signedInPerson(res);
    const closure = monitoringClosureFrom(req.body, headteacher, deps.clock.now());
    const before = await store().get(recordId);
    const after = await store().close(recordId, closure);
    if (before.state === "Open") deps.log.info(`Monitoring record ${recordId} closed by ${headteacher.id}.`);
    res.json(after);
  });

  router.get("/monitoring/:recordId/notice", hidden, async (req, res) => {
    const record = await store().get(req.params.recordId as string);
    res.json(monitoringNotice(record, deps.schoolName ?? DEFAULT_SCHOOL_NAME, deps.clock.now()));
  });
}

function stateFrom(value: unknown): MonitoringState | undefined {
  if (value === undefined || value === "") return undefined;
  if (typeof value === "string" && (MONITORING_STATES as readonly string[]).includes(value)) return value as MonitoringState;
  throw new ValidationError("The filter could not be used.", [`state must be one of ${MONITORING_STATES.join(", ")}.`]);
}
