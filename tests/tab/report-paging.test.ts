// The incident log in pages through the tab API: newest first, 50 a page unless asked (at most 200), the filters
// applied before paging with the counts of the filtered view, and a safeguarding concern kept from the IT
// technician on every page and in every count, while the CSV still has every report the role may see.
import assert from "node:assert/strict";
import type { ApiErrorBody } from "../../tab/api/api-types.js";
import type { ReportList } from "../../tab/api/headteacher/headteacher-types.js";
import type { IncidentReport } from "../../records/types.js";
import { alice, report } from "../server/local-app.js";
import { HEAD_BY_ID, TECH_BY_ID } from "./support/headteacher-fixtures.js";
import { TabApiHarness } from "./tab-api-harness.js";
import { reportRow } from "../../tab/api/headteacher/report-routes.js";

const ROUTINE = 130;
/** Every tenth hour a safeguarding concern: 13 among the 130 routine reports. */
const CONCERNS = 13;

function filed(n: number, now: Date, overrides: Partial<IncidentReport> = {}): IncidentReport {
  const at = new Date(now.getTime() - n * 3_600_000).toISOString();
  return report({ recordId: `rep-${String(n).padStart(4, "0")}`, reporter: alice, reportedAt: at, occurredAt: at, statusChangedAt: at, summary: `Report ${n}`, urgent: n % 3 === 0, ...overrides });
}

describe("the incident log in pages (tab API)", () => {
  let api: TabApiHarness;
  let head: string;
  let tech: string;
  before(async () => {
    api = await TabApiHarness.start();
    const now = api.clock.now();
    // Saved oldest first, so only the route's ordering can put the newest first.
    for (let n = ROUTINE + CONCERNS - 1; n >= 0; n--) {
      const concern = n % 10 === 5 && n < CONCERNS * 10;
      await api.records.saveReport(concern ? filed(n, now, { kind: "pupil-contact", summary: `Concern ${n}`, urgent: true }) : filed(n, now));
    }
    head = await api.token({ person: HEAD_BY_ID });
    tech = await api.token({ person: TECH_BY_ID });
  });
  after(async () => {
    await api.close();
  });

  const list = async (token: string, query = "") => {
    const answer = await api.request<ReportList>("GET", `/api/headteacher/reports${query}`, token);
    assert.equal(answer.status, 200, query);
    return answer.body;
  };
  const numbers = (page: ReportList) => page.reports.map((row) => Number(row.recordId.slice(4)));

  it("gives 50 a page, newest first, with the total, and the rest on the pages after", async () => {
    const first = await list(head);
    assert.deepEqual({ page: first.page, pageSize: first.pageSize, pages: first.pages, total: first.total, unfiltered: first.unfiltered }, { page: 1, pageSize: 50, pages: 3, total: 143, unfiltered: 143 });
    assert.deepEqual(numbers(first), Array.from({ length: 50 }, (_, i) => i));
    const third = await list(head, "?page=3");
    assert.deepEqual(numbers(third), Array.from({ length: 43 }, (_, i) => 100 + i));
    const big = await list(head, "?pageSize=200");
    assert.equal(big.reports.length, 143);
    assert.equal(big.pages, 1);
    const past = await list(head, "?page=4");
    assert.deepEqual([past.reports.length, past.total, past.pages], [0, 143, 3], "past the last page: none, with the counts");
  });

  it("applies the filters before paging, and counts the filtered view", async () => {
    const urgent = await list(head, "?urgent=yes&kind=lost-equipment&pageSize=20");
    const expected = Array.from({ length: ROUTINE + CONCERNS }, (_, n) => n).filter((n) => n % 3 === 0 && !(n % 10 === 5 && n < CONCERNS * 10));
    assert.equal(urgent.total, expected.length);
    assert.equal(urgent.unfiltered, 143);
    assert.deepEqual(numbers(urgent), expected.slice(0, 20));
    const second = await list(head, "?urgent=yes&kind=lost-equipment&pageSize=20&page=2");
    assert.deepEqual(numbers(second), expected.slice(20, 40));
    assert.ok(second.reports.every((row) => row.urgent && row.kind === "lost-equipment"));
  });

  it("keeps every safeguarding concern from the IT technician, on every page and in every count", async () => {
    const seen: number[] = [];
    for (let page = 1; ; page++) {
      const body = await list(tech, `?page=${page}`);
      assert.equal(body.total, ROUTINE);
      assert.equal(body.unfiltered, ROUTINE);
      assert.ok(body.reports.every((row) => row.kind !== "pupil-contact" && !row.summary.startsWith("Concern")), `page ${page}`);
      seen.push(...numbers(body));
      if (page >= body.pages) break;
    }
    assert.equal(seen.length, ROUTINE);
    assert.equal(new Set(seen).size, ROUTINE, "no report on two pages");
    const concerns = await list(tech, "?kind=pupil-contact");
    assert.deepEqual([concerns.reports.length, concerns.total, concerns.pages], [0, 0, 1]);
    // The headteacher sees them, in order among the rest.
    assert.equal((await list(head, "?kind=pupil-contact")).total, CONCERNS);

    const csv = await api.request<string>("GET", "/api/headteacher/reports.csv", tech);
    assert.equal(csv.body.trimEnd().split("\r\n").length, ROUTINE + 1, "the CSV has every report the IT technician may see, not a page");
    assert.equal(csv.body.includes("Concern"), false);
    const headCsv = await api.request<string>("GET", "/api/headteacher/reports.csv", head);
    assert.equal(headCsv.body.trimEnd().split("\r\n").length, ROUTINE + CONCERNS + 1);
  });

  it("offers each role only the kinds it may see for the Kind filter", async () => {
    assert.ok((await list(head)).kinds.includes("pupil-contact"));
    const offered = (await list(tech)).kinds;
    assert.ok(offered.includes("lost-equipment"));
    assert.ok(!offered.includes("pupil-contact"), "the IT technician is not told safeguarding concerns are a kind of report here");
  });

  it("refuses a page or page size that is not a whole number in range, naming each", async () => {
    const bad = await api.request<ApiErrorBody>("GET", "/api/headteacher/reports?page=0&pageSize=500", head);
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.error.details, ["page must be a whole number from 1 to 1,000,000.", "pageSize must be a whole number from 1 to 200."]);
    const words = await api.request<ApiErrorBody>("GET", "/api/headteacher/reports?page=two", head);
    assert.equal(words.status, 400);
    assert.deepEqual(words.body.error.details, ["page must be a whole number from 1 to 1,000,000."]);
  });

  it("shows each report by the short reference staff quote, finds one by it, and keeps a concern's reference from the IT technician", async () => {
    const seventh = await api.records.getReport("rep-0007");
    const concern = await api.records.getReport("rep-0005");
    assert.match(seventh.reference ?? "", /^R-\d{4}-\d{4}$/);
    const first = await list(head);
    assert.equal(first.reports.find((row) => row.recordId === "rep-0007")?.reference, seventh.reference);
    // Quoted as people write it: any case, with spaces around it.
    const found = await list(head, `?reference=${encodeURIComponent(` ${(seventh.reference ?? "").toLowerCase()} `)}`);
    assert.deepEqual([found.total, numbers(found)], [1, [7]]);
    const csv = await api.request<string>("GET", `/api/headteacher/reports.csv?reference=${seventh.reference}`, head);
    assert.match(csv.body.replace(/^\uFEFF/, "").trimEnd().split("\r\n")[1] ?? "", new RegExp(`^${seventh.reference},`));
    assert.equal((await list(head, "?reference=R-1999-0001")).total, 0);
    assert.equal((await list(head, `?reference=${concern.reference}`)).total, 1);
    assert.equal((await list(tech, `?reference=${concern.reference}`)).total, 0, "a concern stays out of the IT technician's view, however it is asked for");
  });

  it("shows a report saved before references existed by its record id", () => {
    const older = filed(1, new Date());
    assert.equal(older.reference, undefined);
    assert.equal(reportRow(older, new Date()).reference, older.recordId);
  });
});
