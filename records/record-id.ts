import { createHash, randomUUID } from "node:crypto";

/** Same policy, version, cycle and person: same id, so a retry or a second press is one record. */
export function acknowledgementRecordId(policyId: string, policyVersion: string, cycle: string, personId: string): string {
  const key = ["ack", policyId, policyVersion, cycle, personId.toLowerCase()].join("\u0000");
  return "ack-" + createHash("sha256").update(key).digest("hex").slice(0, 32);
}

/** Reports are never merged: each submission is its own record. */
export function newReportRecordId(): string {
  return "rep-" + randomUUID();
}
