// `npm start`: the app, and locally the Agents Playground pointed at its bot, stopped together on Ctrl+C.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../server/config.js";
import { explainStartUpFailure } from "../server/start-up-errors.js";
import { consoleLogger, startApp, type RunningApp } from "../server/start.js";
import { startAgentsPlayground, type RunningPlayground } from "./agents-playground.js";

const PLAYGROUND_PORT = 56150; // the Playground's usual port; it picks another if that one is taken

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await startApp(config);
  consoleLogger.info(`School AUP app listening on ${app.url} (${config.tenant.mode} mode)`);
  // Filled in once the Playground is up; Ctrl+C may come before that.
  const children: { playground?: RunningPlayground } = {};
  let stopping = false;

  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await children.playground?.stop();
    await app.close();
    process.exit(code);
  };
  process.once("SIGINT", () => void stop(0));
  process.once("SIGTERM", () => void stop(0));
  if (config.tenant.mode === "tenant") return;

  const playground = await startAgentsPlayground({
    rootDir: process.cwd(),
    botEndpoint: `${app.url}/api/messages`,
    port: PLAYGROUND_PORT,
    env: process.env,
    onOutput: (line) => {
      if (/error|fail/i.test(line)) console.error(`[playground] ${line}`);
    },
  });
  children.playground = playground;
  void playground.exited.then((exitCode) => {
    if (stopping) return;
    console.error(`The Agents Playground stopped (code ${String(exitCode)}); stopping the app.`);
    void stop(1);
  });
  printLocalUrls(app, playground);
}

function printLocalUrls(app: RunningApp, playground: RunningPlayground): void {
  consoleLogger.info(localAddresses(app.url, playground.url));
}

/** What `npm start` prints once both are up: every address the README's quick start lists. */
export function localAddresses(appUrl: string, playgroundUrl: string): string {
  return [
    "",
    "  Ready. Open the Microsoft 365 Agents Playground to chat with the bot as Alex Wilber:",
    "",
    `    ${playgroundUrl}`,
    "",
    `  Personal tab:   ${appUrl}/tab/`,
    `  Records page:   ${appUrl}/records`,
    `  Policies:       ${appUrl}/policies`,
    "",
    "  Press Ctrl+C to stop both.",
    "",
  ].join("\n");
}

// Run only as the script, so a test can import localAddresses without starting anything.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(explainStartUpFailure(error) ?? error);
    process.exit(1);
  });
}
