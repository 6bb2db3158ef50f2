import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { generateStore } from '../src/bench/analysis-bench.js';
import { getPack } from '../src/pack/compile.js';
import { rebuildStanceSummary } from '../src/store/sqlite/stance-summary.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fillSignatures, MIGRATIONS } from '../src/store/sqlite/migrations.js';
import { tempDir } from './helpers.js';
import { claim, doc, EDITED_COPY, ORIGINAL_STORY, storeContract } from './store-contract.js';

storeContract('SqliteStore on a real file', () => SqliteStore.open(join(tempDir(), 'parley.db')), (store) => SqliteStore.open((store as SqliteStore).path));

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

describe('upgrades', () => {
  it('gives documents stored before near-duplicate detection their signatures, so new copies still cluster with them', async () => {
    const { store, path } = await freshStore();
    const first = await store.saveDocument(doc('a', { cleanText: ORIGINAL_STORY }), [claim({})]);
    await store.close();
    open.pop();
    const raw = new Database(path);
    raw.exec('delete from document_bands; delete from document_signatures');
    raw.close();
    const older = await SqliteStore.open(path);
    open.push(older);
    expect(await older.findNearDuplicate(EDITED_COPY)).toBeUndefined();
    await fillSignatures(new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(path) }) }));
    expect(await older.findNearDuplicate(EDITED_COPY)).toMatchObject({ clusterId: first.documentId });
  });
});

describe('upgrades to per-cell totals, outlet spans and side days', () => {
  it('fills them from the day summaries of a store made before them', async () => {
    const { store, path } = await freshStore();
    await store.close();
    open.pop();
    await generateStore(path, getPack(), 300);
    const raw = new Database(path);
    for (const table of ['stance_cells', 'cell_confidence_cells', 'cell_outlet_spans', 'cell_side_days']) {
      // Their triggers sit on the day tables, so dropping the table leaves them.
      const triggers = raw.prepare(`select name from sqlite_master where type = 'trigger' and name like ?`).all(`${table}_%`) as { name: string }[];
      for (const { name } of triggers) raw.exec(`drop trigger ${name}`);
      raw.exec(`drop table ${table}`);
    }
    raw.exec(`delete from kysely_migration where name in ('0009-pg4-cell-totals', '0010-pg4-cell-outlet-spans', '0011-pg4-cell-side-days')`);
    raw.close();
    const upgraded = await SqliteStore.open(path);
    open.push(upgraded);
    for (const filter of [{}, { actor: 'russia' }, { since: '2025-06-01' }, { until: '2025-03-31' }, { since: '2025-02-01', until: '2025-02-28' }]) {
      expect(await upgraded.matrix(filter), JSON.stringify(filter)).toEqual(await upgraded.matrixFromClaims(filter));
    }
    expect((await upgraded.cellConfidence()).length).toBe((await upgraded.matrix()).length);
    expect(await upgraded.stanceDays({ actor: 'russia' })).toEqual(await upgraded.stanceDays({ actor: 'russia', modalities: ['demand', 'reject'] }));
  });
});

describe('upgrade to keyed band keys', () => {
  it('keeps the near-duplicate band keys of a store made before them, finds copies by them, and deletes them with their document', async () => {
    const { store, path } = await freshStore();
    const original = await store.saveDocument(doc('original', { cleanText: ORIGINAL_STORY }), []);
    await store.close();
    open.pop();
    // The table as migration 0003 made it: a rowid table and an index on the keys.
    const raw = new Database(path);
    const keys = raw.prepare('select hash, band, document_id from document_bands order by hash, band').all();
    expect(keys.length).toBe(64);
    raw.exec(`create table old_bands as select document_id, band, hash from document_bands;
      drop table document_bands;
      create table document_bands (document_id integer not null references documents (id) on delete cascade, band integer not null, hash integer not null);
      insert into document_bands select * from old_bands; drop table old_bands;
      create index document_bands_hash on document_bands (hash, band, document_id);
      create index document_bands_document on document_bands (document_id);
      delete from kysely_migration where name = '0013-near-duplicate-keyed-bands';`);
    raw.close();
    const upgraded = await SqliteStore.open(path);
    open.push(upgraded);
    const check = new Database(path, { readonly: true });
    try {
      expect(check.prepare('select hash, band, document_id from document_bands order by hash, band').all()).toEqual(keys);
      expect(check.prepare(`select sql from sqlite_master where name = 'document_bands'`).pluck().get()).toMatch(/without rowid/i);
    } finally {
      check.close();
    }
    expect((await upgraded.findNearDuplicate(EDITED_COPY))?.documentId).toBe(original.documentId);
    const copy = await upgraded.saveDocument(doc('copy', { cleanText: EDITED_COPY }), []);
    expect((await upgraded.listDocuments()).find((d) => d.id === copy.documentId)?.clusterId).toBe(original.documentId);
    expect(await upgraded.deleteDocument(original.documentId)).toBe(true);
    const after = new Database(path, { readonly: true });
    try {
      expect(after.prepare('select count(*) from document_bands where document_id = ?').pluck().get(original.documentId)).toBe(0);
      expect(after.prepare('select count(*) from document_bands where document_id = ?').pluck().get(copy.documentId)).toBe(64);
    } finally {
      after.close();
    }
  });
});

describe('upgrade to added claims', () => {
  it('keeps the audit trail of a store made before them, ids and all, and takes added claims after', async () => {
    const { store, path } = await freshStore();
    const text = 'Moscow said it would back a truce. Kyiv rejected any freeze of the front line.';
    const saved = await store.saveDocument(doc('a', { cleanText: text }), [claim({}), claim({ actor: 'usa', start: 0, end: 34 })]);
    const [first, second] = await store.listClaims();
    await store.reviewClaim(first!.id, { action: 'confirm', by: 'ana' });
    await store.reviewClaim(second!.id, { action: 'fix', polarity: 'oppose', by: 'bo', note: 'reads as a refusal' });
    const trail = await store.listReviews();
    await store.close();
    open.pop();
    // The table as migration 0005 made it: no `add` in its CHECK, none of the added claim's columns.
    const raw = new Database(path);
    raw.exec(`create table old_reviews as select id, at, by, action, note, content_hash, start, "end", actor, proposition, polarity, new_actor, new_proposition, new_polarity, claim_id, origin, evidence from claim_reviews;
      drop table claim_reviews;
      create table claim_reviews (id integer primary key autoincrement, at text not null default (strftime('%Y-%m-%dT%H:%M:%fZ','now')), by text not null,
        action text not null check (action in ('confirm','reject','fix')), note text, content_hash text not null, start integer not null, "end" integer not null,
        actor text not null, proposition text not null, polarity text not null, new_actor text, new_proposition text, new_polarity text,
        claim_id integer not null, origin text not null, evidence text not null);
      insert into claim_reviews select * from old_reviews; drop table old_reviews;
      create index claim_reviews_document on claim_reviews (content_hash);
      delete from kysely_migration where name = '0012-analyst-added-claims';`);
    expect(() => raw.prepare(`insert into claim_reviews (by, action, content_hash, start, "end", actor, proposition, polarity, claim_id, origin, evidence) values ('x', 'add', 'a', 0, 1, 'a', 'b', 'support', 1, 'o', 'e')`).run()).toThrow(/CHECK/);
    raw.close();
    const upgraded = await SqliteStore.open(path);
    open.push(upgraded);
    expect(await upgraded.listReviews()).toEqual(trail);
    const added = await upgraded.addClaim(saved.documentId, { evidence: 'Kyiv rejected any freeze of the front line.', start: 35, end: 78, sentenceIndex: 1, actor: 'ukraine', proposition: 'ceasefire', polarity: 'oppose', modality: 'reject', hedged: false, reported: false, by: 'ana' });
    expect(added.review.id).toBeGreaterThan(trail[0]!.id);
    expect((await upgraded.listClaims()).map((c) => c.review)).toEqual(['confirmed', 'fixed', 'added']);
  });
});

describe('stance summary tables', () => {
  const filters = [{}, { since: '2025-06-01' }, { until: '2025-03-31' }, { since: '2025-02-01', until: '2025-02-28' }, { actor: 'russia' }, { proposition: 'ceasefire', since: '2025-09-01' }];

  /** Timeline days from cell_side_days, and the citations beside them, equal those read from the claims (a modality filter, here every modality the generator uses, reads the claims). */
  async function expectSideDaysEqualClaims(store: SqliteStore): Promise<void> {
    const fromClaims = { modalities: ['demand', 'reject'] } as const;
    const cited = (claims: readonly { id: number }[]): number[] => claims.map((c) => c.id);
    for (const filter of [{ actor: 'russia', proposition: 'ceasefire' }, { actor: 'ukraine', since: '2025-06-01' }, { proposition: 'ceasefire', until: '2025-03-31' }, {}]) {
      const days = await store.stanceDays(filter);
      expect(days.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(days, JSON.stringify(filter)).toEqual(await store.stanceDays({ ...filter, ...fromClaims }));
      expect(cited(await store.listClaims({ ...filter, perDay: 1 })), JSON.stringify(filter)).toEqual(cited(await store.listClaims({ ...filter, ...fromClaims, perDay: 1 })));
    }
  }

  it('give the same matrix as aggregating the claims, for every date and cell filter', async () => {
    const { store, path } = await freshStore();
    await store.close();
    open.pop();
    await generateStore(path, getPack(), 600);
    const reopened = await SqliteStore.open(path);
    open.push(reopened);
    for (const filter of filters) expect(await reopened.matrix(filter), JSON.stringify(filter)).toEqual(await reopened.matrixFromClaims(filter));
    expect((await reopened.matrix()).some((c) => c.clusters < c.documents)).toBe(true);
    await expectSideDaysEqualClaims(reopened);
    // Ranges that start or end on the days of copies dated apart from their story.
    const raw = new Database(path, { readonly: true });
    const spanDays = (raw.prepare('select distinct day from cell_cluster_days order by day').all() as { day: string }[]).map((r) => r.day);
    raw.close();
    expect(spanDays.length).toBeGreaterThan(5);
    for (const day of spanDays.slice(0, 12)) {
      for (const filter of [{ since: day }, { until: day }, { since: day, until: day }]) {
        expect(await reopened.matrix(filter), JSON.stringify(filter)).toEqual(await reopened.matrixFromClaims(filter));
      }
    }
  });

  it('count a story once whichever of its dated copies is stored first', async () => {
    const { store } = await freshStore();
    await store.saveDocument(doc('later', { cleanText: ORIGINAL_STORY, published: '2025-06-02' }), [claim({})]);
    await store.saveDocument(doc('earlier', { cleanText: EDITED_COPY, outlet: 'Wire B', published: '2025-06-01' }), [claim({})]);
    await store.saveDocument(doc('undated', { cleanText: `${EDITED_COPY}\n\nShare this article`, outlet: 'Wire C', published: undefined }), [claim({})]);
    for (const filter of [{}, { until: '2025-06-01' }, { since: '2025-06-02' }, { since: '2025-06-01', until: '2025-06-01' }, { since: '2025-06-03' }]) {
      const cells = await store.matrix(filter);
      expect(cells, JSON.stringify(filter)).toEqual(await store.matrixFromClaims(filter));
      expect(cells.every((c) => c.clusters === 1)).toBe(true);
    }
  });

  it('stay equal after documents are deleted, including the first copy of a cluster', async () => {
    const { store, path } = await freshStore();
    await store.close();
    open.pop();
    await generateStore(path, getPack(), 300);
    const raw = new Database(path);
    raw.pragma('foreign_keys = ON');
    const firstCopies = raw.prepare('select distinct cluster_id as id from documents where cluster_id is not null limit 5').all() as { id: number }[];
    expect(firstCopies.length).toBeGreaterThan(0);
    const remove = raw.prepare('delete from documents where id = ?');
    for (const { id } of firstCopies) remove.run(id);
    remove.run(7);
    raw.close();
    const reopened = await SqliteStore.open(path);
    open.push(reopened);
    for (const filter of filters) expect(await reopened.matrix(filter), JSON.stringify(filter)).toEqual(await reopened.matrixFromClaims(filter));
    await expectSideDaysEqualClaims(reopened);
  });

  it('are filled from existing claims when an older database is migrated', async () => {
    const { store, path } = await freshStore();
    await store.saveDocument(doc('a'), [claim({}), claim({ polarity: 'oppose', hedged: true })]);
    await store.saveDocument(doc('b', { outlet: 'Wire B', published: undefined }), [claim({})]);
    await store.close();
    open.pop();
    const raw = new Database(path);
    for (const table of ['stance_days', 'cell_outlets', 'cell_outlet_days']) raw.exec(`delete from ${table}`);
    raw.prepare('select 1').get();
    raw.close();
    const reopened = await SqliteStore.open(path);
    open.push(reopened);
    expect(await reopened.matrix()).toEqual([]);
    await rebuildStanceSummary(new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(path) }) }));
    expect(await reopened.matrix()).toEqual(await reopened.matrixFromClaims());
    expect((await reopened.matrix())[0]).toMatchObject({ support: 2, oppose: 1, documents: 2, outlets: 2, latest: '2025-03-11' });
  });
});
