import assert from "node:assert/strict";
import type { ApiErrorBody, MyRecords } from "../../tab/api/api-types.js";
import {
  OTHER_TENANT_ID,
  SAM_TEACHER,
  TEST_CLIENT_ID,
  TEST_TAB_DOMAIN,
  tamperedToken,
  testPerson,
  unsignedToken,
} from "../support/tokens.js";
import { validReportBody } from "./report-bodies.js";
import { TabApiHarness } from "./tab-api-harness.js";

describe("tab API sign-in (Teams SSO tokens checked against Entra's keys)", () => {
  let api: TabApiHarness;
  beforeEach(async () => {
    api = await TabApiHarness.start();
  });
  afterEach(async () => {
    await api.close();
  });

  it("accepts a valid token and takes the person from it", async () => {
    const response = await api.request<MyRecords>("GET", "/api/me/records", await api.token());
    assert.equal(response.status, 200);
    assert.equal(response.body.person.displayName, "Sam Teacher");
    assert.equal(response.body.person.upn, SAM_TEACHER.upn);
    assert.ok(api.entra.keyFetches >= 1, "the signature was checked against keys fetched from Entra");
  });

  it("accepts the Application ID URI (api://host/clientId) as the audience", async () => {
    const token = await api.token({ audience: `api://${TEST_TAB_DOMAIN}/${TEST_CLIENT_ID}` });
    assert.equal((await api.request("GET", "/api/policies", token)).status, 200);
  });

  const rejected: ReadonlyArray<[string, (api: TabApiHarness) => Promise<string | undefined>, RegExp]> = [
    ["no token", () => Promise.resolve(undefined), /Sign in first/],
    ["a token that is not a JWT", () => Promise.resolve("not-a-token"), /malformed/],
    ["a bad signature (payload edited to impersonate someone)", (a) => tamperedToken(a.entra, testPerson(7)), /signature is not valid/],
    ["a signature from a key Entra does not hold", (a) => a.token({ signWithForeignKey: true }), /signature is not valid/],
    ["alg: none", (a) => unsignedToken(a.entra), /not signed the way Microsoft Entra signs/],
    ["the wrong audience", (a) => a.token({ audience: "api://someone-else/ffffffff-0000-0000-0000-000000000000" }), /another application/],
    ["the wrong issuer", (a) => a.token({ issuer: "https://sts.windows.net/11111111-2222-3333-4444-555555555555/" }), /not issued by Microsoft Entra/],
    ["another tenant (issuer and tid)", (a) => a.token({ tenantId: OTHER_TENANT_ID }), /not issued by Microsoft Entra for this school's organisation/],
    ["another tenant's tid under our issuer", (a) => a.token({ claims: { tid: OTHER_TENANT_ID } }), /another organisation/],
    ["an expired token", (a) => a.token({ expiresIn: -600 }), /expired/],
    ["a token not valid yet", (a) => a.token({ notBeforeIn: 600 }), /not valid yet/],
    ["a token without the access_as_user scope", (a) => a.token({ claims: { scp: "User.Read" } }), /access_as_user/],
    ["a token without any scope", (a) => a.token({ claims: { scp: undefined } }), /access_as_user/],
    ["a token without an object id", (a) => a.token({ claims: { oid: undefined } }), /who you are/],
  ];

  for (const [name, makeToken, message] of rejected) {
    it(`answers 401 with a clear message, and records nothing, for ${name}`, async () => {
      const token = await makeToken(api);
      const response = await api.request<ApiErrorBody>("POST", "/api/reports", token, validReportBody("lost-equipment", api.clock.now()));
      assert.equal(response.status, 401);
      assert.equal(response.body.error.code, "AuthError");
      assert.match(response.body.error.message, message);
      assert.equal(await api.reportCount(), 0);
      assert.equal(api.alerts.filed.length, 0);
    });
  }

  it("answers 403 to an app-only token: a known caller that is not a person", async () => {
    const token = await api.token({ claims: { scp: undefined, roles: ["Reports.ReadWrite.All"], idtyp: "app" } });
    const response = await api.request<ApiErrorBody>("POST", "/api/reports", token, validReportBody("lost-equipment", api.clock.now()));
    assert.equal(response.status, 403);
    assert.match(response.body.error.message, /signed-in member of staff/);
    assert.equal(await api.reportCount(), 0);
  });

  it("lets a token expire on the server's clock, within a minute's tolerance for skew", async () => {
    const token = await api.token({ expiresIn: 300 });
    api.clock.advanceSeconds(330);
    assert.equal((await api.request("GET", "/api/policies", token)).status, 200);
    api.clock.advanceSeconds(60);
    const response = await api.request<ApiErrorBody>("GET", "/api/policies", token);
    assert.equal(response.status, 401);
    assert.match(response.body.error.message, /expired/);
  });
});

describe("tab API when Entra's keys cannot be fetched", () => {
  it("answers 503 (try again), not 401 (not signed in), and records nothing", async () => {
    // Port 9 (discard) on loopback refuses connections: Entra is "down".
    const api = await TabApiHarness.start({ authorityHost: "http://127.0.0.1:9" });
    try {
      const response = await api.request<ApiErrorBody>("POST", "/api/reports", await api.token(), validReportBody("lost-equipment", api.clock.now()));
      assert.equal(response.status, 503);
      // What to do, and a reference to quote; Entra's address and error stay in the log.
      assert.match(response.body.error.message, /^Something went wrong on our side; try again in a few minutes\. .* quote ref [A-Z0-9]{6}\.$/);
      assert.deepEqual(api.errors.map((line) => line.replace(/ref \w{6}/, "ref ?")), ["Request failed (ref ?)"]);
      assert.equal(await api.reportCount(), 0);
    } finally {
      await api.close();
    }
  });
});

describe("tab API when the tenant id was set in capitals", () => {
  it("still accepts Entra's tokens, which name the tenant in lower case", async () => {
    const schoolTenant = "abcdef01-2345-4678-9abc-def012345678";
    const api = await TabApiHarness.start({ env: { AAD_APP_TENANT_ID: schoolTenant.toUpperCase() } });
    try {
      const response = await api.request<MyRecords>("GET", "/api/me/records", await api.token({ tenantId: schoolTenant }));
      assert.equal(response.status, 200);
      assert.equal(response.body.person.displayName, "Sam Teacher");
      const other = await api.request<ApiErrorBody>("GET", "/api/me/records", await api.token({ claims: { tid: OTHER_TENANT_ID } }));
      assert.equal(other.status, 401, "another tenant is still refused");
    } finally {
      await api.close();
    }
  });
});
