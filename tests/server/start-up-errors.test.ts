import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../server/config.js";
import { startApp } from "../../server/start.js";
import { explainStartUpFailure } from "../../server/start-up-errors.js";

const quiet = { info: (): void => undefined, error: (): void => undefined };

describe("starting the app a second time", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-twice-"));
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("says another copy is running, on the same port or on the same data folder, instead of a stack trace", async () => {
    const first = await startApp(loadConfig({ PORT: "0", DATA_DIR: dataDir }), { log: quiet });
    try {
      const samePort = await startApp(loadConfig({ PORT: String(new URL(first.url).port), DATA_DIR: dataDir }), { log: quiet }).catch(
        (error: unknown) => error,
      );
      assert.match(explainStartUpFailure(samePort) ?? "", /^The port is already in use: is the app already running\?/);

      const sameData = await startApp(loadConfig({ PORT: "0", DATA_DIR: dataDir }), { log: quiet }).catch((error: unknown) => error);
      assert.equal(explainStartUpFailure(sameData), `Another copy of the app is already using the data folder ${dataDir}. Stop it first, or set DATA_DIR to another folder.`);
    } finally {
      await first.close();
    }
    assert.equal(explainStartUpFailure(new Error("disk on fire")), undefined, "our own failures keep their stack trace");
  });
});
