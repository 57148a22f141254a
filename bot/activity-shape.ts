// What an activity posted to /api/messages must look like before botbuilder sees it. botbuilder checks
// an activity's shape only after it has started on it (and before it authenticates it), so `{}` or a
// number where a string belongs became a 500 with a stack trace. The parts the bot reads are checked
// here; everything else is passed through untouched.
import { z } from "zod";
import { AuthError, ValidationError } from "../records/errors.js";

const id = z.string().min(1).max(1024);
const account = z.looseObject({ id, name: z.string().max(1024).optional(), aadObjectId: z.string().max(200).optional() });
const member = z.looseObject({ id });

/** A mention names whom it mentions and the text to strip (TurnContext.removeRecipientMention reads both). */
const entity = z.looseObject({ type: z.string().max(200) }).superRefine((value, context) => {
  if (value.type.toLowerCase() !== "mention") return;
  const mention = z.looseObject({ mentioned: z.looseObject({ id: z.string() }), text: z.string() }).safeParse(value);
  if (!mention.success) context.addIssue({ code: "custom", message: "a mention must say whom it mentions (mentioned.id) and its text" });
});

const activityShape = z
  .looseObject({
    type: z.string().min(1).max(100),
    id: z.string().max(1024).optional(),
    serviceUrl: z.url({ protocol: /^https?$/ }),
    channelId: z.string().min(1).max(100),
    from: account,
    recipient: account,
    conversation: z.looseObject({
      id,
      conversationType: z.string().max(100).optional(),
      tenantId: z.string().max(200).optional(),
      isGroup: z.boolean().optional(),
    }),
    channelData: z
      .looseObject({
        tenant: z.looseObject({ id: z.string().max(200).optional() }).optional(),
        eventType: z.string().max(200).optional(),
      })
      .optional(),
    text: z.string().max(28_000).optional(),
    name: z.string().max(200).optional(),
    action: z.string().max(100).optional(),
    replyToId: z.string().max(1024).optional(),
    timestamp: z.string().max(100).optional(),
    localTimestamp: z.string().max(100).optional(),
    locale: z.string().max(100).optional(),
    membersAdded: z.array(member).max(1000).optional(),
    membersRemoved: z.array(member).max(1000).optional(),
    entities: z.array(entity).max(100).optional(),
  })
  .superRefine((activity, context) => {
    const mentions = activity.entities?.some((e) => e.type.toLowerCase() === "mention");
    if (mentions && activity.text === undefined) context.addIssue({ code: "custom", path: ["text"], message: "a message with a mention needs text" });
    // The bot answers only card actions among invokes; botbuilder would answer any other with 501.
    if (activity.type === "invoke" && activity.name !== "adaptiveCard/action") {
      context.addIssue({ code: "custom", path: ["name"], message: 'the only invoke this bot answers is "adaptiveCard/action"' });
    }
  });

export type CheckedActivity = z.infer<typeof activityShape>;

/** Where the activity may come from: locally only this machine; in tenant mode only Teams' Bot Connector. */
export type ActivitySource =
  | { readonly mode: "local" }
  | { readonly mode: "tenant"; readonly serviceUrlHosts: readonly string[] };

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * The activity as botbuilder may take it, or a ValidationError (400) for a shape the bot cannot read,
 * or an AuthError (403) for an activity from somewhere this mode does not serve.
 */
export function checkActivity(body: unknown, source: ActivitySource): CheckedActivity {
  const parsed = activityShape.safeParse(body);
  if (!parsed.success) {
    const details = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "activity"}: ${issue.message}`);
    throw new ValidationError("This is not a Bot Framework activity the bot can read.", details);
  }
  const activity = parsed.data;
  if (source.mode === "local") {
    if (!isLoopbackUrl(activity.serviceUrl)) {
      throw new AuthError("Locally the bot answers only the Agents Playground on this machine: serviceUrl must be a loopback address.", true);
    }
  } else {
    if (activity.channelId !== "msteams") throw new AuthError("This app answers only Microsoft Teams (channelId msteams).", true);
    if (!isBotConnectorUrl(activity.serviceUrl, source.serviceUrlHosts)) {
      throw new AuthError("This app answers only Teams' Bot Connector: the activity's serviceUrl is not one of its addresses.", true);
    }
  }
  return activity;
}

export function isLoopbackUrl(url: string): boolean {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  return !!parsed && /^https?:$/.test(parsed.protocol) && LOOPBACK_HOSTS.has(parsed.hostname);
}

/**
 * https to one of the hosts or a subdomain of one. http is allowed only for a loopback host, which only
 * tests configure (BOT_SERVICE_URL_HOSTS), for their stand-in connector.
 */
export function isBotConnectorUrl(url: string, hosts: readonly string[]): boolean {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || parsed.username || parsed.password) return false;
  const host = parsed.hostname.toLowerCase();
  const listed = hosts.some((allowed) => host === allowed.toLowerCase() || host.endsWith(`.${allowed.toLowerCase()}`));
  if (!listed) return false;
  return parsed.protocol === "https:" || (parsed.protocol === "http:" && LOOPBACK_HOSTS.has(host));
}
