// Starts the real app in local mode on an ephemeral port with a throwaway data folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../server/config.js";
import { startApp, type RunningApp } from "../../server/start.js";
import type { Acknowledgement, IncidentReport, Person } from "../../records/types.js";
import { laptopLoanRecordId, type LaptopLoan } from "../../records/laptop-loan.js";

const quietLog = { info: () => undefined, error: () => undefined };

export async function startLocalApp(env: Record<string, string> = {}): Promise<RunningApp & { dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-test-"));
  const config = loadConfig({ PORT: "0", DATA_DIR: dataDir, ...env }, process.cwd());
  const running = await startApp(config, { log: quietLog });
  return {
    ...running,
    dataDir,
    close: async () => {
      await running.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The real app in tenant mode. Entra and Graph point at a loopback port nobody listens on, so nothing
 * leaves this machine; for tests of what the server itself serves, not of SharePoint.
 */
export function startTenantApp(): Promise<RunningApp & { dataDir: string }> {
  return startLocalApp({ ...TENANT_ENV, AAD_AUTHORITY_HOST: "http://127.0.0.1:9", GRAPH_BASE_URL: "http://127.0.0.1:9/v1.0" });
}

/** Every tenant setting, valid, so that a test can switch to tenant mode or drop one. */
export const TENANT_ENV: Readonly<Record<string, string>> = {
  BOT_ID: "11111111-1111-4111-8111-111111111111",
  SECRET_BOT_PASSWORD: "bot-secret-for-tests",
  AAD_APP_TENANT_ID: "22222222-2222-4222-8222-222222222222",
  AAD_APP_CLIENT_ID: "33333333-3333-4333-8333-333333333333",
  SECRET_AAD_APP_CLIENT_SECRET: "entra-secret-for-tests",
  TAB_DOMAIN: "aup.crich-carr.example",
  SHAREPOINT_SITE_ID: "contoso.sharepoint.com,1111,2222",
  HEADTEACHER_AAD_OBJECT_ID: "44444444-4444-4444-8444-444444444444",
  IT_TECHNICIAN_AAD_OBJECT_ID: "55555555-5555-4555-8555-555555555555",
};

export const alice: Person = { id: "aaaaaaaa-0000-4000-8000-000000000001", displayName: "Alice Teacher", upn: "alice@school.example" };
export const bob: Person = { id: "bbbbbbbb-0000-4000-8000-000000000002", displayName: "Bob Assistant", upn: "bob@school.example" };

export function acknowledgement(overrides: Partial<Acknowledgement> = {}): Acknowledgement {
  return {
    recordId: "ack-0001",
    policyId: "acceptable-use-policy",
    policyVersion: "2026.1",
    cycle: "2026/27",
    person: alice,
    acknowledgedAt: "2026-09-02T08:15:00.000Z",
    channel: "teams-bot",
    ...overrides,
  };
}

export function report(overrides: Partial<IncidentReport> = {}): IncidentReport {
  return {
    recordId: "rep-1a2b3c4d-0000-4000-8000-000000000000",
    kind: "lost-equipment",
    reporter: alice,
    reportedAt: "2026-10-05T14:00:00.000Z",
    occurredAt: "2026-10-05T12:30:00.000Z",
    summary: "Lost: Dell Latitude 5440 (SN 7XK2)",
    details: { what: "stolen", item: "Dell Latitude 5440", assetTag: "7XK2", personalData: true },
    urgent: true,
    status: "New",
    statusChangedAt: "2026-10-05T14:00:00.000Z",
    statusChangedBy: "Alice Teacher",
    ...overrides,
  };
}

const technician: Person = { id: "cccccccc-0000-4000-8000-000000000003", displayName: "Isaiah Langer", upn: "isaiah@school.example" };

export function loan(overrides: Partial<LaptopLoan> = {}): LaptopLoan {
  return {
    recordId: laptopLoanRecordId("00000000-0000-4000-8000-000000000001", technician.id),
    borrower: alice,
    issuedBy: technician,
    model: "Dell Latitude 5440",
    serialNumber: "7XK2",
    assetTag: "CC-1",
    withBagAndManuals: true,
    software: ["Windows 11 Education", "Microsoft 365 Apps for education"],
    additionalSoftware: "",
    issuedOn: "2026-11-30",
    recordedAt: "2026-11-30T09:00:00.000Z",
    agreementVersion: "2026.1",
    status: "Awaiting confirmation",
    confirmedAt: "",
    ...overrides,
  };
}
