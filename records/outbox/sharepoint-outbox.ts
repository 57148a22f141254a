// Tenant mode's system of record, assembled: outbox table, SharePoint lists, the store and its writer.
import type { GraphApi } from "../graph/graph-client.js";
import { realSleep, type Sleep } from "../graph/resource-unit-pacer.js";
import type { BackoffOptions } from "../graph/retry-policy.js";
import { SharePointLists } from "../sharepoint/sharepoint-lists.js";
import type { SqliteDatabase } from "../sqlite/database.js";
import { SqliteReportReferences } from "../sqlite/report-references.js";
import { systemClock, type Clock } from "../types.js";
import { OutboxRecordStore } from "./outbox-record-store.js";
import { OutboxTable } from "./outbox-table.js";
import { OutboxWriter, type WriterLog } from "./outbox-writer.js";

export interface SharePointOutbox {
  readonly outbox: OutboxTable;
  readonly lists: SharePointLists;
  readonly store: OutboxRecordStore;
  readonly writer: OutboxWriter;
}

export interface SharePointOutboxOptions {
  readonly siteId: string;
  readonly log: WriterLog;
  readonly clock?: Clock;
  readonly sleep?: Sleep;
  readonly backoff?: BackoffOptions;
  readonly idlePollMs?: number;
}

export function openSharePointOutbox(db: SqliteDatabase, graph: GraphApi, options: SharePointOutboxOptions): SharePointOutbox {
  const clock = options.clock ?? systemClock;
  const outbox = new OutboxTable(db);
  const lists = new SharePointLists(graph, options.siteId);
  const store = new OutboxRecordStore(outbox, lists, () => clock.now(), new SqliteReportReferences(db));
  const writer = new OutboxWriter({
    outbox,
    lists: new SharePointLists(graph, options.siteId, 1),
    graph,
    clock,
    sleep: options.sleep ?? realSleep,
    log: options.log,
    backoff: options.backoff,
    idlePollMs: options.idlePollMs,
  });
  return { outbox, lists, store, writer };
}
