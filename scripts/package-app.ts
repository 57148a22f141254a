// npm run package:app [-- --env dev]: fills appPackage/manifest.json from env/.env.{env} (then
// env/.env.{env}.user), validates it against the bundled Teams schema offline, and writes
// appPackage/build/appPackage.{env}.zip for upload in Teams admin centre or Developer Portal.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AppManifestUtils, TeamsManifestConverter, type TeamsManifest } from "@microsoft/app-manifest";
import { zipFile } from "./zip-file.js";

const PLACEHOLDER = /\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g;
// Toolkit convention: a suffix only some environments set, so it may be empty.
const MAY_BE_EMPTY = new Set(["APP_NAME_SUFFIX"]);

export class PackageError extends Error {
  override readonly name = "PackageError";
}

/** Reads KEY=VALUE lines as Teams Toolkit writes them; `#` starts a comment, quotes are optional. */
export function readEnvFile(file: string): Record<string, string> {
  const values: Record<string, string> = {};
  if (!fs.existsSync(file)) return values;
  for (const line of fs.readFileSync(file, "utf8").split(/\r?\n/)) {
    const pair = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!pair || line.trimStart().startsWith("#")) continue;
    values[pair[1] as string] = (pair[2] as string).replace(/^(["'])(.*)\1$/, "$2");
  }
  return values;
}

/** Replaces every ${{NAME}}; a placeholder with no value is an error that names it and where to set it. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>, envFile: string): string {
  const missing = new Set<string>();
  const filled = template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = values[name] ?? (MAY_BE_EMPTY.has(name) ? "" : undefined);
    if (value === undefined || (value === "" && !MAY_BE_EMPTY.has(name))) {
      missing.add(name);
      return "";
    }
    return JSON.stringify(value).slice(1, -1); // the placeholders sit inside JSON strings
  });
  if (missing.size) {
    throw new PackageError(`${[...missing].join(", ")} ${missing.size === 1 ? "is" : "are"} not set: set ${missing.size === 1 ? "it" : "them"} in ${envFile}.`);
  }
  return filled;
}

export interface BuiltPackage {
  readonly manifest: TeamsManifest;
  readonly zipPath: string;
}

export async function buildAppPackage(envName: string, rootDir = process.cwd()): Promise<BuiltPackage> {
  if (!/^[a-z0-9-]+$/.test(envName)) throw new PackageError(`The environment name must be lower-case letters, digits or hyphens, got "${envName}".`);
  const envFile = path.join(rootDir, "env", `.env.${envName}`);
  if (!fs.existsSync(envFile)) throw new PackageError(`${envFile} does not exist: create it from env/.env.dev.`);
  const values = { ...readEnvFile(envFile), ...readEnvFile(`${envFile}.user`) };

  const packageDir = path.join(rootDir, "appPackage");
  const filled = fillTemplate(fs.readFileSync(path.join(packageDir, "manifest.json"), "utf8"), values, envFile);
  const manifest = TeamsManifestConverter.jsonToManifest(filled);
  const problems = await AppManifestUtils.validateAgainstSchema(manifest);
  if (problems.length) throw new PackageError(`The filled manifest breaks the Teams schema:\n- ${problems.join("\n- ")}`);

  const icons = [manifest.icons.color, manifest.icons.outline];
  const zip = zipFile([
    { name: "manifest.json", data: Buffer.from(filled, "utf8") },
    ...icons.map((icon) => ({ name: icon, data: fs.readFileSync(path.join(packageDir, icon)) })),
  ]);
  const buildDir = path.join(packageDir, "build");
  fs.mkdirSync(buildDir, { recursive: true });
  const zipPath = path.join(buildDir, `appPackage.${envName}.zip`);
  fs.writeFileSync(path.join(buildDir, `manifest.${envName}.json`), filled);
  fs.writeFileSync(zipPath, zip);
  return { manifest, zipPath };
}

function envNameFromArgs(args: readonly string[]): string {
  const flag = args.indexOf("--env");
  return (flag >= 0 ? args[flag + 1] : args.find((arg) => !arg.startsWith("-"))) ?? "local";
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const built = await buildAppPackage(envNameFromArgs(process.argv.slice(2)));
    console.info(`Wrote ${path.relative(process.cwd(), built.zipPath)} (${built.manifest.name.short}, version ${built.manifest.version})`);
  } catch (error) {
    if (!(error instanceof PackageError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
