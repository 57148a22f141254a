// The adapter proactive messages go out through. Unlike the one that answers turns, its connector client
// does not retry 429s (or 5xx) by itself: those retries would leave at their own pace, outside the shared
// limiter, and on a throttled tenant they multiply. The messenger sees each refusal, slows the whole app,
// and the fan-out engine (or the alert queue) tries again in its turn. It also keeps one connector client
// per service URL, as botbuilder's older BotFrameworkAdapter did, instead of building one for every message.
import { CloudAdapter } from "botbuilder";
import type { BotFrameworkAuthentication, ConnectorClient, ConnectorFactory, UserTokenClient } from "botframework-connector";

interface PipelineOwner {
  readonly client?: { readonly pipeline?: { removePolicy(options: { phase: "Retry" }): unknown } };
}

/** botbuilder 4.23 builds each ConnectorClient on an @azure/core-client pipeline; take out its Retry phase. */
function withoutRetries(client: ConnectorClient): ConnectorClient {
  // If a botbuilder upgrade moves the pipeline, sends still work, only with the client's own retries back.
  (client as unknown as PipelineOwner).client?.pipeline?.removePolicy({ phase: "Retry" });
  return client;
}

export function proactiveAdapter(auth: BotFrameworkAuthentication): CloudAdapter {
  // One bot, one app id: the clients depend only on where they send and for which audience.
  const clients = new Map<string, Promise<ConnectorClient>>();
  let userTokens: Promise<UserTokenClient> | undefined;
  const paced = new Proxy(auth, {
    get(target, property, receiver) {
      if (property === "createConnectorFactory") {
        return (...args: Parameters<BotFrameworkAuthentication["createConnectorFactory"]>): ConnectorFactory => {
          const factory = target.createConnectorFactory(...args);
          return {
            create: (serviceUrl: string, audience?: string) => {
              const key = `${serviceUrl}|${audience ?? ""}`;
              let client = clients.get(key);
              if (!client) {
                client = factory.create(serviceUrl, audience).then(withoutRetries);
                client.catch(() => clients.delete(key));
                clients.set(key, client);
              }
              return client;
            },
          };
        };
      }
      if (property === "createUserTokenClient") {
        return (...args: Parameters<BotFrameworkAuthentication["createUserTokenClient"]>): Promise<UserTokenClient> => {
          userTokens ??= target.createUserTokenClient(...args);
          userTokens.catch(() => (userTokens = undefined));
          return userTokens;
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return new CloudAdapter(paced);
}
