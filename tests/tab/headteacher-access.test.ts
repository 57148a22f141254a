// Who may use the headteacher's API: Entra app roles from a validated token, or the configured object ids.
import assert from "node:assert/strict";
import type { ApiErrorBody } from "../../tab/api/api-types.js";
import type { MyRoles } from "../../tab/api/headteacher/headteacher-types.js";
import { SAM_TEACHER, tamperedToken } from "../support/tokens.js";
import { CampaignDouble, DEPUTY_HEAD, HEAD_BY_ID, loan, TECH_BY_ID } from "./support/headteacher-fixtures.js";
import { validReportBody } from "./report-bodies.js";
import { TabApiHarness } from "./tab-api-harness.js";

/**
 * Every headteacher route, with a body where it takes one; "headteacher" marks those the IT technician may not use;
 * `status` is what a permitted call answers when not 200 (202: accepted, still going on after the answer).
 */
export const HEADTEACHER_ROUTES: ReadonlyArray<{ method: string; path: string; body?: unknown; only?: "headteacher"; status?: number }> = [
  { method: "GET", path: "/api/headteacher/glance" },
  { method: "GET", path: "/api/headteacher/outstanding.csv" },
  { method: "GET", path: "/api/headteacher/people" },
  { method: "POST", path: "/api/headteacher/remind", body: {}, status: 202 },
  { method: "GET", path: "/api/headteacher/reports" },
  { method: "GET", path: "/api/headteacher/reports.csv" },
  { method: "GET", path: "/api/headteacher/reports/{report}" },
  { method: "POST", path: "/api/headteacher/reports/{report}/status", body: { status: "Closed", note: "Dealt with" } },
  { method: "GET", path: "/api/headteacher/laptops" },
  { method: "GET", path: "/api/headteacher/laptops.csv" },
  { method: "POST", path: "/api/headteacher/laptops/{loan}/return", body: { condition: "Full working condition", assetTagAttached: true } },
  { method: "GET", path: `/api/headteacher/subject-access/${SAM_TEACHER.id}`, only: "headteacher" },
  { method: "GET", path: "/api/headteacher/retention", only: "headteacher" },
  { method: "GET", path: "/api/headteacher/governors", only: "headteacher" },
];

describe("headteacher API: who may use it", () => {
  let api: TabApiHarness;
  let campaign: CampaignDouble;
  let reportId: string;
  let loanId: string;

  beforeEach(async () => {
    campaign = new CampaignDouble([SAM_TEACHER]);
    api = await TabApiHarness.start({ campaign });
    const filed = await api.request<{ report: { recordId: string } }>("POST", "/api/reports", await api.token(), validReportBody("lost-equipment", api.clock.now()));
    reportId = filed.body.report.recordId;
    const borrowed = loan(1, SAM_TEACHER);
    await api.records.laptopLoans.save(borrowed);
    loanId = borrowed.recordId;
  });
  afterEach(async () => {
    await api.close();
  });

  const path = (route: { path: string }) => route.path.replace("{report}", reportId).replace("{loan}", loanId);

  for (const route of HEADTEACHER_ROUTES) {
    it(`refuses a member of staff with 403 on ${route.method} ${route.path}, changing nothing`, async () => {
      const response = await api.request<ApiErrorBody>(route.method, path(route), await api.token({ person: SAM_TEACHER }), route.body);
      assert.equal(response.status, 403);
      assert.equal(response.body.error.code, "AuthError");
      assert.match(response.body.error.message, /^Only the headteacher/);
      assert.equal((await api.records.getReport(reportId)).status, "New");
      assert.equal((await api.records.laptopLoans.get(loanId)).status, "Confirmed");
      assert.equal(campaign.passes, 0);
    });

    it(`lets the headteacher by Entra app role use ${route.method} ${route.path}`, async () => {
      const token = await api.token({ person: DEPUTY_HEAD, claims: { roles: ["Headteacher"] } });
      const response = await api.request(route.method, path(route), token, route.body);
      assert.equal(response.status, route.status ?? 200, JSON.stringify(response.body));
    });

    it(`${route.only ? "refuses" : "lets"} the IT technician by app role ${route.only ? "with 403 on" : "use"} ${route.method} ${route.path}`, async () => {
      const token = await api.token({ person: DEPUTY_HEAD, claims: { roles: ["ITTechnician"] } });
      const response = await api.request(route.method, path(route), token, route.body);
      assert.equal(response.status, route.only ? 403 : (route.status ?? 200));
    });
  }

  it("falls back to the configured object ids when the token carries no roles", async () => {
    for (const [person, status] of [[HEAD_BY_ID, 200], [TECH_BY_ID, 403]] as const) {
      const response = await api.request("GET", `/api/headteacher/subject-access/${SAM_TEACHER.id}`, await api.token({ person }));
      assert.equal(response.status, status, person.displayName);
    }
    assert.equal((await api.request("GET", "/api/headteacher/laptops", await api.token({ person: TECH_BY_ID }))).status, 200);
  });

  it("never counts a roles claim on a token that fails validation", async () => {
    const forged = [
      await api.token({ person: SAM_TEACHER, claims: { roles: ["Headteacher"] }, signWithForeignKey: true }),
      await api.token({ person: SAM_TEACHER, claims: { roles: ["Headteacher"] }, expiresIn: -600 }),
      await api.token({ person: SAM_TEACHER, claims: { roles: ["Headteacher"] }, audience: "api://elsewhere/ffffffff-0000-0000-0000-000000000000" }),
      await tamperedToken(api.entra, HEAD_BY_ID),
    ];
    for (const token of forged) {
      const response = await api.request<ApiErrorBody>("GET", "/api/headteacher/reports", token);
      assert.equal(response.status, 401);
    }
    // A payload edited to add the role keeps the original signature, which no longer matches.
    const [header, payload, signature] = (await api.token({ person: SAM_TEACHER })).split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
    const withRole = Buffer.from(JSON.stringify({ ...claims, roles: ["Headteacher"] })).toString("base64url");
    assert.equal((await api.request("GET", "/api/headteacher/reports", `${header}.${withRole}.${signature}`)).status, 401);
  });

  it("ignores roles the app does not define, and a roles claim that is not a list", async () => {
    for (const roles of [["Administrator"], "Headteacher", [{ value: "Headteacher" }]]) {
      const response = await api.request("GET", "/api/headteacher/reports", await api.token({ person: SAM_TEACHER, claims: { roles } }));
      assert.equal(response.status, 403, JSON.stringify(roles));
    }
  });

  it("tells the tab which pages to show: none for staff, the headteacher's for role holders", async () => {
    const staff = await api.request<MyRoles>("GET", "/api/me/roles", await api.token({ person: SAM_TEACHER }));
    assert.equal(staff.status, 200);
    assert.deepEqual(staff.body.roles, []);
    const both = await api.request<MyRoles>("GET", "/api/me/roles", await api.token({ person: DEPUTY_HEAD, claims: { roles: ["Headteacher", "ITTechnician"] } }));
    assert.deepEqual(both.body.roles, ["headteacher", "it-technician"]);
    assert.equal((await api.request("GET", "/api/me/roles", undefined)).status, 401);
  });
});
