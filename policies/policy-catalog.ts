import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Policy } from "./policy.js";

export class PolicyFileError extends Error {
  override readonly name = "PolicyFileError";
  constructor(readonly file: string, problem: string) {
    super(`${file}: ${problem}`);
  }
}

const frontMatterSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "id must be lower-case words joined by hyphens"),
  version: z.string().regex(/^[0-9A-Za-z.+-]{1,32}$/, "version must be 1-32 letters, digits, dots or hyphens"),
  title: z.string().min(3).max(120),
  summary: z.string().min(10).max(400),
  declaration: z.string().min(20).max(600),
  audience: z.enum(["all-staff", "on-issue"]),
});

/** The school's documents, read once at start-up; a bad file stops start-up with its name. */
export class PolicyCatalog {
  private constructor(private readonly policies: ReadonlyMap<string, Policy>) {}

  static load(dir: string): PolicyCatalog {
    const files = fs.readdirSync(dir).filter((name) => name.endsWith(".md")).sort();
    if (files.length === 0) throw new PolicyFileError(dir, "no policy files (*.md) found");
    const policies = new Map<string, Policy>();
    for (const name of files) {
      const file = path.join(dir, name);
      const policy = parsePolicyFile(file, fs.readFileSync(file, "utf8"));
      if (policy.id !== path.basename(name, ".md")) {
        throw new PolicyFileError(file, `id "${policy.id}" must match the file name "${path.basename(name, ".md")}"`);
      }
      policies.set(policy.id, policy);
    }
    return new PolicyCatalog(policies);
  }

  static of(policies: readonly Policy[]): PolicyCatalog {
    return new PolicyCatalog(new Map(policies.map((p) => [p.id, p])));
  }

  all(): Policy[] {
    return [...this.policies.values()];
  }

  /** The documents every member of staff acknowledges each cycle. */
  forAllStaff(): Policy[] {
    return this.all().filter((p) => p.audience === "all-staff");
  }

  get(id: string): Policy | undefined {
    return this.policies.get(id);
  }
}

/** "---\nkey: value\n...\n---\nbody". Values are single lines; the body is the full text. */
export function parsePolicyFile(file: string, source: string): Policy {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(source);
  if (!match) throw new PolicyFileError(file, 'must start with a "---" front-matter block and end it with "---"');
  const [, head = "", body = ""] = match;
  const fields: Record<string, string> = {};
  for (const [index, line] of head.split(/\r?\n/).entries()) {
    if (!line.trim()) continue;
    const pair = /^([a-z]+):\s*(.*)$/.exec(line);
    if (!pair) throw new PolicyFileError(file, `front-matter line ${index + 2} is not "key: value": ${line}`);
    fields[pair[1] as string] = (pair[2] as string).trim();
  }
  const parsed = frontMatterSchema.safeParse(fields);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "front matter"}: ${issue.message}`);
    throw new PolicyFileError(file, problems.join("; "));
  }
  const text = body.trim();
  if (text.length < 20) throw new PolicyFileError(file, "the full text after the front matter is missing");
  return { ...parsed.data, text };
}
