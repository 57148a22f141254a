// Structured JSON logs (pino), one object a line on stdout: App Service's log stream shows them and
// Log Analytics (AppServiceConsoleLogs) can query their fields. Secrets never reach the output.
import { pino, type DestinationStream, type Logger as PinoLogger } from "pino";
import type { Logger } from "./app.js";

export interface JsonLoggerOptions {
  /** Exact secret values to blank out wherever they appear (the configured client secrets). */
  readonly secrets?: readonly string[];
  /** Where lines go; stdout unless a test collects them. */
  readonly destination?: DestinationStream;
  readonly level?: "debug" | "info" | "warn" | "error";
}

/** Keys whose values are never logged, whatever object they sit in. */
const REDACTED_KEYS = [
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "*.headers.Authorization",
  "clientSecret",
  "*.clientSecret",
  "appPassword",
  "*.appPassword",
  "client_secret",
  "*.client_secret",
  "access_token",
  "*.access_token",
  "password",
  "*.password",
];

/** The app's Logger (info, warn, error) on pino. Errors keep their type, message and stack as fields. */
export function createJsonLogger(options: JsonLoggerOptions = {}): Logger {
  const scrub = scrubber(options.secrets ?? []);
  const base: PinoLogger = pino(
    {
      level: options.level ?? "info",
      base: { app: "school-it-aup" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_KEYS, censor: "[redacted]" },
      messageKey: "msg",
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
  return {
    info: (message) => base.info(scrub(message)),
    warn: (message) => base.warn(scrub(message)),
    error: (message, error) => {
      if (error === undefined) base.error(scrub(message));
      else base.error({ error: scrubError(error, scrub) }, scrub(message));
    },
  };
}

function scrubber(secrets: readonly string[]): (text: string) => string {
  const exact = secrets.filter((secret) => secret.length >= 6);
  return (text) => {
    let out = text.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, "$1[redacted]").replace(/(client_secret=)[^&\s]+/gi, "$1[redacted]");
    for (const secret of exact) out = out.split(secret).join("[redacted]");
    return out;
  };
}

function scrubError(error: unknown, scrub: (text: string) => string): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: scrub(String(error)) };
  return { type: error.name, message: scrub(error.message), ...(error.stack ? { stack: scrub(error.stack) } : {}) };
}
