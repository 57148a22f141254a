// Provisions the SharePoint lists for the configured tenant; used by `npm run provision` and teamsapp.yml.
import type { AppConfig } from "../../server/config.js";
import { createGraphApi, graphSettingsFor } from "../../records/graph/create-graph-api.js";
import { provisionLists, type ProvisioningChange } from "../../records/sharepoint/provision-lists.js";

export class ProvisioningSetupError extends Error {
  override readonly name = "ProvisioningSetupError";
}

export async function provisionForConfig(config: AppConfig, print: (line: string) => void): Promise<ProvisioningChange[]> {
  if (config.tenant.mode !== "tenant") {
    throw new ProvisioningSetupError(
      "Provisioning needs the tenant settings: SHAREPOINT_SITE_ID, AAD_APP_TENANT_ID, AAD_APP_CLIENT_ID, AAD_APP_CLIENT_SECRET " +
        "and the other tenant settings (env/.env.dev, secrets in env/.env.dev.user). In local mode the embedded store needs no lists.",
    );
  }
  const siteId = config.tenant.sharePoint.siteId;
  print(`Provisioning the AUP lists on SharePoint site ${siteId} …`);
  const changes = await provisionLists(createGraphApi(graphSettingsFor(config.tenant)), siteId);
  for (const change of changes) print(`- ${change.list}: ${change.change}${change.column ? ` ${change.column}` : ""}`);
  print(changes.length ? `Done: ${changes.length} change(s).` : "Done: the lists were already up to date; nothing changed.");
  return changes;
}
