import { TeamsInfo, type Activity, type TurnContext } from "botbuilder";
import { AuthError } from "../records/errors.js";
import type { Person } from "../records/types.js";

/** The person behind an activity, from the Bot Framework activity alone (never from card data). */
export interface TurnIdentity {
  readonly id: string;
  readonly displayName: string;
}

/**
 * Reads the Entra object id and checks the tenant. `expectedTenantId` is set in tenant mode; locally
 * the Agents Playground's made-up tenant is accepted.
 */
export function identityOf(activity: Activity, expectedTenantId: string | undefined): TurnIdentity {
  const id = activity.from?.aadObjectId?.trim();
  if (!id) {
    throw new AuthError("We could not tell who you are: open this app in Teams signed in with your school account, then try again.");
  }
  if (expectedTenantId) {
    const tenant = activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    if (tenant?.toLowerCase() !== expectedTenantId.toLowerCase()) {
      throw new AuthError("This app only serves the school's own Microsoft 365 tenant.", true);
    }
  }
  // Some events (installationUpdate) carry no name; personOf() asks Teams for it.
  return { id, displayName: activity.from.name?.trim() ?? "" };
}

/**
 * Adds the user principal name (and a missing name) from Teams' member lookup. If Teams cannot tell
 * us, the record is still made with an empty UPN: losing the acknowledgement would be worse.
 */
export async function personOf(context: TurnContext, identity: TurnIdentity): Promise<Person> {
  try {
    const member = await TeamsInfo.getMember(context, context.activity.from.id);
    return { id: identity.id, displayName: identity.displayName || member.name || identity.id, upn: member.userPrincipalName ?? "" };
  } catch {
    return { id: identity.id, displayName: identity.displayName || identity.id, upn: "" };
  }
}
