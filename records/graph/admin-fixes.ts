// What an admin reads when Entra or Graph refuses the app: what is wrong, and the exact step that fixes it.
import { UnavailableError } from "../errors.js";
import type { GraphResponse } from "./graph-client.js";

/** Where the fix is run; filled from the configuration so that every command can be pasted as it is. */
export interface FixContext {
  readonly tenantId: string;
  readonly clientId: string;
  readonly siteId?: string;
  /** The environment variable that holds the refused credential, e.g. SECRET_AAD_APP_CLIENT_SECRET. */
  readonly secretName?: string;
}

/** Entra refused to issue a token, or Graph refused the token or the request: retrying alone will not help. */
export class AdminActionError extends UnavailableError {
  constructor(
    readonly problem: string,
    readonly fix: string,
    readonly status?: number,
  ) {
    super(`${problem} Fix: ${fix}`);
  }
}

const GRAPH_EXPLORER = "https://aka.ms/ge";

/** The steps (as the runbook, infra/README.md, gives them) that renew a client secret. */
export function renewSecretFix(context: FixContext): string {
  const name = context.secretName ?? "SECRET_AAD_APP_CLIENT_SECRET";
  return (
    `create a new client secret (az ad app credential reset --id ${context.clientId} --append --years 1 --query password -o tsv, ` +
    `or Entra admin centre > App registrations > ${context.clientId} > Certificates & secrets > New client secret), put it in ${name} ` +
    `(env/.env.{env}.user and the web app's settings) with its end date in ${name}_EXPIRES_AT, then restart the web app.`
  );
}

/** Entra's answer to a client-credentials request, by AADSTS code. */
export function entraRefusal(message: string, context: FixContext): AdminActionError {
  const code = /AADSTS(\d+)/.exec(message)?.[1];
  const what = `Entra ID refused a token to app ${context.clientId} in tenant ${context.tenantId} (${code ? `AADSTS${code}` : firstLine(message)}).`;
  if (context.secretName === "AAD_APP_CERTIFICATE_PATH" && ["7000215", "7000222", "700027", "700024"].includes(code ?? "")) {
    return new AdminActionError(
      `${what} The certificate was not accepted (not uploaded to the app, expired, or a different thumbprint).`,
      `upload the certificate's public part (Entra admin centre > App registrations > ${context.clientId} > Certificates & secrets > Certificates), ` +
        "and check AAD_APP_CERTIFICATE_THUMBPRINT is its SHA-256 thumbprint; then restart the web app.",
      401,
    );
  }
  switch (code) {
    case "7000222":
      return new AdminActionError(`${what} The client secret has expired.`, renewSecretFix(context), 401);
    case "7000215":
      return new AdminActionError(`${what} The client secret is wrong (mistyped, or replaced by a newer one).`, renewSecretFix(context), 401);
    case "700016":
      return new AdminActionError(
        `${what} No app with this client id exists in the tenant.`,
        `check AAD_APP_CLIENT_ID and AAD_APP_TENANT_ID against Entra admin centre > App registrations, or run atk provision --env dev to create the app.`,
        400,
      );
    case "7000229":
      return new AdminActionError(
        `${what} The app has no service principal (enterprise application) in the tenant.`,
        `az ad sp create --id ${context.clientId} (the toolkit does this with generateServicePrincipal: true), then run npm run doctor again.`,
        400,
      );
    case "90002":
    case "900023":
      return new AdminActionError(`${what} The tenant was not found.`, `set AAD_APP_TENANT_ID to the school's Entra tenant id (Entra admin centre > Overview > Tenant ID).`, 400);
    default:
      return new AdminActionError(what, `check the app's client id and credential (${context.secretName ?? "SECRET_AAD_APP_CLIENT_SECRET"} or the certificate), then run npm run doctor.`);
  }
}

/** The Sites.Selected grant, as the admin runs it in Graph Explorer. */
export function siteGrantFix(context: FixContext, role: "write" | "manage" = "manage"): string {
  return (
    `grant the app "${role}" on the site: in Graph Explorer (${GRAPH_EXPLORER}), signed in as a SharePoint or Global admin, ` +
    `POST https://graph.microsoft.com/v1.0/sites/${context.siteId ?? "{SHAREPOINT_SITE_ID}"}/permissions with body ` +
    `{"roles":["${role}"],"grantedToIdentities":[{"application":{"id":"${context.clientId}","displayName":"school-it-aup"}}]} ` +
    `(infra/README.md, step 6).`
  );
}

export function consentFix(context: FixContext): string {
  return (
    `grant admin consent: az ad app permission admin-consent --id ${context.clientId} ` +
    `(or Entra admin centre > App registrations > ${context.clientId} > API permissions > Grant admin consent).`
  );
}

/**
 * What a Graph refusal means for the admin, or undefined when it is not about the set-up (a 4xx about one
 * record, throttling, an outage). `purpose` says what the app was doing, e.g. "write to the SharePoint lists".
 */
export function graphRefusal(response: GraphResponse, context: FixContext, purpose: string): AdminActionError | undefined {
  const error = (response.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  const said = [response.status, error?.code, error?.message].filter(Boolean).join(" ");
  if (response.status === 401) {
    if (/scp or roles claim/i.test(error?.message ?? "")) {
      return new AdminActionError(`Microsoft Graph refused to ${purpose}: the app's token carries no permissions (${said}).`, consentFix(context), 401);
    }
    return new AdminActionError(
      `Microsoft Graph refused the app's token when asked to ${purpose} (${said}); a fresh token was refused too.`,
      `run npm run doctor: it says whether the secret has expired or consent is missing. ${consentFix(context)}`,
      401,
    );
  }
  if (response.status === 403) {
    return new AdminActionError(
      `Microsoft Graph refused to ${purpose} (${said}): the app has no grant on SharePoint site ${context.siteId ?? ""} that allows it, or admin consent for Sites.Selected is missing.`,
      `${consentFix(context)} Then ${siteGrantFix(context)}`,
      403,
    );
  }
  if (response.status === 404 && /site/i.test(error?.message ?? "") && context.siteId) {
    return new AdminActionError(
      `Microsoft Graph found no SharePoint site ${context.siteId} (${said}).`,
      `set SHAREPOINT_SITE_ID to the id Graph Explorer gives for GET https://graph.microsoft.com/v1.0/sites/{host}:/sites/{path}?$select=id.`,
      404,
    );
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0]?.slice(0, 200) ?? "";
}
