// What loadConfig refuses: the problems it names, in order, for tests of the configuration.
import assert from "node:assert/strict";
import { ConfigError, loadConfig } from "../../server/config.js";

/** A root that is not this checkout: relative settings resolve against it. */
export const CONFIG_ROOT = "/srv/aup";

export function problemsOf(env: Record<string, string>, root = CONFIG_ROOT): readonly string[] {
  try {
    loadConfig(env, root);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail("expected loadConfig to reject the configuration");
}
