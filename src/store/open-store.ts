// One place that turns a database location into a Store, for the CLI, the
// server and the workers: a postgres:// URL opens the PostgreSQL store,
// anything else is a SQLite file (the default).
import { isPostgresUrl, PostgresStore } from './postgres/postgres-store.js';
import { INGEST_PAGE_CACHE_MB, SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export { defaultDatabase } from './database-url.js';

/** What a process opens its store for: analysis reads (the default) or ingesting, which needs less SQLite page cache. */
export type StoreUse = 'read' | 'ingest';

/** Open the store at `location`: a postgres:// (or postgresql://) URL, or a SQLite file path. */
export async function openStore(location: string, use: StoreUse = 'read'): Promise<Store> {
  if (isPostgresUrl(location)) return PostgresStore.open(location);
  return SqliteStore.open(location, use === 'ingest' ? { pageCacheMb: INGEST_PAGE_CACHE_MB } : {});
}
