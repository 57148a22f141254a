import assert from "node:assert/strict";
import path from "node:path";
import { LOCAL_PLAYGROUND_USER_ID, loadConfig } from "../../server/config.js";
import { CONFIG_ROOT, problemsOf } from "../support/config-problems.js";
import { TENANT_ENV } from "./local-app.js";

const ROOT = CONFIG_ROOT;

function withoutSetting(name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(TENANT_ENV).filter(([key]) => key !== name));
}

describe("configuration", () => {
  it("runs in local mode with safe defaults when no tenant setting is present", () => {
    const config = loadConfig({}, ROOT);
    assert.equal(config.tenant.mode, "local");
    assert.equal(config.port, 3978);
    assert.equal(config.host, "127.0.0.1");
    assert.equal(config.publicUrl, "http://127.0.0.1:3978");
    assert.equal(config.dataDir, path.join(ROOT, "data"));
    assert.equal(config.policiesDir, path.join(ROOT, "policies/content"));
    assert.deepEqual(config.headteacherIds, [LOCAL_PLAYGROUND_USER_ID]);
    assert.deepEqual(config.itTechnicianIds, [LOCAL_PLAYGROUND_USER_ID]);
  });

  it("treats blank values as unset, so an empty env/.env.dev template still means local mode", () => {
    const blanks = Object.fromEntries(Object.keys(TENANT_ENV).map((name) => [name, "  "]));
    assert.equal(loadConfig(blanks, ROOT).tenant.mode, "local");
  });

  it("keeps local mode but uses configured alert recipients when only their ids are set", () => {
    const config = loadConfig({ HEADTEACHER_AAD_OBJECT_ID: TENANT_ENV.HEADTEACHER_AAD_OBJECT_ID ?? "" }, ROOT);
    assert.equal(config.tenant.mode, "local");
    assert.deepEqual(config.headteacherIds, [TENANT_ENV.HEADTEACHER_AAD_OBJECT_ID]);
  });

  it("names every missing variable when one tenant setting is present", () => {
    const problems = problemsOf({ BOT_ID: TENANT_ENV.BOT_ID ?? "" });
    const missing = Object.keys(TENANT_ENV).filter((name) => name !== "BOT_ID");
    assert.equal(problems.length, missing.length);
    for (const name of missing) {
      assert.ok(
        problems.some((problem) => problem.startsWith(`${name} is not set`)),
        `${name} should be named in:\n${problems.join("\n")}`,
      );
    }
    assert.match(problems[0] ?? "", /set it in env\/\.env\.dev .*or remove BOT_ID to run locally/);
  });

  it("names the single missing setting when all the others are present", () => {
    assert.deepEqual(
      problemsOf(withoutSetting("SHAREPOINT_SITE_ID")).map((p) => p.split(" ")[0]),
      ["SHAREPOINT_SITE_ID"],
    );
  });

  it("builds the tenant configuration when every setting is present", () => {
    const config = loadConfig({ ...TENANT_ENV, PORT: "8080" }, ROOT);
    assert.equal(config.tenant.mode, "tenant");
    if (config.tenant.mode !== "tenant") return;
    assert.equal(config.tenant.tenantId, TENANT_ENV.AAD_APP_TENANT_ID);
    assert.equal(config.tenant.entraApp.tabDomain, "aup.crich-carr.example");
    assert.equal(config.tenant.graphBaseUrl, "https://graph.microsoft.com/v1.0");
    assert.equal(config.publicUrl, "https://aup.crich-carr.example");
    assert.equal(config.host, "0.0.0.0");
    assert.equal(config.port, 8080);
    assert.deepEqual(config.itTechnicianIds, [TENANT_ENV.IT_TECHNICIAN_AAD_OBJECT_ID]);
  });

  it("checks Bot Connector tokens against Microsoft's keys unless a test points it elsewhere", () => {
    const bot = (env: Record<string, string>) => {
      const { tenant } = loadConfig(env, ROOT);
      assert.equal(tenant.mode, "tenant");
      return tenant.mode === "tenant" ? tenant.bot : undefined;
    };
    assert.deepEqual(bot(TENANT_ENV), {
      appId: TENANT_ENV.BOT_ID,
      appPassword: TENANT_ENV.SECRET_BOT_PASSWORD,
      openIdMetadataUrl: "https://login.botframework.com/v1/.well-known/openidconfiguration",
      loginUrl: "https://login.microsoftonline.com",
      serviceUrlHosts: ["smba.trafficmanager.net", "botframework.com"],
    });
    assert.deepEqual(bot({ ...TENANT_ENV, BOT_SERVICE_URL_HOSTS: "127.0.0.1, localhost" })?.serviceUrlHosts, ["127.0.0.1", "localhost"]);
    assert.deepEqual(problemsOf({ ...TENANT_ENV, BOT_SERVICE_URL_HOSTS: "https://evil.example/" }), [
      'BOT_SERVICE_URL_HOSTS must be host names separated by commas, got "https://evil.example/"; leave it unset outside tests.',
    ]);
    const standIn = { BOT_OPENID_METADATA_URL: "http://127.0.0.1:4000/v1/.well-known/openidconfiguration", BOT_LOGIN_URL: "http://127.0.0.1:4000" };
    assert.equal(bot({ ...TENANT_ENV, ...standIn })?.openIdMetadataUrl, standIn.BOT_OPENID_METADATA_URL);
    assert.equal(bot({ ...TENANT_ENV, ...standIn })?.loginUrl, standIn.BOT_LOGIN_URL);
    assert.deepEqual(problemsOf({ ...TENANT_ENV, BOT_OPENID_METADATA_URL: "login.botframework.com", BOT_LOGIN_URL: "ftp://x" }), [
      'BOT_OPENID_METADATA_URL must be an http(s) URL, got "login.botframework.com"; leave it unset outside tests.',
      'BOT_LOGIN_URL must be an http(s) URL, got "ftp://x"; leave it unset outside tests.',
    ]);
  });

  for (const port of ["abc", "70000", "-1", "80.5"]) {
    it(`rejects PORT="${port}" with a message saying what is allowed`, () => {
      assert.deepEqual(problemsOf({ PORT: port }), [`PORT must be a whole number from 0 to 65535, got "${port}".`]);
    });
  }

  it("rejects an alert recipient that is not an Entra object id, even in local mode", () => {
    assert.deepEqual(problemsOf({ IT_TECHNICIAN_AAD_OBJECT_ID: "tech@school.example" }), [
      'IT_TECHNICIAN_AAD_OBJECT_ID must be Entra object ids (GUIDs) separated by commas, got "tech@school.example".',
    ]);
  });

  it("accepts several comma-separated headteacher ids", () => {
    const ids = ["44444444-4444-4444-8444-444444444444", "66666666-6666-4666-8666-666666666666"];
    assert.deepEqual(loadConfig({ HEADTEACHER_AAD_OBJECT_ID: ids.join(" , ") }, ROOT).headteacherIds, ids);
  });

  it("insists the Graph certificate's path and thumbprint are set together", () => {
    assert.deepEqual(problemsOf({ ...TENANT_ENV, AAD_APP_CERTIFICATE_PATH: "certs/graph.pem" }), [
      "AAD_APP_CERTIFICATE_PATH and AAD_APP_CERTIFICATE_THUMBPRINT (SHA-256) go together: set both, or neither to use the client secret.",
    ]);
  });

  it("rejects a SharePoint budget below one resource unit a second", () => {
    assert.deepEqual(problemsOf({ ...TENANT_ENV, SHAREPOINT_RU_PER_MINUTE: "10" }), [
      'SHAREPOINT_RU_PER_MINUTE must be a whole number from 60 to 1000000, got "10".',
    ]);
  });

  it("reads the campaign's schedule, and names a setting that is out of range", () => {
    assert.deepEqual(loadConfig({}).campaign, { chaseAfterDays: 7, reminders: 2, checkEveryMinutes: 60 });
    assert.deepEqual(loadConfig({ CAMPAIGN_CHASE_AFTER_DAYS: "14", CAMPAIGN_REMINDERS: "0" }).campaign.chaseAfterDays, 14);
    assert.deepEqual(problemsOf({ CAMPAIGN_REMINDERS: "two" }), ['CAMPAIGN_REMINDERS must be a whole number from 0 to 10, got "two".']);
  });

  it("keeps monitoring records six years unless RETENTION_MONITORING_MONTHS says otherwise, and names a bad value", () => {
    assert.equal(loadConfig({}).retention["monitoring-records"], 72);
    assert.equal(loadConfig({ RETENTION_MONITORING_MONTHS: "6" }).retention["monitoring-records"], 6);
    assert.deepEqual(problemsOf({ RETENTION_MONITORING_MONTHS: "3" }), ['RETENTION_MONITORING_MONTHS must be a whole number from 6 to 1200, got "3".']);
  });

  it("rejects a tenant id that is not a GUID and a tab domain given as a URL", () => {
    const problems = problemsOf({ ...TENANT_ENV, AAD_APP_TENANT_ID: "crich-carr.sch.uk", TAB_DOMAIN: "https://aup.example" });
    assert.deepEqual(problems, [
      'AAD_APP_TENANT_ID must be a GUID, got "crich-carr.sch.uk".',
      'TAB_DOMAIN must be a host name only, got "https://aup.example".',
    ]);
  });
});
