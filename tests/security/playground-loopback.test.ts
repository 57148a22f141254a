import assert from "node:assert/strict";
import type { RunningPlayground } from "../../scripts/agents-playground.js";
import { startAppWithPlayground, type AppWithPlayground } from "../support/playground-app.js";
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
  let local: AppWithPlayground | undefined;
  let playground: RunningPlayground;
  let output: string[] = [];

  before(async () => {
    local = await startAppWithPlayground("aup-loopback-", { CAMPAIGN_CHECK_EVERY_MINUTES: "0" });
    ({ playground, output } = local);
  });

  after(async () => {
    await local?.close();
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
