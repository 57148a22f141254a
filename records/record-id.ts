import { createHash, randomUUID } from "node:crypto";

/** Same policy, version, cycle and person: same id, so a retry or a second press is one record. */
export function acknowledgementRecordId(policyId: string, policyVersion: string, cycle: string, personId: string): string {
  const key = ["ack", policyId, policyVersion, cycle, personId.toLowerCase()].join("\u0000");
  return "ack-" + createHash("sha256").update(key).digest("hex").slice(0, 32);
}

/** What people quote for a report: its short reference, or for a report saved before references, its record id. */
export function reportReference(report: { readonly recordId: string; readonly reference?: string }): string {
  return report.reference || report.recordId;
}

/** "R-2026-0042": short enough to read out on the phone; the number grows past four digits if it must. */
export function formatReportReference(year: string, sequence: number): string {
  return `R-${year}-${String(sequence).padStart(4, "0")}`;
}

/** Reports are never merged: each submission is its own record. */
export function newReportRecordId(): string {
  return "rep-" + randomUUID();
}

/**
 * The tab names each form it opens with a submission id, so sending the same form again after a lost
 * answer (a dropped connection, a closed laptop lid) finds the first record instead of filing twice.
 * The reporter is part of the key: nobody can reach another person's report by guessing its id.
 */
export function reportRecordIdFor(reporterId: string, submissionId: string): string {
  const key = ["report", reporterId.toLowerCase(), submissionId.toLowerCase()].join("\u0000");
  return "rep-" + createHash("sha256").update(key).digest("hex").slice(0, 32);
}
