import assert from "node:assert/strict";
import { listenElsewhere } from "./network.js";
import { isLoopbackUrl } from "../../bot/activity-shape.js";
import { HEADTEACHER, startBotTestApp, TEACHER, type BotTestApp } from "../bot/bot-test-app.js";
import { report } from "../server/local-app.js";
import { eventually } from "../support/eventually.js";
import { installationUpdate, personalConversationId, textMessage, type Activity } from "../support/teams-activities.js";


const post = async (url: string, body: string): Promise<{ status: number; body: { error?: { code: string; message: string } } }> => {
  const response = await fetch(`${url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as { error?: { code: string; message: string } } };
};

// Locally bot authentication is off, so what reaches /api/messages is checked for shape and origin.
describe("the local bot endpoint refuses what it cannot read or must not answer", () => {
  let app: BotTestApp;
  before(async () => {
    app = await startBotTestApp();
  });
  after(async () => {
    await app.close();
  });

  for (const [name, body] of [
    ["an empty object", "{}"],
    ['{"type":5}', '{"type":5}'],
    ["an activity whose conversation id is an object", JSON.stringify({ ...textMessage("http://127.0.0.1:9/", TEACHER, "help"), conversation: { id: {} } })],
    ["an activity without a from", JSON.stringify({ ...textMessage("http://127.0.0.1:9/", TEACHER, "help"), from: undefined })],
    ["a JSON array", "[1,2,3]"],
  ] as const) {
    it(`answers ${name} with 400 and a short JSON error, logging nothing`, async () => {
      const answer = await post(app.url, body);
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error?.code, "ValidationError");
      assert.equal(answer.body.error?.message, "This is not a Bot Framework activity the bot can read.");
      assert.deepEqual(app.errors, []);
    });
  }

  it("refuses (403) an activity whose serviceUrl is not this machine: nothing kept, nothing sent anywhere", async () => {
    // A listener on this machine's network address (not loopback) stands for "any URL": it must hear nothing.
    const elsewhere = await listenElsewhere("https://attacker.example/");
    const { serviceUrl, heard: requests } = elsewhere;
    try {
      for (const activity of [installationUpdate(serviceUrl, TEACHER), textMessage(serviceUrl, TEACHER, "policy")] as Activity[]) {
        const answer = await post(app.url, JSON.stringify(activity));
        assert.equal(answer.status, 403);
        assert.match(answer.body.error?.message ?? "", /only the Agents Playground on this machine/);
      }
      assert.deepEqual(requests, []);
      assert.equal(await app.running.services.bot.conversations.get(TEACHER.aadObjectId ?? ""), undefined);
      assert.deepEqual(app.connector.sentTo(personalConversationId(TEACHER)), []);
      assert.deepEqual(app.errors, []);
    } finally {
      elsewhere.close();
    }
  });

  it("sends nothing beyond this machine, even to a chat saved with another serviceUrl (an old data folder)", async () => {
    const elsewhere = await listenElsewhere("https://attacker.example/");
    const { serviceUrl, heard } = elsewhere;
    try {
      const { conversations } = app.running.services.bot;
      await conversations.save(HEADTEACHER.aadObjectId ?? "", {
        serviceUrl,
        channelId: "msteams",
        conversation: { id: personalConversationId(HEADTEACHER), conversationType: "personal", isGroup: false, name: "" },
        user: { id: HEADTEACHER.id, name: HEADTEACHER.name },
        bot: { id: "28:aup-bot", name: "IT Policy" },
      });
      await app.running.services.alerts.reportFiled(report({ recordId: "rep-old-folder", urgent: false }));
      const gaveUp = await eventually(
        () => app.errors.find((line) => line.startsWith("Gave up alerting")),
        (line) => line !== undefined,
        "the alert to be given up",
      );
      assert.match(gaveUp ?? "", /Refused to send to .+: locally the bot sends only to this machine/);
      assert.deepEqual(heard, []);
    } finally {
      elsewhere.close();
      app.errors.length = 0;
    }
  });

  it("counts 127.0.0.1, localhost and [::1] as this machine, and nothing else", () => {
    for (const url of ["http://127.0.0.1:3978/", "http://localhost:56150/_connector", "http://[::1]:80/", "https://localhost/"]) {
      assert.equal(isLoopbackUrl(url), true, url);
    }
    for (const url of ["http://127.0.0.2/", "http://localhost.attacker.example/", "http://192.0.2.2/", "file:///etc/passwd", "not a url"]) {
      assert.equal(isLoopbackUrl(url), false, url);
    }
  });

  it("still answers a well-formed activity from the Playground's loopback address", async () => {
    const answer = await post(app.url, JSON.stringify(textMessage(app.serviceUrl, TEACHER, "help")));
    assert.equal(answer.status, 200);
    assert.match(app.connector.sentTo(personalConversationId(TEACHER)).at(-1)?.activity.text ?? "", /I send you the school's IT policies/);
  });
});
