// Local mode's roster: a small committed file of demo staff, so a new user sees reached and not-reached people.
import fs from "node:fs";
import { ValidationError } from "../errors.js";
import type { RosterMember, StaffDirectory } from "./staff-roster.js";

export class FileStaffDirectory implements StaffDirectory {
  readonly description: string;

  constructor(private readonly file: string) {
    this.description = `the roster file ${file}`;
  }

  members(): Promise<RosterMember[]> {
    return Promise.resolve(readRosterFile(this.file));
  }
}

/** Reads and checks the file; a mistake names the file and the entry, and nothing is half-read. */
export function readRosterFile(file: string): RosterMember[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new ValidationError(`The staff roster file ${file} could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const staff = (parsed as { staff?: unknown } | null)?.staff;
  if (!Array.isArray(staff)) throw new ValidationError(`The staff roster file ${file} must be {"staff": [{"id", "displayName", "upn"}, …]}.`);
  const seen = new Set<string>();
  return staff.map((entry: unknown, index) => {
    const { id, displayName, upn } = (entry ?? {}) as Record<string, unknown>;
    if (typeof id !== "string" || !id.trim() || typeof displayName !== "string" || !displayName.trim()) {
      throw new ValidationError(`The staff roster file ${file}: entry ${index + 1} needs an "id" and a "displayName".`);
    }
    if (seen.has(id.toLowerCase())) throw new ValidationError(`The staff roster file ${file}: ${id} is listed twice.`);
    seen.add(id.toLowerCase());
    return { id: id.trim(), displayName: displayName.trim(), upn: typeof upn === "string" ? upn.trim() : "" };
  });
}
