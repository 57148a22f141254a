// The SharePoint read side and single-item writes, all through the one GraphApi.
import { UnavailableError } from "../errors.js";
import { describeResponse, type BatchPart, type GraphApi, type GraphResponse } from "../graph/graph-client.js";
import { RECORD_ID_COLUMN, type ListSchema } from "./list-schemas.js";
import type { ItemFields } from "./item-fields.js";

export interface ListItem {
  readonly id: string;
  readonly eTag: string;
  readonly fields: ItemFields;
}

/** Graph returns up to this many items a page; @odata.nextLink brings the rest. */
const PAGE_SIZE = 200;

export type StatusApplyOutcome = "applied" | "superseded" | "missing";

/** The list is not on the site: provisioning has not been run since the version that added it. */
export class MissingListError extends UnavailableError {}

export class SharePointLists {
  private readonly listIds = new Map<string, Promise<string>>();

  /**
   * @param attempts per Graph call before giving up; the background writer uses 1 and reschedules
   *   the write itself, so that it never sits in a long Retry-After when asked to stop.
   */
  constructor(
    private readonly graph: GraphApi,
    private readonly siteId: string,
    private readonly attempts?: number,
  ) {}

  /** The list's Graph id, looked up once by URL name (provisioning creates it) and kept: ids never change. */
  listId(schema: ListSchema): Promise<string> {
    let id = this.listIds.get(schema.name);
    if (!id) {
      id = findListId(this.graph, this.siteId, schema, this.attempts).then((found) => {
        if (found) return found;
        throw new MissingListError(`The SharePoint list "${schema.displayName}" does not exist on site ${this.siteId}: run npm run provision.`);
      });
      id.catch(() => this.listIds.delete(schema.name));
      this.listIds.set(schema.name, id);
    }
    return id;
  }

  /** A create for a $batch; the RecordId column makes a repeat of it fail with 409 rather than duplicate. */
  async createPart(schema: ListSchema, partId: string, fields: ItemFields): Promise<BatchPart> {
    return { id: partId, method: "POST", path: `${await this.itemsPath(schema)}`, body: { fields } };
  }

  /** Items whose columns equal the given values (all indexed columns), every page. */
  async query(schema: ListSchema, equals: Readonly<Record<string, string | undefined>>): Promise<ListItem[]> {
    const filter = Object.entries(equals)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([name, value]) => `fields/${name} eq '${value.replace(/'/g, "''")}'`)
      .join(" and ");
    const query = [`$expand=fields`, `$top=${PAGE_SIZE}`, ...(filter ? [`$filter=${encodeURIComponent(filter)}`] : [])];
    return this.graph.getAll<ListItem>(`${await this.itemsPath(schema)}?${query.join("&")}`, undefined, this.attempts);
  }

  async findByRecordId(schema: ListSchema, recordId: string): Promise<ListItem | undefined> {
    const [item] = await this.query(schema, { [RECORD_ID_COLUMN]: recordId });
    return item;
  }

  /**
   * Sets fields on the item holding `recordId`, guarded by its eTag. When someone changed the item
   * in between (412), it re-reads and re-applies, unless the item now holds a newer change.
   */
  async applyChange(
    schema: ListSchema,
    recordId: string,
    fields: ItemFields,
    isSupersededBy: (current: ItemFields) => boolean,
  ): Promise<StatusApplyOutcome> {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const item = await this.findByRecordId(schema, recordId);
      if (!item) return "missing";
      if (isSupersededBy(item.fields)) return "superseded";
      const response = await this.patchFields(schema, item, fields);
      if (response.status === 200 || response.status === 204) return "applied";
      if (response.status === 404) return "missing";
      if (response.status !== 412) throw new UnavailableError(`SharePoint refused the change to ${recordId}: ${describeResponse(response)}`);
    }
    throw new UnavailableError(`The SharePoint item for ${recordId} kept changing while we updated it; will try again.`);
  }

  /** Deletes the item holding `recordId`; "missing" when it is already gone (deleted before, or by hand). */
  async deleteByRecordId(schema: ListSchema, recordId: string): Promise<"deleted" | "missing"> {
    const item = await this.findByRecordId(schema, recordId);
    if (!item) return "missing";
    const response = await this.graph.call({ method: "DELETE", path: `${await this.itemsPath(schema)}/${item.id}` }, this.attempts);
    if (response.status === 204 || response.status === 200) return "deleted";
    if (response.status === 404) return "missing";
    throw new UnavailableError(`SharePoint refused to delete ${recordId}: ${describeResponse(response)}`);
  }

  private async patchFields(schema: ListSchema, item: ListItem, fields: ItemFields): Promise<GraphResponse> {
    return this.graph.call(
      { method: "PATCH", path: `${await this.itemsPath(schema)}/${item.id}/fields`, headers: { "If-Match": item.eTag }, body: fields },
      this.attempts,
    );
  }

  private async itemsPath(schema: ListSchema): Promise<string> {
    return `/sites/${this.siteId}/lists/${await this.listId(schema)}/items`;
  }
}

interface ListSummary {
  id: string;
  name?: string;
  displayName?: string;
}

/**
 * The list's id, found by its URL name (Graph's `name`), which SharePoint fixes when the list is created and
 * never changes: the headteacher can rename the list (its displayName) and the app still finds it, and
 * provisioning never makes a second one. SharePoint makes the URL name from the title the list was created
 * with ("AUP acknowledgements", spaces kept or dropped), so letters and digits are compared, ignoring case.
 */
export async function findListId(graph: GraphApi, siteId: string, schema: ListSchema, attempts?: number): Promise<string | undefined> {
  const lists = await graph.getAll<ListSummary>(`/sites/${siteId}/lists?$select=id,name,displayName`, undefined, attempts);
  return lists.find((list) => isUrlNameOf(list.name, schema))?.id;
}

export function isUrlNameOf(urlName: string | undefined, schema: ListSchema): boolean {
  const key = (text: string): string => text.replace(/[^A-Za-z0-9]/g, "").toLowerCase();
  return urlName !== undefined && (key(urlName) === key(schema.name) || key(urlName) === key(schema.displayName));
}
