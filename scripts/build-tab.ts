// Bundles the tab's browser code (tab/web) into tab/public/build/ with esbuild and reports its size.
// Run by `npm run build`; the browser test calls buildTab() before it starts.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export interface TabBuild {
  readonly outFile: string;
  readonly bytes: number;
  /** What a browser downloads with gzip, the usual App Service encoding. */
  readonly gzipBytes: number;
}

export async function buildTab(rootDir = process.cwd()): Promise<TabBuild> {
  const outFile = path.join(rootDir, "tab/public/build/tab.js");
  await build({
    entryPoints: [path.join(rootDir, "tab/web/main.ts")],
    outfile: outFile,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["es2022", "chrome109", "safari16"],
    minify: true,
    sourcemap: "linked",
    legalComments: "linked",
    logLevel: "warning",
  });
  const code = fs.readFileSync(outFile);
  return { outFile, bytes: code.length, gzipBytes: gzipSync(code).length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { outFile, bytes, gzipBytes } = await buildTab();
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.info(`Tab bundle: ${path.relative(process.cwd(), outFile)} ${kib(bytes)} minified, ${kib(gzipBytes)} gzipped`);
}
