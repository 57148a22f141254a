import assert from "node:assert/strict";
import fc from "fast-check";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ACKNOWLEDGE_VERB } from "../../bot/cards/policy-card.js";
import { loadConfig } from "../../server/config.js";
import { startApp, type RunningApp } from "../../server/start.js";
import { TENANT_ENV } from "../server/local-app.js";
import { startBotTestApp, TEACHER, type BotTestApp } from "../bot/bot-test-app.js";
import {
  botMembershipUpdate,
  cardActionInvoke,
  installationUpdate,
  submitFallback,
  textMessage,
  type Activity,
} from "../support/teams-activities.js";

const AUP = { policyId: "acceptable-use-policy", policyVersion: "2026.1", cycle: "2026/27" };
const DELETE = Symbol("delete");
type Path = readonly string[];

/** Real Teams activities, as the connector (or the Playground) posts them to the bot. */
const realActivities = (serviceUrl: string): Array<() => Activity> => [
  () => installationUpdate(serviceUrl, TEACHER),
  () => installationUpdate(serviceUrl, TEACHER, "remove"),
  () => botMembershipUpdate(serviceUrl, TEACHER, "membersAdded"),
  () => botMembershipUpdate(serviceUrl, TEACHER, "membersRemoved"),
  () => textMessage(serviceUrl, TEACHER, "status"),
  () => textMessage(serviceUrl, TEACHER, "policy"),
  () => ({ ...textMessage(serviceUrl, TEACHER, "<at>IT Policy</at> help"), entities: [{ type: "mention", text: "<at>IT Policy</at>", mentioned: { id: "28:aup-bot" } }] }),
  () => cardActionInvoke(serviceUrl, TEACHER, { verb: ACKNOWLEDGE_VERB, data: AUP }),
  () => submitFallback(serviceUrl, TEACHER, { verb: ACKNOWLEDGE_VERB, ...AUP }, "activity-1"),
];

/** Every path into the activity (the activity itself included), so a mutation can land anywhere. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== "object" || prefix.length > 4) return [prefix];
  return [prefix, ...Object.entries(value).flatMap(([key, child]) => pathsOf(child, [...prefix, key]))];
}

/** A copy with the value at `path` replaced or deleted; unchanged if an earlier mutation took the path away. */
function mutate(activity: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value === DELETE ? undefined : value;
  const isObject = (node: unknown): node is Record<string, unknown> => node !== null && typeof node === "object";
  if (!isObject(activity)) return activity;
  const copy = structuredClone(activity);
  let node: unknown = copy;
  for (const key of path.slice(0, -1)) node = isObject(node) ? node[key] : undefined;
  if (!isObject(node)) return activity;
  const last = path[path.length - 1] as string;
  if (value === DELETE) delete node[last];
  else node[last] = value;
  return copy;
}

/** Values of every wrong (and sometimes right) type, including addresses the bot must never be sent to. */
const strangeValue = fc.oneof(
  fc.constant<unknown>(DELETE),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom<unknown>("", "message", "invoke", "adaptiveCard/action", "task/fetch", "mention", "personal", "channel", "msteams", "emulator"),
  fc.constantFrom<unknown>("https://attacker.example/", "http://169.254.169.254/latest/", "http://192.0.2.2:80/", "ftp://127.0.0.1/"),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.object({ maxDepth: 1 })), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
);

/** Real activities with one to three parts replaced by strange values or removed, as JSON. */
function mutatedActivities(serviceUrl: string): fc.Arbitrary<string> {
  return fc
    .constantFrom(...realActivities(serviceUrl))
    .chain((build) => {
      const activity = build();
      return fc
        .array(fc.tuple(fc.constantFrom(...pathsOf(activity)), strangeValue), { minLength: 1, maxLength: 3 })
        .map((mutations) => mutations.reduce<unknown>((mutated, [path, value]) => mutate(mutated, path, value), activity));
    })
    .map((activity) => JSON.stringify(activity) ?? "");
}

describe("the bot endpoint under fuzzing (mutated real Teams activities, local mode)", function () {
  this.timeout(120_000);
  let app: BotTestApp;
  before(async () => {
    app = await startBotTestApp();
  });
  after(async () => {
    await app.close();
  });

  const kept = async (): Promise<string> => {
    const acknowledgements = await app.running.services.records.listAcknowledgements({});
    const chats = await app.running.services.bot.conversations.list();
    return JSON.stringify([acknowledgements.map((a) => a.recordId), chats.map((c) => c.id)]);
  };

  it("never answers 5xx, keeps nothing for what it refuses, and logs no errors", async () => {
    const body = mutatedActivities(app.serviceUrl);

    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        const before = await kept();
        const response = await fetch(`${app.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: raw });
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        assert.ok(response.status < 500, `answered ${response.status} (${text}) to ${raw}`);
        const invokeRefused = response.status === 200 && /"statusCode":\s*[45]\d\d/.test(text);
        if (response.status >= 400 || invokeRefused) assert.equal(await kept(), before, `kept something for refused ${raw}`);
        if (response.status >= 400) assert.match(text, /^\{"error":\{"code":"\w+","message":"[^"]+"/, `a short JSON error for ${raw}`);
      }),
      { numRuns: 400 },
    );
    assert.deepEqual(app.errors, []);
    // The mutations reach the bot as well as the gate: both answers occur.
    assert.ok((statuses.get(200) ?? 0) > 20, JSON.stringify([...statuses]));
    assert.ok((statuses.get(400) ?? 0) > 20, JSON.stringify([...statuses]));
  });
});

// In tenant mode nothing runs without the Bot Connector's signature; malformed or not, the answer is a 4xx.
describe("the bot endpoint under fuzzing (tenant mode, no token)", function () {
  this.timeout(120_000);
  let app: RunningApp;
  let dataDir: string;
  const errors: string[] = [];
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-fuzz-tenant-"));
    // Entra and Graph on a loopback port nobody listens on: nothing leaves this machine.
    const env = { ...TENANT_ENV, PORT: "0", DATA_DIR: dataDir, CAMPAIGN_CHECK_EVERY_MINUTES: "0", AAD_AUTHORITY_HOST: "http://127.0.0.1:9", GRAPH_BASE_URL: "http://127.0.0.1:9/v1.0" };
    app = await startApp(loadConfig(env), { log: { info: () => undefined, error: (message, error) => errors.push(`${message}: ${String(error)}`) } });
  });
  after(async () => {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers 400, 401 or 403 to every mutated activity, never runs the bot, and logs no errors", async () => {
    await fc.assert(
      fc.asyncProperty(mutatedActivities("https://smba.trafficmanager.net/uk/"), async (raw) => {
        const response = await fetch(`${app.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: raw });
        const text = await response.text();
        assert.ok([400, 401, 403].includes(response.status), `answered ${response.status} (${text}) to ${raw}`);
      }),
      { numRuns: 200 },
    );
    assert.deepEqual(await app.services.bot.conversations.list(), []);
    assert.deepEqual(errors, []);
  });
});
