import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../server/config.js";
import { startApp } from "../../server/start.js";
import { explainStartUpFailure } from "../../server/start-up-errors.js";
import { TENANT_ENV } from "../server/local-app.js";

const quiet = { info: (): void => undefined, error: (): void => undefined };
// Entra and Graph on a loopback port nobody listens on: nothing leaves this machine.
const NOWHERE = { AAD_AUTHORITY_HOST: "http://127.0.0.1:9", GRAPH_BASE_URL: "http://127.0.0.1:9/v1.0", CAMPAIGN_CHECK_EVERY_MINUTES: "0" };
const OTHER_TENANT_ID = "66666666-6666-4666-8666-666666666666";

describe("a data folder remembers the mode and tenant that made it", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-stamp-"));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const start = (env: Record<string, string>) => startApp(loadConfig({ PORT: "0", DATA_DIR: dataDir, ...NOWHERE, ...env }), { log: quiet });
  /** What the person starting the app is told. */
  const refusal = async (env: Record<string, string>): Promise<string> => {
    const error = await start(env).then(
      async (running) => {
        await running.close();
        return new Error("it started");
      },
      (failure: unknown) => failure,
    );
    return explainStartUpFailure(error) ?? String(error);
  };

  it("refuses tenant mode over a folder the local Agents Playground used, naming DATA_DIR and what to do", async () => {
    await (await start({})).close();
    assert.equal(
      await refusal(TENANT_ENV),
      `The data folder ${dataDir} (DATA_DIR) holds local test data from the Agents Playground, and tenant mode must not use it: ` +
        "its chats point at this machine, not at Teams. Set DATA_DIR to a new, empty folder for tenant mode, " +
        "or remove the tenant settings to carry on locally.",
    );
    // The refusal let go of the folder: the local app still starts on it.
    await (await start({})).close();
  });

  it("refuses another tenant's folder, and a tenant's folder locally", async () => {
    await (await start(TENANT_ENV)).close();
    assert.match(
      await refusal({ ...TENANT_ENV, AAD_APP_TENANT_ID: OTHER_TENANT_ID }),
      new RegExp(`belongs to tenant ${TENANT_ENV.AAD_APP_TENANT_ID}, but AAD_APP_TENANT_ID is ${OTHER_TENANT_ID}\\. Set DATA_DIR to this tenant's own folder`),
    );
    assert.match(await refusal({}), /belongs to the school's tenant .*Set DATA_DIR to another folder to run locally/);
  });

  it("starts again over its own folder, whatever the tenant id's letter case", async () => {
    await (await start(TENANT_ENV)).close();
    await (await start({ ...TENANT_ENV, AAD_APP_TENANT_ID: (TENANT_ENV.AAD_APP_TENANT_ID ?? "").toUpperCase() })).close();
  });
});
