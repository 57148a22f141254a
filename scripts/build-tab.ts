// Bundles the tab's browser code (tab/web) into tab/public/build/ with esbuild under a content-hashed name,
// compresses it once here (Brotli and gzip, at their best settings) so the server never compresses per
// request, and writes the manifest through which tab/api/tab-static.ts points index.html at it.
// Run by `npm run build`; the browser tests call buildTab() before they start.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import { build } from "esbuild";
import { TAB_MANIFEST_FILE, type TabManifest } from "../tab/api/tab-static.js";

export interface TabBuild {
  readonly outFile: string;
  readonly bytes: number;
  /** The sizes a browser downloads with each encoding the server offers. */
  readonly gzipBytes: number;
  readonly brotliBytes: number;
}

export async function buildTab(rootDir = process.cwd()): Promise<TabBuild> {
  const publicDir = path.join(rootDir, "tab/public");
  const buildDir = path.join(publicDir, "build");
  // Old hashed bundles would otherwise pile up with every build.
  fs.rmSync(buildDir, { recursive: true, force: true });
  const result = await build({
    entryPoints: { tab: path.join(rootDir, "tab/web/main.ts") },
    outdir: buildDir,
    entryNames: "[name]-[hash]",
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["es2022", "chrome109", "safari16"],
    minify: true,
    sourcemap: "linked",
    legalComments: "linked",
    logLevel: "warning",
    metafile: true,
  });
  const output = Object.keys(result.metafile.outputs).find((file) => file.endsWith(".js"));
  if (!output) throw new Error("esbuild wrote no JavaScript for the tab.");
  const outFile = path.resolve(output);
  const code = fs.readFileSync(outFile);
  const gzip = gzipSync(code, { level: zlib.Z_BEST_COMPRESSION });
  const brotli = brotliCompressSync(code, {
    params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: code.length },
  });
  fs.writeFileSync(`${outFile}.gz`, gzip);
  fs.writeFileSync(`${outFile}.br`, brotli);
  const manifest: TabManifest = { bundle: path.basename(outFile) };
  fs.writeFileSync(path.join(publicDir, TAB_MANIFEST_FILE), JSON.stringify(manifest));
  return { outFile, bytes: code.length, gzipBytes: gzip.length, brotliBytes: brotli.length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { outFile, bytes, gzipBytes, brotliBytes } = await buildTab();
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.info(
    `Tab bundle: ${path.relative(process.cwd(), outFile)} ${kib(bytes)} minified, ${kib(gzipBytes)} gzipped, ${kib(brotliBytes)} Brotli`,
  );
}
