// The SharePoint lists part of the Graph stand-in: lists, columns and items, as Graph's docs describe them.
import { randomUUID } from "node:crypto";

export interface StandInResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface StandInColumn {
  id: string;
  name: string;
  displayName: string;
  indexed: boolean;
  enforceUniqueValues: boolean;
  readOnly?: boolean;
  [facet: string]: unknown;
}

export interface StandInItem {
  id: string;
  version: number;
  guid: string;
  createdDateTime: string;
  fields: Record<string, unknown>;
}

export interface StandInList {
  id: string;
  name: string;
  displayName: string;
  description: string;
  template: string;
  columns: StandInColumn[];
  items: StandInItem[];
  nextItemId: number;
}

const NON_INDEXED_HINT =
  "Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.";

export const graphError = (status: number, code: string, message: string): StandInResponse => ({
  status,
  body: { error: { code, message, innerError: { date: new Date().toISOString(), "request-id": randomUUID() } } },
});

export function eTagOf(item: StandInItem): string {
  return `"${item.guid},${item.version}"`;
}

/** Lists of one site. Columns a genericList always has are added on creation, as SharePoint does. */
export class ListStore {
  readonly lists: StandInList[] = [];

  constructor(readonly siteId: string) {}

  createList(body: { displayName?: string; description?: string; columns?: Record<string, unknown>[]; list?: { template?: string } }): StandInResponse {
    if (!body.displayName) return graphError(400, "invalidRequest", "displayName is required.");
    if (this.lists.some((list) => list.displayName.toLowerCase() === body.displayName?.toLowerCase())) {
      return graphError(409, "nameAlreadyExists", "A list, survey, discussion board, or document library with the specified title already exists in this Web site.");
    }
    const list: StandInList = {
      id: randomUUID(),
      name: body.displayName.replace(/[^A-Za-z0-9]/g, ""),
      displayName: body.displayName,
      description: body.description ?? "",
      template: body.list?.template ?? "genericList",
      columns: [
        { id: randomUUID(), name: "Title", displayName: "Title", indexed: false, enforceUniqueValues: false, text: {} },
        { id: randomUUID(), name: "Created", displayName: "Created", indexed: false, enforceUniqueValues: false, readOnly: true, dateTime: {} },
        { id: randomUUID(), name: "Modified", displayName: "Modified", indexed: false, enforceUniqueValues: false, readOnly: true, dateTime: {} },
      ],
      items: [],
      nextItemId: 1,
    };
    for (const definition of body.columns ?? []) {
      const added = this.addColumnTo(list, definition);
      if (added.status !== 201) return added;
    }
    this.lists.push(list);
    return { status: 201, body: this.listJson(list) };
  }

  listJson(list: StandInList): Record<string, unknown> {
    return { id: list.id, name: list.name, displayName: list.displayName, description: list.description, list: { template: list.template } };
  }

  /** The headteacher renames a list in SharePoint: its title changes, its id and URL name do not. */
  rename(displayName: string, newDisplayName: string): void {
    const list = this.lists.find((candidate) => candidate.displayName === displayName);
    if (!list) throw new Error(`No list "${displayName}" to rename.`);
    list.displayName = newDisplayName;
  }

  find(listId: string): StandInList | undefined {
    return this.lists.find((list) => list.id === listId || list.displayName === listId);
  }

  addColumnTo(list: StandInList, definition: Record<string, unknown>): StandInResponse {
    const name = typeof definition.name === "string" ? definition.name : "";
    if (!name) return graphError(400, "invalidRequest", "A column needs a name.");
    if (list.columns.some((column) => column.name === name)) {
      return graphError(409, "nameAlreadyExists", `A duplicate field name "${name}" was found.`);
    }
    const column: StandInColumn = { ...definition, id: randomUUID(), name, displayName: typeof definition.displayName === "string" ? definition.displayName : name, indexed: definition.indexed === true, enforceUniqueValues: definition.enforceUniqueValues === true };
    const invalid = invalidIndexing(column);
    if (invalid) return invalid;
    list.columns.push(column);
    return { status: 201, body: column };
  }

  updateColumn(list: StandInList, columnId: string, patch: Record<string, unknown>): StandInResponse {
    const column = list.columns.find((candidate) => candidate.id === columnId);
    if (!column) return graphError(404, "itemNotFound", "The column does not exist.");
    const updated = { ...column, ...patch, id: column.id, name: column.name };
    const invalid = invalidIndexing(updated);
    if (invalid) return invalid;
    Object.assign(column, updated);
    return { status: 200, body: column };
  }

  createItem(list: StandInList, fields: Record<string, unknown> | undefined): StandInResponse {
    if (!fields) return graphError(400, "invalidRequest", "Provide the item's fields.");
    const result = this.checkFields(list, fields);
    if ("error" in result) return result.error;
    const checked = result.fields;
    const duplicate = list.columns.find(
      (column) => column.enforceUniqueValues && checked[column.name] !== undefined && list.items.some((item) => item.fields[column.name] === checked[column.name]),
    );
    if (duplicate) {
      return graphError(409, "conflict", `The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [${duplicate.name}].`);
    }
    const now = secondsIso(new Date());
    const item: StandInItem = { id: String(list.nextItemId++), version: 1, guid: randomUUID(), createdDateTime: now, fields: { ...checked, Created: now, Modified: now } };
    item.fields.id = item.id;
    list.items.push(item);
    return { status: 201, body: this.itemJson(item) };
  }

  itemJson(item: StandInItem): Record<string, unknown> {
    return { "@odata.etag": eTagOf(item), id: item.id, eTag: eTagOf(item), createdDateTime: item.createdDateTime, fields: { "@odata.etag": eTagOf(item), ...item.fields } };
  }

  patchFields(list: StandInList, itemId: string, ifMatch: string | undefined, fields: Record<string, unknown>): StandInResponse {
    const item = list.items.find((candidate) => candidate.id === itemId);
    if (!item) return graphError(404, "itemNotFound", "The specified list item was not found.");
    if (ifMatch && ifMatch !== "*" && ifMatch !== eTagOf(item)) {
      return graphError(412, "preconditionFailed", "The request ETag value does not match the object's ETag value.");
    }
    const result = this.checkFields(list, fields);
    if ("error" in result) return result.error;
    const checked = result.fields;
    Object.assign(item.fields, checked, { Modified: secondsIso(new Date()) });
    item.version++;
    return { status: 200, headers: { ETag: eTagOf(item) }, body: { "@odata.etag": eTagOf(item), ...item.fields } };
  }

  /** GET items with $filter (eq, and), $top and a $skiptoken in @odata.nextLink. */
  queryItems(list: StandInList, query: URLSearchParams, honourNonIndexed: boolean, selfUrl: URL): StandInResponse {
    const filter = query.get("$filter");
    const clauses: { name: string; value: string }[] = [];
    if (filter) {
      for (const clause of filter.split(/\s+and\s+/i)) {
        const match = /^fields\/(\w+)\s+eq\s+'((?:[^']|'')*)'$/.exec(clause.trim());
        if (!match) return graphError(400, "invalidRequest", `Invalid filter clause: ${clause}`);
        const [, name = "", raw = ""] = match;
        const column = list.columns.find((candidate) => candidate.name === name);
        if (!column) return graphError(400, "invalidRequest", `Field '${name}' is not recognized`);
        if (!column.indexed && !honourNonIndexed) {
          return graphError(400, "invalidRequest", `Field '${name}' cannot be referenced in filter or orderby as it is not indexed. ${NON_INDEXED_HINT}`);
        }
        clauses.push({ name, value: raw.replace(/''/g, "'") });
      }
    }
    const matching = list.items.filter((item) => clauses.every((clause) => scalarText(item.fields[clause.name]) === clause.value));
    const top = Math.min(Number(query.get("$top") ?? 200) || 200, 5000);
    const skip = Number(query.get("$skiptoken")?.replace("Paged=TRUE&p_ID=", "") ?? 0);
    const page = matching.filter((item) => Number(item.id) > skip).slice(0, top);
    const body: Record<string, unknown> = { value: page.map((item) => this.itemJson(item)) };
    const last = page[page.length - 1];
    if (last && matching.some((item) => Number(item.id) > Number(last.id))) {
      const next = new URL(selfUrl);
      next.searchParams.set("$skiptoken", `Paged=TRUE&p_ID=${last.id}`);
      body["@odata.nextLink"] = next.toString();
    }
    return { status: 200, body };
  }

  /** Unknown columns are refused; dateTime values are kept to the second, as SharePoint does. */
  private checkFields(list: StandInList, fields: Record<string, unknown>): { fields: Record<string, unknown> } | { error: StandInResponse } {
    const checked: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) {
      const column = list.columns.find((candidate) => candidate.name === name);
      if (!column || column.readOnly) return { error: graphError(400, "invalidRequest", `Field '${name}' is not recognized`) };
      if (column.dateTime && typeof value === "string") {
        if (Number.isNaN(Date.parse(value))) return { error: graphError(400, "invalidRequest", `Field '${name}' is not a valid date: ${value}`) };
        checked[name] = secondsIso(new Date(value));
      } else if (column.choice && !(column.choice as { choices: string[] }).choices.includes(String(value))) {
        return { error: graphError(400, "invalidRequest", `The value '${String(value)}' is not one of the choices of field '${name}'.`) };
      } else if (column.text && !(column.text as { allowMultipleLines?: boolean }).allowMultipleLines && String(value).length > 255) {
        return { error: graphError(400, "invalidRequest", `Field '${name}' is longer than 255 characters.`) };
      } else {
        checked[name] = value;
      }
    }
    return { fields: checked };
  }
}

function invalidIndexing(column: StandInColumn): StandInResponse | undefined {
  if (column.enforceUniqueValues && !column.indexed) {
    return graphError(400, "invalidRequest", `Column '${column.name}': enforceUniqueValues requires the column to be indexed.`);
  }
  if (column.indexed && (column.text as { allowMultipleLines?: boolean } | undefined)?.allowMultipleLines) {
    return graphError(400, "invalidRequest", `Column '${column.name}': multiple lines of text cannot be indexed.`);
  }
  return undefined;
}

function scalarText(value: unknown): string {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : "";
}

function secondsIso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
