import assert from "node:assert/strict";
import Database from "better-sqlite3";
import type { ConversationReference } from "botbuilder";
import { SqliteConversationStore } from "../../bot/conversation-store.js";
import { PeopleDirectory, type MemberLookup } from "../../bot/turn-identity.js";

const ALEX = { id: "aaaaaaaa-0000-4000-8000-000000000003", displayName: "Alex Wilber" };
const REFERENCE: Partial<ConversationReference> = {
  serviceUrl: "http://127.0.0.1:1/",
  conversation: { id: "a:personal-alex", isGroup: false, conversationType: "personal", name: "" },
  user: { id: "29:alex", name: "Alex Wilber" },
};

/** Teams' member lookup as the test decides: each call waits until the test answers it. */
class ScriptedLookup implements MemberLookup {
  readonly calls: { answer(result: { upn: string; displayName: string } | Error): void }[] = [];

  lookUp(): Promise<{ upn: string; displayName: string }> {
    return new Promise((resolve, reject) => {
      this.calls.push({ answer: (result) => (result instanceof Error ? reject(result) : resolve(result)) });
    });
  }
}

describe("the people directory (UPN kept with the chat, learnt from Teams in the background)", () => {
  let now: number;
  let conversations: SqliteConversationStore;
  let teams: ScriptedLookup;
  let logged: string[];
  let people: PeopleDirectory;
  beforeEach(() => {
    now = Date.parse("2026-11-28T10:00:00Z");
    conversations = new SqliteConversationStore(new Database(":memory:"));
    teams = new ScriptedLookup();
    logged = [];
    people = new PeopleDirectory(conversations, teams, { now: () => new Date(now) }, { info: (message) => logged.push(message) });
  });

  it("answers presses from what it keeps, with one lookup for presses that arrive while it runs", async () => {
    await conversations.save(ALEX.id, REFERENCE);
    const first = await people.personOf(ALEX);
    const second = await people.personOf(ALEX);
    assert.deepEqual([first.upn, second.upn], ["", ""]);
    assert.equal(teams.calls.length, 1);

    teams.calls[0]?.answer({ upn: "alex@crich-carr.example", displayName: "Alex Wilber" });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(await people.personOf(ALEX), { ...ALEX, upn: "alex@crich-carr.example" });
    assert.equal(teams.calls.length, 1);
  });

  it("after a failed lookup, waits five minutes before asking Teams again, and says why once in the log", async () => {
    await conversations.save(ALEX.id, REFERENCE);
    await people.personOf(ALEX);
    teams.calls[0]?.answer(new Error("connect ECONNREFUSED"));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(logged.length, 1);
    assert.match(logged[0] ?? "", /Teams did not give the UPN of aaaaaaaa-0000-4000-8000-000000000003 \(connect ECONNREFUSED\)/);

    now += 4 * 60_000;
    assert.equal((await people.personOf(ALEX)).upn, "");
    assert.equal(teams.calls.length, 1, "not asked again within five minutes");

    now += 2 * 60_000;
    await people.personOf(ALEX);
    assert.equal(teams.calls.length, 2);
    teams.calls[1]?.answer({ upn: "alex@crich-carr.example", displayName: "Alex Wilber" });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal((await people.personOf(ALEX)).upn, "alex@crich-carr.example");
  });

  it("fills in a name the install did not carry, and keeps nothing for someone who uninstalled meanwhile", async () => {
    const { learning } = await people.remember({ id: ALEX.id, displayName: "" }, { ...REFERENCE, user: { id: "29:alex", name: "" } });
    teams.calls[0]?.answer({ upn: "alex@crich-carr.example", displayName: "Alex Wilber" });
    await learning;
    assert.deepEqual(await people.personOf({ id: ALEX.id, displayName: "" }), { ...ALEX, upn: "alex@crich-carr.example" });
    assert.deepEqual(await conversations.list(), [{ id: ALEX.id, displayName: "Alex Wilber", upn: "alex@crich-carr.example" }]);

    await conversations.delete(ALEX.id);
    const again = await people.remember(ALEX, REFERENCE);
    await conversations.delete(ALEX.id);
    teams.calls[1]?.answer({ upn: "alex@crich-carr.example", displayName: "Alex Wilber" });
    await again.learning;
    assert.equal(await conversations.member(ALEX.id), undefined);
    assert.deepEqual(await people.personOf(ALEX), { ...ALEX, upn: "" }, "someone with no chat is recorded without a UPN, as before");
  });
});
