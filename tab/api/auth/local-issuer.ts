// Local mode has no Entra: this issuer signs Entra-shaped v2 tokens with a key made at start-up, so the
// tab API runs the very same validation as in a tenant. Never mounted in tenant mode.
import { generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import express from "express";
import { createLocalJWKSet, SignJWT, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";
import { ValidationError } from "../../../records/errors.js";
import type { Clock, Person } from "../../../records/types.js";
import { entraIssuer, REQUIRED_SCOPE } from "./token-validator.js";

/** The made-up client id local tokens are issued for (the audience the local API accepts). */
export const LOCAL_TAB_CLIENT_ID = "00000000-0000-0000-0000-00000000a0b1";

/** The Agents Playground's demo users, so a report filed in the tab and an alert in the Playground match up. */
export const LOCAL_DEMO_PEOPLE: readonly Person[] = [
  { id: "00000000-0000-0000-0000-0000000000020", displayName: "Alex Wilber", upn: "alexw@example.com" },
  { id: "00000000-0000-0000-0000-0000000000021", displayName: "Megan Bowen", upn: "meganb@example.com" },
  { id: "00000000-0000-0000-0000-0000000000022", displayName: "Adele Vance", upn: "adelev@example.com" },
  { id: "00000000-0000-0000-0000-0000000000023", displayName: "Isaiah Langer", upn: "isaiah@example.com" },
  { id: "00000000-0000-0000-0000-0000000000024", displayName: "Patti Fernandez", upn: "pattif@example.com" },
  { id: "00000000-0000-0000-0000-0000000000025", displayName: "Lynne Robbins", upn: "lynner@example.com" },
];

const TOKEN_LIFETIME_SECONDS = 60 * 60;

export class LocalIssuer {
  private readonly privateKey: KeyObject;
  private readonly publicJwks: JSONWebKeySet;

  /**
   * @param rolesFor the Entra app roles a demo person's token carries, as Entra would for an assigned role:
   *   the local headteacher (and IT technician) get theirs, so their view opens as it would in a tenant.
   */
  constructor(
    private readonly tenantId: string,
    private readonly clock: Clock,
    private readonly rolesFor: (person: Person) => readonly string[] = () => [],
  ) {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    this.privateKey = privateKey;
    const kid = randomUUID();
    this.publicJwks = { keys: [{ ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" }] };
  }

  get kid(): string {
    return this.publicJwks.keys[0]?.kid as string;
  }

  jwks(): JSONWebKeySet {
    return this.publicJwks;
  }

  /** What the validator checks signatures against, exactly as it would Entra's published keys. */
  signingKeys(): JWTVerifyGetKey {
    return createLocalJWKSet(this.publicJwks);
  }

  async issue(person: Person): Promise<{ accessToken: string; expiresIn: number }> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const roles = this.rolesFor(person);
    const accessToken = await new SignJWT({
      ...(roles.length ? { roles: [...roles] } : {}),
      tid: this.tenantId,
      oid: person.id,
      name: person.displayName,
      preferred_username: person.upn,
      scp: REQUIRED_SCOPE,
      ver: "2.0",
    })
      .setProtectedHeader({ alg: "RS256", kid: this.kid, typ: "JWT" })
      .setIssuer(entraIssuer(this.tenantId))
      .setAudience(LOCAL_TAB_CLIENT_ID)
      .setSubject(person.id)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + TOKEN_LIFETIME_SECONDS)
      .sign(this.privateKey);
    return { accessToken, expiresIn: TOKEN_LIFETIME_SECONDS };
  }
}

/** GET /local-auth/jwks, GET /local-auth/people and POST /local-auth/token {personId}. */
export function localAuthRouter(issuer: LocalIssuer): express.Router {
  const router = express.Router();
  router.get("/local-auth/jwks", (_req, res) => {
    res.json(issuer.jwks());
  });
  router.get("/local-auth/people", (_req, res) => {
    res.json({ people: LOCAL_DEMO_PEOPLE });
  });
  router.post("/local-auth/token", express.json({ limit: "1kb" }), async (req, res) => {
    const personId = (req.body as { personId?: unknown } | undefined)?.personId;
    const person = LOCAL_DEMO_PEOPLE.find((p) => p.id === personId);
    if (!person) {
      throw new ValidationError(`personId must be one of the local demo people: ${LOCAL_DEMO_PEOPLE.map((p) => p.id).join(", ")}.`);
    }
    res.set("Cache-Control", "no-store").json({ ...(await issuer.issue(person)), person });
  });
  return router;
}
