// The doctor's check of who hears of inappropriate contact from a pupil: policy 6.8 sends it to a member of the
// senior leadership team, so a tenant with no senior leader set (SENIOR_LEADER_AAD_OBJECT_ID) is told so.
import { pass, warn, type DoctorCheck } from "./doctor.js";

export const seniorLeaderCheck: DoctorCheck = {
  name: "Senior leader for safeguarding",
  run(context) {
    const lower = (ids: readonly string[]) => ids.map((id) => id.toLowerCase());
    const headteachers = lower(context.headteacherIds);
    // The alert routing's own rule (bot/alerts/alert-routing.ts): an IT technician is never sent a safeguarding
    // concern, even one listed as a senior leader, and the headteacher is told anyway.
    const technicianOnly = lower(context.itTechnicianIds).filter((id) => !headteachers.includes(id));
    const told = [...new Set(lower(context.seniorLeaderIds))].filter((id) => !headteachers.includes(id) && !technicianOnly.includes(id));
    if (told.length) return Promise.resolve(pass(`${told.join(", ")} ${told.length === 1 ? "is" : "are"} told at once of inappropriate contact from a pupil, with the headteacher.`));
    return Promise.resolve(
      warn(
        "no senior leader besides the headteacher is set, so only the headteacher is told of inappropriate contact from a pupil; policy 6.8 sends it to a member of the senior leadership team.",
        "set SENIOR_LEADER_AAD_OBJECT_ID to the Entra object ids of the senior leaders (e.g. the deputy head and the designated safeguarding lead; Entra admin centre > Users > the person > Overview > Object ID), separated by commas, in env/.env.dev and the web app's settings.",
      ),
    );
  },
};
