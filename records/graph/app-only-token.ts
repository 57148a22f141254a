// App-only Graph tokens from msal-node; MSAL caches each token and fetches a new one before it expires.
import fs from "node:fs";
import { ConfidentialClientApplication, type Configuration } from "@azure/msal-node";
import { UnavailableError } from "../errors.js";
import { entraRefusal } from "./admin-fixes.js";
import type { AccessTokenSource } from "./graph-client.js";

export type AppCredential =
  /** secretName: the setting that holds it, named in the admin's fix (SECRET_AAD_APP_CLIENT_SECRET by default). */
  | { readonly kind: "secret"; readonly clientSecret: string; readonly secretName?: string }
  | { readonly kind: "certificate"; readonly privateKeyPath: string; readonly thumbprintSha256: string };

export interface AppOnlyTokenOptions {
  readonly tenantId: string;
  readonly clientId: string;
  readonly credential: AppCredential;
  /** https://login.microsoftonline.com, or a loopback stand-in (http) in tests. */
  readonly authorityHost: string;
  /** The resource whose ".default" scope is requested; Graph unless told otherwise. */
  readonly resource?: string;
  /** The setting that holds the secret, named in the admin's fix when Entra refuses it. */
  readonly secretName?: string;
}

const PUBLIC_AUTHORITY_HOST = "https://login.microsoftonline.com";

export function appOnlyAccessToken(options: AppOnlyTokenOptions): AccessTokenSource {
  const app = new ConfidentialClientApplication(msalConfiguration(options));
  const scopes = [`${options.resource ?? "https://graph.microsoft.com"}/.default`];
  return async ({ forceRefresh = false } = {}) => {
    let token: string | undefined;
    try {
      // After Graph refused a token (401), skipCache fetches a new one; MSAL caches it for the calls that follow.
      token = (await app.acquireTokenByClientCredential({ scopes, skipCache: forceRefresh }))?.accessToken;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Entra answered (an AADSTS code): the admin has something to fix. Otherwise Entra was unreachable.
      if (/AADSTS\d+/.test(message)) {
        throw entraRefusal(message, { tenantId: options.tenantId, clientId: options.clientId, secretName: secretNameOf(options) });
      }
      throw new UnavailableError(`Could not reach Entra ID for a Microsoft Graph token for app ${options.clientId}: ${message}`);
    }
    if (!token) throw new UnavailableError("Entra ID answered without an access token.");
    return token;
  };
}

function secretNameOf(options: AppOnlyTokenOptions): string | undefined {
  if (options.secretName) return options.secretName;
  return options.credential.kind === "secret" ? (options.credential.secretName ?? "SECRET_AAD_APP_CLIENT_SECRET") : "AAD_APP_CERTIFICATE_PATH";
}

/** Also used for the bot's own Entra tokens (bot/bot-channel-auth.ts). */
export function msalConfiguration(options: AppOnlyTokenOptions): Configuration {
  const credential =
    options.credential.kind === "secret"
      ? { clientSecret: options.credential.clientSecret }
      : {
          clientCertificate: {
            thumbprintSha256: options.credential.thumbprintSha256,
            privateKey: fs.readFileSync(options.credential.privateKeyPath, "utf8"),
          },
        };
  const host = options.authorityHost.replace(/\/+$/, "");
  if (!host.startsWith("http://")) {
    return { auth: { clientId: options.clientId, authority: `${host}/${options.tenantId}`, ...credential } };
  }
  // MSAL insists on an https authority. A loopback stand-in is reached by naming the public
  // authority and handing MSAL metadata whose endpoints point at the stand-in, so no discovery call is made.
  const base = `${host}/${options.tenantId}`;
  const publicHost = new URL(PUBLIC_AUTHORITY_HOST).host;
  return {
    auth: {
      clientId: options.clientId,
      authority: `${PUBLIC_AUTHORITY_HOST}/${options.tenantId}`,
      knownAuthorities: [publicHost],
      authorityMetadata: JSON.stringify({
        token_endpoint: `${base}/oauth2/v2.0/token`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        issuer: `${base}/v2.0`,
        jwks_uri: `${host}/discovery/v2.0/keys`,
      }),
      cloudDiscoveryMetadata: JSON.stringify({
        tenant_discovery_endpoint: `${base}/v2.0/.well-known/openid-configuration`,
        "api-version": "1.1",
        metadata: [{ preferred_network: publicHost, preferred_cache: publicHost, aliases: [publicHost] }],
      }),
      ...credential,
    },
  };
}
