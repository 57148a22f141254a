import assert from "node:assert/strict";
import { inlineRuns, policyBlocks } from "../../policies/policy-text.js";

describe("reading the policies' text format", () => {
  it("finds the numbered section titles, paragraphs and bullet lists of the school's document", () => {
    const blocks = policyBlocks(
      ["3. Use of Internet", "", "3.10 Accidental Access to Inappropriate Material", "Many sites are blocked.", "- one", "- two", "", "After."].join("\n"),
    );
    assert.deepEqual(blocks, [
      { kind: "heading", level: 2, text: "3. Use of Internet" },
      { kind: "heading", level: 3, text: "3.10 Accidental Access to Inappropriate Material" },
      { kind: "paragraph", text: "Many sites are blocked." },
      { kind: "list", items: ["one", "two"] },
      { kind: "paragraph", text: "After." },
    ]);
  });

  it("does not take a numbered sentence for a title", () => {
    assert.deepEqual(policyBlocks("3.1 Where possible, personal use of email should be in employees' own time."), [
      { kind: "paragraph", text: "3.1 Where possible, personal use of email should be in employees' own time." },
    ]);
  });

  it("splits bold runs out of a line", () => {
    assert.deepEqual(inlineRuns("Read **carefully** now"), [
      { text: "Read ", bold: false },
      { text: "carefully", bold: true },
      { text: " now", bold: false },
    ]);
  });
});
