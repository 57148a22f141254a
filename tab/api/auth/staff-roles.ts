// Who holds the headteacher's duties: Entra app roles in the validated token, with the object-id
// settings (HEADTEACHER_AAD_OBJECT_ID, IT_TECHNICIAN_AAD_OBJECT_ID) as a fallback for a tenant that has
// not assigned the roles yet.
import { AuthError } from "../../../records/errors.js";
import type { SignedIn } from "./token-validator.js";

/** The app roles' `value`s as declared in the Entra app manifest (infra/entra/aad.manifest.json). */
export const HEADTEACHER_ROLE = "Headteacher";
export const IT_TECHNICIAN_ROLE = "ITTechnician";

export type StaffRole = "headteacher" | "it-technician";

export interface RoleSettings {
  readonly headteacherIds: readonly string[];
  readonly itTechnicianIds: readonly string[];
}

/** The roles a validated sign-in holds, from its `roles` claim or, failing that, the configured object ids. */
export function staffRolesOf(signedIn: SignedIn, settings: RoleSettings): Set<StaffRole> {
  const id = signedIn.person.id.toLowerCase();
  const listed = (ids: readonly string[]) => ids.some((candidate) => candidate.toLowerCase() === id);
  const roles = new Set<StaffRole>();
  if (signedIn.roles.includes(HEADTEACHER_ROLE) || listed(settings.headteacherIds)) roles.add("headteacher");
  if (signedIn.roles.includes(IT_TECHNICIAN_ROLE) || listed(settings.itTechnicianIds)) roles.add("it-technician");
  return roles;
}

/** Throws 403 unless the sign-in holds one of `allowed`. */
export function requireRole(held: ReadonlySet<StaffRole>, allowed: readonly StaffRole[]): void {
  if (allowed.some((role) => held.has(role))) return;
  const who = allowed.length === 1 && allowed[0] === "headteacher" ? "the headteacher" : "the headteacher and the IT technician";
  throw new AuthError(`Only ${who} can see this. Ask the school's IT admin if you should have access.`, true);
}
