import assert from "node:assert/strict";
import { LOCAL_PLAYGROUND_USER_ID } from "../../server/config.js";
import type { RunningApp } from "../../server/start.js";
import type { AdaptiveCard, ExecuteAction } from "../../bot/cards/adaptive-card.js";
import type { IncidentReport } from "../../records/types.js";
import { cardText, cardWarnings } from "../support/adaptive-cards.js";
import { startAppWithPlayground, type AppWithPlayground } from "../support/playground-app.js";
import { PlaygroundClient, type PlaygroundMessage } from "./playground-client.js";

const firstCard = (message: PlaygroundMessage): AdaptiveCard => message.attachments[0]?.content as AdaptiveCard;
const executeNamed = (card: AdaptiveCard, title: string): ExecuteAction => {
  const action = card.actions?.find((a): a is ExecuteAction => a.type === "Action.Execute" && a.title === title);
  assert.ok(action, `the card has a "${title}" button`);
  return action;
};
const cardTitled = (title: string) => (message: PlaygroundMessage) => cardText(message.attachments).split("\n")[0] === title;

describe("end to end through the Microsoft 365 Agents Playground", function () {
  this.timeout(60_000);
  let local: AppWithPlayground | undefined;
  let app: RunningApp;
  let client: PlaygroundClient;

  before(async () => {
    local = await startAppWithPlayground("aup-e2e-");
    app = local.app;
    client = await PlaygroundClient.connect(local.playground.url);
  });

  after(async () => {
    client?.close();
    await local?.close();
  });

  it("install -> cards arrive -> 'I confirm' -> the card becomes a receipt -> the acknowledgement is recorded", async () => {
    assert.equal(client.me.aadObjectId, LOCAL_PLAYGROUND_USER_ID, "the Playground's user is the local alert recipient");
    await client.install();

    const aup = await client.waitForMessage(cardTitled("Staff IT Acceptable Use Policy"), "policy card");
    await client.waitForMessage(cardTitled("Employee Guidance on the Use of Social Media"), "social media card");
    const card = firstCard(aup);
    assert.deepEqual(cardWarnings(card), []);

    const answer = await client.pressExecute(aup.messageId, executeNamed(card, "I confirm"));
    assert.equal(answer.type, "application/vnd.microsoft.card.adaptive");
    assert.match(cardText(answer.value), /Acknowledged by Alex Wilber on .+, version 2026\.1/);

    const records = await app.services.records.listAcknowledgements({ personId: LOCAL_PLAYGROUND_USER_ID });
    assert.deepEqual(
      records.map((r) => [r.policyId, r.policyVersion, r.person.displayName, r.person.upn, r.channel]),
      [["acceptable-use-policy", "2026.1", "Alex Wilber", "alexw@example.com", "teams-bot"]],
    );

    await client.say("status");
    const status = await client.waitForMessage((m) => cardText(m.attachments).startsWith("Your acknowledgements for"), "status card");
    assert.match(cardText(status.attachments), /Employee Guidance on the Use of Social Media\*\* \(version 2026\.1\): not yet acknowledged/);
  });

  it("an urgent report alerts the local headteacher (the Playground user) and 'Close' closes it", async () => {
    await client.install(); // a no-op if the first test already installed: the bot knows the chat
    const now = new Date().toISOString();
    const report: IncidentReport = {
      recordId: "rep-e2e-1",
      kind: "lost-equipment",
      reporter: { id: "00000000-0000-0000-0000-0000000000021", displayName: "Megan Bowen", upn: "meganb@example.com" },
      reportedAt: now,
      occurredAt: now,
      summary: "Lost: Dell Latitude 5440 (SN 7XK2)",
      details: { serialNumber: "7XK2" },
      urgent: true,
      status: "New",
      statusChangedAt: now,
      statusChangedBy: "Megan Bowen",
    };
    await app.services.records.saveReport(report);
    await app.services.alerts.reportFiled(report);

    const alert = await client.waitForMessage((m) => cardText(m.attachments).includes(report.summary), "alert card");
    const answer = await client.pressExecute(alert.messageId, executeNamed(firstCard(alert), "Mark closed"));
    assert.match(cardText(answer.value), /Status Closed \(Alex Wilber, /);
    assert.equal((await app.services.records.getReport(report.recordId)).status, "Closed");
  });
});
