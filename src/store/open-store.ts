// One place that turns a database location into a Store, for the CLI, the
// server and the workers: a postgres:// URL opens the PostgreSQL store,
// anything else is a SQLite file (the default).
import { isPostgresUrl, PostgresStore } from './postgres/postgres-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export { defaultDatabase } from './database-url.js';

/** Open the store at `location`: a postgres:// (or postgresql://) URL, or a SQLite file path. */
export async function openStore(location: string): Promise<Store> {
  return isPostgresUrl(location) ? PostgresStore.open(location) : SqliteStore.open(location);
}
