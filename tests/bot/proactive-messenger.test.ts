import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CloudAdapter, MessageFactory, TurnContext, type Activity } from "botbuilder";
import { botFrameworkAuthentication } from "../../bot/bot-channel-auth.js";
import { SqliteConversationStore } from "../../bot/conversation-store.js";
import { ProactiveMessenger } from "../../bot/proactive-messenger.js";
import { ThrottledError } from "../../records/errors.js";
import { openDatabase, type SqliteDatabase } from "../../records/sqlite/database.js";
import { BotConnectorStandIn } from "../support/bot-connector-stand-in.js";
import { personalConversationId, textMessage } from "../support/teams-activities.js";
import { TEACHER } from "./bot-test-app.js";

describe("proactive sends when Teams keeps refusing with 429", () => {
  let dir: string;
  let db: SqliteDatabase;
  let connector: BotConnectorStandIn;
  let messenger: ProactiveMessenger;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-messenger-"));
    db = openDatabase(dir);
    connector = await BotConnectorStandIn.start();
    const conversations = new SqliteConversationStore(db);
    const chat = textMessage(connector.serviceUrl, TEACHER, "hello") as unknown as Activity;
    await conversations.save(TEACHER.aadObjectId ?? "", TurnContext.getConversationReference(chat));
    messenger = new ProactiveMessenger(new CloudAdapter(botFrameworkAuthentication(undefined)), "", conversations);
  });
  afterEach(async () => {
    await connector.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const refusedWith = async (retryAfter: string): Promise<ThrottledError> => {
    connector.refuse(personalConversationId(TEACHER), 429, 10, { "Retry-After": retryAfter });
    const failure = await messenger.send(TEACHER.aadObjectId ?? "", MessageFactory.text("Urgent report")).then(
      () => assert.fail("Teams refused every attempt"),
      (error: unknown) => error,
    );
    assert.ok(failure instanceof ThrottledError, String(failure));
    return failure;
  };

  it("passes on Retry-After given in seconds", async () => {
    assert.equal((await refusedWith("0")).retryAfterSeconds, 0);
  });

  it("passes on Retry-After given as an HTTP date that has come, instead of a 30 s guess", async () => {
    assert.equal((await refusedWith(new Date(Date.now() - 60_000).toUTCString())).retryAfterSeconds, 0);
  });
});
