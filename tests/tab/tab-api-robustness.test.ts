import assert from "node:assert/strict";
import fc from "fast-check";
import { REPORT_KIND_DEFINITIONS } from "../../records/report-kinds.js";
import { REPORT_KINDS } from "../../records/types.js";
import type { ReportCreated } from "../../tab/api/api-types.js";
import { testPerson } from "../support/tokens.js";
import { validReportBody } from "./report-bodies.js";
import { TabApiHarness } from "./tab-api-harness.js";

/** Plausible-looking answers of every wrong (and sometimes right) type, per field of a kind. */
const answer = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.boolean(),
  fc.integer(),
  fc.constant(null),
  fc.constantFrom("", " ", "true", "website", "school", "stolen", "2026-13-45T25:00:00Z", "1999-01-01T00:00:00Z"),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);

const nearlyValidBody = fc.constantFrom(...REPORT_KIND_DEFINITIONS).chain((kind) =>
  fc.record({
    kind: fc.oneof(fc.constant<unknown>(kind.id), fc.string()),
    fields: fc.dictionary(fc.constantFrom(...kind.fields.map((f) => f.id), "reporter", "__proto__", "constructor"), answer),
  }),
);

const anyBody = fc.oneof(
  nearlyValidBody.map((body) => JSON.stringify(body)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string(), // often not JSON at all
);

describe("tab API robustness", () => {
  let api: TabApiHarness;
  before(async () => {
    api = await TabApiHarness.start();
  });
  after(async () => {
    await api.close();
  });

  it("never answers 5xx to random bodies, records exactly what it accepts, and nothing it refuses", async () => {
    let person = 1000;
    await fc.assert(
      fc.asyncProperty(anyBody, async (raw) => {
        const before = await api.reportCount();
        // A fresh person each run, so the rate limit is not what answers.
        const token = await api.token({ person: testPerson(person++) });
        const response = await api.request<ReportCreated>("POST", "/api/reports", token, raw);
        const after = await api.reportCount();
        assert.ok(response.status < 500, `answered ${response.status} to ${raw}`);
        if (response.status === 201) {
          assert.equal(after, before + 1);
          const stored = await api.records.getReport(response.body.report.recordId);
          assert.equal(stored.reporter.id, testPerson(person - 1).id);
        } else {
          assert.equal(response.status, 400, `answered ${response.status} to ${raw}`);
          assert.equal(after, before, `recorded something for refused input ${raw}`);
        }
      }),
      { numRuns: 300 },
    );
    assert.equal(api.errors.length, 0, api.errors.join("\n"));
  });

  it("records all of 200 concurrent submissions from 200 people", async () => {
    const before = await api.reportCount();
    const people = Array.from({ length: 200 }, (_, i) => testPerson(5000 + i));
    const tokens = await Promise.all(people.map((person) => api.token({ person })));
    const responses = await Promise.all(
      tokens.map((token, i) =>
        api.request<ReportCreated>("POST", "/api/reports", token, validReportBody(REPORT_KINDS[i % REPORT_KINDS.length] ?? "lost-equipment", api.clock.now())),
      ),
    );
    assert.deepEqual(new Set(responses.map((r) => r.status)), new Set([201]));
    assert.equal(new Set(responses.map((r) => r.body.report.recordId)).size, 200);
    const stored = await api.records.listReports({});
    assert.equal(stored.length - before, 200);
    for (const person of people) {
      assert.equal(stored.filter((r) => r.reporter.id === person.id).length, 1, `${person.displayName} has one report`);
    }
  });
});

describe("tab API: bodies it cannot read", () => {
  let api: TabApiHarness;
  before(async () => {
    api = await TabApiHarness.start();
  });
  after(async () => {
    await api.close();
  });

  const post = async (headers: Record<string, string>) => {
    const response = await fetch(`${api.url}/api/reports`, {
      method: "POST",
      headers: { authorization: `Bearer ${await api.token()}`, ...headers },
      body: JSON.stringify(validReportBody("lost-equipment", api.clock.now())),
    });
    return { status: response.status, body: (await response.json()) as { error: { code: string; message: string } } };
  };

  it("answers 415 saying how to send it, not 500, to a compression it does not know; records and logs nothing", async () => {
    const response = await post({ "content-type": "application/json", "content-encoding": "zstd-ish" });
    assert.equal(response.status, 415);
    assert.match(response.body.error.message, /JSON in UTF-8, uncompressed or gzip-compressed/);
    assert.equal(await api.reportCount(), 0);
    assert.deepEqual(api.errors, [], "a caller's mistake is not logged as our failure");
  });

  it("answers 415 to a character set it cannot decode", async () => {
    const response = await post({ "content-type": "application/json; charset=klingon" });
    assert.equal(response.status, 415);
    assert.equal(response.body.error.code, "UnsupportedMediaType");
    assert.equal(await api.reportCount(), 0);
  });
});
