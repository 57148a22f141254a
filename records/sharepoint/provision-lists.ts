// Creates or updates the lists on the site, idempotently: a second run changes nothing.
import { UnavailableError } from "../errors.js";
import { describeResponse, type GraphApi } from "../graph/graph-client.js";
import { ALL_LISTS, columnDefinition, type ColumnSchema, type ListSchema } from "./list-schemas.js";
import { findListId } from "./sharepoint-lists.js";

export interface ProvisioningChange {
  readonly list: string;
  readonly change: "created list" | "added column" | "indexed column";
  readonly column?: string;
}

interface ExistingColumn {
  id: string;
  name: string;
  indexed?: boolean;
  enforceUniqueValues?: boolean;
}

export async function provisionLists(graph: GraphApi, siteId: string, lists: readonly ListSchema[] = ALL_LISTS): Promise<ProvisioningChange[]> {
  const changes: ProvisioningChange[] = [];
  for (const list of lists) {
    const listId = await findListId(graph, siteId, list);
    if (listId) changes.push(...(await updateColumns(graph, siteId, listId, list)));
    else changes.push(await createList(graph, siteId, list));
  }
  return changes;
}

async function createList(graph: GraphApi, siteId: string, list: ListSchema): Promise<ProvisioningChange> {
  await expectCreated(graph, `/sites/${siteId}/lists`, {
    displayName: list.displayName,
    description: list.description,
    columns: list.columns.map(columnDefinition),
    list: { template: "genericList" },
  }, `create the list "${list.displayName}"`);
  return { list: list.displayName, change: "created list" };
}

/** Adds columns a later version introduced, and indexes columns that a filter now uses. Never removes any. */
async function updateColumns(graph: GraphApi, siteId: string, listId: string, list: ListSchema): Promise<ProvisioningChange[]> {
  const columnsPath = `/sites/${siteId}/lists/${listId}/columns`;
  const existing = new Map((await graph.getAll<ExistingColumn>(columnsPath)).map((column) => [column.name, column]));
  const changes: ProvisioningChange[] = [];
  for (const column of list.columns) {
    const found = existing.get(column.name);
    if (!found) {
      await expectCreated(graph, columnsPath, columnDefinition(column), `add column ${column.name} to "${list.displayName}"`);
      changes.push({ list: list.displayName, change: "added column", column: column.name });
    } else if (needsIndexing(found, column)) {
      const response = await graph.call({
        method: "PATCH",
        path: `${columnsPath}/${found.id}`,
        body: { indexed: true, enforceUniqueValues: column.unique },
      });
      if (response.status !== 200) throw graph.refusal({ method: "PATCH", path: `${columnsPath}/${found.id}` }, response, `index column ${column.name} of "${list.displayName}" (this needs the "manage" role on the site)`);
      changes.push({ list: list.displayName, change: "indexed column", column: column.name });
    }
  }
  return changes;
}

function needsIndexing(found: ExistingColumn, wanted: ColumnSchema): boolean {
  return (wanted.indexed && found.indexed !== true) || (wanted.unique && found.enforceUniqueValues !== true);
}

async function expectCreated(graph: GraphApi, path: string, body: unknown, purpose: string): Promise<void> {
  const response = await graph.call({ method: "POST", path, body });
  if (response.status === 201) return;
  const admin = graph.adminRefusal(response, `${purpose} (this needs the "manage" role on the site)`);
  throw admin ?? new UnavailableError(`Provisioning failed at POST ${path}: ${describeResponse(response)}`);
}
