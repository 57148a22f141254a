import assert from "node:assert/strict";
import { createJsonLogger } from "../../server/json-logger.js";

/** The lines pino writes, as App Service's log stream and Log Analytics receive them. */
function collect(): { lines: Record<string, unknown>[]; destination: { write(line: string): void } } {
  const lines: Record<string, unknown>[] = [];
  return { lines, destination: { write: (line) => void lines.push(JSON.parse(line) as Record<string, unknown>) } };
}

describe("structured JSON logs", () => {
  it("writes one JSON object a line with level, time, app and message, errors with their type and message", () => {
    const { lines, destination } = collect();
    const log = createJsonLogger({ destination });
    log.info("School AUP app listening on http://127.0.0.1:3978 (tenant mode)");
    log.warn?.("SharePoint answered 503 serviceNotAvailable.");
    log.error("The outbox writer failed a round; it will try again.", new TypeError("boom"));
    assert.deepEqual(
      lines.map((line) => [line.level, line.app, line.msg]),
      [
        ["info", "school-it-aup", "School AUP app listening on http://127.0.0.1:3978 (tenant mode)"],
        ["warn", "school-it-aup", "SharePoint answered 503 serviceNotAvailable."],
        ["error", "school-it-aup", "The outbox writer failed a round; it will try again."],
      ],
    );
    assert.match(String(lines[0]?.time), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    assert.deepEqual([(lines[2]?.error as { type: string }).type, (lines[2]?.error as { message: string }).message], ["TypeError", "boom"]);
  });

  it("never writes a configured secret, a bearer token or a client_secret parameter", () => {
    const { lines, destination } = collect();
    const secret = "Qx8~s3cr3t.V4lue_from-Entra";
    const log = createJsonLogger({ destination, secrets: [secret] });
    log.error(`Token request with client_secret=${secret}&scope=x failed`, new Error(`Authorization: Bearer eyJhbGciOi.abc.def and ${secret}`));
    log.info(`secret is ${secret}`);
    const written = JSON.stringify(lines);
    assert.ok(!written.includes(secret), written);
    assert.ok(!written.includes("eyJhbGciOi"), written);
    assert.match(String(lines[0]?.msg), /client_secret=\[redacted\]&scope=x/);
    assert.match(String((lines[0]?.error as { message: string }).message), /Bearer \[redacted\] and \[redacted\]/);
    assert.equal(lines[1]?.msg, "secret is [redacted]");
  });
});
