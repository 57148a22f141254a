import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildTab } from "../../scripts/build-tab.js";
import { loadConfig } from "../../server/config.js";
import { startApp, type RunningApp } from "../../server/start.js";
import type { ApiErrorBody, ReportCreated } from "../../tab/api/api-types.js";
import { validReportBody } from "./report-bodies.js";
import { TabApiHarness } from "./tab-api-harness.js";

const ALEX = { id: "00000000-0000-0000-0000-0000000000020", displayName: "Alex Wilber", upn: "alexw@example.com" };

describe("the tab in local mode (the real app, local token issuer)", () => {
  let app: RunningApp;
  let dataDir: string;
  before(async () => {
    await buildTab();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-tab-local-"));
    app = await startApp(loadConfig({ PORT: "0", DATA_DIR: dataDir }), { log: { info: () => undefined, error: () => undefined } });
  });
  after(async () => {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const localToken = async (personId: string) => {
    const response = await fetch(`${app.url}/local-auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ personId }),
    });
    return { status: response.status, body: (await response.json()) as { accessToken: string } & ApiErrorBody };
  };

  it("signs in a Playground demo person and files a report through the same token validation", async () => {
    const people = (await (await fetch(`${app.url}/local-auth/people`)).json()) as { people: { displayName: string }[] };
    assert.equal(people.people[0]?.displayName, "Alex Wilber");
    const { body: token } = await localToken(ALEX.id);
    const response = await fetch(`${app.url}/api/reports`, {
      method: "POST",
      headers: { authorization: `Bearer ${token.accessToken}`, "content-type": "application/json" },
      body: JSON.stringify(validReportBody("lost-equipment", new Date())),
    });
    assert.equal(response.status, 201);
    const created = (await response.json()) as ReportCreated;
    const stored = await app.services.records.getReport(created.report.recordId);
    assert.deepEqual(stored.reporter, ALEX);
  });

  it("issues tokens only for the demo people", async () => {
    const response = await localToken("someone-else");
    assert.equal(response.status, 400);
    assert.match(response.body.error.message, /personId must be one of the local demo people/);
  });

  it("still refuses a forged token locally: the local issuer's signature is checked", async () => {
    const { body: token } = await localToken(ALEX.id);
    const [header, payload, signature] = token.accessToken.split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, name: "Headteacher" })).toString("base64url");
    const response = await fetch(`${app.url}/api/me/records`, { headers: { authorization: `Bearer ${header}.${forged}.${signature}` } });
    assert.equal(response.status, 401);
  });

  it("serves the tab with a CSP that lets only Teams, Microsoft 365 and itself frame it", async () => {
    const response = await fetch(`${app.url}/tab/`);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /<nav class="pages" aria-label="Tab pages">/);
    const csp = response.headers.get("content-security-policy") ?? "";
    assert.match(csp, /frame-ancestors 'self' https:\/\/teams\.microsoft\.com https:\/\/\*\.teams\.microsoft\.com https:\/\/\*\.cloud\.microsoft/);
    assert.match(csp, /script-src 'self'; /);
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
    const bundle = await fetch(`${app.url}/tab/${/src="(build\/tab-\w+\.js)"/.exec(html)?.[1] ?? "missing"}`);
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get("content-type") ?? "", /javascript/);
  });
});

describe("the tab in tenant mode", () => {
  let api: TabApiHarness;
  before(async () => {
    api = await TabApiHarness.start();
  });
  after(async () => {
    await api.close();
  });

  it("has no local token issuer", async () => {
    assert.equal((await fetch(`${api.url}/local-auth/people`)).status, 404);
    assert.equal((await fetch(`${api.url}/local-auth/jwks`)).status, 404);
    const token = await fetch(`${api.url}/local-auth/token`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    assert.equal(token.status, 404);
  });

  it("lets only Teams and Microsoft 365 hosts frame the tab, not itself", async () => {
    const response = await fetch(`${api.url}/tab/`);
    const csp = response.headers.get("content-security-policy") ?? "";
    assert.match(csp, /frame-ancestors https:\/\/teams\.microsoft\.com .*https:\/\/outlook\.office\.com/);
    assert.doesNotMatch(csp, /'self' https:\/\/teams/);
  });

  it("refuses a report filed with an Entra token for another tenant even when the body is valid", async () => {
    const token = await api.token({ tenantId: "99999999-8888-7777-6666-555555555555" });
    const response = await api.request<ApiErrorBody>("POST", "/api/reports", token, validReportBody("compromised-account", api.clock.now()));
    assert.equal(response.status, 401);
    assert.equal(await api.reportCount(), 0);
  });
});
