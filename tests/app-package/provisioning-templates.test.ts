// The Teams Toolkit templates must agree with each other and with server/config.ts; nothing else
// checks that before a school's IT admin runs `teamsapp provision` against their tenant.
import assert from "node:assert/strict";
import fs from "node:fs";
import { loadConfig } from "../../server/config.js";
import { readEnvFile } from "../../scripts/package-app.js";
import { TENANT_ENV } from "../server/local-app.js";

const read = (file: string): string => fs.readFileSync(file, "utf8");
const placeholders = (text: string): string[] => [...text.matchAll(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g)].map((m) => m[1] as string);

// Teams, Microsoft 365 and Outlook clients on desktop, web and mobile (Microsoft's published list).
const TRUSTED_CLIENTS = [
  "1fec8e78-bce4-4aaf-ab1b-5451cc387264", // Teams desktop and mobile
  "5e3ce6c0-2b1f-4285-8d4b-75ee78787346", // Teams web
  "4765445b-32c6-49b0-83e6-1d93765276ca", // Microsoft 365 web
  "0ec893e0-5785-4de6-99da-4ed124e5296c", // Microsoft 365 desktop
  "d3590ed6-52b3-4102-aeff-aad2292ab01c", // Microsoft 365 mobile, Outlook desktop
  "bc59ab01-8403-45c6-8796-ac3ef710b3e3", // Outlook web
  "27922004-5251-4030-b22d-91ecd9a37ea4", // Outlook mobile
];

/** The Entra app manifest in the Microsoft Graph format (the only one the Entra portal edits since December 2024). */
interface EntraManifest {
  signInAudience: string;
  identifierUris: string[];
  api: {
    requestedAccessTokenVersion: number;
    oauth2PermissionScopes: { id: string; value: string; type: string; isEnabled: boolean }[];
    preAuthorizedApplications: { appId: string; delegatedPermissionIds: string[] }[];
  };
  appRoles: { allowedMemberTypes: string[]; value: string; description: string; id: string; isEnabled: boolean }[];
  optionalClaims: { accessToken: { name: string }[] };
  requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[];
}

describe("the provisioning templates", () => {
  it("give the App Service every setting the app needs to start in tenant mode", () => {
    const settings = new Map(
      [...read("infra/azure.bicep").matchAll(/name: '([A-Z_]+)'\s+value: (.+)/g)].map((m) => [m[1] as string, (m[2] as string).trim()]),
    );
    const missing = Object.keys(TENANT_ENV).filter((name) => !settings.has(name));
    assert.deepEqual(missing, [], "app settings missing from infra/azure.bicep");
    assert.equal(settings.get("DATA_DIR"), "'/home/data'", "the outbox must live on App Service's persistent /home");

    const config = loadConfig({ ...TENANT_ENV, DATA_DIR: "/home/data" }, "/home/site/wwwroot");
    assert.equal(config.tenant.mode, "tenant");
    assert.equal(config.dataDir, "/home/data");
  });

  it("only use placeholders that provisioning writes or env/.env.dev declares", () => {
    const yml = read("teamsapp.yml");
    const written = [...yml.matchAll(/^\s+\w+: ([A-Z][A-Z0-9_]*)\s*$/gm)].map((m) => m[1] as string);
    const bicepOutputs = [...read("infra/azure.bicep").matchAll(/^output (\w+) /gm)].map((m) => m[1] as string);
    const declared = Object.keys(readEnvFile("env/.env.dev"));
    // Set by Teams Toolkit itself: the environment's name, and the scope id aadApp/update generates.
    const builtIn = ["TEAMSFX_ENV", "AAD_APP_ACCESS_AS_USER_PERMISSION_ID"];
    const known = new Set([...written, ...bicepOutputs, ...declared, ...builtIn]);

    for (const file of ["teamsapp.yml", "appPackage/manifest.json", "infra/azure.parameters.json", "infra/entra/aad.manifest.json"]) {
      const unknown = placeholders(read(file)).filter((name) => !known.has(name));
      assert.deepEqual(unknown, [], `${file} uses placeholders nothing sets`);
    }
    assert.ok(written.includes("SECRET_BOT_PASSWORD") && written.includes("SECRET_AAD_APP_CLIENT_SECRET"), "secrets go to .env.{env}.user");
  });

  it("register the SSO scope for Teams, Microsoft 365 and Outlook, matching the manifest's webApplicationInfo", () => {
    const entra = JSON.parse(read("infra/entra/aad.manifest.json")) as EntraManifest;
    const teams = JSON.parse(read("appPackage/manifest.json")) as { webApplicationInfo: { id: string; resource: string } };

    assert.deepEqual(entra.identifierUris, [teams.webApplicationInfo.resource]);
    assert.equal(teams.webApplicationInfo.resource, "api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}");
    assert.equal(entra.api.requestedAccessTokenVersion, 2);
    assert.equal(entra.signInAudience, "AzureADMyOrg");

    const [scope, ...others] = entra.api.oauth2PermissionScopes;
    assert.equal(others.length, 0);
    assert.deepEqual([scope?.value, scope?.type, scope?.isEnabled], ["access_as_user", "User", true]);
    assert.deepEqual(entra.api.preAuthorizedApplications.map((a) => a.appId).sort(), [...TRUSTED_CLIENTS].sort());
    for (const client of entra.api.preAuthorizedApplications) assert.deepEqual(client.delegatedPermissionIds, [scope?.id]);
  });

  it("declare the Headteacher and ITTechnician app roles for users, and the idtyp claim", () => {
    const entra = JSON.parse(read("infra/entra/aad.manifest.json")) as EntraManifest;
    assert.deepEqual(entra.appRoles.map((role) => role.value), ["Headteacher", "ITTechnician"]);
    for (const role of entra.appRoles) {
      assert.deepEqual(role.allowedMemberTypes, ["User"]);
      assert.ok(role.isEnabled && role.description.length > 20, `${role.value} is enabled and described`);
      assert.match(role.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    assert.deepEqual(entra.optionalClaims.accessToken.map((claim) => claim.name), ["idtyp"]);
  });

  it("ask Graph for application permissions scoped as tightly as each feature allows, nothing tenant-wide on SharePoint", () => {
    const entra = JSON.parse(read("infra/entra/aad.manifest.json")) as EntraManifest;
    assert.deepEqual(entra.requiredResourceAccess, [
      {
        resourceAppId: "Microsoft Graph",
        resourceAccess: [
          { id: "Sites.Selected", type: "Role" },
          { id: "GroupMember.Read.All", type: "Role" },
          { id: "TeamsAppInstallation.ReadWriteSelfForUser.All", type: "Role" },
        ],
      },
    ]);
  });

  it("point the Azure Bot, single tenant, at the app's /api/messages with the Teams channel on", () => {
    const bicep = read("infra/azure.bicep");
    assert.match(bicep, /endpoint: 'https:\/\/\$\{appHost\}\/api\/messages'/);
    assert.match(bicep, /msaAppType: 'SingleTenant'/);
    assert.match(bicep, /channelName: 'MsTeamsChannel'/);
    assert.match(bicep, /linuxFxVersion: 'NODE\|22-lts'/);
  });
});
