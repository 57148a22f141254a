// Both toolkit project files must be what the Microsoft 365 Agents Toolkit accepts: validated offline against the
// schema its CLI ships (vendored in tests/app-package/schemas, see the README there).
import assert from "node:assert/strict";
import fs from "node:fs";
import { Ajv } from "ajv";
import yaml from "js-yaml";

const schema = JSON.parse(fs.readFileSync("tests/app-package/schemas/teamsapp-yaml-v1.13.schema.json", "utf8")) as Record<string, unknown>;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

interface Step {
  uses: string;
  name?: string;
  with?: Record<string, string | number | boolean | undefined>;
  env?: Record<string, string>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface Project {
  version: string;
  provision: Step[];
  deploy: Step[];
  publish?: Step[];
}

const load = (file: string): Project => yaml.load(fs.readFileSync(file, "utf8")) as Project;

describe("teamsapp.yml and teamsapp.local.yml", () => {
  for (const file of ["teamsapp.yml", "teamsapp.local.yml"]) {
    it(`${file} validates against the toolkit's own v1.13 schema`, () => {
      const project = load(file);
      const valid = validate(project);
      assert.ok(valid, `${file}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`);
      assert.equal(project.version, "v1.13");
    });
  }

  it("the schema test can fail: a v1.8 file, or a key the schema does not know, is refused", () => {
    const project = load("teamsapp.yml");
    assert.equal(validate({ ...project, version: "v1.8" }), false);
    const [first, ...rest] = project.provision;
    assert.equal(validate({ ...project, provision: [{ ...first, with: { ...first?.with, generateServicePrincipals: true } }, ...rest] }), false);
  });

  it("gives both Entra apps a service principal, so the bot can get tokens and send", () => {
    const apps = load("teamsapp.yml").provision.filter((step) => step.uses === "aadApp/create");
    assert.deepEqual(
      apps.map((step) => [step.writeToEnvironmentFile?.clientId, step.with?.generateServicePrincipal, step.with?.clientSecretExpireDays]),
      [
        ["AAD_APP_CLIENT_ID", true, 180],
        ["BOT_ID", true, 180],
      ],
    );
  });

  it("installs dependencies before the SharePoint step, which comes after every teamsApp step", () => {
    const steps = load("teamsapp.yml").provision.map((step) => [step.uses, step.with?.run, step.with?.args].filter(Boolean).join(" "));
    const sharePoint = steps.indexOf("script npm run provision");
    assert.ok(sharePoint > 0, steps.join("\n"));
    assert.equal(steps[sharePoint - 1], "cli/runNpmCommand ci --no-audit --no-fund");
    assert.equal(sharePoint, steps.length - 1, "nothing after the SharePoint step waits on it");
    assert.ok(steps.indexOf("teamsApp/update") < sharePoint);
  });

  it("passes the secrets under the names the toolkit writes and the app reads: one name per secret", () => {
    const sharePoint = load("teamsapp.yml").provision.find((step) => step.with?.run === "npm run provision");
    assert.equal(sharePoint?.env?.SECRET_BOT_PASSWORD, "${{SECRET_BOT_PASSWORD}}");
    assert.equal(sharePoint?.env?.SECRET_AAD_APP_CLIENT_SECRET, "${{SECRET_AAD_APP_CLIENT_SECRET}}");
    for (const file of ["teamsapp.yml", "infra/azure.bicep", "infra/azure.parameters.json", "infra/README.md", "README.md"]) {
      const text = fs.readFileSync(file, "utf8");
      assert.doesNotMatch(text, /(?<![A-Z_])(BOT_PASSWORD|AAD_APP_CLIENT_SECRET)(?![A-Z_])/, `${file} names a secret without its SECRET_ prefix`);
    }
  });

  it("publishes only a package that passed the Teams validation rules, and updates the app first", () => {
    const publish = (load("teamsapp.yml").publish ?? []).map((step) => step.uses);
    assert.deepEqual(publish, ["teamsApp/validateManifest", "teamsApp/zipAppPackage", "teamsApp/validateAppPackage", "teamsApp/update", "teamsApp/publishAppPackage"]);
  });
});
