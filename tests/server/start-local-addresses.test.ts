import assert from "node:assert/strict";
import fs from "node:fs";
import { localAddresses } from "../../scripts/start-local.js";

describe("npm start's printed addresses", () => {
  it("include every local address the README's quick start tells people to open", () => {
    const quickStart = fs.readFileSync("README.md", "utf8").split("## Quick start")[1]?.split("\n## ")[0] ?? "";
    const listed = [...quickStart.matchAll(/`(http:\/\/127\.0\.0\.1:3978\/[^`]*)`/g)].map((match) => match[1] ?? "");
    assert.ok(listed.length >= 3, `the README lists the tab, records and policies: ${listed.join(", ")}`);
    const printed = localAddresses("http://127.0.0.1:3978", "http://localhost:56150");
    for (const address of listed) assert.ok(printed.includes(address), `${address} is printed:\n${printed}`);
    assert.match(printed, /http:\/\/localhost:56150/);
  });
});
