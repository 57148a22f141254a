import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { loadConfig } from "../../server/config.js";
import { spawn, type ChildProcess } from "node:child_process";
import { createGraphApi, graphSettingsFor } from "../../records/graph/create-graph-api.js";
import { provisionForConfig } from "../../infra/sharepoint/provision.js";
import { runDoctor } from "../../infra/doctor/doctor.js";
import { TENANT_CHECKS } from "../../infra/doctor/tenant-checks.js";
import { BotFrameworkStandIn } from "../support/bot-framework-stand-in.js";
import type { GraphStandIn } from "../support/graph-stand-in/graph-stand-in.js";
import { TENANT, startStandIn, tempDir, tenantEnv } from "../records/support/sharepoint-fixture.js";

const BOT = { appId: "6c1d2e3f-4a5b-4c6d-8e7f-8a9b0c1d2e3f", appPassword: "bot-secret-for-tests", tenantId: TENANT.tenantId };
const NOW = new Date("2026-11-30T09:00:00Z");
const IN_DAYS = (days: number): string => new Date(NOW.getTime() + days * 86_400_000).toISOString();
const STAFF_GROUP = "a1b2c3d4-0000-4000-8000-00000000c0de";
const CATALOG_APP_ID = "e3b0c442-98fc-4c14-9afb-f4c8996fb924";
/** Given to the doctor only: the app's own process has no groups, so it installs nothing behind the tests' backs. */
const ROSTER = { STAFF_GROUP_IDS: STAFF_GROUP, TEAMS_APP_CATALOG_ID: CATALOG_APP_ID };
/** A deputy head: the senior leader told of inappropriate contact from a pupil (policy 6.8). */
const SENIOR_LEADER = "0c0ffee0-0000-4000-8000-0000000000dd";

// The admin's preflight against the Entra/Graph and Bot Framework stand-ins and the app itself, running in
// tenant mode: each fault an admin can meet is seeded in turn, and the doctor must name it with its fix.
describe("npm run doctor: the tenant preflight", () => {
  let graph: GraphStandIn;
  let framework: BotFrameworkStandIn;
  let app: { url: string; process: ChildProcess };
  let env: Record<string, string>;

  before(async () => {
    graph = await startStandIn();
    framework = await BotFrameworkStandIn.start(BOT);
    env = {
      ...tenantEnv(graph, tempDir()),
      ...framework.env,
      CAMPAIGN_CHECK_EVERY_MINUTES: "0",
      SENIOR_LEADER_AAD_OBJECT_ID: SENIOR_LEADER,
      SECRET_AAD_APP_CLIENT_SECRET_EXPIRES_AT: IN_DAYS(170),
      SECRET_BOT_PASSWORD_EXPIRES_AT: IN_DAYS(175),
    };
    await provisionForConfig(loadConfig(env), () => undefined);
    const staff = (id: string, displayName: string) => ({ id, displayName, userPrincipalName: `${displayName.split(" ")[0]?.toLowerCase() ?? ""}@crich-carr.example`, accountEnabled: true, userType: "Member" as const });
    graph.directory.groups.set(STAFF_GROUP, [staff(env.HEADTEACHER_AAD_OBJECT_ID ?? "", "Lynne Robbins"), staff("aaaaaaaa-2222-4000-8000-000000000001", "Megan Bowen")]);
    graph.directory.catalog.add(CATALOG_APP_ID);
    app = await startAppProcess(env);
  });
  after(async () => {
    app.process.kill("SIGTERM");
    await Promise.all([framework.close(), graph.close()]);
  });

  async function doctor(overrides: Record<string, string> = {}, appUrl = app.url): Promise<string[]> {
    const config = loadConfig({ ...env, ...ROSTER, ...overrides });
    if (config.tenant.mode !== "tenant") throw new Error("tenant settings expected");
    const lines: string[] = [];
    await runDoctor(TENANT_CHECKS, {
        tenant: config.tenant,
        graph: createGraphApi(graphSettingsFor(config.tenant)),
        appUrl,
        clock: { now: () => NOW },
        roster: config.roster,
        headteacherIds: config.headteacherIds,
        itTechnicianIds: config.itTechnicianIds,
        seniorLeaderIds: config.seniorLeaderIds,
      }, (line) =>
      lines.push(line),
    );
    return lines;
  }

  /** The app as App Service runs it (its own process: what botbuilder prints about refused requests stays there). */
async function startAppProcess(env: Record<string, string>): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[\d.:]+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`The app stopped (${String(code)}): ${output}`)));
  });
  return { url, process: child };
}

/** The line for one check, with its Fix line when there is one. */
  function lineFor(lines: readonly string[], check: string): string {
    const index = lines.findIndex((line) => line.includes(`  ${check}:`));
    assert.ok(index >= 0, `no line for ${check} in:\n${lines.join("\n")}`);
    const next = lines[index + 1] ?? "";
    return `${lines[index]}${next.trim().startsWith("Fix:") ? `\n${next}` : ""}`;
  }

  it("passes every check when nothing is wrong", async () => {
    const lines = await doctor();
    assert.match(lineFor(lines, "Bot messaging endpoint"), /^PASS .*answers and refuses unsigned requests \(401\)/);
    assert.equal(lines.at(-1), `All ${TENANT_CHECKS.length} checks passed.`, lines.join("\n"));
    assert.match(lineFor(lines, "SharePoint site access and role"), /^PASS .*"manage" on site "Governance"/);
    assert.match(lineFor(lines, "SharePoint lists, columns and unique index"), /^PASS .*6 lists.*only the headteacher and senior leaders can open "AUP safeguarding concerns", and only the headteacher "AUP monitoring record"/);
    assert.match(lineFor(lines, "Credential expiry"), /^PASS .*SECRET_AAD_APP_CLIENT_SECRET 170 days left; SECRET_BOT_PASSWORD 175 days left/);
    assert.equal(lineFor(lines, "Senior leader for safeguarding"), `PASS  Senior leader for safeguarding: ${SENIOR_LEADER} is told at once of inappropriate contact from a pupil, with the headteacher.`);
    assert.equal(lineFor(lines, "Staff groups readable"), `PASS  Staff groups readable: ${STAFF_GROUP} readable.`);
    assert.match(lineFor(lines, "App in the org catalog"), /^PASS .*TeamsAppInstallation\.ReadWriteSelfForUser\.All works\); app e3b0c442-.* is not installed for the headteacher yet .*Note: an empty answer cannot prove/);
  });

  it("says the headteacher has the app once Graph lists its installation", async () => {
    const userId = env.HEADTEACHER_AAD_OBJECT_ID ?? "";
    graph.directory.installations.push({ id: "installation-1", userId, teamsAppId: CATALOG_APP_ID, chatId: "19:chat@unq.gbl.spaces" });
    try {
      assert.match(lineFor(await doctor(), "App in the org catalog"), /^PASS .*App e3b0c442-98fc-4c14-9afb-f4c8996fb924 is installed for the headteacher: Graph knows it/);
    } finally {
      graph.directory.installations.length = 0;
    }
  });

  it("reports a missing catalogue id as to do after publishing, with where to read it, and still passes", async () => {
    const lines = await doctor({ TEAMS_APP_CATALOG_ID: "" });
    const line = lineFor(lines, "App in the org catalog");
    assert.match(line, /^WARN {2}App in the org catalog: to do after publishing: TEAMS_APP_CATALOG_ID is not set, so the app installs itself for nobody yet/);
    assert.match(line, /Fix: once atk publish --env dev has run .* TEAMS_APP_PUBLISHED_APP_ID in env\/\.env\.dev/);
    assert.ok(line.includes("GET https://graph.microsoft.com/v1.0/appCatalogs/teamsApps?$filter=externalId eq '{TEAMS_APP_ID from env/.env.dev}'"), line);
    assert.match(line, /Teams admin centre > Teams apps > Manage apps > IT Acceptable Use > App ID/);
    assert.equal(lines.at(-1), `All ${TENANT_CHECKS.length} checks passed (1 warning(s)).`, lines.join("\n"));
  });

  it("warns, and still passes, when no senior leader is told of inappropriate contact from a pupil but the headteacher", async () => {
    for (const overrides of [{ SENIOR_LEADER_AAD_OBJECT_ID: "" }, { SENIOR_LEADER_AAD_OBJECT_ID: env.HEADTEACHER_AAD_OBJECT_ID ?? "" }, { SENIOR_LEADER_AAD_OBJECT_ID: env.IT_TECHNICIAN_AAD_OBJECT_ID ?? "" }]) {
      const lines = await doctor(overrides);
      const line = lineFor(lines, "Senior leader for safeguarding");
      assert.match(line, /^WARN {2}Senior leader for safeguarding: no senior leader besides the headteacher is set, so only the headteacher is told of inappropriate contact from a pupil; policy 6\.8 sends it to a member of the senior leadership team\./, JSON.stringify(overrides));
      assert.match(line, /\n\s+Fix: set SENIOR_LEADER_AAD_OBJECT_ID to the Entra object ids of the senior leaders .* in env\/\.env\.dev and the web app's settings/);
      assert.equal(lines.at(-1), `All ${TENANT_CHECKS.length} checks passed (1 warning(s)).`, lines.join("\n"));
    }
  });

  it("skips the roster's checks, without failing, when no staff group or no proactive installation is set", async () => {
    const noGroups = await doctor({ STAFF_GROUP_IDS: "" });
    assert.equal(lineFor(noGroups, "Staff groups readable"), "PASS  Staff groups readable: skipped: STAFF_GROUP_IDS is not set (the staff are whoever has the app).");
    assert.match(lineFor(noGroups, "App in the org catalog"), /^PASS .*skipped: STAFF_GROUP_IDS is not set/);
    assert.equal(noGroups.at(-1), `All ${TENANT_CHECKS.length} checks passed.`);
    const noInstall = await doctor({ PROACTIVE_INSTALL: "off", TEAMS_APP_CATALOG_ID: "" });
    assert.equal(lineFor(noInstall, "App in the org catalog"), "PASS  App in the org catalog: skipped: PROACTIVE_INSTALL=off (a Teams setup policy installs the app for staff).");
    assert.match(lineFor(noInstall, "Staff groups readable"), /^PASS .* readable\.$/);
  });

  let removed: typeof graph.lists.lists = [];
  const faults: Array<{ fault: string; check: string; seed: () => Record<string, string> | void; heal: () => void; expect: RegExp }> = [
    {
      fault: "a wrong Graph client secret",
      check: "Graph token",
      seed: () => ({ SECRET_AAD_APP_CLIENT_SECRET: "not-the-secret" }),
      heal: () => undefined,
      expect: /^FAIL .*AADSTS7000215\)\. The client secret is wrong.*\n\s+Fix: create a new client secret \(az ad app credential reset --id 0b8a0c1e-/,
    },
    {
      fault: "no admin consent",
      check: "Graph token",
      seed: () => void (graph.consented = false),
      heal: () => void (graph.consented = true),
      expect: /^FAIL .*carries no Sites\.Selected.*\n\s+Fix: grant admin consent: az ad app permission admin-consent --id 0b8a0c1e-/,
    },
    {
      fault: "the bot's app without a service principal",
      check: "Bot token",
      seed: () => void (framework.servicePrincipal = false),
      heal: () => void (framework.servicePrincipal = true),
      expect: /^FAIL .*AADSTS7000229\)\. The app has no service principal.*\n\s+Fix: az ad sp create --id 6c1d2e3f-/,
    },
    {
      fault: "no Sites.Selected grant on the site",
      check: "SharePoint site access and role",
      seed: () => void (graph.siteRole = "none"),
      heal: () => void (graph.siteRole = "manage"),
      expect: /^FAIL .*403 accessDenied.*\n\s+Fix: .*POST https:\/\/graph\.microsoft\.com\/v1\.0\/sites\/contoso\.sharepoint\.com,.*\/permissions/,
    },
    {
      fault: "a write grant where provisioning needs manage",
      check: "SharePoint site access and role",
      seed: () => void (graph.siteRole = "write"),
      heal: () => void (graph.siteRole = "manage"),
      expect: /^FAIL .*no "manage" role there.*\n\s+Fix: grant the app "manage" on the site/,
    },
    {
      fault: "a list whose RecordId lost its unique index",
      check: "SharePoint lists, columns and unique index",
      seed: () => {
        const column = graph.lists.find("AUP incident reports")?.columns.find((candidate) => candidate.name === "RecordId");
        if (column) column.enforceUniqueValues = false;
      },
      heal: () => {
        const column = graph.lists.find("AUP incident reports")?.columns.find((candidate) => candidate.name === "RecordId");
        if (column) column.enforceUniqueValues = true;
      },
      expect: /^FAIL .*"AUP incident reports" column RecordId is not unique.*\n\s+Fix: npm run provision/,
    },
    {
      fault: "the restricted monitoring record list not made yet (an upgrade before npm run provision)",
      check: "SharePoint lists, columns and unique index",
      seed: () => void (removed = graph.lists.lists.splice(graph.lists.lists.findIndex((list) => list.displayName === "AUP monitoring record"), 1)),
      heal: () => void graph.lists.lists.push(...removed),
      expect: /^FAIL .*"AUP monitoring record" does not exist\.\n\s+Fix: npm run provision/,
    },
    {
      fault: "no consent to GroupMember.Read.All (403 on the staff group)",
      check: "Staff groups readable",
      seed: () => void (graph.directory.groupReadGranted = false),
      heal: () => void (graph.directory.groupReadGranted = true),
      expect: /^FAIL .*refused the members of a1b2c3d4-.* \(403 Authorization_RequestDenied .*\): GroupMember\.Read\.All is not granted or not consented\.\n\s+Fix: GroupMember\.Read\.All \(application\) is in infra\/entra\/aad\.manifest\.json.*az ad app permission admin-consent --id 0b8a0c1e-/,
    },
    {
      fault: "an unknown staff group",
      check: "Staff groups readable",
      seed: () => ({ STAFF_GROUP_IDS: `${STAFF_GROUP},b2c3d4e5-0000-4000-8000-0000000bad1d` }),
      heal: () => undefined,
      expect: /^FAIL .*Entra has no group b2c3d4e5-0000-4000-8000-0000000bad1d \(404 Request_ResourceNotFound.*; a1b2c3d4-0000-4000-8000-00000000c0de readable\.\n\s+Fix: check each id in STAFF_GROUP_IDS against Entra admin centre > Groups/,
    },
    {
      fault: "no consent to TeamsAppInstallation.ReadWriteSelfForUser.All (403 on installedApps)",
      check: "App in the org catalog",
      seed: () => void (graph.directory.consentGranted = false),
      heal: () => void (graph.directory.consentGranted = true),
      expect: /^FAIL .*refused to read the headteacher's Teams apps \(403 Forbidden.*the app cannot install itself for staff\.\n\s+Fix: TeamsAppInstallation\.ReadWriteSelfForUser\.All \(application\) is in infra\/entra\/aad\.manifest\.json.*admin-consent --id 0b8a0c1e-.*PROACTIVE_INSTALL=off/,
    },
    {
      fault: "a headteacher id Entra does not have",
      check: "App in the org catalog",
      seed: () => void graph.directory.unknownUsers.add("5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d"),
      heal: () => graph.directory.unknownUsers.clear(),
      expect: /^FAIL .*Graph has no user 5b4a3c2d-.* \(404 NotFound.*HEADTEACHER_AAD_OBJECT_ID is wrong\.\n\s+Fix: set HEADTEACHER_AAD_OBJECT_ID to the headteacher's Object ID/,
    },
    {
      fault: "a client secret 5 days from its end date",
      check: "Credential expiry",
      seed: () => ({ SECRET_BOT_PASSWORD_EXPIRES_AT: IN_DAYS(5) }),
      heal: () => undefined,
      expect: /^WARN .*SECRET_BOT_PASSWORD 5 days left.*\n\s+Fix: create a new client secret \(az ad app credential reset --id 6c1d2e3f-/,
    },
    {
      fault: "an expired client secret",
      check: "Credential expiry",
      seed: () => ({ SECRET_AAD_APP_CLIENT_SECRET_EXPIRES_AT: IN_DAYS(-1) }),
      heal: () => undefined,
      expect: /^FAIL .*SECRET_AAD_APP_CLIENT_SECRET expired.*\n\s+Fix: create a new client secret/,
    },
  ];

  for (const { fault, check, seed, heal, expect } of faults) {
    it(`names ${fault}, with the fix`, async () => {
      const overrides = seed() ?? {};
      try {
        const lines = await doctor(overrides);
        assert.match(lineFor(lines, check), expect);
        assert.match(lines.at(-1) ?? "", expect.source.startsWith("^WARN") ? new RegExp(`^All ${TENANT_CHECKS.length} checks passed \\(1 warning\\(s\\)\\)\\.$`) : /check\(s\) failed/);
      } finally {
        heal();
      }
    });
  }

  it("names a messaging endpoint where no app answers", async () => {
    const lines = await doctor({}, "http://127.0.0.1:9");
    assert.match(lineFor(lines, "Bot messaging endpoint"), /^FAIL {2}Bot messaging endpoint: Nothing answered at http:\/\/127\.0\.0\.1:9\/api\/messages.*\n\s+Fix: atk deploy --env dev/);
  });

  it("runs as npm run doctor does, exiting 0 when all pass and 1 on a failure", async () => {
    const run = (extra: Record<string, string>) =>
      promisify(execFile)(process.execPath, ["--import", "tsx", "infra/doctor/doctor-cli.ts", "--app-url", app.url], { env: { ...process.env, ...env, ...extra } });
    const ok = await run({});
    assert.match(ok.stdout, /PASS {2}Graph token: .*\n[\s\S]*All 9 checks passed\./);
    await assert.rejects(run({ SECRET_BOT_PASSWORD: "wrong" }), (error: { code?: number; stdout?: string }) => {
      assert.equal(error.code, 1);
      assert.match(error.stdout ?? "", /FAIL {2}Bot token: .*AADSTS7000215/);
      return true;
    });
  });
});
