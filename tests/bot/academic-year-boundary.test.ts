import assert from "node:assert/strict";
import type { AdaptiveCard } from "../../bot/cards/adaptive-card.js";
import type { Clock } from "../../records/types.js";
import { cardText } from "../support/adaptive-cards.js";
import { cardActionInvoke, installationUpdate, personalConversationId, postActivity, textMessage } from "../support/teams-activities.js";
import { startBotTestApp, TEACHER, type BotTestApp } from "./bot-test-app.js";

/** The school's year turns at midnight UK time, which in September is 23:00 UTC on 31 August (BST). */
describe("the academic year turns at midnight on 1 September, UK time", () => {
  let app: BotTestApp;
  afterEach(async () => {
    await app.close();
  });

  const at = async (instant: string): Promise<void> => {
    const clock: Clock = { now: () => new Date(instant) };
    app = await startBotTestApp(undefined, clock);
  };
  const lastCardTo = (): string => {
    const sent = app.connector.sentTo(personalConversationId(TEACHER));
    return cardText(sent.at(-1)?.activity.attachments);
  };

  it("at 00:30 on 1 September (BST) asks for, and records, the new year's acknowledgement", async () => {
    await at("2026-08-31T23:30:00.000Z");
    await postActivity(app.url, installationUpdate(app.serviceUrl, TEACHER));
    await postActivity(app.url, textMessage(app.serviceUrl, TEACHER, "status"));
    assert.match(lastCardTo(), /Your acknowledgements for 2026\/27/);

    const data = { policyId: "acceptable-use-policy", policyVersion: "2026.1", cycle: "2026/27" };
    const reply = await postActivity(app.url, cardActionInvoke(app.serviceUrl, TEACHER, { verb: "policy.acknowledge", data }));
    const answer = reply.body as { statusCode: number; value: AdaptiveCard };
    assert.equal(answer.statusCode, 200);
    assert.match(cardText(answer.value), /Academic year 2026\/27/);
    const records = await app.running.services.records.listAcknowledgements({ personId: TEACHER.aadObjectId });
    assert.deepEqual(records.map((r) => r.cycle), ["2026/27"]);
  });

  it("at 23:30 on 31 August (BST) is still the old year", async () => {
    await at("2026-08-31T22:30:00.000Z");
    await postActivity(app.url, textMessage(app.serviceUrl, TEACHER, "status"));
    assert.match(lastCardTo(), /Your acknowledgements for 2025\/26/);
  });
});
