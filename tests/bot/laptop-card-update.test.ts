// The technician's "awaiting confirmation" card (the issue form, once pressed) turns into "Confirmed by … on …"
// where it is when the borrower confirms, instead of a separate note; a note only if Teams will not update it.
import assert from "node:assert/strict";
import type { AdaptiveCard } from "../../bot/cards/adaptive-card.js";
import { cardText, cardWarnings } from "../support/adaptive-cards.js";
import { personalConversationId } from "../support/teams-activities.js";
import { IT_TECHNICIAN, TEACHER } from "./bot-test-app.js";
import { issueData, LaptopBotSession } from "./laptop-bot-session.js";

const TECHNICIANS_CHAT = personalConversationId(IT_TECHNICIAN);
/** The id Teams gave the message holding the issue form, sent back as replyToId when "Issue laptop" is pressed. */
const FORM_MESSAGE_ID = "1732788000000";

describe("the technician's laptop card, updated in place on confirmation", () => {
  let session: LaptopBotSession;
  beforeEach(async () => (session = await LaptopBotSession.start()));
  afterEach(() => session.close());

  const issueFromForm = async () => {
    const { formId } = await session.issueForm();
    const issued = await session.press(IT_TECHNICIAN, "laptop.issue", issueData(formId), FORM_MESSAGE_ID);
    assert.match(cardText(issued.value), /awaiting confirmation/);
    const [loan] = await session.loans();
    assert.ok(loan);
    return loan;
  };
  const notesToTechnician = () =>
    session.app.connector.sentTo(TECHNICIANS_CHAT).filter((s) => s.method === "POST" && /confirmed the laptop/.test(s.activity.text ?? ""));

  it("replaces 'awaiting confirmation' with 'Confirmed by … on …' in the same message, and sends no extra note", async () => {
    const loan = await issueFromForm();
    assert.equal((await session.press(TEACHER, "laptop.confirm", { loanId: loan.recordId })).statusCode, 200);

    const update = await session.app.connector.waitFor((s) => s.conversationId === TECHNICIANS_CHAT && s.method === "PUT");
    assert.equal(update.activityId, FORM_MESSAGE_ID);
    const card = update.activity.attachments?.[0]?.content as AdaptiveCard;
    assert.deepEqual(cardWarnings(card), []);
    const shown = cardText(card);
    assert.match(shown, /Confirmed by Alex Wilber on 28 November 2026 at 10:00/);
    assert.doesNotMatch(shown, /awaiting confirmation/);
    assert.match(shown, /Serial number 7XK2QF3/);
    // A second press by the borrower changes nothing more.
    await session.press(TEACHER, "laptop.confirm", { loanId: loan.recordId });
    await session.say(IT_TECHNICIAN, "help");
    assert.equal(session.app.connector.sentTo(TECHNICIANS_CHAT).filter((s) => s.method === "PUT").length, 1);
    assert.deepEqual(notesToTechnician(), []);
    assert.deepEqual(session.app.errors, []);
  });

  it("falls back to a note when Teams refuses the update", async () => {
    const loan = await issueFromForm();
    session.app.connector.refuse(TECHNICIANS_CHAT, 403, 1);
    await session.press(TEACHER, "laptop.confirm", { loanId: loan.recordId });
    const note = await session.app.connector.waitFor((s) => s.conversationId === TECHNICIANS_CHAT && /confirmed the laptop/.test(s.activity.text ?? ""));
    assert.equal(note.activity.text, "Alex Wilber confirmed the laptop loan agreement for Dell Latitude 5440 (SN 7XK2QF3) on 28 November 2026 at 10:00.");
    assert.deepEqual(session.app.errors, []);
  });
});
