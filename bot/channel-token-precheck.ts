// The Bot Connector's signature and expiry, checked before botbuilder checks them again. botbuilder's
// JwtTokenExtractor prints every token it refuses to the console (a stack trace for an expired one, its
// whole key list for a bad signature); a token refused here never gets that far, and is one line in
// the app's log instead. botbuilder still checks everything (issuer, audience, endorsements, serviceUrl).
import { AuthenticationConstants, AuthenticationError } from "botframework-connector";
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTVerifyGetKey } from "jose";

// As botbuilder: RSA signatures, five minutes' clock skew.
const ALGORITHMS = ["RS256", "RS384", "RS512"];
const CLOCK_TOLERANCE_SECONDS = 300;

/** Failures of the key list itself are an outage, not a bad token: botbuilder decides those. */
const OUTAGES = new Set(["ERR_JWKS_TIMEOUT", "ERR_JWKS_INVALID", "ERR_JWKS_MULTIPLE_MATCHING_KEYS", "ERR_JWKS_NO_MATCHING_KEY"]);

export class ChannelTokenPrecheck {
  private keys: Promise<JWTVerifyGetKey | undefined> | undefined;

  constructor(private readonly openIdMetadataUrl: string) {}

  /** Throws botbuilder's AuthenticationError (401) for a connector token that is forged or out of date. */
  async check(authorization: string): Promise<void> {
    const token = /^Bearer (\S+)$/.exec(authorization)?.[1];
    if (!token || !this.claimsToBeTheConnector(token)) return;
    const keys = await this.keySet();
    if (!keys) return;
    try {
      await jwtVerify(token, keys, { algorithms: ALGORITHMS, clockTolerance: CLOCK_TOLERANCE_SECONDS });
    } catch (error) {
      if (!(error instanceof errors.JOSEError) || OUTAGES.has(error.code)) return;
      if (error instanceof errors.JWTExpired) throw new AuthenticationError("The token has expired", 401);
      throw new AuthenticationError(`Unauthorized. The token could not be verified: ${reason(token, error)}`, 401);
    }
  }

  /** Only tokens botbuilder would verify against the connector's keys (anything else it refuses quietly). */
  private claimsToBeTheConnector(token: string): boolean {
    try {
      return decodeJwt(token).iss === AuthenticationConstants.ToBotFromChannelTokenIssuer;
    } catch {
      return false;
    }
  }

  private keySet(): Promise<JWTVerifyGetKey | undefined> {
    this.keys ??= fetch(this.openIdMetadataUrl)
      .then((response) => (response.ok ? (response.json() as Promise<{ jwks_uri?: unknown }>) : { jwks_uri: undefined }))
      .then(({ jwks_uri }) => (typeof jwks_uri === "string" ? createRemoteJWKSet(new URL(jwks_uri)) : undefined))
      .catch(() => undefined);
    const keys = this.keys;
    // An unreadable list is tried again on the next request rather than remembered.
    void keys.then((found) => {
      if (!found && this.keys === keys) this.keys = undefined;
    });
    return keys;
  }
}

function reason(token: string, error: errors.JOSEError): string {
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    return "it is not a signed token";
  }
  if (alg === "none" || error instanceof errors.JOSEAlgNotAllowed) return "jwt signature is required";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "invalid signature";
  return error.message;
}
