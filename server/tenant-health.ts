// /healthz in tenant mode: SharePoint's recent answers, the outbox's age, and the secrets' end dates, judged.
import type { TenantHealth, Logger } from "./app.js";
import type { OutboxTable } from "../records/outbox/outbox-table.js";
import type { SharePointHealth } from "../records/outbox/sharepoint-health.js";
import type { CredentialStatus } from "../bot/credentials/credential-expiry-watch.js";

export interface TenantHealthSources {
  readonly sharePoint: SharePointHealth;
  readonly outbox: OutboxTable;
  readonly credentials: () => readonly CredentialStatus[];
  readonly log: Logger;
}

/**
 * Builds the /healthz judgement. A change between "ok" and "degraded" is logged (as an error, with the
 * reasons), so an alert on the log catches it even when nobody polls /healthz.
 */
export function tenantHealth(sources: TenantHealthSources): () => TenantHealth {
  let last: TenantHealth["status"] = "ok";
  return () => {
    const counts = sources.outbox.counts();
    const oldestPendingAt = sources.outbox.oldestPendingAt();
    const sharePoint = sources.sharePoint.report({ pending: counts.pending, parked: counts.parked, ...(oldestPendingAt ? { oldestPendingAt } : {}) });
    const credentials = sources.credentials();
    const expired = credentials
      .filter((credential) => credential.expired)
      .map((credential) => `${credential.setting} expired on ${credential.expiresAt}: renew it (infra/README.md, "Renewing a secret").`);
    const reasons = [...sharePoint.reasons, ...expired];
    const status = reasons.length ? "degraded" : "ok";
    if (status !== last) {
      if (status === "degraded") sources.log.error(`Health is degraded: ${reasons.join(" ")}`);
      else sources.log.info("Health is ok again.");
      last = status;
    }
    return {
      status,
      reasons,
      sharePoint: { ...sharePoint, ...(oldestPendingAt ? { oldestPendingAt: oldestPendingAt.toISOString() } : {}) },
      ...(credentials.length ? { credentials } : {}),
    };
  };
}
