// A stand-in for the Bot Framework's side of authentication, over loopback HTTP:
// - the Bot Connector's OpenID metadata and signing keys, and channel->bot tokens signed as the
//   connector signs them (and each kind of bad one), for botbuilder to check;
// - the Entra token endpoint a single-tenant bot asks for its own token (client credentials),
//   and a check the connector stand-in can apply to what the bot then sends.
import { generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, createLocalJWKSet, jwtVerify, type JWTPayload } from "jose";

const CONNECTOR_ISSUER = "https://api.botframework.com";
/** The audience of the bot's own tokens: the Bot Connector. */
const CONNECTOR_SCOPE = "https://api.botframework.com/.default";

export interface BotAppRegistration {
  readonly appId: string;
  readonly appPassword: string;
  readonly tenantId: string;
}

export interface ChannelTokenOptions {
  /** The activity's serviceUrl, as the connector puts it in the "serviceurl" claim. */
  readonly serviceUrl: string;
  /** Defaults to the bot's app id. */
  readonly audience?: string;
  readonly issuer?: string;
  /** Seconds from now; negative for an expired token. */
  readonly expiresIn?: number;
  /** "foreign": a key the JWKS does not hold, under the published key id. */
  readonly signWith?: "published" | "foreign";
}

interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly jwk: Record<string, unknown>;
}

function signingKey(extra: Record<string, unknown> = {}): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = randomUUID();
  return { kid, privateKey, jwk: { ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig", ...extra } };
}

export class BotFrameworkStandIn {
  /** The connector's key; botbuilder refuses a key whose endorsements do not include the channel. */
  private readonly connectorKey = signingKey({ endorsements: ["msteams"] });
  private readonly foreignKey = signingKey();
  /** Entra's key for the bot's own tokens. */
  private readonly entraKey = signingKey();
  /** How often botbuilder fetched the connector's keys, and the bot asked for a token. */
  readonly counters = { keyFetches: 0, tokensIssued: 0, tokensRefused: 0 };

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    readonly bot: BotAppRegistration,
  ) {
    server.on("request", (req, res) => this.handle(req, res));
  }

  static async start(bot: BotAppRegistration): Promise<BotFrameworkStandIn> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return new BotFrameworkStandIn(server, `http://127.0.0.1:${port}`, bot);
  }

  /** BOT_OPENID_METADATA_URL and BOT_LOGIN_URL pointing here. */
  get env(): Record<string, string> {
    return { BOT_OPENID_METADATA_URL: `${this.url}/v1/.well-known/openidconfiguration`, BOT_LOGIN_URL: this.url };
  }

  /** A token as the Bot Connector attaches to each activity it posts to the bot, unless options say otherwise. */
  async channelToken(options: ChannelTokenOptions): Promise<string> {
    const seconds = Math.floor(Date.now() / 1000);
    const claims: JWTPayload = {
      iss: options.issuer ?? CONNECTOR_ISSUER,
      aud: options.audience ?? this.bot.appId,
      serviceurl: options.serviceUrl,
      nbf: seconds - 5,
      iat: seconds,
      exp: seconds + (options.expiresIn ?? 3600),
    };
    const key = options.signWith === "foreign" ? this.foreignKey.privateKey : this.connectorKey.privateKey;
    return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: this.connectorKey.kid, typ: "JWT" }).sign(key);
  }

  /** The same claims as a good token, under "alg": "none" with no signature. */
  async unsignedChannelToken(options: ChannelTokenOptions): Promise<string> {
    const [, payload] = (await this.channelToken(options)).split(".");
    const header = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT", kid: this.connectorKey.kid })).toString("base64url");
    return `${header}.${payload}.`;
  }

  /** What the real connector checks on the bot's calls: an Entra token for this bot, for the connector, in date. */
  async isBotToken(authorization: string | undefined): Promise<boolean> {
    const token = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
    if (!token) return false;
    try {
      const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: [this.entraKey.jwk] }), {
        issuer: `https://login.microsoftonline.com/${this.bot.tenantId}/v2.0`,
        audience: CONNECTOR_ISSUER,
        algorithms: ["RS256"],
      });
      return payload.azp === this.bot.appId && payload.tid === this.bot.tenantId;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = new URL(req.url ?? "/", this.url).pathname;
      if (req.method === "GET" && path === "/v1/.well-known/openidconfiguration") {
        return json(res, 200, {
          issuer: CONNECTOR_ISSUER,
          authorization_endpoint: "https://invalid.botframework.com",
          jwks_uri: `${this.url}/v1/.well-known/keys`,
          id_token_signing_alg_values_supported: ["RS256"],
          token_endpoint_auth_methods_supported: ["private_key_jwt"],
        });
      }
      if (req.method === "GET" && path === "/v1/.well-known/keys") {
        this.counters.keyFetches++;
        return json(res, 200, { keys: [this.connectorKey.jwk] });
      }
      if (req.method === "POST" && path === `/${this.bot.tenantId}/oauth2/v2.0/token`) {
        void this.issueBotToken(new URLSearchParams(Buffer.concat(chunks).toString("utf8")), res);
        return;
      }
      json(res, 404, { error: "not_found", error_description: `${req.method ?? ""} ${path} is not part of the stand-in` });
    });
  }

  /** Whether the bot's app has a service principal in the tenant; without one Entra answers AADSTS7000229. */
  servicePrincipal = true;

  private async issueBotToken(form: URLSearchParams, res: http.ServerResponse): Promise<void> {
    if (!this.servicePrincipal) {
      this.counters.tokensRefused++;
      return json(res, 400, { error: "invalid_client", error_description: `AADSTS7000229: The client application ${this.bot.appId} is missing service principal in the tenant ${this.bot.tenantId}.` });
    }
    const valid =
      form.get("grant_type") === "client_credentials" &&
      form.get("client_id") === this.bot.appId &&
      form.get("client_secret") === this.bot.appPassword &&
      form.get("scope") === CONNECTOR_SCOPE;
    if (!valid) {
      this.counters.tokensRefused++;
      return json(res, 401, { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret, client id or scope." });
    }
    this.counters.tokensIssued++;
    const seconds = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ azp: this.bot.appId, appid: this.bot.appId, tid: this.bot.tenantId, ver: "2.0" })
      .setProtectedHeader({ alg: "RS256", kid: this.entraKey.kid, typ: "JWT" })
      .setIssuer(`https://login.microsoftonline.com/${this.bot.tenantId}/v2.0`)
      .setAudience(CONNECTOR_ISSUER)
      .setIssuedAt(seconds)
      .setNotBefore(seconds - 5)
      .setExpirationTime(seconds + 3600)
      .sign(this.entraKey.privateKey);
    json(res, 200, { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: token });
  }
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
