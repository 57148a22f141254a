// The app in local mode with the Microsoft 365 Agents Playground pointed at it, as `npm start` runs them.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startAgentsPlayground, type RunningPlayground } from "../../scripts/agents-playground.js";
import { loadConfig } from "../../server/config.js";
import { startApp, type RunningApp } from "../../server/start.js";

export interface AppWithPlayground {
  readonly app: RunningApp;
  readonly playground: RunningPlayground;
  /** The Playground's output lines and the app's error log, in order. */
  readonly output: string[];
  close(): Promise<void>;
}

export async function startAppWithPlayground(dataDirPrefix: string, env: Record<string, string> = {}): Promise<AppWithPlayground> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), dataDirPrefix));
  const output: string[] = [];
  const app = await startApp(loadConfig({ PORT: "0", DATA_DIR: dataDir, ...env }, process.cwd()), {
    log: { info: () => undefined, error: (message, error) => output.push(`${message} ${String(error)}`) },
  });
  const closeApp = async () => {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  let playground: RunningPlayground;
  try {
    playground = await startAgentsPlayground({
      rootDir: process.cwd(),
      botEndpoint: `${app.url}/api/messages`,
      port: 0,
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: "none" },
      onOutput: (line) => output.push(line),
    });
  } catch (error) {
    await closeApp();
    throw error;
  }
  return {
    app,
    playground,
    output,
    close: async () => {
      await playground.stop();
      await closeApp();
    },
  };
}
