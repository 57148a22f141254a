// Retention on the headteacher's page: each record type's period with its reason, and what goes next and when.
import type express from "express";
import {
  acknowledgementRetained,
  loanRetained,
  monitoringRetained,
  reportRetained,
  RETENTION_REASONS,
  RETENTION_TYPES,
  retentionSchedule,
  type RetentionType,
} from "../../../records/retention/retention-policy.js";
import type { RetentionView } from "./headteacher-types.js";
import { HEADTEACHER_ONLY, type Guard, type HeadteacherDeps } from "./headteacher-route-kit.js";

const LABELS: Readonly<Record<RetentionType, string>> = {
  acknowledgements: "Acknowledgements",
  reports: "Incident reports",
  "laptop-loans": "Laptop loans",
  "monitoring-records": "Monitoring records",
};
const SHOWN = 25;

export function retentionRoutes(router: express.Router, deps: HeadteacherDeps, guard: Guard): void {
  router.get("/retention", guard(HEADTEACHER_ONLY), async (_req, res) => {
    // The page is the headteacher's alone (as is the monitoring record), so it may count monitoring records.
    const [acks, reports, loans, monitoring] = await Promise.all([deps.reads.allAcknowledgements(), deps.reads.reports(), deps.reads.loans(), deps.monitoring?.list({}) ?? []]);
    const retained = [...acks.map(acknowledgementRetained), ...reports.map(reportRetained), ...loans.map(loanRetained), ...monitoring.map(monitoringRetained)];
    const schedule = retentionSchedule(retained, deps.retention);
    const view: RetentionView = {
      periods: RETENTION_TYPES.map((type) => ({ type, label: LABELS[type], months: deps.retention[type], reason: RETENTION_REASONS[type] })),
      next: schedule.slice(0, SHOWN).map((record) => ({ label: LABELS[record.type], what: record.what, expiresAt: record.expiresAt })),
      scheduled: schedule.length,
    };
    res.json(view);
  });
}
