import assert from "node:assert/strict";
import type { AdaptiveCard, CardElement, ExecuteAction, ShowCardAction } from "../../bot/cards/adaptive-card.js";
import type { LaptopLoan } from "../../records/laptop-loan.js";
import { cardText, cardWarnings } from "../support/adaptive-cards.js";
import { personalConversationId, postActivity, submitFallback, type TestUser } from "../support/teams-activities.js";
import { HEADTEACHER, IT_TECHNICIAN, TEACHER } from "./bot-test-app.js";
import { cardsIn, LaptopBotSession, type InvokeAnswer } from "./laptop-bot-session.js";

/** The "Mark returned" form of each loan in a register card, by loan id. */
function returnFormsIn(card: AdaptiveCard): Map<string, ExecuteAction> {
  const forms = new Map<string, ExecuteAction>();
  const containers = card.body.filter((e): e is Extract<CardElement, { type: "Container" }> => e.type === "Container");
  for (const element of containers.flatMap((c) => c.items)) {
    if (element.type !== "ActionSet") continue;
    const show = element.actions.find((a): a is ShowCardAction => a.type === "Action.ShowCard" && a.title === "Mark returned");
    const record = show?.card.actions?.find((a): a is ExecuteAction => a.type === "Action.Execute");
    if (record) forms.set(String(record.data.loanId), record);
  }
  return forms;
}

/** What Teams sends when "Record return" is pressed: the action's data plus the form's inputs by their ids. */
function returnData(loanId: string, inputs: { condition?: unknown; assetTagAttached?: unknown; note?: unknown }): Record<string, unknown> {
  const data: Record<string, unknown> = { verb: "laptop.return", loanId };
  for (const [name, value] of Object.entries(inputs)) if (value !== undefined) data[`${loanId}.${name}`] = value;
  return data;
}

const borrowerNotes = (session: LaptopBotSession) =>
  session.sentTo(TEACHER).filter((s) => /^Your laptop/.test(s.activity.text ?? "")).map((s) => s.activity.text);

describe("laptop returns (policy 9.4) over HTTP (real CloudAdapter, local Bot Connector stand-in)", () => {
  let session: LaptopBotSession;
  let confirmed: LaptopLoan;
  let awaiting: LaptopLoan;
  beforeEach(async () => {
    session = await LaptopBotSession.start();
    confirmed = await session.issue();
    assert.equal((await session.press(TEACHER, "laptop.confirm", { loanId: confirmed.recordId })).statusCode, 200);
    awaiting = await session.issue({ model: "HP ProBook 450", serialNumber: "5CG1234", assetTag: "" });
  });
  afterEach(async () => {
    await session.close();
  });

  const register = async (): Promise<AdaptiveCard> => {
    const [card, ...more] = cardsIn(await session.say(IT_TECHNICIAN, "laptops"));
    assert.deepEqual(more, []);
    assert.ok(card);
    return card;
  };
  const markReturned = (user: TestUser, data: Record<string, unknown>): Promise<InvokeAnswer> => session.press(user, "laptop.return", data);

  it("the register lists every laptop still out, confirmed or not, each with its details and a return form", async () => {
    const card = await register();
    assert.deepEqual(cardWarnings(card), []);
    const shown = cardText(card);
    assert.match(shown, /^Laptop loan register\n2 on loan:\n/);
    assert.match(shown, /\*\*Alex Wilber\*\*\nLaptop model Dell Latitude 5440\nSerial number 7XK2QF3\nAsset tag CC-0142\nIssued 28 November 2026 by Isaiah Langer\nStatus confirmed on 28 November 2026 at 10:00/);
    assert.match(shown, /\*\*Alex Wilber\*\*\nLaptop model HP ProBook 450\nSerial number 5CG1234\nAsset tag None\nIssued 28 November 2026 by Isaiah Langer\nStatus awaiting confirmation/);
    assert.deepEqual([...returnFormsIn(card).keys()].sort(), [confirmed.recordId, awaiting.recordId].sort());
  });

  it("the technician marks a laptop returned: the loan records it, the register updates in place, the borrower is told", async () => {
    const form = returnFormsIn(await register()).get(confirmed.recordId);
    assert.ok(form);
    const answer = await markReturned(IT_TECHNICIAN, returnData(String(form.data.loanId), { condition: "Damaged", assetTagAttached: "false", note: "Cracked hinge" }));
    assert.equal(answer.statusCode, 200);
    const updated = answer.value as AdaptiveCard;
    assert.deepEqual(cardWarnings(updated), []);
    assert.match(
      cardText(updated),
      /^Laptop loan register\nAlex Wilber's Dell Latitude 5440 \(SN 7XK2QF3\)\n\u26A0\uFE0F Returned to Isaiah Langer on 28 November 2026 at 10:00: damaged, asset tag missing\. Note: Cracked hinge\n1 on loan:\n\*\*Alex Wilber\*\*\nLaptop model HP ProBook 450/,
    );
    assert.deepEqual([...returnFormsIn(updated).keys()], [awaiting.recordId], "only the laptop still out can be returned");

    const record = (await session.loans()).find((loan) => loan.recordId === confirmed.recordId);
    assert.deepEqual(record, {
      ...confirmed,
      status: "Returned",
      confirmedAt: "2026-11-28T10:00:00.000Z",
      returned: {
        returnedAt: "2026-11-28T10:00:00.000Z",
        returnedTo: { id: IT_TECHNICIAN.aadObjectId, displayName: "Isaiah Langer", upn: IT_TECHNICIAN.upn },
        condition: "Damaged",
        assetTagAttached: false,
        note: "Cracked hinge",
      },
    });
    const note = await session.app.connector.waitFor((s) => s.conversationId === personalConversationId(TEACHER) && /^Your laptop/.test(s.activity.text ?? ""));
    assert.equal(note.activity.text, "Your laptop Dell Latitude 5440 (SN 7XK2QF3) was returned to Isaiah Langer on 28 November 2026.");

    const status = cardsIn(await session.say(TEACHER, "status"));
    assert.match(cardText(status[1]), /Dell Latitude 5440 \(SN 7XK2QF3\)\*\*, issued 28 November 2026: returned on 28 November 2026/);
    const page = await (await fetch(`${session.app.url}/records`)).text();
    assert.match(page, /<th scope="col">Condition on return<\/th><th scope="col">Asset tag attached on return<\/th><th scope="col">Return note<\/th>/);
    assert.match(page, /<td>Returned<\/td>.*<td>Isaiah Langer<\/td><td>aaaaaaaa-0000-4000-8000-000000000002<\/td><td>Damaged<\/td><td>No<\/td><td>Cracked hinge<\/td>/s);
    const csv = await (await fetch(`${session.app.url}/records/laptop-loans.csv`)).text();
    assert.match(csv.split("\r\n")[0] ?? "", /,Confirmed at,Returned at,Returned to,Returned to Entra object id,Condition on return,Asset tag attached on return,Return note$/);
    assert.match(csv, /,2026-11-28T10:00:00\.000Z,2026-11-28T10:00:00\.000Z,Isaiah Langer,aaaaaaaa-0000-4000-8000-000000000002,Damaged,No,Cracked hinge\r\n/);
    assert.deepEqual(session.app.errors, []);
  });

  it("returns a laptop whose borrower never confirmed; the agreement can then no longer be confirmed", async () => {
    const answer = await markReturned(IT_TECHNICIAN, returnData(awaiting.recordId, { condition: "Full working condition", assetTagAttached: "true" }));
    assert.match(cardText(answer.value), /Returned to Isaiah Langer on 28 November 2026 at 10:00: full working condition, asset tag attached\.\n1 on loan:/);
    const record = (await session.loans()).find((loan) => loan.recordId === awaiting.recordId);
    assert.deepEqual([record?.status, record?.confirmedAt, record?.returned?.note], ["Returned", "", ""]);

    const late = await session.press(TEACHER, "laptop.confirm", { loanId: awaiting.recordId });
    assert.equal(late.statusCode, 400);
    assert.equal(late.value.message, "This laptop was returned to Isaiah Langer on 28 November 2026, so there is nothing left to confirm.");
  });

  it("keeps the first return when pressed twice, and tells the borrower once", async () => {
    const first = await markReturned(IT_TECHNICIAN, returnData(confirmed.recordId, { condition: "Missing parts", assetTagAttached: "true", note: "No charger" }));
    const second = await markReturned(IT_TECHNICIAN, returnData(confirmed.recordId, { condition: "Full working condition", assetTagAttached: "true" }));
    assert.equal(second.statusCode, 200);
    assert.equal(cardText(second.value), cardText(first.value));
    const record = (await session.loans()).find((loan) => loan.recordId === confirmed.recordId);
    assert.deepEqual([record?.returned?.condition, record?.returned?.note], ["Missing parts", "No charger"]);
    await session.app.connector.waitFor((s) => /^Your laptop/.test(s.activity.text ?? ""));
    // One status round-trip lets any stray second note land before counting.
    await session.say(TEACHER, "status");
    assert.equal(borrowerNotes(session).length, 1);
  });

  it("takes the Action.Submit fallback of older hosts the same way, replacing the register it came from", async () => {
    const form = returnFormsIn(await register()).get(awaiting.recordId);
    assert.ok(form?.fallback && form.fallback !== "drop");
    const data = { ...form.fallback.data, ...returnData(awaiting.recordId, { condition: "Missing parts", assetTagAttached: "false", note: "No charger" }) };
    assert.equal((await postActivity(session.app.url, submitFallback(session.app.serviceUrl, IT_TECHNICIAN, data, "register-1"))).status, 200);
    // (The confirmation in beforeEach also updated the technician's issue card in place: look for this one.)
    const update = await session.app.connector.waitFor((s) => s.method === "PUT" && s.activityId === "register-1");
    assert.match(cardText(cardsIn([update])[0]), /HP ProBook 450 \(SN 5CG1234\)\n\u26A0\uFE0F Returned to Isaiah Langer on 28 November 2026 at 10:00: missing parts, asset tag missing\. Note: No charger/);
    const record = (await session.loans()).find((loan) => loan.recordId === awaiting.recordId);
    assert.deepEqual([record?.status, record?.returned?.condition], ["Returned", "Missing parts"]);
  });

  it("refuses anyone but the IT technician and changes nothing", async () => {
    for (const someoneElse of [TEACHER, HEADTEACHER]) {
      const answer = await markReturned(someoneElse, returnData(confirmed.recordId, { condition: "Full working condition", assetTagAttached: "true" }));
      assert.equal(answer.statusCode, 400);
      assert.equal(answer.value.message, "Only the school's IT technician can mark laptops returned: please ask Isaiah Langer.");
    }
    assert.deepEqual((await session.loans()).map((loan) => loan.status).sort(), ["Awaiting confirmation", "Confirmed"]);
    await session.say(TEACHER, "status");
    assert.deepEqual(borrowerNotes(session), []);
  });

  const badReturns: { name: string; data: () => Record<string, unknown>; message: RegExp }[] = [
    { name: "no condition", data: () => returnData(confirmed.recordId, { assetTagAttached: "true" }), message: /^The laptop return needs correcting: condition: choose the condition the laptop came back in\.$/ },
    { name: "a condition not offered", data: () => returnData(confirmed.recordId, { condition: "Fine", assetTagAttached: "true" }), message: /condition: choose the condition the laptop came back in/ },
    { name: "a toggle that is not true or false", data: () => returnData(confirmed.recordId, { condition: "Damaged", assetTagAttached: "yes" }), message: /assetTagAttached: say whether the asset tag is still attached/ },
    { name: "a note over 500 characters", data: () => returnData(confirmed.recordId, { condition: "Damaged", assetTagAttached: "true", note: "x".repeat(501) }), message: /note: the note must be at most 500 characters/ },
    { name: "another loan's inputs", data: () => ({ ...returnData(awaiting.recordId, { condition: "Damaged", assetTagAttached: "true" }), loanId: confirmed.recordId }), message: /condition: choose the condition/ },
    { name: "no loan", data: () => ({ verb: "laptop.return" }), message: /^The laptop return needs correcting: loanId: / },
    { name: "a loan that does not exist", data: () => returnData("loan-0000", { condition: "Damaged", assetTagAttached: "true" }), message: /^There is no laptop loan loan-0000\.$/ },
  ];
  for (const bad of badReturns) {
    it(`answers a return with ${bad.name} with a clear error and changes nothing`, async () => {
      const answer = await markReturned(IT_TECHNICIAN, bad.data());
      assert.equal(answer.statusCode, 400);
      assert.equal(answer.type, "application/vnd.microsoft.error");
      assert.match(answer.value.message ?? "", bad.message);
      assert.deepEqual((await session.loans()).map((loan) => [loan.status, loan.returned]).sort(), [["Awaiting confirmation", undefined], ["Confirmed", undefined]]);
      assert.deepEqual(session.app.errors, []);
    });
  }
});
