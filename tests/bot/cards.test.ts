import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { PolicyCatalog } from "../../policies/policy-catalog.js";
import type { AdaptiveCard, ExecuteAction } from "../../bot/cards/adaptive-card.js";
import { policyCard } from "../../bot/cards/policy-card.js";
import { receiptCard } from "../../bot/cards/receipt-card.js";
import { statusCard } from "../../bot/cards/status-card.js";
import { reportAlertCard } from "../../bot/cards/report-alert-card.js";
import type { Acknowledgement, IncidentReport } from "../../records/types.js";
import { cardText, cardWarnings } from "../support/adaptive-cards.js";

const POLICIES_DIR = path.resolve("policies/content");
const catalog = PolicyCatalog.load(POLICIES_DIR);
const PUBLIC_URL = "https://aup.crich-carr.example";

/** The declaration line exactly as written in the policy file, read without the catalog's parser. */
function declarationInFile(policyId: string): string {
  const source = fs.readFileSync(path.join(POLICIES_DIR, `${policyId}.md`), "utf8");
  const line = source.split(/\r?\n/).find((l) => l.startsWith("declaration:"));
  assert.ok(line, `${policyId}.md has a declaration line`);
  return line.slice("declaration:".length).trim();
}

function executeActions(card: AdaptiveCard): ExecuteAction[] {
  return (card.actions ?? []).filter((a): a is ExecuteAction => a.type === "Action.Execute");
}

const ack = (policyId: string, version: string): Acknowledgement => ({
  recordId: "ack-1",
  policyId,
  policyVersion: version,
  cycle: "2026/27",
  person: { id: "aad-alex", displayName: "Alex Wilber", upn: "alexw@crich-carr.example" },
  acknowledgedAt: "2026-11-28T10:00:00.000Z",
  channel: "teams-bot",
});

describe("bot cards", () => {
  for (const policy of catalog.forAllStaff()) {
    describe(`policy card: ${policy.title}`, () => {
      const card = policyCard({ policy, cycle: "2026/27", publicUrl: PUBLIC_URL });

      it("parses with the adaptivecards library without warnings", () => {
        assert.deepEqual(cardWarnings(card), []);
      });

      it("shows the title, version, year, summary and the declaration exactly as in the policy file", () => {
        const shown = cardText(card);
        for (const expected of [policy.title, `Version ${policy.version}`, "Academic year 2026/27", policy.summary, declarationInFile(policy.id)]) {
          assert.ok(shown.includes(expected), `card shows "${expected}"`);
        }
      });

      it("offers 'I confirm' as Action.Execute naming policy, version and cycle, with an Action.Submit fallback", () => {
        const [confirm] = executeActions(card);
        assert.equal(confirm?.title, "I confirm");
        assert.equal(confirm?.verb, "policy.acknowledge");
        const data = { policyId: policy.id, policyVersion: policy.version, cycle: "2026/27", verb: "policy.acknowledge" };
        assert.deepEqual(confirm?.data, data);
        assert.deepEqual(confirm?.fallback, { type: "Action.Submit", title: "I confirm", data, style: "positive" });
      });

      it("links to the full text", () => {
        const link = card.actions?.find((a) => a.type === "Action.OpenUrl");
        assert.deepEqual(link, { type: "Action.OpenUrl", title: "Read the full policy", url: `${PUBLIC_URL}/policies/${policy.id}` });
      });
    });
  }

  it("the receipt says who acknowledged, when (UK time) and which version, and has no button to press again", () => {
    const policy = catalog.get("acceptable-use-policy");
    assert.ok(policy);
    const card = receiptCard(policy, ack(policy.id, policy.version), PUBLIC_URL);
    assert.deepEqual(cardWarnings(card), []);
    assert.match(cardText(card), /Acknowledged by Alex Wilber on 28 November 2026 at 10:00, version 2026\.1/);
    // "Year 2026/27" reads like a class year group in a primary school.
    assert.match(cardText(card), /Academic year 2026\/27\. You confirmed/);
    assert.deepEqual(executeActions(card), []);
  });

  it("the status card lists what is acknowledged and what is still to do", () => {
    const [first, second] = catalog.forAllStaff();
    assert.ok(first && second);
    const card = statusCard("2026/27", [{ policy: first, acknowledgement: ack(first.id, first.version) }, { policy: second }]);
    assert.deepEqual(cardWarnings(card), []);
    const shown = cardText(card);
    assert.match(shown, new RegExp(`${first.title}\\*\\*: Acknowledged by Alex Wilber on 28 November 2026`));
    assert.ok(shown.includes(`${second.title}** (version ${second.version}): not yet acknowledged`));
    assert.ok(shown.includes('1 still to acknowledge: type "policy"'));
  });

  describe("urgent report alert", () => {
    const report: IncidentReport = {
      recordId: "rep-1",
      kind: "compromised-account",
      reporter: { id: "aad-megan", displayName: "Megan Bowen", upn: "meganb@crich-carr.example" },
      reportedAt: "2026-11-27T11:00:00.000Z",
      occurredAt: "2026-11-27T09:15:00.000Z",
      summary: "Password entered on a fake Microsoft sign-in page",
      details: { account: "system", accountName: "MIS admin (meganb)", reason: "Typed it into a fake sign-in page", passwordChanged: false },
      urgent: true,
      status: "New",
      statusChangedAt: "2026-11-27T11:00:00.000Z",
      statusChangedBy: "Megan Bowen",
    };

    it("says what, who, when, and the ICO deadline 72 hours from discovery for a compromised account", () => {
      const card = reportAlertCard(report);
      assert.deepEqual(cardWarnings(card), []);
      const shown = cardText(card);
      for (const expected of [
        "URGENT: Suspected compromised account or password. The IT technician has also been told.",
        report.summary,
        "Reported by Megan Bowen",
        "Happened or noticed 27 November 2026 at 09:15",
        "Which account? System or administrator account",
        "Which system or account name (if not your own school account)? MIS admin (meganb)",
        "Has the password been changed yet? No",
        "must reach the ICO by 30 November 2026 at 09:15",
      ]) {
        assert.ok(shown.includes(expected), `alert shows "${expected}"`);
      }
      assert.deepEqual(
        executeActions(card).map((a) => [a.title, a.verb, a.data]),
        [
          ["Mark in review", "report.setStatus", { reportId: "rep-1", status: "In review", verb: "report.setStatus" }],
          ["Mark closed", "report.setStatus", { reportId: "rep-1", status: "Closed", verb: "report.setStatus" }],
        ],
      );
    });

    it("gives the ICO deadline when lost equipment or information seen may involve personal data", () => {
      const lostLaptop = reportAlertCard({
        ...report,
        kind: "lost-equipment",
        summary: "Lost: Dell Latitude 5440 laptop",
        details: {
          what: "lost",
          item: "Dell Latitude 5440 laptop",
          occurredAt: report.occurredAt,
          where: "On the train home",
          circumstances: "Left it on the train in its bag",
          personalData: true,
        },
      });
      assert.deepEqual(cardWarnings(lostLaptop), []);
      const shown = cardText(lostLaptop);
      assert.ok(shown.includes("must reach the ICO by 30 November 2026 at 09:15"), shown);
      assert.ok(shown.includes("Could personal data be on it? Yes"));
      // When it happened is shown once, in the card's own words and date format.
      assert.ok(shown.includes("Happened or noticed 27 November 2026 at 09:15"));
      assert.ok(!shown.includes("When did it happen, or when did you notice?"), shown);

      const seenPupilData = reportAlertCard({
        ...report,
        kind: "unauthorised-information",
        urgent: false,
        details: { information: "Pupil SEN records", system: "Shared drive", occurredAt: report.occurredAt, how: "Folder left open", personalData: true },
      });
      assert.ok(cardText(seenPupilData).includes("must reach the ICO by 30 November 2026 at 09:15"));
    });

    it("has no ICO deadline for lost equipment, and no buttons once closed", () => {
      const closed = reportAlertCard({
        ...report,
        kind: "lost-equipment",
        status: "Closed",
        statusChangedBy: "Lynne Robbins",
        statusChangedAt: "2026-11-28T08:30:00.000Z",
      });
      assert.deepEqual(cardWarnings(closed), []);
      const shown = cardText(closed);
      assert.ok(!shown.includes("ICO"));
      assert.ok(shown.includes("Status Closed (Lynne Robbins, 28 November 2026 at 08:30)"));
      assert.deepEqual(executeActions(closed), []);
    });
  });
});
