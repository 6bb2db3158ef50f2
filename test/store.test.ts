import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { MIGRATIONS } from '../src/store/sqlite/migrations.js';
import { tempDir } from './helpers.js';
import { claim, doc, storeContract } from './store-contract.js';

storeContract('SqliteStore on a real file', () => SqliteStore.open(join(tempDir(), 'parley.db')));

const open: SqliteStore[] = [];
async function freshStore(): Promise<{ store: SqliteStore; path: string }> {
  const path = join(tempDir(), 'parley.db');
  const store = await SqliteStore.open(path);
  open.push(store);
  return { store, path };
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

describe('SqliteStore specifics', () => {
  it('survives reopening and keeps WAL mode and the migration record', async () => {
    const { store, path } = await freshStore();
    await store.saveDocument(doc('a'), [claim({})]);
    await store.close();
    open.pop();
    const reopened = await SqliteStore.open(path);
    open.push(reopened);
    expect(await reopened.counts()).toEqual({ documents: 1, claims: 1 });
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.prepare('select name from kysely_migration order by name').all().map((r) => (r as { name: string }).name)).toEqual(Object.keys(MIGRATIONS).sort());
    raw.close();
  });
});
