import assert from "node:assert/strict";
import { acknowledgement, alice, bob, loan, report, startLocalApp, startTenantApp } from "./local-app.js";
import type { RunningApp } from "../../server/start.js";

// The SharePoint lists' columns (records/sharepoint/list-schemas.ts), led by SharePoint's Title.
const ACK_HEADER = "Title,Record id,Person,Person UPN,Entra object id,Policy,Version,Academic year,Acknowledged at,Channel";
const REPORT_HEADER =
  "Summary,Reference,Record id,Report kind,Urgent,Status,Reported by,Reporter UPN,Reporter Entra object id,Reported at,Occurred at,Details,Status changed at,Status changed by," +
  // A request's decision (records/decisions.ts), blank on everything else.
  "Decision,Decision conditions,Decision reason,Decided by,Decided by Entra object id,Decided at,Permission ends,Permission ended,Permission ended at";

async function get(app: RunningApp, path: string): Promise<{ status: number; text: string; headers: Headers; bytes: Buffer }> {
  const response = await fetch(app.url + path);
  const bytes = Buffer.from(await response.arrayBuffer());
  // fetch's text() would drop a byte-order mark; decode by hand so the tests see exactly what Excel gets.
  return { status: response.status, text: bytes.toString("utf8").replace(/^\uFEFF/, ""), headers: response.headers, bytes };
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

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
        '<tr><td>Lost: Dell Latitude 5440 (SN 7XK2)</td><td>R-2026-0001</td><td class="id">rep-1a2b3c4d-0000-4000-8000-000000000000</td>' +
          "<td>lost-equipment</td><td>Yes</td><td>New</td><td>Alice Teacher</td>",
      ),
      "report row with the list's columns",
    );
    assert.ok(page.text.includes('<td class="long">What happened to it: Stolen\nWhich item: Dell Latitude 5440\nAsset tag or serial number: 7XK2\nCould personal data be on it: Yes</td>'), "readable details");
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
        "acceptable-use-policy,2026.1,2026/27,03/09/2026 11:00,teams-bot",
      `Alice Teacher: acceptable-use-policy v2026.1 (2026/27),ack-0001,Alice Teacher,alice@school.example,${alice.id},` +
        "acceptable-use-policy,2026.1,2026/27,02/09/2026 09:15,teams-bot",
      "",
    ]);
  });

  it("quotes reports per RFC 4180 and defuses cells a spreadsheet would run as formulas", async () => {
    const formulaName = { ...alice, displayName: '=HYPERLINK("http://evil.example","Click")' };
    await app.services.records.saveReport(
      report({ reporter: formulaName, summary: 'Lost: "old" laptop, in the car\npark', status: "In review", statusChangedBy: "@SUM(A1)" }),
    );
    const csv = await get(app, "/records/reports.csv");
    assert.equal(csv.status, 200);
    const [header, row, end] = csv.text.split("\r\n");
    assert.equal(header, REPORT_HEADER);
    assert.equal(end, "");
    assert.ok(row?.startsWith(`"Lost: ""old"" laptop, in the car\npark",R-2026-0001,rep-1a2b3c4d-`), row);
    assert.ok(row?.includes(`,lost-equipment,Yes,In review,"'=HYPERLINK(""http://evil.example"",""Click"")",alice@`), row);
    assert.ok(row?.endsWith(`,'@SUM(A1),,,,,,,,,`), row);
  });

  it("starts each CSV with a UTF-8 byte-order mark, so Excel on Windows reads accents and curly quotes", async () => {
    await app.services.records.saveReport(report({ reporter: { ...alice, displayName: "Zoë O’Neill" }, summary: "Zoë’s laptop" }));
    for (const file of ["acknowledgements.csv", "reports.csv", "laptop-loans.csv"]) {
      const csv = await get(app, `/records/${file}`);
      assert.deepEqual(csv.bytes.subarray(0, 3), UTF8_BOM, `${file} starts with EF BB BF`);
      assert.match(csv.headers.get("content-type") ?? "", /charset=utf-8/);
    }
    const reports = await get(app, "/records/reports.csv");
    assert.ok(reports.text.includes("Zoë’s laptop,") && reports.text.includes(",Zoë O’Neill,"), reports.text);
  });

  it("writes times as UK local dates a spreadsheet reads as dates, and a loan's issue date as a date", async () => {
    // 30 Nov is GMT; 5 Oct is BST, an hour ahead of UTC.
    await app.services.records.saveReport(report({ reportedAt: "2026-11-30T14:05:00.000Z", occurredAt: "2026-10-05T12:30:00.000Z" }));
    await app.services.records.laptopLoans.save(loan());
    const [, row] = (await get(app, "/records/reports.csv")).text.split("\r\n");
    assert.ok(row?.includes(",30/11/2026 14:05,05/10/2026 13:30,"), row);
    const [, loanRow] = (await get(app, "/records/laptop-loans.csv")).text.split("\r\n");
    assert.ok(loanRow?.includes(",30/11/2026,"), loanRow);
    assert.ok(!/\d{4}-\d\d-\d\d/.test(`${row ?? ""}${loanRow ?? ""}`), "no ISO dates left");
  });

  it("shows a loan's issue date as the other dates on the page, and no one as having changed a new report's status", async () => {
    await app.services.records.saveReport(report());
    await app.services.records.laptopLoans.save(loan());
    const page = await get(app, "/records");
    assert.match(page.text, /<time datetime="2026-11-30">30 Nov 2026<\/time>/);
    assert.ok(!page.text.includes(">2026-11-30<"), "no ISO date shown");
    // The report was filed as New: its status has not been changed by anybody yet.
    const row = /<tr><td>Lost: Dell[^]*?<\/tr>/.exec(page.text)?.[0] ?? "";
    assert.ok(row.includes('Could personal data be on it: Yes</td><td class="empty">—</td><td class="empty">—</td><td class="empty">—</td>'), row);
  });

  it("keeps a changed status's who and when", async () => {
    await app.services.records.saveReport(report({ status: "Closed", statusChangedAt: "2026-10-06T09:00:00.000Z", statusChangedBy: "Mrs Head" }));
    const page = await get(app, "/records");
    assert.match(page.text, /<time datetime="2026-10-06T09:00:00.000Z">6 Oct 2026, 10:00<\/time><\/td><td>Mrs Head<\/td>/);
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
