// Launches Chromium through playwright-core: the system's own when there is one (Debian's package, or
// CHROMIUM_PATH), else the one @sparticuz/chromium ships inside its npm package, so that
// `npm install && npm test` needs nothing installed by hand. A browser that cannot start fails the run
// loudly: a browser test that skipped itself would let a broken tab through.
import fs from "node:fs";
import chromiumPackage from "@sparticuz/chromium";
import { chromium, type Browser } from "playwright-core";

const SYSTEM_CHROMIUM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

// @sparticuz/chromium's own recommended arguments (single-process, zygote off) crash here; these do not.
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** The browser binary to drive, and where it came from (for the failure message). */
export async function chromiumExecutable(env: NodeJS.ProcessEnv = process.env): Promise<{ path: string; source: string }> {
  const chosen = env.CHROMIUM_PATH?.trim();
  if (chosen) return { path: chosen, source: "CHROMIUM_PATH" };
  const system = SYSTEM_CHROMIUM_PATHS.find((candidate) => fs.existsSync(candidate));
  if (system) return { path: system, source: "the system's Chromium" };
  // Unpacks once into the temporary folder, then answers from there.
  return { path: await chromiumPackage.executablePath(), source: "@sparticuz/chromium" };
}

export async function launchChromium(): Promise<Browser> {
  const { path, source } = await chromiumExecutable();
  try {
    return await chromium.launch({ executablePath: path, args: ARGS });
  } catch (error) {
    throw new Error(`Chromium (${source}, ${path}) would not start: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
