import assert from "node:assert/strict";
import type { AdaptiveCard, ChoiceSetInput, ExecuteAction, OpenUrlAction } from "../../bot/cards/adaptive-card.js";
import { cardText, cardWarnings } from "../support/adaptive-cards.js";
import { personalConversationId, type TestUser } from "../support/teams-activities.js";
import { HEADTEACHER, IT_TECHNICIAN, TEACHER, type BotTestApp } from "./bot-test-app.js";
import { AGREEMENT_TITLE, cardsIn, issueData, LaptopBotSession } from "./laptop-bot-session.js";

describe("laptop loans over HTTP (real CloudAdapter, local Bot Connector stand-in)", () => {
  let session: LaptopBotSession;
  let app: BotTestApp;
  beforeEach(async () => {
    session = await LaptopBotSession.start();
    app = session.app;
  });
  afterEach(async () => {
    await session.close();
  });

  const loans = () => session.loans();
  const sentTo = (user: TestUser) => session.sentTo(user);
  const say = (user: TestUser, text: string) => session.say(user, text);
  const press = (user: TestUser, verb: string, data: unknown) => session.press(user, verb, data);
  const issueForm = () => session.issueForm();
  const agreementsSentTo = (user: TestUser) => session.agreementsSentTo(user);

  it("technician issues, the borrower gets the agreement, confirms, and the loan is recorded as confirmed", async () => {
    const { form, formId } = await issueForm();
    assert.deepEqual(cardWarnings(form), []);
    const borrowers = form.body.find((e): e is ChoiceSetInput => e.type === "Input.ChoiceSet" && e.id === "borrowerId");
    assert.deepEqual(borrowers?.choices.map((c) => c.title), ["Alex Wilber", "Isaiah Langer", "Lynne Robbins"], "everyone the bot can reach");

    const issued = await press(IT_TECHNICIAN, "laptop.issue", issueData(formId));
    assert.equal(issued.statusCode, 200);
    assert.match(cardText(issued.value), /Sent to Alex Wilber, awaiting confirmation/);

    const [agreement, ...more] = agreementsSentTo(TEACHER);
    assert.deepEqual(more, []);
    assert.ok(agreement);
    assert.deepEqual(cardWarnings(agreement), []);
    const shown = cardText(agreement);
    for (const expected of ["Serial number 7XK2QF3", "Installed Windows 11 Education, Microsoft Defender Antivirus", "Additional software Adobe Acrobat Reader"]) {
      assert.ok(shown.includes(expected), `the agreement shows "${expected}"`);
    }
    assert.match(shown, /I confirm that I have received the equipment and software as specified above/);
    const link = agreement.actions?.find((a): a is OpenUrlAction => a.type === "Action.OpenUrl");
    assert.equal(link?.url, `${app.url}/policies/laptop-loan-agreement`);
    assert.equal((await fetch(link.url)).status, 200, "the full policy page is there");

    const [loan] = await loans();
    assert.equal(loan?.status, "Awaiting confirmation");
    assert.deepEqual(loan?.issuedBy, { id: IT_TECHNICIAN.aadObjectId, displayName: "Isaiah Langer", upn: IT_TECHNICIAN.upn });
    const confirm = agreement.actions?.find((a): a is ExecuteAction => a.type === "Action.Execute");
    const receipt = await press(TEACHER, "laptop.confirm", confirm?.data);
    assert.equal(receipt.statusCode, 200);
    assert.match(cardText(receipt.value), /Confirmed by Alex Wilber on 28 November 2026 at 10:00/);
    assert.deepEqual(cardWarnings(receipt.value as AdaptiveCard), []);

    const [record] = await loans();
    assert.deepEqual([record?.status, record?.confirmedAt, record?.serialNumber], ["Confirmed", "2026-11-28T10:00:00.000Z", "7XK2QF3"]);
    // The technician's "awaiting confirmation" card says so where it is (tests/bot/laptop-card-update.test.ts).
    const updated = await app.connector.waitFor((s) => s.conversationId === personalConversationId(IT_TECHNICIAN) && s.method === "PUT");
    assert.match(cardText(cardsIn([updated])[0]), /Confirmed by Alex Wilber on 28 November 2026 at 10:00/);

    const page = await (await fetch(`${app.url}/records`)).text();
    assert.match(page, /<td>Dell Latitude 5440 \(SN 7XK2QF3\) to Alex Wilber<\/td>/);
    const csv = await (await fetch(`${app.url}/records/laptop-loans.csv`)).text();
    assert.match(csv, /^Title,Record id,Status,Borrower,/);
    assert.match(csv, /Dell Latitude 5440 \(SN 7XK2QF3\) to Alex Wilber,loan-[0-9a-f]{32},Confirmed,Alex Wilber,/);
    assert.deepEqual(app.errors, []);
  });

  it("keeps the first confirmation when the borrower presses twice, and tells the technician once", async () => {
    const { formId } = await issueForm();
    await press(IT_TECHNICIAN, "laptop.issue", issueData(formId));
    const [loan] = await loans();
    const first = await press(TEACHER, "laptop.confirm", { loanId: loan?.recordId });
    const second = await press(TEACHER, "laptop.confirm", { loanId: loan?.recordId });
    assert.equal(second.statusCode, 200);
    assert.equal(cardText(second.value), cardText(first.value));
    await app.connector.waitFor((s) => s.conversationId === personalConversationId(IT_TECHNICIAN) && s.method === "PUT");
    // The card was updated for the first press; a second press changes nothing (one status round-trip lets any stray one land).
    await say(IT_TECHNICIAN, "laptops");
    assert.equal(sentTo(IT_TECHNICIAN).filter((s) => s.method === "PUT").length, 1);
    assert.equal((await loans()).length, 1);
  });

  it("keeps the borrower's UPN, learnt when they installed the app, on the loan: the technician's card, the record and /records", async () => {
    const { formId } = await issueForm();
    const issued = await press(IT_TECHNICIAN, "laptop.issue", issueData(formId));
    assert.equal(issued.statusCode, 200);
    assert.match(cardText(issued.value), /Borrower Alex Wilber \(alex@crich-carr\.example\)/);

    const [loan] = await loans();
    assert.deepEqual(loan?.borrower, { id: TEACHER.aadObjectId, displayName: "Alex Wilber", upn: TEACHER.upn });
    const csv = (await (await fetch(`${app.url}/records/laptop-loans.csv`)).text()).replace(/^\uFEFF/, "").split(/\r?\n/);
    const header = csv[0]?.split(",") ?? [];
    const row = csv.find((line) => line.includes("7XK2QF3"))?.split(",") ?? [];
    assert.equal(row[header.indexOf("Borrower UPN")], TEACHER.upn);
    assert.match(await (await fetch(`${app.url}/records`)).text(), /alex@crich-carr\.example/);
  });

  it("records one loan and sends one agreement when the technician presses Issue twice", async () => {
    const { formId } = await issueForm();
    const first = await press(IT_TECHNICIAN, "laptop.issue", issueData(formId));
    const second = await press(IT_TECHNICIAN, "laptop.issue", issueData(formId));
    assert.equal(cardText(second.value), cardText(first.value));
    assert.equal((await loans()).length, 1);
    assert.equal(agreementsSentTo(TEACHER).length, 1);
  });

  it("tells anyone but the technician, politely, who can issue laptops, and refuses a forged Issue", async () => {
    const [reply, ...rest] = await say(TEACHER, "issue laptop");
    assert.deepEqual(rest, []);
    assert.equal(reply?.activity.text, "Only the school's IT technician can issue laptops: please ask Isaiah Langer.");
    assert.equal(reply.activity.attachments, undefined, "no form");
    const [laptops] = await say(TEACHER, "laptops");
    assert.equal(laptops?.activity.text, "Only the school's IT technician can see the laptop loan register: please ask Isaiah Langer.");

    const forged = await press(HEADTEACHER, "laptop.issue", issueData("6f1b9a7c-2d4e-4f80-9b1a-3c5d7e9f0a12"));
    assert.equal(forged.statusCode, 400);
    assert.equal(forged.value.message, "Only the school's IT technician can issue a laptop: please ask Isaiah Langer.");
    assert.deepEqual(await loans(), []);
    assert.deepEqual(agreementsSentTo(TEACHER), []);
  });

  it("lets nobody but the borrower confirm", async () => {
    const { formId } = await issueForm();
    await press(IT_TECHNICIAN, "laptop.issue", issueData(formId));
    const [loan] = await loans();
    for (const someoneElse of [HEADTEACHER, IT_TECHNICIAN]) {
      const answer = await press(someoneElse, "laptop.confirm", { loanId: loan?.recordId });
      assert.equal(answer.statusCode, 400);
      assert.equal(answer.value.message, "This laptop agreement is for Alex Wilber: only they can confirm it.");
    }
    const [after] = await loans();
    assert.deepEqual([after?.status, after?.confirmedAt], ["Awaiting confirmation", ""]);
    const unknown = await press(TEACHER, "laptop.confirm", { loanId: "loan-0000" });
    assert.equal(unknown.value.message, "There is no laptop loan loan-0000.");
  });

  const badIssues: { name: string; change: Record<string, unknown>; message: RegExp }[] = [
    { name: "no serial number", change: { serialNumber: "  " }, message: /^The laptop details need correcting: serialNumber: enter the serial number\.$/ },
    { name: "a serial number over 50 characters", change: { serialNumber: "S".repeat(51) }, message: /serialNumber: the serial number must be at most 50 characters/ },
    { name: "no borrower", change: { borrowerId: "" }, message: /borrowerId: choose who the laptop is for/ },
    { name: "software outside the standard image", change: { software: "windows-11-education,bitcoin-miner" }, message: /software: choose software from the school's standard image/ },
    { name: "a date that is not a date", change: { issuedOn: "28/11/2026" }, message: /issuedOn: enter the date issued as a date, e.g\. 2026-11-28/ },
    { name: "a date in the future", change: { issuedOn: "2026-11-29" }, message: /The date issued \(29 November 2026\) is in the future/ },
    { name: "a toggle value that is not true or false", change: { bagAndManuals: "maybe" }, message: /bagAndManuals: say whether the bag and manuals were handed over/ },
    { name: "additional software over 500 characters", change: { additionalSoftware: "x".repeat(501) }, message: /additionalSoftware: additional software must be at most 500 characters/ },
    { name: "a borrower the bot cannot reach", change: { borrowerId: "aaaaaaaa-0000-4000-8000-000000000099" }, message: /does not have the app in Teams/ },
    { name: "a form id the bot did not make", change: { formId: "../../etc" }, message: /formId: the form id is not one this bot made/ },
  ];
  for (const bad of badIssues) {
    it(`answers an Issue with ${bad.name} with a clear error, records nothing and sends nothing`, async () => {
      const { formId } = await issueForm();
      const answer = await press(IT_TECHNICIAN, "laptop.issue", issueData(formId, bad.change));
      assert.equal(answer.statusCode, 400);
      assert.equal(answer.type, "application/vnd.microsoft.error");
      assert.match(answer.value.message ?? "", bad.message);
      assert.deepEqual(await loans(), []);
      assert.deepEqual(agreementsSentTo(TEACHER), []);
      assert.deepEqual(app.errors, []);
    });
  }

  it("still records the loan when Teams will not deliver the agreement, says so, and the borrower gets it under 'status'", async () => {
    const { formId } = await issueForm();
    app.connector.refuse(personalConversationId(TEACHER), 403, 1);
    const answer = await press(IT_TECHNICIAN, "laptop.issue", issueData(formId));
    assert.match(
      cardText(answer.value),
      /Recorded for Alex Wilber, but the agreement could not be sent to them: Teams did not deliver it\. Ask Alex Wilber to type "status" to the bot to get it\./,
    );
    assert.equal((await loans()).length, 1);
    assert.deepEqual(agreementsSentTo(TEACHER), []);

    const awaiting = cardsIn(await say(IT_TECHNICIAN, "laptops"));
    assert.match(cardText(awaiting[0]), /\*\*Alex Wilber\*\*\nLaptop model Dell Latitude 5440\nSerial number 7XK2QF3\nAsset tag CC-0142\nIssued 28 November 2026 by Isaiah Langer\nStatus awaiting confirmation/);

    const status = cardsIn(await say(TEACHER, "status"));
    assert.deepEqual(status.map((card) => cardText(card).split("\n")[0]), [
      "Your acknowledgements for 2026/27",
      "Your school laptops",
      AGREEMENT_TITLE,
    ]);
    assert.match(cardText(status[1]), /Dell Latitude 5440 \(SN 7XK2QF3\)\*\*, issued 28 November 2026: awaiting confirmation/);
    assert.equal(app.errors.length, 1, "the refusal is logged for the admin");
  });
});
