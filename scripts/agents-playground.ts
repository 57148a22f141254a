// Runs the Microsoft 365 Agents Playground (offline Teams emulator) as a child process pointed at our bot.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";

export interface PlaygroundOptions {
  readonly rootDir: string;
  /** e.g. http://127.0.0.1:3978/api/messages */
  readonly botEndpoint: string;
  /** 0 picks a free port; the Playground's own default is 56150. */
  readonly port: number;
  /** Passed to the child as is, e.g. TEAMSAPPTESTER_BROWSER=none in tests. */
  readonly env: NodeJS.ProcessEnv;
  /** Every line the Playground prints, for a terminal or a test log. */
  readonly onOutput?: (line: string) => void;
}

export interface RunningPlayground {
  readonly url: string;
  readonly pid: number | undefined;
  /** Resolves with the exit code when the Playground stops for any reason. */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 30_000;

export async function startAgentsPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const cli = path.join(options.rootDir, "node_modules", "@microsoft", "m365agentsplayground", "cli.js");
  // The Playground listens on every interface and has no option to say otherwise; the preload binds it to loopback.
  const loopbackOnly = path.join(options.rootDir, "scripts", "loopback-only.cjs");
  const args = ["--require", loopbackOnly, cli, "--app-endpoint", options.botEndpoint, "--channel-id", "msteams", "--port", String(options.port), "--disable-telemetry"];
  const child = spawn(process.execPath, args, { cwd: options.rootDir, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("The Agents Playground did not start within 30 seconds.")), STARTUP_TIMEOUT_MS);
    const onLine = (line: string): void => {
      options.onOutput?.(line);
      const listening = /Listening on (\d+)/.exec(line);
      if (listening) {
        clearTimeout(timer);
        resolve(Number(listening[1]));
      }
    };
    readline.createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", onLine);
    readline.createInterface({ input: child.stderr as NodeJS.ReadableStream }).on("line", onLine);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The Agents Playground exited (code ${String(code)}) before it was ready.`));
    });
  }).catch(async (error: unknown) => {
    await stopChild(child, exited);
    throw error;
  });

  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    exited,
    stop: () => stopChild(child, exited),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
