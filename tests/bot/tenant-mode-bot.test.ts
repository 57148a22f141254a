import assert from "node:assert/strict";
import { startTenantApp } from "../server/local-app.js";
import type { RunningApp } from "../../server/start.js";
import { cardActionInvoke, testUser } from "../support/teams-activities.js";

// In tenant mode the Bot Connector must prove itself with a signed token; nothing else gets a turn.
describe("the bot in tenant mode", () => {
  let app: RunningApp;
  before(async () => {
    app = await startTenantApp();
  });
  after(async () => {
    await app.close();
  });

  const post = (headers: Record<string, string>) =>
    fetch(`${app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(
        cardActionInvoke("https://smba.trafficmanager.net/uk/", testUser("Alex Wilber", "aaaaaaaa-0000-4000-8000-000000000003"), {
          verb: "policy.acknowledge",
          data: { policyId: "acceptable-use-policy", policyVersion: "2026.1", cycle: "2026/27" },
        }),
      ),
    });

  for (const [name, headers] of [
    ["no Authorization header", {}],
    ["a bearer token that is not a JWT", { authorization: "Bearer not-a-token" }],
  ] as const) {
    it(`refuses an activity with ${name} (401) before the bot sees it`, async () => {
      const response = await post(headers);
      assert.equal(response.status, 401);
      assert.match(await response.text(), /Unauthorized/i);
    });
  }
});
