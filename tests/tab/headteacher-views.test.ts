// What the headteacher sees through the API: the year at a glance, reports worked from New to Closed,
// the laptop register, CSV exports of filtered views, and one person's subject access export.
import assert from "node:assert/strict";
import type { ApiErrorBody } from "../../tab/api/api-types.js";
import type { GovernorsPack, LoanList, LoanRow, ReportInFull, ReportList, RemindResult, RetentionView, YearAtAGlance } from "../../tab/api/headteacher/headteacher-types.js";
import type { SubjectAccessExport } from "../../records/read-models/subject-access.js";
import { SAM_TEACHER, testPerson } from "../support/tokens.js";
import { acknowledgement, CampaignDouble, HEAD_BY_ID, invitation, loan, staffMembers } from "./support/headteacher-fixtures.js";
import { validReportBody } from "./report-bodies.js";
import { TabApiHarness } from "./tab-api-harness.js";

const DAY = 24 * 3600 * 1000;

describe("headteacher API: what the headteacher sees", () => {
  let api: TabApiHarness;
  let campaign: CampaignDouble;
  let head: string;
  const staff = staffMembers(4);

  beforeEach(async () => {
    campaign = new CampaignDouble(staff);
    api = await TabApiHarness.start({ campaign });
    head = await api.token({ person: HEAD_BY_ID });
  });
  afterEach(async () => {
    await api.close();
  });

  const file = async (person = SAM_TEACHER, kind: Parameters<typeof validReportBody>[0] = "lost-equipment") =>
    (await api.request<{ report: { recordId: string } }>("POST", "/api/reports", await api.token({ person }), validReportBody(kind, api.clock.now()))).body.report
      .recordId;

  it("counts acknowledged, outstanding and not reached per document against the staff list, week by week", async () => {
    const now = api.clock.now();
    const [one, two, three] = staff as [(typeof staff)[0], (typeof staff)[0], (typeof staff)[0]];
    for (const person of [one, two, three]) campaign.sent.push(invitation(person.id, "acceptable-use-policy", new Date(now.getTime() - 10 * DAY)));
    await api.records.saveAcknowledgement(acknowledgement(one, "acceptable-use-policy", new Date(now.getTime() - 9 * DAY)));
    await api.records.saveAcknowledgement(acknowledgement(two, "acceptable-use-policy", new Date(now.getTime() - DAY)));
    await api.records.saveAcknowledgement(acknowledgement(one, "social-media-guidance", new Date(now.getTime() - DAY)));
    // An old version and someone not on the staff list do not count.
    await api.records.saveAcknowledgement(acknowledgement(three, "acceptable-use-policy", new Date(now.getTime() - DAY), "2025.1"));
    await api.records.saveAcknowledgement(acknowledgement(testPerson(99), "acceptable-use-policy", new Date(now.getTime() - DAY)));

    const glance = await api.request<YearAtAGlance>("GET", "/api/headteacher/glance", head);
    assert.equal(glance.status, 200);
    assert.equal(glance.body.staffCount, 4);
    const aup = glance.body.documents.find((doc) => doc.policyId === "acceptable-use-policy");
    assert.deepEqual([aup?.acknowledged, aup?.outstanding, aup?.notReached], [2, 1, 1]);
    const social = glance.body.documents.find((doc) => doc.policyId === "social-media-guidance");
    assert.deepEqual([social?.acknowledged, social?.outstanding, social?.notReached], [1, 0, 3]);
    assert.ok(glance.body.weeks.length >= 2, "the campaign began over a week ago");
    assert.deepEqual(glance.body.weeks.at(-1)?.acknowledgedByEnd, [2, 1]);
    assert.equal(glance.body.weeks[0]?.acknowledgedByEnd[0], 1, "one had confirmed by the end of the first week");
    const names = glance.body.outstanding.map((person) => person.displayName);
    assert.deepEqual(names, ["Staff Member 2", "Staff Member 3", "Staff Member 4"]);

    const csv = await api.request<string>("GET", "/api/headteacher/outstanding.csv", head);
    assert.match(csv.headers.get("content-type") ?? "", /^text\/csv; charset=utf-8/);
    assert.match(csv.body, /Staff Member 3,Staff IT Acceptable Use Policy,"Sent, not yet confirmed","\d{1,2} \w{3,4} \d{4}, \d\d:\d\d"/);
    assert.match(csv.body, /Staff Member 4,Staff IT Acceptable Use Policy,Not reached,\r\n/);
  });

  it("reminds everyone through a campaign pass, or one person on the staff list", async () => {
    const all = await api.request<RemindResult>("POST", "/api/headteacher/remind", head, {});
    assert.equal(all.status, 202, "accepted: the pass goes on after the answer");
    assert.match(all.body.message, /^Reminding 2 staff who have not acknowledged: 2 invitations and 1 reminder for 2026\/27\./);
    assert.deepEqual(all.body.queued, { cards: 3, people: 2 });
    assert.deepEqual(campaign.remindAllBy, [HEAD_BY_ID.id], "the summary card goes to whoever pressed");
    const one = await api.request<RemindResult>("POST", "/api/headteacher/remind", head, { personId: staff[1]?.id });
    assert.equal(one.body.message, "2 cards sent in their chat with the bot.");
    assert.deepEqual(campaign.reminded, [staff[1]?.id]);
    const stranger = await api.request<ApiErrorBody>("POST", "/api/headteacher/remind", head, { personId: testPerson(99).id });
    assert.equal(stranger.status, 400);
    assert.deepEqual(campaign.reminded, [staff[1]?.id]);
  });

  it("works a report from New to Closed with notes, keeping each change, and shows the ICO clock and time to close", async () => {
    const recordId = await file(SAM_TEACHER, "lost-equipment");
    const full = await api.request<ReportInFull>("GET", `/api/headteacher/reports/${recordId}`, head);
    assert.equal(full.body.status, "New");
    assert.ok(full.body.answers.some(([question, answer]) => /personal data/i.test(question) && answer === "Yes"));
    // Occurred two hours before filing: 70 hours left of the 72.
    assert.equal(full.body.ico?.hoursLeft, 70);

    api.clock.advanceSeconds(3600);
    const review = await api.request<ReportInFull>("POST", `/api/headteacher/reports/${recordId}/status`, head, { status: "In review", note: "Phoned the police" });
    assert.equal(review.body.status, "In review");
    api.clock.advanceSeconds(5 * 3600);
    head = await api.token({ person: HEAD_BY_ID });
    const closed = await api.request<ReportInFull>("POST", `/api/headteacher/reports/${recordId}/status`, head, { status: "Closed", note: "Laptop was encrypted: not reportable" });
    assert.equal(closed.status, 200);
    assert.deepEqual(
      closed.body.history.map((entry) => [entry.status, entry.by, entry.note]),
      [
        ["In review", "Mrs Okafor", "Phoned the police"],
        ["Closed", "Mrs Okafor", "Laptop was encrypted: not reportable"],
      ],
    );
    assert.equal(closed.body.hoursToClose, 6);
    const stored = await api.records.getReport(recordId);
    assert.equal(stored.status, "Closed");
    assert.equal(stored.statusHistory?.length, 2);

    const bad = await api.request<ApiErrorBody>("POST", `/api/headteacher/reports/${recordId}/status`, head, { status: "Done" });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.details?.[0] ?? "", /New, In review, Closed/);
    assert.equal((await api.request("POST", "/api/headteacher/reports/rep-nope/status", head, { status: "Closed" })).status, 404);
  });

  it("filters reports by kind, status, urgency and date, as JSON and as the same CSV", async () => {
    const lost = await file(SAM_TEACHER, "lost-equipment");
    await file(testPerson(2), "compromised-account");
    await file(testPerson(3), "unauthorised-information");
    // Information seen with personal data in it is urgent (a possible breach); a concern about postings is not.
    await file(testPerson(4), "discriminatory-postings");
    await api.request("POST", `/api/headteacher/reports/${lost}/status`, head, { status: "Closed" });
    const list = async (query: string) => (await api.request<ReportList>("GET", `/api/headteacher/reports${query}`, head)).body.reports.map((r) => r.kind);
    assert.equal((await list("")).length, 4);
    assert.deepEqual(await list("?kind=compromised-account"), ["compromised-account"]);
    assert.deepEqual(await list("?status=Closed"), ["lost-equipment"]);
    assert.deepEqual((await list("?urgent=yes")).sort(), ["compromised-account", "lost-equipment", "unauthorised-information"]);
    assert.deepEqual(await list("?urgent=no"), ["discriminatory-postings"]);
    const today = api.clock.now().toISOString().slice(0, 10);
    assert.equal((await list(`?from=2000-01-01&to=2000-12-31`)).length, 0);
    assert.ok((await list(`?from=${today}`)).length >= 1);
    const bad = await api.request<ApiErrorBody>("GET", "/api/headteacher/reports?kind=nonsense&from=yesterday", head);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.details?.length, 2);

    const csv = await api.request<string>("GET", "/api/headteacher/reports.csv?status=Closed", head);
    const lines = csv.body.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    assert.equal(lines.length, 2, "header and the one closed report");
    assert.match(lines[0] ?? "", /^Reference,Kind,Summary,Reported by,Reported,/);
    const { reference } = await api.records.getReport(lost);
    assert.match(lines[1] ?? "", new RegExp(`^${reference},"Loss, damage or theft of school equipment",Stolen: Dell Latitude 5440 laptop`));
    assert.match(csv.headers.get("content-disposition") ?? "", /attachment; filename="reports.csv"/);
  });

  it("lists the whole loan register with filters and records a return", async () => {
    for (let n = 1; n <= 15; n++) await api.records.laptopLoans.save(loan(n, testPerson(n), n === 15 ? { status: "Awaiting confirmation", confirmedAt: "" } : {}));
    const all = await api.request<LoanList>("GET", "/api/headteacher/laptops", head);
    assert.equal(all.body.loans.length, 15, "every loan, not the card's twelve");
    const waiting = await api.request<LoanList>("GET", "/api/headteacher/laptops?status=Awaiting%20confirmation", head);
    assert.deepEqual(waiting.body.loans.map((l) => l.serialNumber), ["SN-15"]);
    const search = await api.request<LoanList>("GET", "/api/headteacher/laptops?q=staff%20member%201", head);
    assert.equal(search.body.loans.length, 7, "Staff Member 1 and 10-15");

    const target = all.body.loans.find((l) => l.serialNumber === "SN-3") as LoanRow;
    const returned = await api.request<LoanRow>("POST", `/api/headteacher/laptops/${target.recordId}/return`, head, {
      condition: "Damaged",
      assetTagAttached: false,
      note: "Cracked screen",
    });
    assert.equal(returned.body.status, "Returned");
    assert.equal((await api.records.laptopLoans.get(target.recordId)).returned?.returnedTo.displayName, "Mrs Okafor");
    const csv = await api.request<string>("GET", "/api/headteacher/laptops.csv?status=Returned", head);
    assert.match(csv.body, /Staff Member 3,Dell Latitude 5440,SN-3,CC-3,2 Sept 2026,Mr Tech,Returned,.*,Damaged,Cracked screen\r\n$/);
    const bad = await api.request<ApiErrorBody>("POST", `/api/headteacher/laptops/${target.recordId}/return`, head, { condition: "Fine" });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.details?.length, 2);
  });

  it("shows each retention period with its reason, and what goes next without naming anyone", async () => {
    const recordId = await file(SAM_TEACHER, "compromised-account");
    await file(testPerson(2), "lost-equipment");
    await api.request("POST", `/api/headteacher/reports/${recordId}/status`, head, { status: "Closed" });
    const view = await api.request<RetentionView>("GET", "/api/headteacher/retention", head);
    assert.equal(view.status, 200);
    assert.deepEqual(view.body.periods.map((p) => [p.label, p.months]), [["Acknowledgements", 72], ["Incident reports", 72], ["Laptop loans", 72], ["Monitoring records", 72]]);
    assert.match(view.body.periods[1]?.reason ?? "", /Open reports are never deleted/);
    assert.equal(view.body.scheduled, 1, "only the closed report has a date");
    const closedOn = new Date(api.clock.now());
    closedOn.setUTCMonth(closedOn.getUTCMonth() + 72);
    assert.deepEqual(view.body.next, [{ label: "Incident reports", what: "compromised-account report", expiresAt: closedOn.toISOString() }]);
  });

  it("gathers the governors' figures: share and by when, reports by kind and month, time to close, open items, no names", async () => {
    const now = api.clock.now();
    const [one, two] = staff as [(typeof staff)[0], (typeof staff)[0]];
    await api.records.saveAcknowledgement(acknowledgement(one, "acceptable-use-policy", new Date(now.getTime() - 3 * DAY)));
    await api.records.saveAcknowledgement(acknowledgement(two, "acceptable-use-policy", new Date(now.getTime() - DAY)));
    const site = await file(SAM_TEACHER, "inappropriate-material");
    await file(SAM_TEACHER, "lost-equipment");
    api.clock.advanceSeconds(3 * 3600);
    head = await api.token({ person: HEAD_BY_ID });
    await api.request("POST", `/api/headteacher/reports/${site}/status`, head, { status: "Closed", note: "Filtering provider re-categorised it" });
    await api.records.laptopLoans.save(loan(1, testPerson(1), { status: "Awaiting confirmation", confirmedAt: "" }));
    await api.records.laptopLoans.save(loan(2, testPerson(2)));

    const pack = await api.request<GovernorsPack>("GET", "/api/headteacher/governors", head);
    assert.equal(pack.status, 200);
    const aup = pack.body.documents.find((doc) => doc.title === "Staff IT Acceptable Use Policy");
    assert.equal(aup?.acknowledged, 2);
    assert.equal(aup?.staffCount, 4);
    assert.equal(aup?.reached.find((r) => r.percent === 50)?.at, new Date(now.getTime() - DAY).toISOString(), "half the staff by the second acknowledgement");
    assert.equal(aup?.reached.find((r) => r.percent === 100)?.at, undefined);
    assert.equal(pack.body.reportCount, 2);
    assert.equal(pack.body.reportsByKind["inappropriate-material"], 1);
    assert.equal(pack.body.reportsByMonth.at(-1)?.total, 2);
    assert.equal(pack.body.reportsByMonth[0]?.month.slice(5), "09", "the year starts in September");
    assert.equal(pack.body.medianHoursToClose, 3);
    assert.deepEqual(pack.body.recategorisation.map((r) => [r.recordId, r.where, r.status]), [[site, "http://games.example/flash", "Closed"]]);
    assert.deepEqual(pack.body.openReports, { New: 1, "In review": 0 });
    assert.deepEqual(pack.body.laptops, { out: 2, awaitingConfirmation: 1, returnedThisYear: 0 });
    const text = JSON.stringify(pack.body);
    assert.ok(!text.includes("Sam Teacher") && !text.includes("Staff Member"), "no one is named");
  });

  it("exports everything about one person for a subject access request, and nothing about anyone else", async () => {
    const other = testPerson(2);
    const now = api.clock.now();
    await api.records.saveAcknowledgement(acknowledgement(SAM_TEACHER, "acceptable-use-policy", now));
    await api.records.saveAcknowledgement(acknowledgement(other, "acceptable-use-policy", now));
    const mine = await file(SAM_TEACHER, "compromised-account");
    await file(other, "lost-equipment");
    await api.records.laptopLoans.save(loan(1, SAM_TEACHER));
    await api.records.laptopLoans.save(loan(2, other));
    campaign.sent.push(invitation(SAM_TEACHER.id, "acceptable-use-policy", now), invitation(other.id, "acceptable-use-policy", now));

    const response = await api.request<SubjectAccessExport>("GET", `/api/headteacher/subject-access/${SAM_TEACHER.id}`, head);
    assert.equal(response.status, 200);
    const found = response.body;
    assert.equal(found.person.displayName, "Sam Teacher");
    assert.equal(found.preparedBy, "Mrs Okafor");
    assert.equal(found.acknowledgements.length, 1);
    assert.deepEqual(found.reportsFiled.map((r) => r.recordId), [mine]);
    assert.deepEqual(found.laptopLoans.map((l) => l.serialNumber), ["SN-1"]);
    assert.equal(found.campaignMessages.length, 1);
    const text = JSON.stringify(found);
    assert.ok(!text.includes(other.id) && !text.includes(other.displayName) && !text.includes("SN-2"), "nothing about the other person");

    const download = await api.request("GET", `/api/headteacher/subject-access/${SAM_TEACHER.id}?download=1`, head);
    assert.match(download.headers.get("content-disposition") ?? "", /attachment; filename="subject-access-0c0ffee0-0000-4000-8000-000000000001.json"/);
    assert.equal((await api.request("GET", "/api/headteacher/subject-access/not-an-id", head)).status, 400);
  });
});
