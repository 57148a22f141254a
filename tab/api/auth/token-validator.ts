// Checks a Teams SSO (Entra v2) bearer token and returns the person in it. The same code validates
// real Entra tokens in tenant mode and the local issuer's tokens in local mode; only the keys differ.
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { AuthError, UnavailableError } from "../../../records/errors.js";
import type { Clock, Person } from "../../../records/types.js";

export const REQUIRED_SCOPE = "access_as_user";

export interface TokenValidatorOptions {
  readonly tenantId: string;
  /** The app's client id and its Application ID URI (api://{host}/{clientId}). */
  readonly audiences: readonly string[];
  readonly keys: JWTVerifyGetKey;
  readonly clock: Clock;
}

export interface TokenValidator {
  /** Resolves to the signed-in person; rejects with AuthError (401/403) or UnavailableError (503). */
  personFrom(authorization: string | undefined): Promise<Person>;
  /** The person and the Entra app roles in their token; roles are read only once the token is validated. */
  signedInFrom(authorization: string | undefined): Promise<SignedIn>;
}

export interface SignedIn {
  readonly person: Person;
  /** The token's `roles` claim: app roles assigned to the person in Entra (e.g. Headteacher). */
  readonly roles: readonly string[];
}

/** Entra v2 tokens (accessTokenAcceptedVersion 2) always carry this issuer, whichever host serves the keys. */
export function entraIssuer(tenantId: string): string {
  return `https://login.microsoftonline.com/${tenantId}/v2.0`;
}

/** Entra's signing keys for the tenant; jose caches them and refetches when a token names a new key. */
export function entraSigningKeys(authorityHost: string, tenantId: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(`${authorityHost.replace(/\/$/, "")}/${tenantId}/discovery/v2.0/keys`));
}

// Entra signs with RS256; accepting only that rules out "none" and key-confusion tricks.
const ALGORITHMS = ["RS256"];
const CLOCK_TOLERANCE_SECONDS = 60;

export function createTokenValidator(options: TokenValidatorOptions): TokenValidator {
  // Entra writes tenant ids in lower case; a setting pasted in capitals must not lock everyone out.
  const tenantId = options.tenantId.toLowerCase();
  const issuer = entraIssuer(tenantId);
  const validator: TokenValidator = {
    async personFrom(authorization) {
      return (await validator.signedInFrom(authorization)).person;
    },
    async signedInFrom(authorization) {
      const token = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(authorization?.trim() ?? "")?.[1];
      if (!token) throw new AuthError("Sign in first: send an Authorization: Bearer token from Teams single sign-on.");
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, options.keys, {
          issuer,
          audience: [...options.audiences],
          algorithms: ALGORITHMS,
          currentDate: options.clock.now(),
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ["exp", "iat"],
        }));
      } catch (error) {
        throw explain(error);
      }
      return { person: personFromClaims(payload, tenantId), roles: rolesFromClaims(payload) };
    },
  };
  return validator;
}

/** Entra puts assigned app roles in a `roles` array; anything else there is ignored, not trusted. */
function rolesFromClaims(payload: JWTPayload): string[] {
  return Array.isArray(payload.roles) ? payload.roles.filter((role): role is string => typeof role === "string") : [];
}

function personFromClaims(payload: JWTPayload, tenantId: string): Person {
  if (payload.tid !== tenantId) throw new AuthError("This sign-in belongs to another organisation (tenant); sign in with your school account.");
  const scopes = typeof payload.scp === "string" ? payload.scp.split(" ") : [];
  if (!scopes.includes(REQUIRED_SCOPE)) {
    // An app-only token is a known caller that may not file reports as a person.
    if (payload.idtyp === "app") throw new AuthError("Reports must come from a signed-in member of staff, not an application.", true);
    throw new AuthError(`The sign-in token does not grant the ${REQUIRED_SCOPE} permission for this app.`);
  }
  if (typeof payload.oid !== "string" || !payload.oid) throw new AuthError("The sign-in token does not say who you are (no oid claim).");
  const upn = typeof payload.preferred_username === "string" ? payload.preferred_username : "";
  const displayName = typeof payload.name === "string" && payload.name.trim() ? payload.name.trim() : upn || payload.oid;
  return { id: payload.oid, displayName, upn };
}

/** A fault in the token is the caller's (401); failing to fetch Entra's keys is ours (503), never "not signed in". */
function explain(error: unknown): Error {
  if (error instanceof errors.JWTExpired) return new AuthError("Your sign-in has expired: reload the tab to sign in again.");
  if (error instanceof errors.JWTClaimValidationFailed) {
    const byClaim: Record<string, string> = {
      aud: "The sign-in token was issued for another application.",
      iss: "The sign-in token was not issued by Microsoft Entra for this school's organisation.",
      nbf: "The sign-in token is not valid yet; check this device's clock.",
      iat: "The sign-in token has no issue time.",
      exp: "The sign-in token has no expiry time.",
    };
    return new AuthError(byClaim[error.claim] ?? `The sign-in token's ${error.claim} claim is not valid.`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return new AuthError("The sign-in token is not signed the way Microsoft Entra signs tokens.");
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return new AuthError("The sign-in token's signature is not valid.");
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new AuthError("The sign-in token was signed with a key Microsoft Entra does not publish.");
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return new AuthError("The sign-in token is malformed.");
  const reason = error instanceof Error ? error.message : String(error);
  return new UnavailableError(`Could not check your sign-in with Microsoft Entra right now (${reason}); try again in a minute.`, {
    cause: error,
  });
}
