// Provisions the SharePoint lists for the configured tenant; used by `npm run provision` and teamsapp.yml.
import type { AppConfig } from "../../server/config.js";
import { createGraphApi, graphSettingsFor } from "../../records/graph/create-graph-api.js";
import { provisionLists, type ProvisioningChange } from "../../records/sharepoint/provision-lists.js";
import { ALL_LISTS, MONITORING_LIST, SAFEGUARDING_LIST } from "../../records/sharepoint/list-schemas.js";
import { findListId } from "../../records/sharepoint/sharepoint-lists.js";

export class ProvisioningSetupError extends Error {
  override readonly name = "ProvisioningSetupError";
}

export async function provisionForConfig(config: AppConfig, print: (line: string) => void): Promise<ProvisioningChange[]> {
  if (config.tenant.mode !== "tenant") {
    throw new ProvisioningSetupError(
      "Provisioning needs the tenant settings: SHAREPOINT_SITE_ID, AAD_APP_TENANT_ID, AAD_APP_CLIENT_ID, SECRET_AAD_APP_CLIENT_SECRET " +
        "and the other tenant settings (env/.env.dev, secrets in env/.env.dev.user). In local mode the embedded store needs no lists.",
    );
  }
  const siteId = config.tenant.sharePoint.siteId;
  print(`Provisioning the AUP lists on SharePoint site ${siteId} …`);
  const graph = createGraphApi(graphSettingsFor(config.tenant));
  const changes = await provisionLists(graph, siteId);
  for (const change of changes) print(`- ${change.list}: ${change.change}${change.column ? ` ${change.column}` : ""}`);
  // The ids, for the admin's records: the app finds each list by its URL name, which renaming does not change.
  for (const schema of ALL_LISTS) print(`  ${schema.displayName}: list id ${(await findListId(graph, siteId, schema)) ?? "not found"}`);
  print(changes.length ? `Done: ${changes.length} change(s).` : "Done: the lists were already up to date; nothing changed.");
  // A new list inherits the site's permissions, and Graph cannot change that: the admin must, once.
  const restricted = changes.filter((change) => change.change === "created list" && [SAFEGUARDING_LIST.displayName, MONITORING_LIST.displayName].includes(change.list));
  for (const change of restricted) print(`Now restrict "${change.list}" by hand: infra/README.md, "Restrict the two private lists".`);
  return changes;
}
