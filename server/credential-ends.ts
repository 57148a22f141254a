// The end dates of the credentials the app runs on, with how to renew each: from the configuration
// ({SECRET}_EXPIRES_AT, written by provisioning) and from the Graph certificate itself (its notAfter).
import fs from "node:fs";
import { X509Certificate } from "node:crypto";
import type { TenantModeConfig } from "./config.js";
import { renewSecretFix } from "../records/graph/admin-fixes.js";
import type { WatchedCredential } from "../bot/credentials/credential-expiry-watch.js";

export function watchedCredentials(tenant: TenantModeConfig): WatchedCredential[] {
  const clientIdOf = (setting: string): string => (setting === "SECRET_BOT_PASSWORD" ? tenant.bot.appId : tenant.entraApp.clientId);
  const watched: WatchedCredential[] = tenant.credentialExpiry.map((end) => ({
    ...end,
    renewal: renewSecretFix({ tenantId: tenant.tenantId, clientId: clientIdOf(end.setting), secretName: end.setting }),
  }));
  const certificate = tenant.entraApp.certificate;
  const notAfter = certificate ? certificateNotAfter(certificate.privateKeyPath) : undefined;
  if (certificate && notAfter) {
    watched.push({
      setting: "AAD_APP_CERTIFICATE_PATH",
      label: "the Entra app's certificate (SharePoint writes)",
      expiresAt: notAfter,
      renewal:
        `create a new certificate, upload its public part (Entra admin centre > App registrations > ${tenant.entraApp.clientId} > ` +
        "Certificates & secrets > Upload certificate), put the PEM (private key and certificate) at AAD_APP_CERTIFICATE_PATH, " +
        "set AAD_APP_CERTIFICATE_THUMBPRINT to its SHA-256 thumbprint, then restart the web app.",
    });
  }
  return watched;
}

/** The notAfter of the first certificate in a PEM file (private key and certificate together), if it holds one. */
export function certificateNotAfter(pemPath: string): Date | undefined {
  const pem = fs.readFileSync(pemPath, "utf8");
  const block = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  return block ? new Date(new X509Certificate(block).validTo) : undefined;
}

/** Every secret value in the configuration, for the log to blank out. */
export function secretsOf(tenant: TenantModeConfig): string[] {
  return [tenant.bot.appPassword, tenant.entraApp.clientSecret];
}
