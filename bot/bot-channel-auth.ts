// How the bot and the Bot Connector prove themselves to each other in tenant mode: the connector's
// signed tokens in (botbuilder checks them), the bot's own Entra tokens out (msal-node).
import { ConfidentialClientApplication } from "@azure/msal-node";
import { CallerIdConstants, ConfigurationBotFrameworkAuthentication, type Activity } from "botbuilder";
import {
  AuthenticationConstants,
  AuthenticationError,
  ServiceClientCredentialsFactory,
  TokenCredentials,
  type AuthenticateRequestResult,
  type ServiceClientCredentials,
} from "botframework-connector";
import { msalConfiguration } from "../records/graph/app-only-token.js";
import { AuthError, UnavailableError } from "../records/errors.js";
import { isBotConnectorUrl, isLoopbackUrl } from "./activity-shape.js";
import { ChannelTokenPrecheck } from "./channel-token-precheck.js";

/** The Azure Bot registration in tenant mode; absent locally, where bot authentication is off. */
export interface BotRegistration {
  readonly appId: string;
  readonly appPassword: string;
  readonly tenantId: string;
  /** Where the connector's signing keys are listed (Microsoft's unless a test says otherwise). */
  readonly openIdMetadataUrl: string;
  /** The Entra host the bot's own tokens come from (Microsoft's unless a test says otherwise). */
  readonly loginUrl: string;
  /** Teams' Bot Connector hosts: activities are accepted from, and the bot's token sent to, only these. */
  readonly serviceUrlHosts: readonly string[];
}

export function botFrameworkAuthentication(registration: BotRegistration | undefined): ConfigurationBotFrameworkAuthentication {
  if (!registration) return new ChannelTokenAuthentication({}, new LoopbackOnlyCredentials());
  return new ChannelTokenAuthentication(
    {
      MicrosoftAppId: registration.appId,
      MicrosoftAppPassword: registration.appPassword,
      MicrosoftAppType: "SingleTenant",
      MicrosoftAppTenantId: registration.tenantId,
      // botbuilder takes either none of these or all of them; all but the key list are its public-cloud defaults.
      ToBotFromChannelOpenIdMetadataUrl: registration.openIdMetadataUrl,
      ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
      ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      CallerId: CallerIdConstants.PublicAzureChannel,
      ValidateAuthority: true,
    },
    new EntraBotCredentials(registration),
    new ChannelTokenPrecheck(registration.openIdMetadataUrl),
  );
}

/**
 * botbuilder answers 401 only for its own AuthenticationError; a forged signature or "alg": "none"
 * surfaces as jsonwebtoken's error and would be a 500. Those are the caller's fault: say 401.
 * Anything else (the key list unreachable) stays a server error, so an outage never looks like a bad token.
 */
class ChannelTokenAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    configuration: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0],
    credentials?: ServiceClientCredentialsFactory,
    private readonly precheck?: ChannelTokenPrecheck,
  ) {
    super(configuration, credentials);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    await this.precheck?.check(authHeader);
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (error instanceof Error && JWT_ERRORS.has(error.name)) {
        throw new AuthenticationError(`Unauthorized. The token could not be verified: ${error.message}`, 401);
      }
      throw error;
    }
  }
}

const JWT_ERRORS = new Set(["JsonWebTokenError", "NotBeforeError", "TokenExpiredError"]);

/**
 * A single-tenant bot's outbound token: client credentials for its app id in the school's tenant,
 * scoped to the Bot Connector. botbuilder's own MSAL copy cannot be pointed at a loopback stand-in;
 * ours can (see msalConfiguration), and caches each token until shortly before it expires.
 */
class EntraBotCredentials extends ServiceClientCredentialsFactory {
  private readonly entra: ConfidentialClientApplication;
  /** One request to Entra per scope at a time: 20 sends at start-up share the first token rather than ask 20 times. */
  private readonly pending = new Map<string, Promise<string>>();

  constructor(private readonly registration: BotRegistration) {
    super();
    this.entra = new ConfidentialClientApplication(
      msalConfiguration({
        tenantId: registration.tenantId,
        clientId: registration.appId,
        credential: { kind: "secret", clientSecret: registration.appPassword },
        authorityHost: registration.loginUrl,
      }),
    );
  }

  isValidAppId(appId: string): Promise<boolean> {
    return Promise.resolve(appId === this.registration.appId);
  }

  isAuthenticationDisabled(): Promise<boolean> {
    return Promise.resolve(false);
  }

  createCredentials(appId: string, audience: string | undefined): Promise<ServiceClientCredentials> {
    if (appId !== this.registration.appId) return Promise.reject(new AuthenticationError(`Unknown bot app id ${appId}.`, 401));
    const resource = (audience ?? AuthenticationConstants.ToChannelFromBotOAuthScope).replace(/\/\.default$/, "");
    return Promise.resolve({
      signRequest: async (request) => {
        // The token goes only to Teams' Bot Connector, whatever serviceUrl a stored conversation names.
        if (!isBotConnectorUrl(request.url, this.registration.serviceUrlHosts)) {
          throw new AuthError(`Refused to send the bot's token to ${new URL(request.url).host}: it is not a Teams Bot Connector address.`, true);
        }
        return new TokenCredentials(await this.token(`${resource}/.default`)).signRequest(request);
      },
    });
  }

  private token(scope: string): Promise<string> {
    const pending = this.pending.get(scope);
    if (pending) return pending;
    const request = this.requestToken(scope).finally(() => this.pending.delete(scope));
    this.pending.set(scope, request);
    return request;
  }

  private async requestToken(scope: string): Promise<string> {
    let token: string | undefined;
    try {
      token = (await this.entra.acquireTokenByClientCredential({ scopes: [scope] }))?.accessToken;
    } catch (error) {
      throw new UnavailableError(
        `Could not get a Bot Framework token for bot ${this.registration.appId} in tenant ${this.registration.tenantId}: ` +
          `${error instanceof Error ? error.message : String(error)}. Check BOT_ID and SECRET_BOT_PASSWORD.`,
      );
    }
    if (!token) throw new UnavailableError("Entra ID answered the bot without an access token.");
    return token;
  }
}

/**
 * Local mode: authentication off, as botbuilder's own default, but nothing is sent beyond this machine,
 * whatever serviceUrl a conversation saved before (or an old data folder) names.
 */
class LoopbackOnlyCredentials extends ServiceClientCredentialsFactory {
  isValidAppId(appId: string): Promise<boolean> {
    return Promise.resolve(appId === "");
  }

  isAuthenticationDisabled(): Promise<boolean> {
    return Promise.resolve(true);
  }

  createCredentials(): Promise<ServiceClientCredentials> {
    return Promise.resolve({
      signRequest: (request) => {
        if (!isLoopbackUrl(request.url)) {
          return Promise.reject(new AuthError(`Refused to send to ${new URL(request.url).host}: locally the bot sends only to this machine.`, true));
        }
        return Promise.resolve(request);
      },
    });
  }
}
