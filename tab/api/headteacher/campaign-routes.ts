// The year at a glance: acknowledgements per all-staff document against the staff list, week by week,
// who is outstanding (JSON and CSV), and "remind now" for one person or everyone.
import express from "express";
import { academicYearOf } from "../../../records/cycle.js";
import { ConflictError, UnavailableError, ValidationError } from "../../../records/errors.js";
import { yearAtAGlance, type YearAtAGlance } from "../../../records/read-models/year-at-a-glance.js";
import { formatUkTime } from "../../../records/uk-time.js";
import type { CampaignSource } from "./campaign-source.js";
import type { PeopleList, RemindResult } from "./headteacher-types.js";
import { BOTH, sendCsv, signedInPerson, type Guard, type HeadteacherDeps } from "./headteacher-route-kit.js";

export function campaignRoutes(router: express.Router, deps: HeadteacherDeps, guard: Guard): void {
  const glance = async (): Promise<YearAtAGlance> => {
    const now = deps.clock.now();
    const cycle = academicYearOf(now);
    const [staff, messages, acknowledgements] = await Promise.all([
      deps.campaign?.staff() ?? [],
      deps.campaign?.messages(cycle) ?? [],
      deps.reads.acknowledgements(cycle),
    ]);
    const documents = deps.policies.forAllStaff().map((policy) => ({ id: policy.id, title: policy.title, version: policy.version }));
    return yearAtAGlance({ cycle, now, documents, staff, acknowledgements, messages });
  };

  router.get("/glance", guard(BOTH), async (_req, res) => {
    res.json(await glance());
  });

  router.get("/outstanding.csv", guard(BOTH), async (_req, res) => {
    const year = await glance();
    const rows = year.outstanding.flatMap((person) =>
      person.documents.map((doc) => [
        person.displayName,
        doc.title,
        doc.reached ? "Sent, not yet confirmed" : "Not reached",
        doc.firstAskedAt ? formatUkTime(doc.firstAskedAt) : "",
      ]),
    );
    sendCsv(res, `outstanding-${year.cycle.replace("/", "-")}.csv`, ["Member of staff", "Document", "Where it stands", "First asked"], rows);
  });

  router.get("/people", guard(BOTH), async (_req, res) => {
    const staff = await (deps.campaign?.staff() ?? Promise.resolve([]));
    const people: PeopleList = {
      people: staff.map((p) => ({ id: p.id, displayName: p.displayName || p.id })).sort((a, b) => a.displayName.localeCompare(b.displayName, "en-GB")),
    };
    res.json(people);
  });

  router.post("/remind", guard(BOTH), express.json({ limit: "1kb" }), async (req, res) => {
    const campaign = available(deps.campaign);
    const personId = (req.body as { personId?: unknown } | undefined)?.personId;
    if (personId === undefined) {
      // Hundreds of staff take minutes at Teams' pace: answer at once (202) with what is going; the summary card follows.
      const answer = await campaign.remindAll(signedInPerson(res).id);
      if (answer.kind === "already-running") throw new ConflictError(answer.message);
      const result: RemindResult = { sent: 0, message: answer.message, ...(answer.queued ? { queued: answer.queued } : {}) };
      res.status(answer.kind === "started" ? 202 : 200).json(result);
      return;
    }
    if (typeof personId !== "string" || !(await campaign.staff()).some((person) => person.id.toLowerCase() === personId.toLowerCase())) {
      throw new ValidationError("personId must be a member of staff on the list.");
    }
    const sent = await campaign.remindOne(personId);
    const result: RemindResult = {
      sent,
      message: sent ? `${sent} card${sent === 1 ? "" : "s"} sent in their chat with the bot.` : "Nothing to send: they have confirmed everything this year.",
    };
    res.json(result);
  });
}

function available(campaign: CampaignSource | undefined): CampaignSource {
  if (!campaign) throw new UnavailableError("The bot is not running here, so no cards can be sent.");
  return campaign;
}
