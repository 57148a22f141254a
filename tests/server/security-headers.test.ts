import assert from "node:assert/strict";
import http from "node:http";
import { startLocalApp, startTenantApp } from "./local-app.js";
import type { RunningApp } from "../../server/start.js";

/** What a browser is told not to do with an answer that is data, not a page. */
function assertInert(response: Response, what: string): void {
  assert.equal(response.headers.get("x-content-type-options"), "nosniff", `${what}: not sniffed`);
  const csp = response.headers.get("content-security-policy") ?? "";
  assert.match(csp, /default-src 'none'/, `${what}: nothing in it may run or load`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: not framed`);
  assert.equal(response.headers.get("referrer-policy"), "no-referrer", `${what}: no referrer`);
}

describe("security headers on every answer", () => {
  let app: RunningApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it("marks the bot's error replies, API errors and the health check as inert", async () => {
    app = await startTenantApp();
    const bot = await fetch(`${app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "message", serviceUrl: "https://smba.trafficmanager.net/uk/", channelId: "msteams", conversation: { id: "c" }, from: { id: "u" }, recipient: { id: "b" } }),
    });
    assert.equal(bot.status, 401);
    assert.match(bot.headers.get("content-type") ?? "", /^application\/json/);
    assertInert(bot, "the bot's 401");
    const api = await fetch(`${app.url}/api/me/records`);
    assert.equal(api.status, 401);
    assertInert(api, "the tab API's 401");
    assertInert(await fetch(`${app.url}/healthz`), "/healthz");
  });

  it("keeps the tab's own policy, which lets Teams frame it", async () => {
    app = await startLocalApp();
    const tab = await fetch(`${app.url}/tab/`);
    assert.match(tab.headers.get("content-security-policy") ?? "", /frame-ancestors 'self' https:\/\/teams\.microsoft\.com/);
    assert.equal(tab.headers.get("x-content-type-options"), "nosniff");
  });

  it("answers a badly encoded address with 400 saying so, not a complaint about JSON", async () => {
    app = await startLocalApp();
    const response = await fetch(`${app.url}/policies/%E0%A4%A`);
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { message: string } };
    assert.match(body.error.message, /could not be read: check its address/);
    assert.doesNotMatch(body.error.message, /JSON/);
  });
});

/** A GET naming the given Host, as a browser does for a host name it resolved to this machine. */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { host } }, (response) => {
      let body = "";
      response.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
  });
}

describe("local mode and DNS rebinding", () => {
  let app: RunningApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it("refuses a request naming a host other than 127.0.0.1 or localhost, so a web page cannot read the records", async () => {
    app = await startLocalApp();
    const port = new URL(app.url).port;
    const rebound = await getWithHost(`${app.url}/records`, `attacker.example:${port}`);
    assert.equal(rebound.status, 421);
    assert.match(rebound.body, /answers only at http:\/\/127\.0\.0\.1 or http:\/\/localhost/);
    assert.doesNotMatch(rebound.body, /Records \(local mode\)/);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const response = await getWithHost(`${app.url}/records`, host);
      assert.equal(response.status, 200, host);
      assert.match(response.body, /Records \(local mode\)/);
    }
  });

  it("answers any host name in tenant mode, where App Service and the bot's authentication stand guard", async () => {
    app = await startTenantApp();
    const response = await getWithHost(`${app.url}/healthz`, "aup.crich-carr.example");
    assert.equal(response.status, 200);
  });
});
