// The PostgreSQL store on a real server (see postgres-setup.ts): the shared
// contract, the summary tables against the claims, and concurrent writers.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateStore } from '../src/bench/analysis-bench.js';
import { generatePostgresStore } from '../src/bench/postgres-bench.js';
import { getPack } from '../src/pack/compile.js';
import { PostgresStore } from '../src/store/postgres/postgres-store.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';
import { claim, doc, EDITED_COPY, ORIGINAL_STORY, storeContract, UNRELATED_STORY } from './store-contract.js';
import { freshDatabase, POSTGRES_URL } from './postgres-helpers.js';

const suite = POSTGRES_URL ? describe : describe.skip;

if (POSTGRES_URL) storeContract('PostgresStore on a real server', async () => PostgresStore.open(await freshDatabase()), (store) => PostgresStore.open((store as PostgresStore).url));

const open: PostgresStore[] = [];
async function freshStore(): Promise<{ store: PostgresStore; url: string }> {
  const url = await freshDatabase();
  const store = await PostgresStore.open(url);
  open.push(store);
  return { store, url };
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

suite('PostgresStore specifics', () => {
  it('migrates once when several processes open a new database at the same moment', async () => {
    const url = await freshDatabase();
    const stores = await Promise.all([1, 2, 3, 4].map(() => PostgresStore.open(url)));
    open.push(...stores);
    await stores[0]!.saveDocument(doc('a'), [claim({})]);
    expect(await stores[3]!.counts()).toEqual({ documents: 1, claims: 1 });
  });

  it('stores one document and one cluster when two writers store copies of one story at the same moment', async () => {
    const { url } = await freshStore();
    const writers = await Promise.all([1, 2].map(() => PostgresStore.open(url)));
    open.push(...writers);
    for (let round = 0; round < 5; round++) {
      await Promise.all([
        writers[0]!.saveDocument(doc(`same-${round}`, { cleanText: `${ORIGINAL_STORY}\n\nRound ${round}.`, published: `2025-06-0${round + 1}` }), [claim({})]),
        writers[1]!.saveDocument(doc(`same-${round}`, { cleanText: `${ORIGINAL_STORY}\n\nRound ${round}.`, published: `2025-06-0${round + 1}` }), [claim({})]),
        writers[0]!.saveDocument(doc(`copy-a-${round}`, { cleanText: `${EDITED_COPY}\n\nEdition A ${round}.`, outlet: 'Wire B' }), [claim({})]),
        writers[1]!.saveDocument(doc(`copy-b-${round}`, { cleanText: `${EDITED_COPY}\n\nEdition B ${round}.`, outlet: 'Wire C' }), [claim({})]),
      ]);
    }
    await writers[0]!.saveDocument(doc('other', { cleanText: UNRELATED_STORY }), [claim({ actor: 'ukraine' })]);
    const reader = writers[0]!;
    expect(await reader.counts()).toEqual({ documents: 16, claims: 16 });
    const clusters = new Set((await reader.listDocuments()).map((d) => d.clusterId));
    expect(clusters.size).toBe(2);
    expect(await reader.matrix()).toEqual(await reader.matrixFromClaims());
    expect((await reader.matrix()).find((c) => c.actor === 'russia')).toMatchObject({ documents: 15, clusters: 1, outlets: 3 });
  });

  it('keeps the summary tables equal to the claims after deleting the first copy of a cluster', async () => {
    const { store } = await freshStore();
    const first = await store.saveDocument(doc('later', { cleanText: ORIGINAL_STORY, published: '2025-06-02' }), [claim({}), claim({ polarity: 'oppose', hedged: true })]);
    await store.saveDocument(doc('earlier', { cleanText: EDITED_COPY, outlet: 'Wire B', published: '2025-06-01' }), [claim({})]);
    await store.saveDocument(doc('undated', { cleanText: `${EDITED_COPY}\n\nShare this article`, outlet: 'Wire C', published: undefined }), [claim({})]);
    await store.saveDocument(doc('other', { cleanText: UNRELATED_STORY, published: '2025-06-03' }), [claim({}), claim({ actor: 'ukraine' })]);
    const filters = [{}, { until: '2025-06-01' }, { since: '2025-06-02' }, { since: '2025-06-01', until: '2025-06-01' }, { since: '2025-06-03' }, { actor: 'russia' }];
    for (const filter of filters) expect(await store.matrix(filter), JSON.stringify(filter)).toEqual(await store.matrixFromClaims(filter));
    expect((await store.matrix())[0]).toMatchObject({ clusters: 2, documents: 4 });
    await store.deleteDocument(first.documentId);
    for (const filter of filters) expect(await store.matrix(filter), JSON.stringify(filter)).toEqual(await store.matrixFromClaims(filter));
    // Timeline days from cell_side_days, and the citations beside them, equal those read from the claims (a modality filter reads the claims).
    expect(await store.stanceDays()).toHaveLength(3);
    expect(await store.stanceDays()).toEqual(await store.stanceDays({ modalities: ['accept'] }));
    expect((await store.listClaims({ perDay: 1 })).map((c) => c.id)).toEqual((await store.listClaims({ perDay: 1, modalities: ['accept'] })).map((c) => c.id));
  });

  it("bulk-loads the bench's generated store with the summary computed once, equal to the claims and to SQLite's", async () => {
    const url = await freshDatabase();
    await generatePostgresStore(url, getPack(), 800);
    const path = join(tempDir(), 'generated.db');
    await generateStore(path, getPack(), 800);
    const store = await PostgresStore.open(url);
    const sqlite = await SqliteStore.open(path);
    open.push(store);
    try {
      expect(await store.counts()).toEqual({ documents: 800, claims: 8000 });
      for (const filter of [{}, { since: '2025-06-01' }, { until: '2025-03-31' }, { since: '2025-02-01', until: '2025-02-28' }, { actor: 'russia' }]) {
        const cells = await store.matrix(filter);
        expect(cells, JSON.stringify(filter)).toEqual(await store.matrixFromClaims(filter));
        expect(cells, JSON.stringify(filter)).toEqual(await sqlite.matrix(filter));
      }
      expect((await store.matrix()).some((c) => c.clusters < c.documents)).toBe(true);
      expect(await store.stanceDays({ actor: 'russia', proposition: 'ceasefire' })).toEqual(await sqlite.stanceDays({ actor: 'russia', proposition: 'ceasefire' }));
      expect(await store.stanceDays({ actor: 'russia' })).toEqual(await store.stanceDays({ actor: 'russia', modalities: ['demand', 'reject'] }));
      const cited = (claims: { documentId: number; sentenceIndex: number; polarity: string }[]) => claims.map((c) => `${c.documentId}/${c.sentenceIndex}/${c.polarity}`);
      expect(cited(await store.listClaims({ actor: 'russia', proposition: 'ceasefire', perDay: 1 }))).toEqual(cited(await sqlite.listClaims({ actor: 'russia', proposition: 'ceasefire', perDay: 1 })));
      // Stored after the load, a document gets the next id and the triggers count it.
      const next = await store.saveDocument(doc('after-load', { published: '2025-01-01' }), [claim({})]);
      expect(next.documentId).toBe(801);
      expect(await store.matrix()).toEqual(await store.matrixFromClaims());
    } finally {
      await sqlite.close();
    }
  });
});
