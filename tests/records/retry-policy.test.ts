import assert from "node:assert/strict";
import { backoffMs, createOutcome, nextDelayMs, retryAfterMs } from "../../records/graph/retry-policy.js";

describe("Graph retry policy", () => {
  const now = new Date("2026-11-02T09:00:00Z");

  it("reads Retry-After as seconds or as an HTTP date", () => {
    assert.equal(retryAfterMs("7", now), 7000);
    assert.equal(retryAfterMs("Mon, 02 Nov 2026 09:00:30 GMT", now), 30_000);
    assert.equal(retryAfterMs(undefined, now), undefined);
    assert.equal(retryAfterMs("soon", now), undefined);
  });

  it("backs off exponentially with jitter, up to a cap, when Graph gives no Retry-After", () => {
    const low = { baseMs: 1000, maxMs: 60_000, random: () => 0 };
    const high = { ...low, random: () => 0.999 };
    assert.deepEqual([1, 2, 3, 4].map((attempt) => backoffMs(attempt, low)), [500, 1000, 2000, 4000]);
    assert.deepEqual([1, 2, 3, 4].map((attempt) => backoffMs(attempt, high)), [1000, 1999, 3998, 7996]);
    assert.equal(backoffMs(20, high), 59_970);
    assert.equal(nextDelayMs(3, "12", now, low), 12_000, "Retry-After wins over backoff");
  });

  it("decides, per create, between done, retry and park", () => {
    const duplicate = { error: { code: "invalidRequest", message: "duplicate values were found in the following field(s) in the list: [RecordId]" } };
    assert.equal(createOutcome(201, {}), "done");
    assert.equal(createOutcome(409, {}), "done");
    assert.equal(createOutcome(400, duplicate), "done");
    for (const status of [429, 500, 502, 503, 504, 401, 403, 404]) assert.equal(createOutcome(status, {}), "retry", String(status));
    for (const status of [400, 413, 422]) assert.equal(createOutcome(status, { error: { message: "Field 'X' is not recognized" } }), "park", String(status));
  });
});
