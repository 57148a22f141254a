// A stand-in for Microsoft Entra: serves a tenant's signing keys over loopback HTTP at the path Entra
// uses, and mints v2 access tokens (good ones, and each kind of bad one) for tests.
import { generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, type JWTPayload } from "jose";

export const TEST_TENANT_ID = "11111111-2222-3333-4444-555555555555";
export const OTHER_TENANT_ID = "99999999-8888-7777-6666-555555555555";
export const TEST_CLIENT_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
export const TEST_TAB_DOMAIN = "aup.test-school.example";

export interface TestPerson {
  readonly id: string;
  readonly displayName: string;
  readonly upn: string;
}

export const SAM_TEACHER: TestPerson = {
  id: "0c0ffee0-0000-4000-8000-000000000001",
  displayName: "Sam Teacher",
  upn: "sam.teacher@test-school.example",
};

export function testPerson(n: number): TestPerson {
  const suffix = String(n).padStart(12, "0");
  return { id: `0c0ffee0-0000-4000-8000-${suffix}`, displayName: `Staff Member ${n}`, upn: `staff${n}@test-school.example` };
}

export interface MintOptions {
  readonly person?: TestPerson;
  readonly tenantId?: string;
  readonly issuer?: string;
  readonly audience?: string;
  /** Seconds from now; negative for an expired token. */
  readonly expiresIn?: number;
  readonly notBeforeIn?: number;
  /** Claims to add or override (e.g. { scp: "User.Read" }); undefined removes a claim. */
  readonly claims?: Record<string, unknown>;
  /** Sign with a key Entra does not publish, under the published key id. */
  readonly signWithForeignKey?: boolean;
}

export class FakeEntra {
  private readonly kid = randomUUID();
  private readonly privateKey: KeyObject;
  private readonly foreignKey: KeyObject;
  private readonly jwks: object;
  /** How many times the keys were fetched: proves validation really reached this server. */
  keyFetches = 0;

  private constructor(
    private readonly server: http.Server,
    readonly authorityHost: string,
  ) {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.foreignKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    this.jwks = { keys: [{ ...publicKey.export({ format: "jwk" }), kid: this.kid, alg: "RS256", use: "sig" }] };
    server.on("request", (req, res) => {
      // Entra publishes the same keys under every tenant's path, whatever the case of its id.
      if (req.method === "GET" && /^\/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\/discovery\/v2\.0\/keys$/i.test(req.url ?? "")) {
        this.keyFetches++;
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(this.jwks));
        return;
      }
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not_found" }));
    });
  }

  static async start(): Promise<FakeEntra> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return new FakeEntra(server, `http://127.0.0.1:${port}`);
  }

  /** A token as Teams SSO would hand the tab, unless options say otherwise. */
  async mint(options: MintOptions = {}, now = new Date()): Promise<string> {
    const person = options.person ?? SAM_TEACHER;
    const tenantId = options.tenantId ?? TEST_TENANT_ID;
    const seconds = Math.floor(now.getTime() / 1000);
    const claims: JWTPayload = {
      iss: options.issuer ?? `https://login.microsoftonline.com/${tenantId}/v2.0`,
      aud: options.audience ?? TEST_CLIENT_ID,
      tid: tenantId,
      oid: person.id,
      sub: person.id,
      name: person.displayName,
      preferred_username: person.upn,
      scp: "access_as_user",
      ver: "2.0",
      iat: seconds,
      nbf: seconds + (options.notBeforeIn ?? 0),
      exp: seconds + (options.expiresIn ?? 3600),
      ...options.claims,
    };
    for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: this.kid, typ: "JWT" })
      .sign(options.signWithForeignKey ? this.foreignKey : this.privateKey);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
  }
}

/** The same claims as a good token, but "alg": "none" and no signature. */
export async function unsignedToken(entra: FakeEntra, options: MintOptions = {}): Promise<string> {
  const [, payload] = (await entra.mint(options)).split(".");
  const header = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
  return `${header}.${payload}.`;
}

/** A good token whose payload was edited afterwards to claim to be someone else. */
export async function tamperedToken(entra: FakeEntra, impersonate: TestPerson): Promise<string> {
  const [header, payload, signature] = (await entra.mint()).split(".");
  const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
  const forged = { ...claims, oid: impersonate.id, name: impersonate.displayName };
  return `${header}.${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${signature}`;
}

/** Environment for a tenant-mode config whose Entra is the stand-in. */
export function tenantEnv(entra: FakeEntra, dataDir: string): Record<string, string> {
  return {
    BOT_ID: "bbbbbbbb-0000-4000-8000-000000000000",
    SECRET_BOT_PASSWORD: "not-a-real-secret",
    AAD_APP_TENANT_ID: TEST_TENANT_ID,
    AAD_APP_CLIENT_ID: TEST_CLIENT_ID,
    SECRET_AAD_APP_CLIENT_SECRET: "not-a-real-secret",
    TAB_DOMAIN: TEST_TAB_DOMAIN,
    SHAREPOINT_SITE_ID: "test-school.sharepoint.com,site-guid,web-guid",
    HEADTEACHER_AAD_OBJECT_ID: "0c0ffee0-0000-4000-8000-0000000000aa",
    IT_TECHNICIAN_AAD_OBJECT_ID: "0c0ffee0-0000-4000-8000-0000000000bb",
    AAD_AUTHORITY_HOST: entra.authorityHost,
    DATA_DIR: dataDir,
    PORT: "0",
  };
}
