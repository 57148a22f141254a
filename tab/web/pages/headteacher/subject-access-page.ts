// Subject access: everything the app holds about one person, readable here and as a JSON download.
import type { SubjectAccessExport } from "../../../../records/read-models/subject-access.js";
import { reportKind } from "../../../../records/report-kinds.js";
import { formatUkTime } from "../../../../records/uk-time.js";
import { el, pageHeading } from "../../dom.js";
import type { HeadteacherApi } from "./headteacher-api.js";
import { action, button, dataTable, selectField, statusLine } from "./page-kit.js";

type Show = (...content: HTMLElement[]) => void;

export async function subjectAccessPage(api: HeadteacherApi, show: Show, chosen = ""): Promise<HTMLElement[]> {
  const { people } = await api.people();
  const status = statusLine();
  const person = selectField("ht-person", "Member of staff", [["", "Choose…"], ...people.map((p) => [p.id, p.displayName] as const)], chosen);
  const find = button("Show what we hold");
  action(find, status, async () => {
    if (!person.input.value) return status.say("Choose a member of staff first.", true);
    show(...(await subjectAccessPage(api, show, person.input.value)));
  });
  const intro = [
    pageHeading("Subject access"),
    el("p", {}, "Everything this app holds about one person, to answer a UK GDPR subject access request within its month. Check the reports for information about other people before you send them."),
    el("form", { class: "ht-filters", "aria-label": "Choose a person" }, person.field, find),
    status.element,
  ];
  if (!chosen) return intro;
  const [found, monitoring] = await Promise.all([api.subjectAccess(chosen), api.monitoring({ personId: chosen, state: "Open" })]);
  // For the headteacher's eyes, never in the export: monitoring still in progress is withheld (README).
  const withheld = monitoring.records.length
    ? [el("p", { class: "ht-status ht-problem" }, `Withheld from this export: ${monitoring.records.length} monitoring record${monitoring.records.length === 1 ? "" : "s"} still open (Email monitoring). Disclosing monitoring in progress would prejudice it; it is included once closed and the notice given.`)]
    : [];
  const download = button("Download as JSON");
  action(download, status, () => api.download(`/api/headteacher/subject-access/${encodeURIComponent(chosen)}`, { download: "1" }));
  return [...intro, ...withheld, el("section", { class: "ht-found", "aria-label": `What we hold about ${found.person.displayName}` }, ...foundSections(found), download)];
}

function foundSections(found: SubjectAccessExport): HTMLElement[] {
  const section = (title: string, count: number, content: () => HTMLElement) => [
    el("h3", {}, `${title} (${count})`),
    count ? content() : el("p", {}, "None."),
  ];
  return [
    el("h3", { class: "ht-subject" }, `${found.person.displayName}${found.person.upn ? ` (${found.person.upn})` : ""}`),
    el("p", {}, `Prepared ${formatUkTime(found.preparedAt)} by ${found.preparedBy}.`),
    ...section("Acknowledgements", found.acknowledgements.length, () =>
      dataTable("Acknowledgements", "Each document confirmed, newest first.", ["Document", "Version", "Academic year", "Confirmed", "Where"], found.acknowledgements.map((a) => [a.policyId, a.policyVersion, a.cycle, formatUkTime(a.acknowledgedAt), a.channel])),
    ),
    ...section("Reports they filed", found.reportsFiled.length, () =>
      dataTable("Reports they filed", "Newest first.", ["Reference", "Kind", "Summary", "Filed", "Status"], found.reportsFiled.map((r) => [r.recordId, reportKind(r.kind).title, r.summary, formatUkTime(r.reportedAt), r.status])),
    ),
    ...section("Laptop loans", found.laptopLoans.length, () =>
      dataTable("Laptop loans", "Newest first.", ["Laptop", "Issued", "Status"], found.laptopLoans.map((l) => [`${l.model} (SN ${l.serialNumber})`, formatUkTime(l.issuedOn, true), l.status])),
    ),
    ...section("Campaign messages sent", found.campaignMessages.length, () =>
      dataTable("Campaign messages sent", "Oldest first.", ["Document", "Version", "Message", "Sent"], found.campaignMessages.map((m) => [m.policyId, m.policyVersion, m.step, formatUkTime(m.at)])),
    ),
    ...section("Monitoring of their email (ended)", found.emailMonitoring.length, () =>
      dataTable("Monitoring of their email", "Newest first.", ["Period", "Reason", "Asked in writing of", "Outcome"], found.emailMonitoring.map((m) => [`${formatUkTime(`${m.from}T12:00:00Z`, true)} to ${formatUkTime(`${m.to}T12:00:00Z`, true)}`, m.reason, `${m.requestedOf}, ${formatUkTime(`${m.requestedOn}T12:00:00Z`, true)}`, m.closed?.outcome ?? ""])),
    ),
  ];
}
