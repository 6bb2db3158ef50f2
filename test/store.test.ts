import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Claim } from '../src/pipeline/types.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { DocumentInput } from '../src/store/store.js';
import { tempDir } from './helpers.js';

function claim(overrides: Partial<Claim>): Claim {
  return {
    actor: 'russia',
    proposition: 'ceasefire',
    polarity: 'support',
    evidence: 'Moscow said it would back a truce.',
    start: 0,
    end: 34,
    modality: 'accept',
    hedged: false,
    reported: false,
    conditional: false,
    rule: 'accept/ceasefire',
    sentenceIndex: 0,
    ...overrides,
  };
}

function doc(hash: string, overrides: Partial<DocumentInput> = {}): DocumentInput {
  return { contentHash: hash, origin: `${hash}.txt`, cleanText: `text of ${hash}`, outlet: 'Wire A', published: '2025-03-11', ...overrides };
}

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

describe('SqliteStore on a real file', () => {
  it('stores a document with its claims and reads them back with source fields', async () => {
    const { store } = await freshStore();
    const saved = await store.saveDocument(doc('a'), [claim({}), claim({ actor: 'ukraine', polarity: 'oppose' })]);
    expect(saved.created).toBe(true);
    const claims = await store.listClaims();
    expect(claims).toHaveLength(2);
    expect(claims[0]).toMatchObject({ actor: 'russia', outlet: 'Wire A', published: '2025-03-11', origin: 'a.txt', hedged: false });
    expect(await store.listClaims({ actor: 'ukraine' })).toHaveLength(1);
  });

  it('is idempotent by content hash', async () => {
    const { store } = await freshStore();
    await store.saveDocument(doc('a'), [claim({})]);
    const again = await store.saveDocument(doc('a'), [claim({})]);
    expect(again.created).toBe(false);
    expect(await store.counts()).toEqual({ documents: 1, claims: 1 });
  });

  it('aggregates the matrix with distinct documents and outlets', async () => {
    const { store } = await freshStore();
    await store.saveDocument(doc('a'), [claim({}), claim({})]);
    await store.saveDocument(doc('b', { outlet: 'Wire B', published: '2025-04-01' }), [claim({}), claim({ polarity: 'oppose' })]);
    const [cell] = await store.matrix();
    expect(cell).toEqual({ actor: 'russia', proposition: 'ceasefire', support: 3, oppose: 1, supportDocs: 2, opposeDocs: 1, documents: 2, outlets: 2, latest: '2025-04-01' });
    expect(await store.matrix({ since: '2025-04-01' })).toMatchObject([{ support: 1, oppose: 1 }]);
  });

  it('never half-stores a document: a failing claim rolls back the whole document', async () => {
    const { store } = await freshStore();
    const bad = claim({ polarity: 'maybe' as never });
    await expect(store.saveDocument(doc('a'), [claim({}), bad])).rejects.toThrow();
    expect(await store.counts()).toEqual({ documents: 0, claims: 0 });
  });

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
    expect(raw.prepare('select name from kysely_migration').all()).toEqual([{ name: '0001-documents-and-claims' }]);
    raw.close();
  });
});
