// A UK GDPR subject access request: everything the app holds about one person, and nothing about anyone
// else, read through the store's per-person (indexed) queries.
import { academicYearOf } from "../cycle.js";
import type { LaptopLoan } from "../laptop-loan.js";
import type { Acknowledgement, IncidentReport, Person, RecordStore } from "../types.js";
import type { CampaignMessage } from "./year-at-a-glance.js";
import type { MonitoringRecord } from "../monitoring/monitoring-record.js";

export interface SubjectAccessExport {
  readonly person: Person;
  readonly preparedAt: string;
  readonly preparedBy: string;
  readonly acknowledgements: readonly Acknowledgement[];
  readonly reportsFiled: readonly IncidentReport[];
  readonly laptopLoans: readonly LaptopLoan[];
  readonly campaignMessages: readonly CampaignMessage[];
  /**
   * Monitoring of their email that has ended (policy 15.1: they have been given the notice). Monitoring still
   * in progress is withheld (README "Subject access and the monitoring record").
   */
  readonly emailMonitoring: readonly MonitoringRecord[];
}

export interface SubjectAccessSources {
  readonly records: RecordStore;
  /** The campaign's cards in one academic year (all people); filtered to the person here. */
  readonly messages: (cycle: string) => Promise<readonly CampaignMessage[]>;
  /** A name for someone the records do not name (e.g. only on the staff list). */
  readonly nameOf: (personId: string) => Promise<string | undefined>;
  /** The person's monitoring records, open and closed; absent where there is no monitoring store. */
  readonly monitoring?: (personId: string) => Promise<readonly MonitoringRecord[]>;
}

/** Campaign history is looked for this many academic years back, the longest any retention default keeps it. */
const YEARS_BACK = 7;

export async function subjectAccessExport(personId: string, sources: SubjectAccessSources, now: Date, preparedBy: string): Promise<SubjectAccessExport> {
  const id = personId.toLowerCase();
  const same = (other: string) => other.toLowerCase() === id;
  const [acknowledgements, reports, loans, monitoring] = await Promise.all([
    sources.records.listAcknowledgements({ personId }),
    sources.records.listReports({ reporterId: personId }),
    sources.records.laptopLoans.list({ borrowerId: personId }),
    sources.monitoring?.(personId) ?? Promise.resolve([]),
  ]);
  const startYear = Number(academicYearOf(now).slice(0, 4));
  const cycles = Array.from({ length: YEARS_BACK }, (_, back) => `${startYear - back}/${String((startYear - back + 1) % 100).padStart(2, "0")}`);
  const messages = (await Promise.all(cycles.map((cycle) => sources.messages(cycle)))).flat().filter((message) => same(message.personId));
  const named = acknowledgements[0]?.person ?? reports[0]?.reporter ?? loans[0]?.borrower;
  const person: Person = named ?? { id: personId, displayName: (await sources.nameOf(personId)) ?? personId, upn: "" };
  return {
    person,
    preparedAt: now.toISOString(),
    preparedBy,
    // The store's filter is the indexed column; checked again here so a store quirk can never leak someone else's.
    acknowledgements: acknowledgements.filter((ack) => same(ack.person.id)),
    reportsFiled: reports.filter((report) => same(report.reporter.id)),
    laptopLoans: loans.filter((loan) => same(loan.borrower.id)),
    campaignMessages: messages.sort((a, b) => a.at.localeCompare(b.at)),
    emailMonitoring: monitoring.filter((record) => same(record.employee.id) && record.state === "Closed"),
  };
}
