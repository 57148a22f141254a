// A possible personal-data breach is urgent whatever the kind: the card that gives the ICO's 72-hour
// deadline is never a routine one, and an urgent card looks urgent at a glance.
import assert from "node:assert/strict";
import type { AdaptiveCard, CardElement, Container } from "../../bot/cards/adaptive-card.js";
import { reportAlertCard } from "../../bot/cards/report-alert-card.js";
import { REPORT_KIND_DEFINITIONS, reportKind, type ReportDetails, type ReportKindDefinition } from "../../records/report-kinds.js";
import type { IncidentReport } from "../../records/types.js";
import { reportFormCard } from "../../tab/forms/report-form-card.js";
import { cardText, cardWarnings } from "../support/adaptive-cards.js";
import { validReportBody } from "../tab/report-bodies.js";

const FILED = new Date("2026-11-27T11:00:00.000Z");

/** A report of this kind, as the tab API files it: urgency decided by the kind's own rule. */
function filed(kind: ReportKindDefinition, details: ReportDetails): IncidentReport {
  return {
    recordId: `rep-${kind.id}`,
    kind: kind.id,
    reporter: { id: "aad-megan", displayName: "Megan Bowen", upn: "meganb@crich-carr.example" },
    reportedAt: FILED.toISOString(),
    occurredAt: String(details.occurredAt),
    summary: kind.summarise(details),
    details,
    urgent: kind.isUrgent(details),
    status: "New",
    statusChangedAt: FILED.toISOString(),
    statusChangedBy: "Megan Bowen",
  };
}

/** Every yes/no combination of the kind's toggles over an otherwise complete answer. */
function everyToggleCombination(kind: ReportKindDefinition): ReportDetails[] {
  const toggles = kind.fields.filter((field) => field.type === "toggle").map((field) => field.id);
  const base = validReportBody(kind.id, FILED).fields;
  return Array.from({ length: 2 ** toggles.length }, (_, n) => ({
    ...base,
    ...Object.fromEntries(toggles.map((id, bit) => [id, (n & (1 << bit)) !== 0])),
  }));
}

const firstTextOf = (card: AdaptiveCard): string => cardText(card.body.slice(0, 1)).split("\n")[0] ?? "";

function containers(elements: readonly CardElement[]): Container[] {
  return elements.flatMap((element) => (element.type === "Container" ? [element, ...containers(element.items)] : []));
}

describe("urgency of reports and their alert cards", () => {
  for (const kind of REPORT_KIND_DEFINITIONS) {
    it(`${kind.id}: every card carrying the ICO deadline is urgent`, () => {
      for (const details of everyToggleCombination(kind)) {
        const report = filed(kind, details);
        const card = reportAlertCard(report);
        assert.deepEqual(cardWarnings(card), []);
        if (cardText(card).includes("ICO")) {
          assert.equal(report.urgent, true, `${kind.id} with ${JSON.stringify(details)} gives the ICO deadline but is filed as routine`);
        }
      }
    });
  }

  it("files information seen that included personal data as urgent, and says so with the form", () => {
    const kind = reportKind("unauthorised-information");
    const withPersonalData = { ...validReportBody(kind.id, FILED).fields, personalData: true };
    assert.equal(kind.isUrgent(withPersonalData), true);
    assert.equal(kind.isUrgent({ ...withPersonalData, personalData: false }), false);
    const form = cardText(reportFormCard(kind, "2026-11-28"));
    assert.match(form, /personal information[^\n]*IT technician (is|are) (also )?(told|alerted) at once/i);
  });

  it("heads an urgent alert with URGENT, says the IT technician has also been told, in an attention container", () => {
    const kind = reportKind("compromised-account");
    const card = reportAlertCard(filed(kind, validReportBody(kind.id, FILED).fields));
    assert.deepEqual(cardWarnings(card), []);
    // A warning sign, then the words: the sign catches the eye, the words say it to a screen reader too.
    assert.equal(firstTextOf(card), "\u26A0\uFE0F URGENT: Suspected compromised account or password. The IT technician has also been told.");
    const banner = card.body[0];
    assert.ok(banner?.type === "Container" && banner.style === "attention", "the card opens with an attention-styled container");
    assert.match(card.fallbackText ?? "", /^URGENT: /);
  });

  it("shows the report's short reference, or the record id of a report from before references", () => {
    const kind = reportKind("lost-equipment");
    const report = filed(kind, validReportBody(kind.id, FILED).fields);
    assert.match(cardText(reportAlertCard({ ...report, reference: "R-2026-0042" })), /^Reference R-2026-0042$/m);
    assert.match(cardText(reportAlertCard(report)), new RegExp(`^Reference ${report.recordId}$`, "m"));
    assert.match(reportAlertCard({ ...report, reference: "R-2026-0042" }).fallbackText ?? "", /R-2026-0042/);
  });

  it("heads a routine alert plainly as routine, with no attention styling", () => {
    const kind = reportKind("inappropriate-material");
    const details = { ...validReportBody(kind.id, FILED).fields, pupilsSaw: false, recategorise: false };
    const card = reportAlertCard(filed(kind, details));
    assert.deepEqual(cardWarnings(card), []);
    assert.equal(firstTextOf(card), "Routine report: Accidental access to inappropriate material");
    assert.deepEqual(containers(card.body).filter((c) => c.style === "attention"), []);
    assert.ok(!cardText(card).includes("URGENT"));
  });
});
