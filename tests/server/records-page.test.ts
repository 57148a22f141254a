import assert from "node:assert/strict";
import { acknowledgement, alice, bob, report, startLocalApp, startTenantApp } from "./local-app.js";
import type { RunningApp } from "../../server/start.js";

// The SharePoint lists' columns (records/sharepoint/list-schemas.ts), led by SharePoint's Title.
const ACK_HEADER = "Title,Record id,Person,Person UPN,Entra object id,Policy,Version,Academic year,Acknowledged at,Channel";
const REPORT_HEADER =
  "Summary,Reference,Record id,Report kind,Urgent,Status,Reported by,Reporter UPN,Reporter Entra object id,Reported at,Occurred at,Details,Status changed at,Status changed by";

async function get(app: RunningApp, path: string): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(app.url + path);
  return { status: response.status, text: await response.text(), headers: response.headers };
}

describe("the local records page", () => {
  let app: RunningApp;
  beforeEach(async () => {
    app = await startLocalApp();
  });
  afterEach(async () => {
    await app.close();
  });

  it("says nothing is recorded yet when the store is empty", async () => {
    const page = await get(app, "/records");
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type") ?? "", /^text\/html/);
    assert.equal(page.text.match(/Nothing recorded yet\./g)?.length, 4, "acknowledgements, reports, safeguarding concerns, laptop loans");
    assert.match(page.text, /<html lang="en-GB">/);
  });

  it("shows acknowledgements and reports as two tables, newest first, with the SharePoint columns", async () => {
    await app.services.records.saveAcknowledgement(acknowledgement());
    await app.services.records.saveAcknowledgement(
      acknowledgement({ recordId: "ack-0002", person: bob, acknowledgedAt: "2026-09-03T10:00:00.000Z", channel: "tab" }),
    );
    await app.services.records.saveReport(report());

    const page = await get(app, "/records");
    assert.equal(page.status, 200);
    for (const header of [...ACK_HEADER.split(","), ...REPORT_HEADER.split(",")]) {
      assert.ok(page.text.includes(`<th scope="col">${header}</th>`), `missing column ${header}`);
    }
    assert.ok(page.text.indexOf("Bob Assistant") < page.text.indexOf("Alice Teacher"), "newest acknowledgement first");
    assert.match(page.text, /<td>bob@school\.example<\/td>/);
    assert.match(page.text, /<time datetime="2026-09-03T10:00:00.000Z">3 Sept 2026, 11:00<\/time>/);
    assert.ok(
      page.text.includes(
        "<tr><td>Lost: Dell Latitude 5440 (SN 7XK2)</td><td>R-2026-0001</td><td>rep-1a2b3c4d-0000-4000-8000-000000000000</td>" +
          "<td>lost-equipment</td><td>Yes</td><td>New</td><td>Alice Teacher</td>",
      ),
      "report row with the list's columns",
    );
    assert.ok(page.text.includes("<td>What happened to it: Stolen\nWhich item: Dell Latitude 5440\nAsset tag or serial number: 7XK2\nCould personal data be on it: Yes</td>"), "readable details");
  });

  it("escapes names and summaries, so a record cannot inject markup into the page", async () => {
    const mallory = { id: alice.id, displayName: '<script>alert("x")</script>', upn: "m@school.example" };
    await app.services.records.saveReport(report({ reporter: mallory, summary: "<img src=x onerror=alert(1)>" }));

    const page = await get(app, "/records");
    assert.ok(!page.text.includes("<script>alert"), "raw script tag in the page");
    assert.ok(!page.text.includes("<img src=x"), "raw img tag in the page");
    assert.ok(page.text.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert.match(page.headers.get("content-security-policy") ?? "", /default-src 'none'/);
  });

  it("downloads acknowledgements as CSV with the same columns, newest first", async () => {
    await app.services.records.saveAcknowledgement(acknowledgement());
    await app.services.records.saveAcknowledgement(
      acknowledgement({ recordId: "ack-0002", person: bob, acknowledgedAt: "2026-09-03T10:00:00.000Z" }),
    );
    const csv = await get(app, "/records/acknowledgements.csv");
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get("content-type") ?? "", /^text\/csv/);
    assert.equal(csv.headers.get("content-disposition"), 'attachment; filename="acknowledgements.csv"');
    assert.deepEqual(csv.text.split("\r\n"), [
      ACK_HEADER,
      `Bob Assistant: acceptable-use-policy v2026.1 (2026/27),ack-0002,Bob Assistant,bob@school.example,${bob.id},` +
        "acceptable-use-policy,2026.1,2026/27,2026-09-03T10:00:00.000Z,teams-bot",
      `Alice Teacher: acceptable-use-policy v2026.1 (2026/27),ack-0001,Alice Teacher,alice@school.example,${alice.id},` +
        "acceptable-use-policy,2026.1,2026/27,2026-09-02T08:15:00.000Z,teams-bot",
      "",
    ]);
  });

  it("quotes reports per RFC 4180 and defuses cells a spreadsheet would run as formulas", async () => {
    const formulaName = { ...alice, displayName: '=HYPERLINK("http://evil.example","Click")' };
    await app.services.records.saveReport(
      report({ reporter: formulaName, summary: 'Lost: "old" laptop, in the car\npark', statusChangedBy: "@SUM(A1)" }),
    );
    const csv = await get(app, "/records/reports.csv");
    assert.equal(csv.status, 200);
    const [header, row, end] = csv.text.split("\r\n");
    // The reports list gained a Status history column with the headteacher's view (merged before this branch).
    assert.equal(header, `${REPORT_HEADER},Status history`);
    assert.equal(end, "");
    assert.ok(row?.startsWith(`"Lost: ""old"" laptop, in the car\npark",R-2026-0001,rep-1a2b3c4d-`), row);
    assert.ok(row?.includes(`,lost-equipment,Yes,New,"'=HYPERLINK(""http://evil.example"",""Click"")",alice@`), row);
    assert.ok(row?.includes(`,'@SUM(A1),`), row);
  });

  it("does not exist in tenant mode, where SharePoint is the record", async () => {
    await app.close();
    app = await startTenantApp();
    for (const path of ["/records", "/records/acknowledgements.csv", "/records/reports.csv", "/records/laptop-loans.csv"]) {
      const page = await get(app, path);
      assert.equal(page.status, 404, path);
      assert.match(page.text, /In tenant mode the records are in the school&#39;s SharePoint lists\./);
    }
  });
});
