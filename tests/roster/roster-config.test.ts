import assert from "node:assert/strict";
import path from "node:path";
import { BOT_CONNECTOR_GLOBAL_SERVICE_URL, configWarnings, loadConfig } from "../../server/config.js";
import { TENANT_ENV } from "../server/local-app.js";
import { CONFIG_ROOT, problemsOf } from "../support/config-problems.js";

const ROOT = CONFIG_ROOT;
const GROUPS = "1f0e2d3c-0000-4000-8000-000000000001, 1f0e2d3c-0000-4000-8000-000000000002";
const CATALOG = "e3b0c442-98fc-4c14-9afb-f4c8996fb924";

describe("configuration of the staff roster", () => {
  it("locally reads the demo roster file and syncs daily, with no proactive installation", () => {
    const { roster } = loadConfig({}, ROOT);
    assert.equal(roster.localRosterFile, path.resolve(ROOT, "roster/demo-staff.json"));
    assert.equal(roster.syncHours, 24);
    assert.equal(roster.proactiveInstall, false);
    assert.deepEqual(roster.staffGroupIds, []);
    assert.equal(loadConfig({ STAFF_ROSTER_FILE: "none" }, ROOT).roster.localRosterFile, undefined);
  });

  it("in tenant mode reads the staff groups, installs proactively by default once it has the catalogue id", () => {
    const { roster } = loadConfig({ ...TENANT_ENV, STAFF_GROUP_IDS: GROUPS, TEAMS_APP_CATALOG_ID: CATALOG, ROSTER_SYNC_HOURS: "6" }, ROOT);
    assert.deepEqual(roster.staffGroupIds, ["1f0e2d3c-0000-4000-8000-000000000001", "1f0e2d3c-0000-4000-8000-000000000002"]);
    assert.equal(roster.proactiveInstall, true);
    assert.equal(roster.teamsAppCatalogId, CATALOG);
    assert.equal(roster.syncHours, 6);
    assert.equal(roster.botServiceUrl, BOT_CONNECTOR_GLOBAL_SERVICE_URL);

    assert.deepEqual(configWarnings(loadConfig({ ...TENANT_ENV, STAFF_GROUP_IDS: GROUPS, TEAMS_APP_CATALOG_ID: CATALOG }, ROOT)), []);
    assert.equal(loadConfig({ ...TENANT_ENV, STAFF_GROUP_IDS: GROUPS, PROACTIVE_INSTALL: "off" }, ROOT).roster.proactiveInstall, false);
  });

  it("starts before the app is published: without the catalogue id it warns, naming where the id comes from, and installs for nobody", () => {
    // The catalogue id exists only after publishing, which comes after the app is running (infra/README.md).
    const config = loadConfig({ ...TENANT_ENV, STAFF_GROUP_IDS: GROUPS }, ROOT);
    assert.equal(config.roster.teamsAppCatalogId, undefined);
    const [warning, ...more] = configWarnings(config);
    assert.deepEqual(more, []);
    assert.match(warning ?? "", /^TEAMS_APP_CATALOG_ID is not set, so the app cannot install itself for staff yet: the staff groups are read /);
    assert.match(warning ?? "", /TEAMS_APP_PUBLISHED_APP_ID in env\/\.env\.dev; infra\/README\.md, step 11/);
    assert.match(warning ?? "", /or set PROACTIVE_INSTALL=off/);
    // Nothing to say once it is set, with proactive installation off, without staff groups, or locally.
    assert.deepEqual(configWarnings(loadConfig({ ...TENANT_ENV, STAFF_GROUP_IDS: GROUPS, PROACTIVE_INSTALL: "off" }, ROOT)), []);
    assert.deepEqual(configWarnings(loadConfig({ ...TENANT_ENV }, ROOT)), []);
    assert.deepEqual(configWarnings(loadConfig({ STAFF_GROUP_IDS: GROUPS }, ROOT)), []);
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
