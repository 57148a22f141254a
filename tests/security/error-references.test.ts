import assert from "node:assert/strict";
import fs from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import express from "express";
import { appOnlyAccessToken } from "../../records/graph/app-only-token.js";
import { provisionForConfig } from "../../infra/sharepoint/provision.js";
import { loadConfig } from "../../server/config.js";
import { errorMiddleware } from "../../server/http-errors.js";
import { startApp, type RunningApp } from "../../server/start.js";
import { fixedClock } from "../bot/bot-test-app.js";
import { startStandIn, TENANT, tenantEnv } from "../records/support/sharepoint-fixture.js";
import { BotConnectorStandIn } from "../support/bot-connector-stand-in.js";
import { BotFrameworkStandIn } from "../support/bot-framework-stand-in.js";
import type { GraphStandIn } from "../support/graph-stand-in/graph-stand-in.js";
import { cardActionInvoke, personalConversationId, TEST_TENANT_ID, testUser, textMessage, type Activity } from "../support/teams-activities.js";
import { REFRESH_REPORT_VERB } from "../../bot/cards/report-alert-card.js";

const BOT = { appId: "6c1d2e3f-4a5b-4c6d-8e7f-8a9b0c1d2e3f", appPassword: "bot-secret-for-tests", tenantId: TEST_TENANT_ID };
/** What staff must never be shown: ids, Entra's error codes, settings to check. */
const INTERNAL = [TENANT.clientId, TEST_TENANT_ID, "AADSTS", "AAD_APP_CLIENT_ID", "Check ", "secret"];
const TOLD = /^Something went wrong on our side; try again in a few minutes\. If it keeps happening, tell the IT technician and quote ref ([2-9A-HJKMNP-TV-Z]{6})\.$/;

function assertNothingInternal(text: string): void {
  for (const detail of INTERNAL) assert.ok(!text.includes(detail), `"${detail}" reached the person: ${text}`);
}

// Graph refuses the app's secret (as after a secret expires): a read needs an app-only token and fails.
describe("what staff are told when the fault is ours", () => {
  let graph: GraphStandIn;
  before(async () => {
    graph = await startStandIn({ tenantId: TEST_TENANT_ID });
  });
  after(async () => {
    await graph.close();
  });

  it("in the chat: what to do and a reference; the log has the detail under the same reference", async () => {
    const framework = await BotFrameworkStandIn.start(BOT);
    const connector = await BotConnectorStandIn.start({ authorize: (authorization) => framework.isBotToken(authorization) });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-refs-"));
    const env: Record<string, string> = { ...tenantEnv(graph, dataDir, TEST_TENANT_ID), BOT_ID: BOT.appId, SECRET_BOT_PASSWORD: BOT.appPassword, CAMPAIGN_CHECK_EVERY_MINUTES: "0", BOT_SERVICE_URL_HOSTS: "127.0.0.1", ...framework.env };
    await provisionForConfig(loadConfig(env), () => undefined);
    const errors: string[] = [];
    let app: RunningApp | undefined;
    try {
      app = await startApp(loadConfig({ ...env, SECRET_AAD_APP_CLIENT_SECRET: "an-expired-secret" }), {
        clock: fixedClock,
        log: { info: () => undefined, error: (message, error) => errors.push(`${message}: ${String(error)}`) },
      });
      const teacher = testUser("Alex Wilber", "eeeeeeee-0000-4000-8000-000000000001");
      connector.addMember({ id: teacher.id, name: teacher.name, aadObjectId: teacher.aadObjectId ?? "", userPrincipalName: teacher.upn });
      const post = async (activity: Activity) =>
        fetch(`${(app as RunningApp).url}/api/messages`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${await framework.channelToken({ serviceUrl: connector.serviceUrl })}` },
          body: JSON.stringify(activity),
        });
      assert.equal((await post(textMessage(connector.serviceUrl, teacher, "status"))).status, 200);

      const told = connector.sentTo(personalConversationId(teacher)).map((s) => s.activity.text ?? "");
      assert.equal(told.length, 1, JSON.stringify(told));
      assertNothingInternal(told[0] ?? "");
      const reference = TOLD.exec(told[0] ?? "")?.[1];
      assert.ok(reference, `told what to do, with a reference: ${told[0]}`);
      assert.equal(errors.length, 1, errors.join("\n"));
      assert.ok(errors[0]?.startsWith(`Bot turn failed (ref ${reference}): `), errors[0]);
      assert.match(errors[0] ?? "", /AADSTS7000215/);

      // The same on a card: the headteacher's "Refresh" on a report alert reads the report from SharePoint.
      const headteacher = testUser("Lynne Robbins", env.HEADTEACHER_AAD_OBJECT_ID ?? "");
      const pressed = await post(cardActionInvoke(connector.serviceUrl, headteacher, { verb: REFRESH_REPORT_VERB, data: { reportId: "rep-written-before-the-secret-expired" } }));
      const text = await pressed.text();
      assertNothingInternal(text);
      const answer = JSON.parse(text) as { statusCode: number; value: { message: string } };
      assert.equal(answer.statusCode, 500);
      const cardReference = TOLD.exec(answer.value.message)?.[1];
      assert.ok(cardReference && cardReference !== reference, answer.value.message);
      assert.equal(errors.length, 2, errors.join("\n"));
      assert.ok(errors[1]?.startsWith(`Bot turn failed (ref ${cardReference}): `), errors[1]);
      assert.match(errors[1] ?? "", /AADSTS7000215/);
    } finally {
      await app?.close();
      await Promise.all([connector.close(), framework.close()]);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("over HTTP: a 503 body with what to do and the reference; the log has the token failure under it", async () => {
    // The real msal-node against the stand-in's Entra, with a secret it refuses.
    const token = appOnlyAccessToken({
      tenantId: TEST_TENANT_ID,
      clientId: TENANT.clientId,
      credential: { kind: "secret", clientSecret: "an-expired-secret" },
      authorityHost: graph.url,
    });
    const logged: string[] = [];
    const api = express();
    api.get("/api/me/records", async () => {
      await token();
    });
    api.use(errorMiddleware((message, error) => logged.push(`${message}: ${String(error)}`)));
    const server = await new Promise<Server>((resolve) => {
      const listening = api.listen(0, "127.0.0.1", () => resolve(listening));
    });
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/me/records`);
      const text = await response.text();
      assert.equal(response.status, 503);
      assertNothingInternal(text);
      const { error } = JSON.parse(text) as { error: { code: string; message: string; ref: string } };
      assert.match(error.message, TOLD);
      assert.equal(TOLD.exec(error.message)?.[1], error.ref);
      assert.equal(logged.length, 1);
      assert.ok(logged[0]?.startsWith(`Request failed (ref ${error.ref}): `), logged[0]);
      assert.match(logged[0] ?? "", /AADSTS7000215.*SECRET_AAD_APP_CLIENT_SECRET/);
    } finally {
      server.close();
    }
  });
});
