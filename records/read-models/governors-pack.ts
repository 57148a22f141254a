// The governors' annual evidence that the policy is followed: acknowledgement share per document and by
// when, reports by kind and month, median time to close, filtering re-categorisation requests, open
// items and laptops out. Counts and dates only: no member of staff is named.
import { academicYearOf } from "../cycle.js";
import type { LaptopLoan } from "../laptop-loan.js";
import { REPORT_KINDS, type Acknowledgement, type IncidentReport, type ReportKind } from "../types.js";
import { hoursToClose, median } from "./report-register.js";
import type { DocumentRef, StaffEntry } from "./year-at-a-glance.js";

export interface DocumentShare {
  readonly title: string;
  readonly version: string;
  readonly acknowledged: number;
  readonly staffCount: number;
  /** When half, nine in ten, and all of the staff had acknowledged; absent until reached. */
  readonly reached: ReadonlyArray<{ readonly percent: 50 | 90 | 100; readonly at?: string }>;
}

export interface MonthCount {
  /** YYYY-MM */
  readonly month: string;
  readonly byKind: Readonly<Record<ReportKind, number>>;
  readonly total: number;
}

export interface GovernorsPack {
  readonly cycle: string;
  readonly preparedAt: string;
  readonly staffCount: number;
  readonly documents: readonly DocumentShare[];
  readonly reportsByMonth: readonly MonthCount[];
  readonly reportsByKind: Readonly<Record<ReportKind, number>>;
  readonly reportCount: number;
  readonly closedCount: number;
  /** Hours, over the reports filed this year and closed. */
  readonly medianHoursToClose?: number;
  readonly recategorisation: ReadonlyArray<{ readonly recordId: string; readonly reportedAt: string; readonly where: string; readonly status: string }>;
  readonly openReports: Readonly<{ New: number; "In review": number }>;
  readonly laptops: Readonly<{ out: number; awaitingConfirmation: number; returnedThisYear: number }>;
}

export interface PackInput {
  readonly now: Date;
  readonly documents: readonly DocumentRef[];
  readonly staff: readonly StaffEntry[];
  readonly acknowledgements: readonly Acknowledgement[];
  readonly reports: readonly IncidentReport[];
  readonly loans: readonly LaptopLoan[];
}

const zeroByKind = (): Record<ReportKind, number> => Object.fromEntries(REPORT_KINDS.map((kind) => [kind, 0])) as Record<ReportKind, number>;
const UK_MONTH = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit" });

export function governorsPack(input: PackInput): GovernorsPack {
  const cycle = academicYearOf(input.now);
  const staffIds = new Set(input.staff.map((person) => person.id.toLowerCase()));
  const documents = input.documents.map((doc): DocumentShare => {
    const firsts = new Map<string, string>();
    for (const ack of input.acknowledgements) {
      const id = ack.person.id.toLowerCase();
      if (ack.policyId !== doc.id || ack.policyVersion !== doc.version || ack.cycle !== cycle || !staffIds.has(id)) continue;
      const earlier = firsts.get(id);
      if (!earlier || ack.acknowledgedAt < earlier) firsts.set(id, ack.acknowledgedAt);
    }
    const times = [...firsts.values()].sort();
    const reached = ([50, 90, 100] as const).map((percent) => {
      const needed = Math.ceil((percent / 100) * input.staff.length);
      const at = needed > 0 && times.length >= needed ? times[needed - 1] : undefined;
      return at ? { percent, at } : { percent };
    });
    return { title: doc.title, version: doc.version, acknowledged: times.length, staffCount: input.staff.length, reached };
  });

  const thisYear = input.reports.filter((report) => academicYearOf(new Date(report.reportedAt)) === cycle);
  const months = academicMonthsTo(cycle, input.now);
  const reportsByMonth = months.map((month): MonthCount => {
    const inMonth = thisYear.filter((report) => UK_MONTH.format(new Date(report.reportedAt)) === month);
    const byKind = zeroByKind();
    for (const report of inMonth) byKind[report.kind]++;
    return { month, byKind, total: inMonth.length };
  });
  const reportsByKind = zeroByKind();
  for (const report of thisYear) reportsByKind[report.kind]++;
  const closeHours = thisYear.flatMap((report) => {
    const hours = hoursToClose(report);
    return hours === undefined ? [] : [hours];
  });
  const medianHours = median(closeHours);
  const returnedThisYear = input.loans.filter((loan) => loan.returned && academicYearOf(new Date(loan.returned.returnedAt)) === cycle).length;
  return {
    cycle,
    preparedAt: input.now.toISOString(),
    staffCount: input.staff.length,
    documents,
    reportsByMonth,
    reportsByKind,
    reportCount: thisYear.length,
    closedCount: closeHours.length,
    ...(medianHours === undefined ? {} : { medianHoursToClose: medianHours }),
    recategorisation: thisYear
      .filter((report) => report.kind === "inappropriate-material" && report.details.recategorise === true)
      .map((report) => ({ recordId: report.recordId, reportedAt: report.reportedAt, where: String(report.details.location ?? ""), status: report.status })),
    openReports: {
      New: input.reports.filter((report) => report.status === "New").length,
      "In review": input.reports.filter((report) => report.status === "In review").length,
    },
    laptops: {
      out: input.loans.filter((loan) => loan.status !== "Returned").length,
      awaitingConfirmation: input.loans.filter((loan) => loan.status === "Awaiting confirmation").length,
      returnedThisYear,
    },
  };
}

/** "2026-09" … the current month, for the academic year "2026/27". */
function academicMonthsTo(cycle: string, now: Date): string[] {
  const start = Number(cycle.slice(0, 4));
  const last = UK_MONTH.format(now);
  const months: string[] = [];
  for (let i = 0; i < 12; i++) {
    const year = start + Math.floor((8 + i) / 12);
    const month = `${year}-${String(((8 + i) % 12) + 1).padStart(2, "0")}`;
    months.push(month);
    if (month === last) break;
  }
  return months;
}
