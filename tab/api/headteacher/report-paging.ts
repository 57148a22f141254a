// One page of the incident log: `?page=` (from 1) and `?pageSize=` (default 50, at most 200), newest first, with
// how many match. The filters are applied before paging, so the counts and the pages are of the filtered view.
import { ValidationError } from "../../../records/errors.js";
import type { IncidentReport } from "../../../records/types.js";

export const DEFAULT_PAGE_SIZE = 50;
/** About 70 KiB of JSON: a page the tab renders at once, however large the log grows. */
export const MAX_PAGE_SIZE = 200;

export interface PageRequest {
  readonly page: number;
  readonly pageSize: number;
}

export interface Page<T> extends PageRequest {
  readonly items: T[];
  /** How many match the filters, on every page. */
  readonly total: number;
  /** How many pages that makes (at least 1, so "page 1 of 1" when nothing matches). */
  readonly pages: number;
}

/** Reads page and pageSize from the query; a value that is not a whole number in range is refused, never guessed. */
export function pageRequestFrom(query: Readonly<Record<string, unknown>>): PageRequest {
  const problems: string[] = [];
  const whole = (name: string, fallback: number, max: number): number => {
    const raw = query[name];
    if (raw === undefined || raw === "") return fallback;
    const value = typeof raw === "string" && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
    if (value >= 1 && value <= max) return value;
    problems.push(`${name} must be a whole number from 1 to ${max.toLocaleString("en-GB")}.`);
    return fallback;
  };
  const request = { page: whole("page", 1, 1_000_000), pageSize: whole("pageSize", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE) };
  if (problems.length) throw new ValidationError("The page could not be shown.", problems);
  return request;
}

/** Newest report first, then by id, so every page holds the same reports however the store ordered them. */
export function newestReportFirst(a: IncidentReport, b: IncidentReport): number {
  return Date.parse(b.reportedAt) - Date.parse(a.reportedAt) || a.recordId.localeCompare(b.recordId);
}

/** A page past the last is empty (with the counts), so a caller can tell "nothing here" from "nothing at all". */
export function pageOf<T>(items: readonly T[], { page, pageSize }: PageRequest): Page<T> {
  const start = (page - 1) * pageSize;
  return { page, pageSize, items: items.slice(start, start + pageSize), total: items.length, pages: Math.max(1, Math.ceil(items.length / pageSize)) };
}
