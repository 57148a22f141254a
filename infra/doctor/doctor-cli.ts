// npm run doctor [-- --app-url https://host]: checks the tenant set-up with the same settings the app uses.
import { ConfigError, loadConfig } from "../../server/config.js";
import { createGraphApi, graphSettingsFor } from "../../records/graph/create-graph-api.js";
import { systemClock } from "../../records/types.js";
import { runDoctor } from "./doctor.js";
import { TENANT_CHECKS } from "./tenant-checks.js";

try {
  const config = loadConfig(process.env);
  if (config.tenant.mode !== "tenant") {
    console.error("npm run doctor checks a tenant: run it with the tenant settings, e.g. node --env-file=env/.env.dev --env-file=env/.env.dev.user --import tsx infra/doctor/doctor-cli.ts");
    process.exit(1);
  }
  const flag = process.argv.indexOf("--app-url");
  const appUrl = (flag > 0 ? process.argv[flag + 1] : undefined) ?? config.publicUrl;
  const graph = createGraphApi(graphSettingsFor(config.tenant));
  const results = await runDoctor(TENANT_CHECKS, { tenant: config.tenant, graph, appUrl, clock: systemClock, roster: config.roster, headteacherIds: config.headteacherIds, itTechnicianIds: config.itTechnicianIds, seniorLeaderIds: config.seniorLeaderIds }, (line) => console.info(line));
  process.exit(results.some((result) => result.outcome === "fail") ? 1 : 0);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
