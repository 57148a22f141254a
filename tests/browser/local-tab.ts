// The real app in local mode with a throwaway data folder, and the tab opened in it as a person would.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { buildTab } from "../../scripts/build-tab.js";
import { launchChromium } from "./chromium.js";
import { loadConfig } from "../../server/config.js";
import { startApp, type RunningApp } from "../../server/start.js";

export type QuietLocalApp = RunningApp;

/** `env` adds settings, e.g. who the headteacher is. */
export async function startQuietLocalApp(env: Readonly<Record<string, string>> = {}): Promise<QuietLocalApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-tab-ux-"));
  const app = await startApp(loadConfig({ PORT: "0", DATA_DIR: dataDir, ...env }), { log: { info: () => undefined, error: () => undefined } });
  return {
    ...app,
    close: async () => {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Opens /tab/ (with `query`, e.g. "?theme=dark#records") and waits until it is ready. */
export async function openLocalTab(context: BrowserContext, app: RunningApp, query = ""): Promise<Page> {
  // This machine is offline: stand in for the CDN from which teams-js reads the Teams host domains.
  await context.route("https://res.cdn.office.net/teams-js/**", (route) =>
    route.fulfill({ contentType: "application/json", body: JSON.stringify({ validOrigins: ["teams.microsoft.com"] }) }),
  );
  const page = await context.newPage();
  await page.goto(`${app.url}/tab/${query}`);
  await page.waitForSelector("html[data-ready=true]");
  return page;
}

/** For a describe block: Chromium, the built tab and a quiet local app, ready before its tests and closed after. */
export function chromiumWithLocalApp(env: Readonly<Record<string, string>> = {}): { readonly browser: Browser; readonly app: QuietLocalApp } {
  const held = {} as { browser: Browser; app: QuietLocalApp };
  before(async () => {
    held.browser = await launchChromium();
    await buildTab();
    held.app = await startQuietLocalApp(env);
  });
  after(async () => {
    await held.browser?.close();
    await held.app?.close();
  });
  return held;
}
