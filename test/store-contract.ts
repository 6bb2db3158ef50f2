// The contract every Store implementation must pass; each implementation's
// test file calls storeContract with a factory for a fresh, empty store.
import { afterEach, describe, expect, it } from 'vitest';
import type { Claim } from '../src/pipeline/types.js';
import type { DocumentInput, Store } from '../src/store/store.js';

export function claim(overrides: Partial<Claim>): Claim {
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

export function doc(hash: string, overrides: Partial<DocumentInput> = {}): DocumentInput {
  return { contentHash: hash, origin: `${hash}.txt`, cleanText: `text of ${hash}`, outlet: 'Wire A', published: '2025-03-11', ...overrides };
}

export function storeContract(name: string, newStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    const open: Store[] = [];
    const freshStore = async (): Promise<{ store: Store }> => {
      const store = await newStore();
      open.push(store);
      return { store };
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
    });

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

    it('finds a document by its canonical URL or the URL it was fetched from', async () => {
      const { store } = await freshStore();
      await store.saveDocument(doc('a', { url: 'https://wire.example/a?utm_source=x', canonicalUrl: 'https://wire.example/a' }), []);
      expect(await store.hasUrl('https://wire.example/a')).toBe(true);
      expect(await store.hasUrl('https://wire.example/a?utm_source=x')).toBe(true);
      expect(await store.hasUrl('https://wire.example/b')).toBe(false);
      expect((await store.listDocuments())[0]).toMatchObject({ canonicalUrl: 'https://wire.example/a', url: 'https://wire.example/a?utm_source=x' });
    });

    it('aggregates the matrix with distinct documents and outlets', async () => {
      const { store } = await freshStore();
      await store.saveDocument(doc('a'), [claim({}), claim({})]);
      await store.saveDocument(doc('b', { outlet: 'Wire B', published: '2025-04-01' }), [claim({}), claim({ polarity: 'oppose', hedged: true })]);
      const [cell] = await store.matrix();
      expect(cell).toEqual({ actor: 'russia', proposition: 'ceasefire', support: 3, oppose: 1, supportDocs: 2, opposeDocs: 1, documents: 2, outlets: 2, clusters: 2, hedged: 1, latest: '2025-04-01' });
      expect(await store.matrix({ since: '2025-04-01' })).toMatchObject([{ support: 1, oppose: 1 }]);
    });

    it('counts each day of a stance by independent sources, and cites at most perDay claims per day and side', async () => {
      const { store } = await freshStore();
      await store.saveDocument(doc('a', { published: '2025-05-01' }), [claim({}), claim({ sentenceIndex: 1 })]);
      await store.saveDocument(doc('b', { outlet: 'Wire B', published: '2025-05-01' }), [claim({}), claim({ polarity: 'oppose' })]);
      await store.saveDocument(doc('c', { published: '2025-05-03' }), [claim({ polarity: 'oppose' }), claim({ actor: 'ukraine' })]);
      await store.saveDocument(doc('undated', { published: undefined }), [claim({})]);
      expect(await store.stanceDays({ actor: 'russia' })).toEqual([
        { actor: 'russia', proposition: 'ceasefire', date: '2025-05-01', support: 2, oppose: 1 },
        { actor: 'russia', proposition: 'ceasefire', date: '2025-05-03', support: 0, oppose: 1 },
      ]);
      expect(await store.stanceDays({ since: '2025-05-02' })).toHaveLength(2);
      const cited = await store.listClaims({ actor: 'russia', proposition: 'ceasefire', perDay: 1 });
      expect(cited.map((c) => [c.published, c.polarity, c.origin])).toEqual([
        ['2025-05-01', 'support', 'a.txt'],
        ['2025-05-01', 'oppose', 'b.txt'],
        ['2025-05-03', 'oppose', 'c.txt'],
      ]);
    });

    it('deletes a document with its claims and leaves the others intact', async () => {
      const { store } = await freshStore();
      const a = await store.saveDocument(doc('a'), [claim({}), claim({ actor: 'ukraine' })]);
      await store.saveDocument(doc('b'), [claim({})]);
      expect(await store.deleteDocument(a.documentId)).toBe(true);
      expect(await store.getDocument(a.documentId)).toBeUndefined();
      expect(await store.counts()).toEqual({ documents: 1, claims: 1 });
      expect(await store.deleteDocument(a.documentId)).toBe(false);
      // Deleted content can be ingested again.
      expect((await store.saveDocument(doc('a'), [claim({})])).created).toBe(true);
    });

    it('never half-stores a document: a failing claim rolls back the whole document', async () => {
      const { store } = await freshStore();
      const bad = claim({ polarity: 'maybe' as never });
      await expect(store.saveDocument(doc('a'), [claim({}), bad])).rejects.toThrow();
      expect(await store.counts()).toEqual({ documents: 0, claims: 0 });
    });
  });
}
