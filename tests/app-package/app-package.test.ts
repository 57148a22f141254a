import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { AppManifestUtils, TeamsManifestConverter } from "@microsoft/app-manifest";
import { buildAppPackage, PackageError } from "../../scripts/package-app.js";
import { decodePng, readZip } from "./binary-readers.js";

const REPO = process.cwd();
const SCHEMA_DIR = path.join(path.dirname(createRequire(import.meta.url).resolve("@microsoft/app-manifest")), "json-schemas");

const DEV_VALUES = {
  TEAMS_APP_ID: "0f0d6a8e-7e8b-4f7a-9a57-2f6f0e3c1a10",
  BOT_ID: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
  AAD_APP_CLIENT_ID: "6e7f8a9b-0c1d-4e2f-8a3b-4c5d6e7f8a9b",
  TAB_DOMAIN: "aup.crich-carr.example",
};

/** A copy of the repo's appPackage and env folders, so packaging in a test never touches the working tree. */
function scratchRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "aup-package-"));
  fs.cpSync(path.join(REPO, "appPackage"), path.join(root, "appPackage"), {
    recursive: true,
    filter: (source) => !source.includes(`${path.sep}build`),
  });
  fs.cpSync(path.join(REPO, "env"), path.join(root, "env"), { recursive: true, filter: (source) => !source.endsWith(".user") });
  return root;
}

function writeEnv(root: string, name: string, values: Record<string, string>): void {
  const lines = Object.entries(values).map(([key, value]) => `${key}=${value}`);
  fs.writeFileSync(path.join(root, "env", name), ["# test environment", ...lines, ""].join("\n"));
}

describe("the Teams app package", () => {
  let root: string;
  beforeEach(() => {
    root = scratchRoot();
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("builds the local package: a zip with the filled manifest and both icons, valid against the Teams schema", async () => {
    const built = await buildAppPackage("local", root);
    assert.equal(built.zipPath, path.join(root, "appPackage", "build", "appPackage.local.zip"));
    const entries = readZip(fs.readFileSync(built.zipPath));
    assert.deepEqual([...entries.keys()].sort(), ["color.png", "manifest.json", "outline.png"]);

    const json = entries.get("manifest.json")?.toString("utf8") ?? "";
    assert.doesNotMatch(json, /\$\{\{/, "a placeholder was left unfilled");
    const manifest = TeamsManifestConverter.jsonToManifest(json);
    const schemaFile = path.join(SCHEMA_DIR, "teams", `v${manifest.manifestVersion}`, "MicrosoftTeams.schema.json");
    assert.ok(fs.existsSync(schemaFile), `the schema for ${manifest.manifestVersion} is bundled, so validation is offline`);
    assert.deepEqual(await AppManifestUtils.validateAgainstSchema(manifest), []);
    assert.equal(manifest.name.short, "IT Acceptable Use (local)");
  });

  it("fills every placeholder from env/.env.{env}, secrets-free values overridden by .user", async () => {
    writeEnv(root, ".env.dev", { ...DEV_VALUES, BOT_ID: "", APP_NAME_SUFFIX: "" });
    writeEnv(root, ".env.dev.user", { BOT_ID: DEV_VALUES.BOT_ID });
    const { manifest } = await buildAppPackage("dev", root);
    const written = fs.readFileSync(path.join(root, "appPackage", "build", "manifest.dev.json"), "utf8");

    assert.equal(manifest.id, DEV_VALUES.TEAMS_APP_ID);
    assert.equal(manifest.name.short, "IT Acceptable Use");
    const bot = manifest.bots?.[0];
    assert.equal(bot?.botId, DEV_VALUES.BOT_ID);
    assert.deepEqual(bot?.scopes, ["personal"]);
    assert.deepEqual(bot?.commandLists?.[0]?.commands.map((c) => c.title), ["help", "status", "policy", "report"]);
    const tab = manifest.staticTabs?.find((t) => t.contentUrl);
    assert.equal(tab?.entityId, "staff-it-safety");
    assert.ok(tab?.contentUrl?.startsWith("https://aup.crich-carr.example/tab/?"), tab?.contentUrl);
    assert.deepEqual(tab?.scopes, ["personal"]);
    assert.deepEqual(manifest.validDomains, ["aup.crich-carr.example"]);
    assert.deepEqual((JSON.parse(written) as { webApplicationInfo: unknown }).webApplicationInfo, {
      id: DEV_VALUES.AAD_APP_CLIENT_ID,
      resource: `api://aup.crich-carr.example/${DEV_VALUES.AAD_APP_CLIENT_ID}`,
    });
  });

  it("names every unset placeholder and the file to set it in (the committed dev template is empty)", async () => {
    const envFile = path.join(root, "env", ".env.dev");
    await assert.rejects(buildAppPackage("dev", root), (error: unknown) => {
      assert.ok(error instanceof PackageError);
      assert.equal(error.message, `TEAMS_APP_ID, TAB_DOMAIN, BOT_ID, AAD_APP_CLIENT_ID are not set: set them in ${envFile}.`);
      return true;
    });
    assert.ok(!fs.existsSync(path.join(root, "appPackage", "build")), "no package written");
  });

  it("refuses a manifest the Teams schema rejects, saying which field is wrong", async () => {
    writeEnv(root, ".env.broken", { ...DEV_VALUES, TEAMS_APP_ID: "not-a-guid" });
    await assert.rejects(buildAppPackage("broken", root), (error: unknown) => {
      assert.ok(error instanceof PackageError);
      assert.match(error.message, /^The filled manifest breaks the Teams schema:\n- \/id /);
      return true;
    });
  });

  it("refuses an environment that does not exist", async () => {
    await assert.rejects(buildAppPackage("staging", root), {
      message: `${path.join(root, "env", ".env.staging")} does not exist: create it from env/.env.dev.`,
    });
  });

  it("ships a 192x192 colour icon and a 32x32 outline icon that is white on transparent", () => {
    const color = decodePng(fs.readFileSync(path.join(REPO, "appPackage", "color.png")));
    assert.deepEqual([color.width, color.height], [192, 192]);
    const outline = decodePng(fs.readFileSync(path.join(REPO, "appPackage", "outline.png")));
    assert.deepEqual([outline.width, outline.height], [32, 32]);
    let opaque = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, a] = outline.pixels.subarray(i, i + 4);
      assert.ok(a === 0 || (r === 255 && g === 255 && b === 255), `pixel ${i / 4} is neither white nor transparent`);
      if (a === 255) opaque++;
    }
    assert.ok(opaque > 100, "the outline icon draws something");
  });
});
