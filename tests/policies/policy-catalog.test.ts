import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PolicyCatalog, PolicyFileError } from "../../policies/policy-catalog.js";
import { startLocalApp } from "../server/local-app.js";

const CONTENT_DIR = path.resolve("policies/content");
// Word for word from the school's paper "Acceptable Use Agreement - Staff" (the seed policy document).
const PAPER_DECLARATION =
  "I confirm that I have received appropriate training, read and understood the School Staff IT Acceptable Use policy on the use of IT resources.";

const VALID_HEAD = [
  "id: test-policy",
  "version: 2026.1",
  "title: A test policy",
  "summary: A summary long enough to pass.",
  "declaration: I confirm that I have read the test policy.",
  "audience: all-staff",
];

/** Writes one policy file into a fresh folder and returns the folder and the file's path. */
function policyDir(source: string, fileName = "test-policy.md"): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-catalog-"));
  const file = path.join(dir, fileName);
  fs.writeFileSync(file, source);
  return { dir, file };
}

function withHead(head: string[], body = "The full text of the test policy, long enough."): string {
  return ["---", ...head, "---", body].join("\n");
}

function loadError(dir: string): PolicyFileError {
  try {
    PolicyCatalog.load(dir);
  } catch (error) {
    assert.ok(error instanceof PolicyFileError, `expected a PolicyFileError, got ${String(error)}`);
    return error;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  assert.fail("expected the catalog to refuse the folder");
}

describe("the policy catalog", () => {
  it("loads the school's real documents with their audiences", () => {
    const catalog = PolicyCatalog.load(CONTENT_DIR);
    assert.deepEqual(
      catalog.forAllStaff().map((p) => p.id).sort(),
      ["acceptable-use-policy", "social-media-guidance"],
    );
    assert.equal(catalog.get("laptop-loan-agreement")?.audience, "on-issue");
    assert.equal(catalog.get("no-such-policy"), undefined);
  });

  it("quotes the staff declaration exactly as the school's paper agreement words it", () => {
    assert.equal(PolicyCatalog.load(CONTENT_DIR).get("acceptable-use-policy")?.declaration, PAPER_DECLARATION);
  });

  it("keeps the full text, lists and all, after the front matter", () => {
    const policy = PolicyCatalog.load(CONTENT_DIR).get("acceptable-use-policy");
    assert.match(policy?.text ?? "", /^1\. Introduction\n/);
    assert.match(policy?.text ?? "", /\n- could constitute bullying\n/);
  });

  const malformed: [string, string, RegExp][] = [
    ["no front matter", "Just some text without a header at all.", /must start with a "---" front-matter block/],
    ["a line that is not key: value", withHead([...VALID_HEAD, "this line is wrong"]), /front-matter line 8 is not "key: value": this line is wrong/],
    ["a missing declaration", withHead(VALID_HEAD.filter((l) => !l.startsWith("declaration"))), /declaration: Invalid input/],
    ["an unknown audience", withHead([...VALID_HEAD.slice(0, 5), "audience: governors"]), /audience: Invalid option/],
    ["an id that is not lower-case words", withHead(["id: Test_Policy", ...VALID_HEAD.slice(1)]), /id: id must be lower-case words joined by hyphens/],
    ["no text after the front matter", withHead(VALID_HEAD, ""), /the full text after the front matter is missing/],
  ];
  for (const [problem, source, message] of malformed) {
    it(`refuses a file with ${problem}, naming the file and the problem`, () => {
      const { dir, file } = policyDir(source);
      const error = loadError(dir);
      assert.equal(error.file, file);
      assert.ok(error.message.startsWith(`${file}: `), error.message);
      assert.match(error.message, message);
    });
  }

  it("refuses a file whose id does not match its name", () => {
    const { dir, file } = policyDir(withHead(VALID_HEAD), "other-name.md");
    assert.equal(loadError(dir).message, `${file}: id "test-policy" must match the file name "other-name"`);
  });

  it("refuses a folder with no policy files", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aup-catalog-"));
    assert.equal(loadError(dir).message, `${dir}: no policy files (*.md) found`);
  });

  it("stops the app starting when a policy file is malformed", async () => {
    const { dir, file } = policyDir(withHead(VALID_HEAD.filter((l) => !l.startsWith("title"))));
    try {
      await assert.rejects(startLocalApp({ POLICIES_DIR: dir }), (error: unknown) => {
        assert.ok(error instanceof PolicyFileError);
        assert.match(error.message, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: title: `));
        return true;
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
