import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startAgentsPlayground, type RunningPlayground } from "../../scripts/agents-playground.js";
import { loadConfig } from "../../server/config.js";
import { startApp, type RunningApp } from "../../server/start.js";
import { PlaygroundClient } from "../e2e/playground-client.js";
import { nonLoopbackIPv4 } from "./network.js";

/** How a connection attempt ended: "refused" when nothing listens there, "answered", or what went wrong. */
async function reach(url: string): Promise<string> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return "answered";
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    return code === "ECONNREFUSED" ? "refused" : `failed: ${String(code ?? error)}`;
  }
}

// `npm start` runs the Playground; anyone who could reach it could act as any local user.
describe("the Agents Playground that npm start runs listens on this machine only", function () {
  this.timeout(60_000);
  let dataDir: string;
  let app: RunningApp;
  let playground: RunningPlayground;
  const output: string[] = [];

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-loopback-"));
    app = await startApp(loadConfig({ PORT: "0", DATA_DIR: dataDir, CAMPAIGN_CHECK_EVERY_MINUTES: "0" }, process.cwd()), {
      log: { info: () => undefined, error: (message, error) => output.push(`${message} ${String(error)}`) },
    });
    playground = await startAgentsPlayground({
      rootDir: process.cwd(),
      botEndpoint: `${app.url}/api/messages`,
      port: 0,
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: "none" },
      onOutput: (line) => output.push(line),
    });
  });

  after(async () => {
    await playground?.stop();
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("cannot be reached on the machine's network address", async () => {
    const address = nonLoopbackIPv4();
    // Without a network address, the preload's report below is the whole check.
    if (address) assert.equal(await reach(`http://${address}:${new URL(playground.url).port}/_internal/v1/testConfig`), "refused");
    const bound = output.filter((line) => line.startsWith("loopback-only: bound to "));
    assert.ok(bound.length >= 1, `the preload reported where the Playground listens: ${output.join("\n")}`);
    assert.deepEqual(
      bound.filter((line) => !line.startsWith("loopback-only: bound to 127.0.0.1 ")),
      [],
      "every socket the Playground opened is on loopback",
    );
    assert.ok(bound.some((line) => line.endsWith(` port ${new URL(playground.url).port}`)), "its web port is among them");
  });

  it("still works on 127.0.0.1: a message typed in the Playground is answered by the bot", async () => {
    const client = await PlaygroundClient.connect(playground.url);
    try {
      await client.say("help");
      const reply = await client.waitForMessage((m) => /I send you the school's IT policies/.test(m.text ?? ""), "help text");
      assert.match(reply.text ?? "", /\*\*status\*\*/);
    } finally {
      client.close();
    }
    assert.deepEqual(output.filter((line) => /error/i.test(line) && !line.startsWith("loopback-only")), []);
  });
});
