import assert from "node:assert/strict";
import { GraphAppInstaller } from "../../bot/roster/app-installer.js";
import type { GraphStandIn } from "../support/graph-stand-in/graph-stand-in.js";
import { SteppingClock, TENANT, graphFor, startStandIn } from "../records/support/sharepoint-fixture.js";

const CATALOG_APP_ID = "e3b0c442-98fc-4c14-9afb-f4c8996fb924";
const BOT_APP_ID = "6c1d2e3f-4a5b-4c6d-8e7f-8a9b0c1d2e3f";
const SERVICE_URL = "https://smba.trafficmanager.net/teams/";
const megan = { id: "aaaaaaaa-2222-4000-8000-000000000001", displayName: "Megan Bowen", upn: "megan@crich-carr.example" };

describe("proactive installation through Graph", () => {
  let standIn: GraphStandIn;
  let installer: GraphAppInstaller;
  beforeEach(async () => {
    standIn = await startStandIn();
    standIn.directory.catalog.add(CATALOG_APP_ID);
    installer = new GraphAppInstaller(graphFor(standIn, new SteppingClock()), {
      catalogAppId: CATALOG_APP_ID,
      graphBaseUrl: standIn.graphBaseUrl,
      botAppId: BOT_APP_ID,
      tenantId: TENANT.tenantId,
      serviceUrl: SERVICE_URL,
    });
  });
  afterEach(async () => {
    await standIn.close();
  });

  it("installs the app from the organisation's catalogue (201) and leaves the greeting to the install event", async () => {
    assert.deepEqual(await installer.install(megan), { kind: "installed" });
    assert.deepEqual(
      standIn.directory.installationsOf(megan.id).map((installation) => installation.teamsAppId),
      [CATALOG_APP_ID],
    );
  });

  it("takes 409 (already installed) as success, and finds the chat the installation made", async () => {
    await installer.install(megan);
    const [installation] = standIn.directory.installationsOf(megan.id);

    const again = await installer.install(megan);

    assert.equal(again.kind, "already-installed");
    assert.deepEqual(again.kind === "already-installed" ? again.reference : undefined, {
      channelId: "msteams",
      serviceUrl: SERVICE_URL,
      conversation: { id: installation?.chatId, conversationType: "personal", isGroup: false, tenantId: TENANT.tenantId, name: "" },
      user: { id: megan.id, aadObjectId: megan.id, name: "Megan Bowen" },
      bot: { id: `28:${BOT_APP_ID}`, name: "" },
    });
    assert.deepEqual(standIn.directory.installRequests.map((request) => request.status), [201, 409]);
    assert.equal(standIn.directory.installationsOf(megan.id).length, 1, "still one installation");
  });

  it("reports 403 without admin consent as refused, telling the admin which permission to consent to", async () => {
    standIn.directory.consentGranted = false;

    const outcome = await installer.install(megan);

    assert.equal(outcome.kind, "refused");
    assert.match(outcome.kind === "refused" ? outcome.detail : "", /403 Forbidden.*grant admin consent for TeamsAppInstallation\.ReadWriteSelfForUser\.All/);
    assert.deepEqual(standIn.directory.installationsOf(megan.id), []);
  });

  it("says what Graph said when the catalogue does not have the app (a wrong TEAMS_APP_CATALOG_ID)", async () => {
    standIn.directory.catalog.clear();
    const outcome = await installer.install(megan);
    assert.equal(outcome.kind, "failed");
    assert.match(outcome.kind === "failed" ? outcome.detail : "", /404 NotFound The app .* is not in the organisation's app catalogue/);
  });
});
