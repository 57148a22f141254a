import assert from "node:assert/strict";
import type { IncidentReport } from "../../records/types.js";
import type { RunningApp } from "../../server/start.js";

/** The report a person would quote by the reference the tab showed them: short ("R-2026-0042"), not an id. */
export async function reportQuoted(app: RunningApp, reference: string): Promise<IncidentReport> {
  assert.match(reference, /^R-\d{4}-\d{4,}$/, `the tab shows a short reference, not "${reference}"`);
  const found = (await app.services.records.listReports({})).find((report) => report.reference === reference);
  assert.ok(found, `a report has the reference ${reference}`);
  return found;
}
