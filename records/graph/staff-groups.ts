// Tenant mode's roster: the transitive members of the school's Entra staff groups (GroupMember.Read.All).
import { UnavailableError } from "../errors.js";
import type { RosterMember, StaffDirectory } from "../roster/staff-roster.js";
import type { GraphApi } from "./graph-client.js";

interface GraphUser {
  id: string;
  displayName?: string | null;
  userPrincipalName?: string | null;
  accountEnabled?: boolean | null;
  userType?: string | null;
}

/** Only what the roster needs (the doctor asks for the same, so its check proves what the roster will get). */
export const STAFF_MEMBER_SELECT = "id,displayName,userPrincipalName,accountEnabled,userType";
/** 999 is the most a page of directory objects holds, so big schools take few calls. */
const SELECT = `$select=${STAFF_MEMBER_SELECT}&$top=999`;

export class GraphStaffDirectory implements StaffDirectory {
  readonly description: string;

  constructor(
    private readonly graph: GraphApi,
    private readonly groupIds: readonly string[],
  ) {
    this.description = `${groupIds.length} Entra staff group${groupIds.length === 1 ? "" : "s"}`;
  }

  /**
   * Nested groups count (transitive members); the cast to microsoft.graph.user leaves out devices and groups.
   * Guests and disabled accounts are not staff to chase. Someone in two groups is listed once.
   */
  async members(): Promise<RosterMember[]> {
    const byId = new Map<string, RosterMember>();
    for (const groupId of this.groupIds) {
      const path = `/groups/${encodeURIComponent(groupId)}/transitiveMembers/microsoft.graph.user?${SELECT}`;
      const users = await this.graph.getAll<GraphUser>(path).catch((error: unknown) => {
        throw new UnavailableError(
          `The staff group ${groupId} (STAFF_GROUP_IDS) could not be read: ${error instanceof Error ? error.message : String(error)}. ` +
            "Check the id and that the app has GroupMember.Read.All with admin consent.",
        );
      });
      for (const user of users) {
        if (user.accountEnabled === false || (user.userType ?? "Member").toLowerCase() === "guest") continue;
        byId.set(user.id.toLowerCase(), { id: user.id, displayName: user.displayName ?? "", upn: user.userPrincipalName ?? "" });
      }
    }
    return [...byId.values()];
  }
}
