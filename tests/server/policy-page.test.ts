import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startLocalApp, startTenantApp } from "./local-app.js";
import type { RunningApp } from "../../server/start.js";

describe("the policy pages", () => {
  let app: RunningApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it("shows the full Acceptable Use Policy with its version, sections, lists and declaration", async () => {
    app = await startLocalApp();
    const policy = app.services.policies.get("acceptable-use-policy");
    assert.ok(policy);
    const response = await fetch(`${app.url}/policies/acceptable-use-policy`);
    const html = await response.text();
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^text\/html/);
    assert.match(html, /<title>Staff IT Acceptable Use Policy<\/title>/);
    assert.match(html, /<h1>Staff IT Acceptable Use Policy<\/h1>/);
    assert.match(html, /Version 2026\.1/);
    assert.match(html, /<h2>1\. Introduction<\/h2>/);
    assert.match(html, /<h3>3\.10 Accidental Access to Inappropriate Material<\/h3>/);
    assert.match(html, /<ul>\n<li>could constitute bullying<\/li>\n<li>is sexually explicit or obscene<\/li>/);
    assert.match(html, /<p>2\.4 Use of e-mail and the Internet, which brings the school into disrepute/);
    assert.ok(html.includes(`<p class="declaration">${policy.declaration}</p>`), "declaration shown word for word");
  });

  it("is served in tenant mode too, because the bot's cards link to it", async () => {
    app = await startTenantApp();
    const response = await fetch(`${app.url}/policies/social-media-guidance`);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /<h1>Employee Guidance on the Use of Social Media<\/h1>/);
  });

  it("lists every policy with a link to its page", async () => {
    app = await startLocalApp();
    const html = await (await fetch(`${app.url}/policies`)).text();
    for (const policy of app.services.policies.all()) {
      assert.ok(html.includes(`<a href="/policies/${policy.id}">`), `no link to ${policy.id}`);
    }
  });

  it("answers an unknown policy with a 404 page that says where to look", async () => {
    app = await startLocalApp();
    const response = await fetch(`${app.url}/policies/%3Cb%3Enope%3C%2Fb%3E`);
    const html = await response.text();
    assert.equal(response.status, 404);
    assert.match(html, /<h1>Policy not found<\/h1>/);
    assert.match(html, /There is no policy &quot;&lt;b&gt;nope&lt;\/b&gt;&quot;\. <a href="\/policies">See all the school's policies<\/a>\./);
  });

  it("escapes everything an editor writes in a policy file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-policies-"));
    fs.writeFileSync(
      path.join(dir, "test-policy.md"),
      [
        "---",
        "id: test-policy",
        "version: 1",
        "title: Rules <script>alert(1)</script>",
        "summary: A summary with <b>tags</b> & ampersands.",
        'declaration: I confirm "<img src=x onerror=alert(1)>" is only text.',
        "audience: all-staff",
        "---",
        "Paragraph with <iframe src=evil></iframe> and **bold** words.",
        "- item <a href=javascript:alert(1)>x</a>",
      ].join("\n"),
    );
    app = await startLocalApp({ POLICIES_DIR: dir });
    const html = await (await fetch(`${app.url}/policies/test-policy`)).text();
    fs.rmSync(dir, { recursive: true, force: true });
    for (const raw of ["<script>", "<b>tags", "<img", "<iframe", "<a href=javascript"]) {
      assert.ok(!html.includes(raw), `unescaped ${raw}`);
    }
    assert.ok(html.includes("<h1>Rules &lt;script&gt;alert(1)&lt;/script&gt;</h1>"));
    assert.ok(html.includes("<p>Paragraph with &lt;iframe src=evil&gt;&lt;/iframe&gt; and <strong>bold</strong> words.</p>"));
    assert.ok(html.includes("&amp; ampersands."));
  });
});
