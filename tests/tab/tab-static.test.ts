// How the tab's code reaches a browser: a content-hashed bundle, compressed at build time (Brotli and
// gzip), served in the encoding the browser asks for and cached for a year; index.html revalidated each time.
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { buildTab, type TabBuild } from "../../scripts/build-tab.js";
import { loadConfig } from "../../server/config.js";
import { startApp, type RunningApp } from "../../server/start.js";

interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** node:http, not fetch: fetch would decompress and hide the bytes on the wire. */
function get(url: string, acceptEncoding?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on("error", reject);
  });
}

const A_YEAR = /^public, max-age=31536000, immutable$/;

describe("the tab's static files", () => {
  let app: RunningApp;
  let dataDir: string;
  let built: TabBuild;
  let bundleUrl: string;
  before(async () => {
    built = await buildTab();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-tab-static-"));
    app = await startApp(loadConfig({ PORT: "0", DATA_DIR: dataDir }), { log: { info: () => undefined, error: () => undefined } });
    const page = await get(`${app.url}/tab/`);
    const src = /<script type="module" src="(build\/[^"]+)"><\/script>/.exec(page.body.toString())?.[1] ?? "";
    bundleUrl = `${app.url}/tab/${src}`;
  });
  after(async () => {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("names the bundle by its content and points index.html, revalidated each time, at it", async () => {
    assert.match(path.basename(built.outFile), /^tab-[A-Z0-9]{8,}\.js$/);
    assert.equal(bundleUrl, `${app.url}/tab/build/${path.basename(built.outFile)}`);
    const page = await get(`${app.url}/tab/`, "br, gzip");
    assert.equal(page.status, 200);
    assert.equal(page.headers["cache-control"], "no-cache");
    assert.match(String(page.headers["content-security-policy"]), /script-src 'self'/);
    assert.equal((await get(`${app.url}/tab/index.html`)).body.toString(), page.body.toString());
  });

  it("serves the bundle Brotli-compressed to a browser that accepts br, cached for a year", async () => {
    const raw = fs.readFileSync(built.outFile);
    const response = await get(bundleUrl, "gzip, deflate, br, zstd");
    assert.equal(response.status, 200);
    assert.equal(response.headers["content-encoding"], "br");
    assert.match(response.headers["content-type"] ?? "", /^text\/javascript; charset=utf-8$/);
    assert.match(response.headers["cache-control"] ?? "", A_YEAR);
    assert.match(response.headers.vary ?? "", /Accept-Encoding/i);
    assert.equal(response.body.length, built.brotliBytes);
    assert.ok(response.body.length < raw.length / 3, `${response.body.length} bytes on the wire for ${raw.length} bytes of code`);
    assert.deepEqual(brotliDecompressSync(response.body), raw);
  });

  it("serves gzip to a browser without br, and the plain file to one that asks for neither", async () => {
    const raw = fs.readFileSync(built.outFile);
    const gzip = await get(bundleUrl, "gzip");
    assert.equal(gzip.headers["content-encoding"], "gzip");
    assert.equal(gzip.body.length, built.gzipBytes);
    assert.deepEqual(gunzipSync(gzip.body), raw);
    assert.match(gzip.headers["cache-control"] ?? "", A_YEAR);

    for (const acceptEncoding of [undefined, "identity", "br;q=0, gzip;q=0"]) {
      const plain = await get(bundleUrl, acceptEncoding);
      assert.equal(plain.status, 200, String(acceptEncoding));
      assert.equal(plain.headers["content-encoding"], undefined, String(acceptEncoding));
      assert.deepEqual(plain.body, raw);
      assert.match(plain.headers["cache-control"] ?? "", A_YEAR);
    }
  });

  it("answers 404 for a bundle name that is not the current build", async () => {
    const stale = await get(`${app.url}/tab/build/tab-AAAAAAAA.js`, "br");
    assert.equal(stale.status, 404);
    assert.equal((await get(`${app.url}/tab/build/tab.js`, "br")).status, 404);
  });
});
