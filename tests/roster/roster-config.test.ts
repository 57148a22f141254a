import assert from "node:assert/strict";
import path from "node:path";
import { BOT_CONNECTOR_GLOBAL_SERVICE_URL, ConfigError, loadConfig } from "../../server/config.js";
import { TENANT_ENV } from "../server/local-app.js";

const ROOT = "/srv/aup";
const GROUPS = "1f0e2d3c-0000-4000-8000-000000000001, 1f0e2d3c-0000-4000-8000-000000000002";
const CATALOG = "e3b0c442-98fc-4c14-9afb-f4c8996fb924";

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env, ROOT);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail("expected loadConfig to reject the configuration");
}

describe("configuration of the staff roster", () => {
  it("locally reads the demo roster file and syncs daily, with no proactive installation", () => {
    const { roster } = loadConfig({}, ROOT);
    assert.equal(roster.localRosterFile, path.resolve(ROOT, "roster/demo-staff.json"));
    assert.equal(roster.syncHours, 24);
    assert.equal(roster.proactiveInstall, false);
    assert.deepEqual(roster.staffGroupIds, []);
    assert.equal(loadConfig({ STAFF_ROSTER_FILE: "none" }, ROOT).roster.localRosterFile, undefined);
  });

  it("in tenant mode reads the staff groups, installs proactively by default, and needs the catalogue id for that", () => {
    const { roster } = loadConfig({ ...TENANT_ENV, STAFF_GROUP_IDS: GROUPS, TEAMS_APP_CATALOG_ID: CATALOG, ROSTER_SYNC_HOURS: "6" }, ROOT);
    assert.deepEqual(roster.staffGroupIds, ["1f0e2d3c-0000-4000-8000-000000000001", "1f0e2d3c-0000-4000-8000-000000000002"]);
    assert.equal(roster.proactiveInstall, true);
    assert.equal(roster.teamsAppCatalogId, CATALOG);
    assert.equal(roster.syncHours, 6);
    assert.equal(roster.botServiceUrl, BOT_CONNECTOR_GLOBAL_SERVICE_URL);

    assert.deepEqual(problemsOf({ ...TENANT_ENV, STAFF_GROUP_IDS: GROUPS }), [
      "TEAMS_APP_CATALOG_ID is not set (the app's id in the organisation's app catalogue, TEAMS_APP_PUBLISHED_APP_ID after " +
        "teamsapp publish): set it in env/.env.dev, or set PROACTIVE_INSTALL=off if a setup policy installs the app for staff.",
    ]);
    assert.equal(loadConfig({ ...TENANT_ENV, STAFF_GROUP_IDS: GROUPS, PROACTIVE_INSTALL: "off" }, ROOT).roster.proactiveInstall, false);
  });

  it("names each roster setting it cannot use", () => {
    assert.deepEqual(
      problemsOf({ ...TENANT_ENV, TEAMS_APP_CATALOG_ID: CATALOG, STAFF_GROUP_IDS: "Staff, 1f0e2d3c-0000-4000-8000-000000000001", PROACTIVE_INSTALL: "maybe", ROSTER_SYNC_HOURS: "-1", STAFF_STATUS_LIST_URL: "http://intranet/list" }),
      [
        'PROACTIVE_INSTALL must be "on" or "off", got "maybe".',
        'STAFF_STATUS_LIST_URL must be an https URL, got "http://intranet/list".',
        'STAFF_GROUP_IDS must be Entra object ids (GUIDs) separated by commas, got "Staff".',
        'ROSTER_SYNC_HOURS must be a whole number from 0 to 168, got "-1".',
      ],
    );
  });
});
