// What a person starting the app is told when it cannot start, for the two entry points.
import { ConfigError } from "./config.js";
import { PolicyFileError } from "../policies/policy-catalog.js";
import { DataDirInUseError } from "../records/sqlite/database.js";
import { DataFolderMismatchError } from "../records/sqlite/data-folder-stamp.js";

/** A sentence saying what to do, or undefined for a failure that is ours (shown with its stack). */
export function explainStartUpFailure(error: unknown): string | undefined {
  if (error instanceof ConfigError || error instanceof PolicyFileError || error instanceof DataDirInUseError) return error.message;
  if (error instanceof DataFolderMismatchError) return error.message;
  if ((error as { code?: unknown } | null)?.code === "EADDRINUSE") {
    return `The port is already in use: is the app already running? Stop it, or set PORT to another port. (${String(error)})`;
  }
  return undefined;
}
