// The contract every Store implementation must pass; each implementation's
// test file calls storeContract with a factory for a fresh, empty store.
import { afterEach, describe, expect, it } from 'vitest';
import type { Claim } from '../src/pipeline/types.js';
import { newestIndependent } from '../src/analysis/evidence.js';
import { minhash } from '../src/dedup/minhash.js';
import { positionOf } from '../src/store/claim-keyset.js';
import type { ClaimFilter, DocumentInput, Store, StoredClaim } from '../src/store/store.js';

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

// A wire story of our own, a lightly edited syndicated copy, and an unrelated story.
const STORY = [
  'Envoys agree to extend port talks into next week',
  'GENEVA — Negotiators from both delegations agreed on Tuesday to keep talking into next week about a shipping corridor for grain leaving the southern ports, a mediator told reporters after a six-hour session.',
  'The mediator said the two teams had narrowed their differences on inspections of outbound vessels but still disagreed on who would insure the ships and how long any arrangement should last.',
  'One delegate said his side wanted a written timetable before it would sign anything, and that verbal assurances given in earlier rounds had not been honoured.',
  'A new round is expected to begin on Monday, with technical experts meeting a day earlier to prepare maps of the proposed lanes.',
];
export const ORIGINAL_STORY = STORY.join('\n\n');
export const EDITED_COPY = ['Grain corridor negotiators to meet again on Monday', 'By Tomas Lind, Northbridge Wire', ...STORY.slice(1), 'This article was republished under a content-sharing agreement.'].join('\n\n');
export const UNRELATED_STORY = [
  'Delegations trade lists of detainees ahead of a planned exchange',
  'GENEVA — The two delegations handed each other lists of detainees on Tuesday, a step officials described as the last technical stage before a planned exchange at the border later this month.',
  'An official involved in the preparations said the lists covered civilians as well as soldiers and that families had been asked to confirm identities through the Red Cross.',
].join('\n\n');

/**
 * `newStore` makes a fresh, empty store; `openAgain` opens a second connection to the same one
 * (another process would open it so), to check that its writes change the first one's version.
 */
export function storeContract(name: string, newStore: () => Promise<Store>, openAgain: (store: Store) => Promise<Store>): void {
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

    it('lists one document\'s claims, alone or with other filters, and the matrix of that document alone', async () => {
      const { store } = await freshStore();
      await store.saveDocument(doc('a'), [claim({}), claim({ actor: 'ukraine', polarity: 'oppose' })]);
      const b = await store.saveDocument(doc('b', { outlet: 'Wire B' }), [claim({ proposition: 'sanctions' }), claim({ actor: 'ukraine', start: 40, end: 60, sentenceIndex: 2 })]);
      const ofB = await store.listClaims({ document: b.documentId });
      expect(ofB.map((c) => [c.documentId, c.proposition, c.actor])).toEqual([
        [b.documentId, 'sanctions', 'russia'],
        [b.documentId, 'ceasefire', 'ukraine'],
      ]);
      expect((await store.listClaims({ document: b.documentId, actor: 'ukraine' })).map((c) => c.proposition)).toEqual(['ceasefire']);
      expect(await store.listClaims({ document: b.documentId + 100 })).toEqual([]);
      expect(await store.counts({ document: b.documentId })).toEqual({ documents: 1, claims: 2 });
      // The summary tables hold no per-document counts: the matrix comes from the claims.
      expect((await store.matrix({ document: b.documentId })).map((m) => [m.actor, m.proposition, m.support, m.oppose])).toEqual([
        ['russia', 'sanctions', 1, 0],
        ['ukraine', 'ceasefire', 1, 0],
      ]);
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
      // Two per day and side: the second source of the first day's support, still one claim per source.
      const two = await store.listClaims({ actor: 'russia', proposition: 'ceasefire', perDay: 2 });
      expect(two.map((c) => [c.published, c.polarity, c.origin]).sort()).toEqual([
        ['2025-05-01', 'oppose', 'b.txt'],
        ['2025-05-01', 'support', 'a.txt'],
        ['2025-05-01', 'support', 'b.txt'],
        ['2025-05-03', 'oppose', 'c.txt'],
      ]);
      expect(two.find((c) => c.origin === 'a.txt')?.sentenceIndex).toBe(0);
      // Without a cell filter, one per day and side of every cell.
      expect((await store.listClaims({ perDay: 1 })).map((c) => [c.actor, c.published, c.polarity, c.origin]).sort()).toEqual([
        ['russia', '2025-05-01', 'oppose', 'b.txt'],
        ['russia', '2025-05-01', 'support', 'a.txt'],
        ['russia', '2025-05-03', 'oppose', 'c.txt'],
        ['ukraine', '2025-05-03', 'support', 'c.txt'],
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

    it('keeps the matrix over every date right as documents go: the latest day moves back, an emptied cell goes', async () => {
      const { store } = await freshStore();
      const early = await store.saveDocument(doc('early', { published: '2025-03-01' }), [claim({}), claim({ actor: 'ukraine' })]);
      const late = await store.saveDocument(doc('late', { outlet: 'Wire B', published: '2025-04-01' }), [claim({ polarity: 'oppose' })]);
      await store.saveDocument(doc('undated', { published: undefined }), [claim({ proposition: 'sanctions' })]);
      const cells = async (filter: ClaimFilter = {}): Promise<string[]> =>
        (await store.matrix(filter)).map((c) => `${c.actor}|${c.proposition}|${c.support}/${c.oppose}|${c.documents}|${c.outlets}|${c.latest ?? '-'}`);
      expect(await cells()).toEqual(['russia|ceasefire|1/1|2|2|2025-04-01', 'russia|sanctions|1/0|1|1|-', 'ukraine|ceasefire|1/0|1|1|2025-03-01']);
      expect(await cells({ proposition: 'ceasefire' })).toEqual(['russia|ceasefire|1/1|2|2|2025-04-01', 'ukraine|ceasefire|1/0|1|1|2025-03-01']);
      await store.deleteDocument(late.documentId);
      expect(await cells({ actor: 'russia' })).toEqual(['russia|ceasefire|1/0|1|1|2025-03-01', 'russia|sanctions|1/0|1|1|-']);
      await store.deleteDocument(early.documentId);
      expect(await cells()).toEqual(['russia|sanctions|1/0|1|1|-']);
      expect((await store.cellConfidence()).map((w) => `${w.actor}|${w.proposition}|${w.claims}`)).toEqual(['russia|sanctions|1']);
    });

    it('puts a lightly edited copy in the first story\'s cluster and leaves an unrelated story alone', async () => {
      const { store } = await freshStore();
      const first = await store.saveDocument(doc('a', { cleanText: ORIGINAL_STORY }), [claim({})]);
      const copy = await store.saveDocument(doc('b', { cleanText: EDITED_COPY, outlet: 'Wire B' }), [claim({})]);
      const other = await store.saveDocument(doc('c', { cleanText: UNRELATED_STORY }), [claim({})]);
      const third = await store.saveDocument(doc('d', { cleanText: `${EDITED_COPY}\n\nShare this article`, outlet: 'Wire C' }), [claim({})]);
      expect(await store.getDocument(first.documentId)).toMatchObject({ clusterId: first.documentId });
      expect((await store.getDocument(first.documentId))?.similarity).toBeUndefined();
      const copyDoc = await store.getDocument(copy.documentId);
      expect(copyDoc?.clusterId).toBe(first.documentId);
      expect(copyDoc?.similarity).toBeGreaterThan(0.5);
      expect((await store.getDocument(third.documentId))?.clusterId).toBe(first.documentId);
      expect((await store.getDocument(other.documentId))?.clusterId).toBe(other.documentId);
      // Every copy keeps its claims; corroboration counts the cluster once and still counts the outlets.
      expect(await store.matrix()).toMatchObject([{ support: 4, documents: 4, outlets: 3, clusters: 2 }]);
      expect((await store.listClaims()).map((c) => c.clusterId)).toEqual([first.documentId, first.documentId, other.documentId, first.documentId]);
      expect((await store.listDocuments({ duplicates: true })).map((d) => d.id)).toEqual([first.documentId, copy.documentId, third.documentId]);
      expect(await store.findNearDuplicate(EDITED_COPY)).toMatchObject({ clusterId: first.documentId });
      expect(await store.findNearDuplicate('A football match in Lisbon ended in a draw after extra time on a wet evening.')).toBeUndefined();
    });

    it('does not cluster skipped documents and lists them with their reason', async () => {
      const { store } = await freshStore();
      const first = await store.saveDocument(doc('a', { cleanText: ORIGINAL_STORY }), []);
      const skipped = await store.saveDocument(doc('b', { cleanText: EDITED_COPY, skipReason: 'not English (detected: fra)' }), []);
      expect(await store.getDocument(skipped.documentId)).toMatchObject({ clusterId: skipped.documentId, skipReason: 'not English (detected: fra)' });
      expect(await store.listDocuments({ duplicates: true })).toEqual([]);
      expect((await store.listDocuments({ skipped: true })).map((d) => d.id)).toEqual([skipped.documentId]);
      expect((await store.listDocuments()).map((d) => d.id)).toEqual([first.documentId, skipped.documentId]);
    });

    it('gives an overview (counts, outlets, date range) and lists documents by date and outlet', async () => {
      const { store } = await freshStore();
      expect(await store.overview()).toEqual({ documents: 0, claims: 0, outlets: [] });
      await store.saveDocument(doc('a', { outlet: 'Wire B', published: '2025-05-01' }), [claim({})]);
      await store.saveDocument(doc('b', { outlet: 'Wire A', published: '2025-03-01' }), [claim({}), claim({})]);
      await store.saveDocument(doc('c', { outlet: undefined, published: undefined }), []);
      expect(await store.overview()).toEqual({ documents: 3, claims: 3, outlets: ['Wire A', 'Wire B'], firstDate: '2025-03-01', lastDate: '2025-05-01' });
      expect((await store.listDocuments({ since: '2025-04-01' })).map((d) => d.contentHash)).toEqual(['a']);
      expect((await store.listDocuments({ until: '2025-04-01', outlet: 'Wire A' })).map((d) => d.contentHash)).toEqual(['b']);
    });

    it('iterates the claims listClaims returns, and finds the newest independent sources past many copies of one story', async () => {
      const { store } = await freshStore();
      await store.saveDocument(doc('other', { cleanText: UNRELATED_STORY, published: '2025-01-02' }), [claim({})]);
      for (let i = 0; i < 25; i++) await store.saveDocument(doc(`copy${i}`, { cleanText: `${EDITED_COPY}\n\nCopy ${i}.`, published: '2025-02-01' }), [claim({})]);
      const listed = await store.listClaims({ newestFirst: true });
      const iterated: number[] = [];
      for await (const c of store.iterateClaims({ newestFirst: true })) iterated.push(c.id);
      expect(iterated).toEqual(listed.map((c) => c.id));
      const newest = await newestIndependent(store, { actor: 'russia', proposition: 'ceasefire' }, 2);
      expect(newest.map((c) => c.published)).toEqual(['2025-02-01', '2025-01-02']);
    });

    it('weighs each cell by its claims\' confidence: 0.5 for a rules-only claim, 1 once confirmed, and follows deletes and filters', async () => {
      const { store } = await freshStore();
      const weights = async (filter = {}): Promise<string[]> => (await store.cellConfidence(filter)).map((w) => `${w.actor}|${w.proposition}|${w.claims}|${w.weightMillis}`).sort();
      const a = await store.saveDocument(doc('a', { outlet: 'Wire A', published: '2025-03-01' }), [claim({ confidence: 0.9 }), claim({ confidence: 0.612, sentenceIndex: 1 }), claim({ proposition: 'sanctions' })]);
      await store.saveDocument(doc('b', { outlet: 'Wire B', published: '2025-04-01' }), [claim({ confidence: 0.3 })]);
      expect(await weights()).toEqual(['russia|ceasefire|3|1812', 'russia|sanctions|1|500']);
      expect(await weights({ outlet: 'Wire B' })).toEqual(['russia|ceasefire|1|300']);
      expect(await weights({ since: '2025-03-15' })).toEqual(['russia|ceasefire|1|300']);
      const [low] = (await store.listClaims({ proposition: 'ceasefire' })).filter((c) => c.confidence === 0.3);
      await store.reviewClaim(low!.id, { action: 'confirm', by: 'analyst' });
      expect(await weights()).toEqual(['russia|ceasefire|3|2512', 'russia|sanctions|1|500']);
      expect(await weights({ polarity: 'support' })).toEqual(['russia|ceasefire|3|2512', 'russia|sanctions|1|500']);
      await store.deleteDocument(a.documentId);
      expect(await weights()).toEqual(['russia|ceasefire|1|1000']);
    });

    it('keeps only claims at least as sure as minConfidence, by the same weights, in the list, the matrix and the counts', async () => {
      const { store } = await freshStore();
      await store.saveDocument(doc('a', { outlet: 'Wire A', published: '2025-03-01' }), [claim({ confidence: 0.9 }), claim({ confidence: 0.612, sentenceIndex: 1, proposition: 'sanctions' }), claim({ proposition: 'elections' })]);
      await store.saveDocument(doc('b', { outlet: 'Wire B', published: '2025-04-01' }), [claim({ confidence: 0.3 })]);
      const kept = async (minConfidence: number): Promise<string[]> => (await store.listClaims({ minConfidence })).map((c) => `${c.proposition}|${c.confidence ?? 'rules'}`).sort();
      expect(await kept(0.3)).toEqual(['ceasefire|0.3', 'ceasefire|0.9', 'elections|rules', 'sanctions|0.612']);
      // A rules-only claim weighs 0.5; the bound is inclusive, in the thousandths the weights are kept in.
      expect(await kept(0.5)).toEqual(['ceasefire|0.9', 'elections|rules', 'sanctions|0.612']);
      expect(await kept(0.612)).toEqual(['ceasefire|0.9', 'sanctions|0.612']);
      expect(await kept(0.95)).toEqual([]);
      const cells = async (filter: ClaimFilter): Promise<string[]> => (await store.matrix(filter)).map((c) => `${c.proposition}|${c.supportDocs}`).sort();
      expect(await cells({ minConfidence: 0.6 })).toEqual(['ceasefire|1', 'sanctions|1']);
      expect(await cells({ minConfidence: 0.6, since: '2025-03-15' })).toEqual([]);
      expect((await store.counts({ minConfidence: 0.6 })).claims).toBe(2);
      // A confirmed claim counts as sure whatever the model gave it.
      const [low] = await store.listClaims({ outlet: 'Wire B' });
      await store.reviewClaim(low!.id, { action: 'confirm', by: 'analyst' });
      expect(await kept(0.95)).toEqual(['ceasefire|0.3']);
      expect(await cells({ minConfidence: 0.95 })).toEqual(['ceasefire|1']);
    });

    it('confirms, rejects and fixes claims by id: every view follows and the audit trail keeps each review', async () => {
      const { store } = await freshStore();
      await store.saveDocument(doc('a'), [claim({}), claim({ start: 40, end: 70, sentenceIndex: 1 }), claim({ actor: 'ukraine', start: 80, end: 110, sentenceIndex: 2 })]);
      await store.saveDocument(doc('b', { outlet: 'Wire B' }), [claim({ polarity: 'oppose' })]);
      const [first, second, ukrainian, opposing] = await store.listClaims();
      const confirmed = await store.reviewClaim(first!.id, { action: 'confirm', by: 'ana' });
      expect(confirmed.claimId).toBe(first!.id);
      const rejected = await store.reviewClaim(second!.id, { action: 'reject', by: 'bo', note: 'a prediction, not a stance' });
      expect(rejected.claimId).toBeUndefined();
      expect(rejected.review).toMatchObject({ action: 'reject', by: 'bo', note: 'a prediction, not a stance', claimId: second!.id, contentHash: 'a', origin: 'a.txt', start: 40, end: 70, actor: 'russia', polarity: 'support' });
      const fixed = await store.reviewClaim(ukrainian!.id, { action: 'fix', actor: 'russia', polarity: 'oppose', by: 'ana' });
      expect(fixed.claimId).toBeGreaterThan(0);
      expect(fixed.claimId).not.toBe(ukrainian!.id);
      expect(fixed.review).toMatchObject({ action: 'fix', newActor: 'russia', newPolarity: 'oppose', actor: 'ukraine', polarity: 'support' });
      expect(fixed.review.newProposition).toBeUndefined();

      const claims = await store.listClaims();
      expect(claims.map((c) => [c.actor, c.polarity, c.start, c.review])).toEqual([
        ['russia', 'support', 0, 'confirmed'],
        ['russia', 'oppose', 80, 'fixed'],
        ['russia', 'oppose', 0, undefined],
      ]);
      // The fixed claim keeps everything but what was fixed: evidence, offsets, date, cluster.
      expect(claims[1]).toMatchObject({ id: fixed.claimId, evidence: ukrainian!.evidence, end: 110, sentenceIndex: 2, published: '2025-03-11', documentId: ukrainian!.documentId, clusterId: ukrainian!.clusterId });
      expect(claims.find((c) => c.id === opposing!.id)?.review).toBeUndefined();
      expect(await store.matrix()).toEqual([{ actor: 'russia', proposition: 'ceasefire', support: 1, oppose: 2, supportDocs: 1, opposeDocs: 2, documents: 2, outlets: 2, clusters: 2, hedged: 0, latest: '2025-03-11' }]);
      expect(await store.matrix({ since: '2025-03-11', until: '2025-03-11' })).toMatchObject([{ support: 1, oppose: 2, clusters: 2 }]);
      expect(await store.stanceDays()).toEqual([{ actor: 'russia', proposition: 'ceasefire', date: '2025-03-11', support: 1, oppose: 2 }]);
      expect(await store.counts()).toEqual({ documents: 2, claims: 3 });
      expect((await store.getDocument(first!.documentId))?.claimCount).toBe(2);

      // Confirming a fixed claim leaves it marked fixed.
      expect((await store.reviewClaim(fixed.claimId!, { action: 'confirm', by: 'bo' })).claimId).toBe(fixed.claimId);
      expect((await store.listClaims({ polarity: 'oppose' })).map((c) => c.review)).toEqual(['fixed', undefined]);
      const trail = await store.listReviews();
      expect(trail.map((r) => [r.action, r.by, r.claimId])).toEqual([
        ['confirm', 'bo', fixed.claimId],
        ['fix', 'ana', ukrainian!.id],
        ['reject', 'bo', second!.id],
        ['confirm', 'ana', first!.id],
      ]);
      expect(trail[0]!.id).toBeGreaterThan(trail[1]!.id);
      expect(trail.every((r) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(r.at))).toBe(true);
    });

    it('refuses a review of an unknown claim, a fix that changes nothing and a review by nobody, and keeps nothing of them', async () => {
      const { store } = await freshStore();
      await store.saveDocument(doc('a'), [claim({})]);
      const [only] = await store.listClaims();
      await expect(store.reviewClaim(999_999, { action: 'reject', by: 'ana' })).rejects.toThrow(/no claim with id 999999/);
      await expect(store.reviewClaim(only!.id, { action: 'fix', polarity: 'support', by: 'ana' })).rejects.toThrow(/fix: give a new actor/);
      await expect(store.reviewClaim(only!.id, { action: 'reject', by: '  ' })).rejects.toThrow(/by: say who reviews/);
      await expect(store.reviewClaim(only!.id, { action: 'confirm', actor: 'ukraine', by: 'ana' })).rejects.toThrow(/go with fix only/);
      expect(await store.listReviews()).toEqual([]);
      expect(await store.listClaims()).toMatchObject([{ id: only!.id, actor: 'russia', polarity: 'support' }]);
      expect((await store.listClaims())[0]!.review).toBeUndefined();
    });

    it('adds a claim the model missed: every view counts it, it comes back when the text is stored again or re-extracted, and a rejection removes it', async () => {
      const { store } = await freshStore();
      const text = 'Moscow said it would back a truce. Kyiv rejected any freeze of the front line on Monday.';
      const saved = await store.saveDocument(doc('a', { cleanText: text }), [claim({})]);
      const sentence = { evidence: 'Kyiv rejected any freeze of the front line on Monday.', start: 35, end: 88, sentenceIndex: 1 };
      const missed = { ...sentence, actor: 'ukraine', proposition: 'ceasefire', polarity: 'oppose' as const, modality: 'reject' as const, hedged: false, reported: true, by: 'ana', note: 'the model missed it' };
      const added = await store.addClaim(saved.documentId, missed);
      expect(added.review).toMatchObject({ action: 'add', by: 'ana', note: 'the model missed it', contentHash: 'a', origin: 'a.txt', start: 35, end: 88, actor: 'ukraine', polarity: 'oppose', claimId: added.claimId, added: { sentenceIndex: 1, modality: 'reject', hedged: false, reported: true } });
      const stored = (await store.listClaims()).find((c) => c.id === added.claimId);
      expect(stored).toMatchObject({ ...sentence, actor: 'ukraine', polarity: 'oppose', modality: 'reject', reported: true, conditional: false, rule: 'analyst/added', review: 'added', published: '2025-03-11', clusterId: saved.documentId });
      expect(stored?.confidence).toBeUndefined();
      expect(await store.matrix({ actor: 'ukraine' })).toMatchObject([{ proposition: 'ceasefire', support: 0, oppose: 1, documents: 1 }]);
      expect((await store.cellConfidence({ actor: 'ukraine' })).map((w) => w.weightMillis)).toEqual([1000]);
      expect(await store.counts()).toEqual({ documents: 1, claims: 2 });
      expect((await store.listReviews()).map((r) => [r.action, r.claimId])).toEqual([['add', added.claimId]]);

      // Refused, and nothing kept: an unknown document, a skipped one, evidence off the text, the same claim twice, nobody.
      await expect(store.addClaim(999_999, missed)).rejects.toThrow(/no document with id 999999/);
      const skipped = await store.saveDocument(doc('s', { cleanText: text, skipReason: 'off the pack topic' }), []);
      await expect(store.addClaim(skipped.documentId, missed)).rejects.toThrow(/was skipped \(off the pack topic\)/);
      await expect(store.addClaim(saved.documentId, { ...missed, start: 34 })).rejects.toThrow(/evidence: not the text of document/);
      await expect(store.addClaim(saved.documentId, missed)).rejects.toThrow(new RegExp(`already has this claim \\(claim ${added.claimId}\\)`));
      await expect(store.addClaim(saved.documentId, { ...missed, polarity: 'support', by: ' ' })).rejects.toThrow(/by: say who reviews/);
      expect(await store.listReviews()).toHaveLength(1);
      expect(await store.counts()).toMatchObject({ claims: 2 });

      // Re-extraction that still misses it keeps it; one that now finds it marks the model's claim confirmed, once.
      expect(await store.replaceAnalysis(saved.documentId, { claims: [claim({})] })).toEqual({ removed: 0, added: 0 });
      const found = claim({ ...sentence, actor: 'ukraine', polarity: 'oppose', modality: 'reject', rule: 'reject/ceasefire', confidence: 0.8 });
      expect(await store.replaceAnalysis(saved.documentId, { claims: [claim({}), found] })).toEqual({ removed: 1, added: 1 });
      expect((await store.listClaims({ actor: 'ukraine' })).map((c) => [c.rule, c.review, c.confidence])).toEqual([['reject/ceasefire', 'confirmed', 0.8]]);

      // Stored again (a re-ingest after a delete): the model's claims, the analyst's claim beside them; a model that finds nothing still gets it.
      await store.deleteDocument(saved.documentId);
      const again = await store.saveDocument(doc('a', { cleanText: text }), [claim({})]);
      expect((await store.listClaims()).filter((c) => c.documentId === again.documentId).map((c) => [c.actor, c.rule, c.review])).toEqual([
        ['russia', 'accept/ceasefire', undefined],
        ['ukraine', 'analyst/added', 'added'],
      ]);
      await store.deleteDocument(again.documentId);
      const empty = await store.saveDocument(doc('a', { cleanText: text }), []);
      const [only] = (await store.listClaims()).filter((c) => c.documentId === empty.documentId);
      expect(only).toMatchObject({ actor: 'ukraine', review: 'added' });

      // A rejection removes it, and it stays out when the text is stored again.
      await store.reviewClaim(only!.id, { action: 'reject', by: 'bo', note: 'read again: a prediction' });
      expect(await store.matrix({ actor: 'ukraine' })).toEqual([]);
      await store.deleteDocument(empty.documentId);
      const last = await store.saveDocument(doc('a', { cleanText: text }), [claim({})]);
      expect((await store.listClaims()).filter((c) => c.documentId === last.documentId).map((c) => c.actor)).toEqual(['russia']);
    });

    it('replaces a document\'s claims with a new extraction: unchanged rows keep their ids, reviews carry over, every view follows', async () => {
      const { store } = await freshStore();
      const older = [claim({}), claim({ start: 40, end: 70, sentenceIndex: 1 }), claim({ actor: 'ukraine', start: 80, end: 110, sentenceIndex: 2 }), claim({ proposition: 'sanctions', start: 120, end: 150, sentenceIndex: 3 })];
      const saved = await store.saveDocument(doc('a'), older);
      await store.saveDocument(doc('b', { outlet: 'Wire B' }), [claim({ polarity: 'oppose' })]);
      const [same, confirmed, rejected, dropped] = (await store.listClaims()).filter((c) => c.documentId === saved.documentId);
      await store.reviewClaim(confirmed!.id, { action: 'confirm', by: 'ana' });
      await store.reviewClaim(rejected!.id, { action: 'reject', by: 'ana' });
      const before = await store.version();

      // The new extraction: the first claim again, the rejected one again, a changed modality, a new claim; the confirmed one is gone.
      const newer = [claim({}), claim({ actor: 'ukraine', start: 80, end: 110, sentenceIndex: 2 }), claim({ proposition: 'sanctions', start: 120, end: 150, sentenceIndex: 3, modality: 'demand' }), claim({ actor: 'usa', start: 160, end: 190, sentenceIndex: 4, confidence: 0.7 })];
      expect(await store.replaceAnalysis(saved.documentId, { claims: newer })).toEqual({ removed: 1, added: 2 });
      const claims = (await store.listClaims()).filter((c) => c.documentId === saved.documentId);
      expect(claims.map((c) => [c.actor, c.proposition, c.start, c.modality, c.review])).toEqual([
        ['russia', 'ceasefire', 0, 'accept', undefined],
        ['russia', 'ceasefire', 40, 'accept', 'confirmed'],
        ['russia', 'sanctions', 120, 'demand', undefined],
        ['usa', 'ceasefire', 160, 'accept', undefined],
      ]);
      expect(claims[0]!.id).toBe(same!.id);
      expect(claims.some((c) => c.id === dropped!.id)).toBe(false);
      expect(claims[3]).toMatchObject({ confidence: 0.7, published: '2025-03-11', clusterId: saved.documentId });
      expect(await store.version()).not.toBe(before);
      const matrix = await store.matrix();
      expect(matrix.find((m) => m.actor === 'russia' && m.proposition === 'ceasefire')).toMatchObject({ support: 2, oppose: 1, documents: 2 });
      expect(matrix.find((m) => m.actor === 'usa')).toMatchObject({ support: 1 });
      expect(matrix.some((m) => m.actor === 'ukraine')).toBe(false);
      expect(await store.counts()).toEqual({ documents: 2, claims: 5 });

      // The same extraction again writes nothing; an unknown document is no replacement.
      const ids = (await store.listClaims()).map((c) => c.id);
      expect(await store.replaceAnalysis(saved.documentId, { claims: newer })).toEqual({ removed: 0, added: 0 });
      expect((await store.listClaims()).map((c) => c.id)).toEqual(ids);
      expect(await store.replaceAnalysis(999_999, { claims: newer })).toBeUndefined();
      expect(await store.documentIds()).toHaveLength(2);
    });

    it('follows the screen when a new analysis changes its mind: a skipped document joins its near-duplicates, an analysed one leaves them', async () => {
      const { store } = await freshStore();
      const first = await store.saveDocument(doc('a', { cleanText: ORIGINAL_STORY }), [claim({})]);
      const skipped = await store.saveDocument(doc('b', { cleanText: EDITED_COPY, outlet: 'Wire B', skipReason: 'off the pack topic (1 topic term, need 2)' }), []);
      expect(await store.documentIds()).toEqual([first.documentId, skipped.documentId]);

      // On topic now: analysed, clustered with the story it copies, its claims counted there.
      const onTopic = { claims: [claim({})], language: 'en', minhash: minhash(EDITED_COPY)! };
      expect(await store.replaceAnalysis(skipped.documentId, onTopic)).toEqual({ removed: 0, added: 1, screen: 'analysed' });
      const analysed = await store.getDocument(skipped.documentId);
      expect(analysed).toMatchObject({ clusterId: first.documentId, language: 'en' });
      expect(analysed?.skipReason).toBeUndefined();
      expect(await store.matrix()).toMatchObject([{ support: 2, documents: 2, outlets: 2, clusters: 1 }]);
      expect((await store.listClaims()).map((c) => c.clusterId)).toEqual([first.documentId, first.documentId]);
      expect(await store.findNearDuplicate(EDITED_COPY)).toMatchObject({ documentId: skipped.documentId });
      expect(await store.replaceAnalysis(skipped.documentId, onTopic)).toEqual({ removed: 0, added: 0 });

      // Off topic now: skipped, its claims gone, out of the near-duplicate index.
      const offTopic = { claims: [claim({})], skipReason: 'off the pack topic (0 topic terms, need 2)', language: 'en' };
      expect(await store.replaceAnalysis(first.documentId, offTopic)).toEqual({ removed: 1, added: 0, screen: 'skipped' });
      expect(await store.getDocument(first.documentId)).toMatchObject({ clusterId: first.documentId, skipReason: offTopic.skipReason });
      expect((await store.listDocuments({ skipped: true })).map((d) => d.id)).toEqual([first.documentId]);
      expect(await store.matrix()).toMatchObject([{ support: 1, documents: 1, outlets: 1 }]);
      expect(await store.findNearDuplicate(ORIGINAL_STORY)).toMatchObject({ documentId: skipped.documentId });
      expect(await store.counts()).toEqual({ documents: 2, claims: 1 });
    });

    it('applies reviews again when the same text is stored again, and not to another text', async () => {
      const { store } = await freshStore();
      const original = [claim({}), claim({ start: 40, end: 70, sentenceIndex: 1 }), claim({ actor: 'ukraine', start: 80, end: 110, sentenceIndex: 2 }), claim({ proposition: 'sanctions_relief', start: 120, end: 150, sentenceIndex: 3 })];
      const saved = await store.saveDocument(doc('a'), original);
      const [kept, dropped, moved, fixedTwice] = await store.listClaims();
      await store.reviewClaim(kept!.id, { action: 'confirm', by: 'ana' });
      await store.reviewClaim(dropped!.id, { action: 'reject', by: 'ana' });
      await store.reviewClaim(moved!.id, { action: 'fix', polarity: 'oppose', by: 'ana' });
      // A fix fixed again: the second review is keyed by the first one's result.
      const once = await store.reviewClaim(fixedTwice!.id, { action: 'fix', actor: 'usa', by: 'ana' });
      await store.reviewClaim(once.claimId!, { action: 'fix', polarity: 'oppose', by: 'bo' });
      const reviewed = (await store.listClaims()).map((c) => [c.actor, c.proposition, c.polarity, c.start, c.review]);
      const matrix = await store.matrix();

      expect(await store.deleteDocument(saved.documentId)).toBe(true);
      expect(await store.counts()).toEqual({ documents: 0, claims: 0 });
      expect(await store.listReviews()).toHaveLength(5);
      const again = await store.saveDocument(doc('a'), original);
      expect(again.created).toBe(true);
      expect((await store.listClaims()).map((c) => [c.actor, c.proposition, c.polarity, c.start, c.review])).toEqual(reviewed);
      expect(reviewed).toEqual([
        ['russia', 'ceasefire', 'support', 0, 'confirmed'],
        ['ukraine', 'ceasefire', 'oppose', 80, 'fixed'],
        ['usa', 'sanctions_relief', 'oppose', 120, 'fixed'],
      ]);
      expect(await store.matrix()).toEqual(matrix);
      expect(await store.counts()).toEqual({ documents: 1, claims: 3 });

      // Another text with the same claims is not touched by these reviews.
      await store.saveDocument(doc('b'), original);
      expect((await store.listClaims()).filter((c) => c.documentId !== again.documentId).map((c) => c.review)).toEqual([undefined, undefined, undefined, undefined]);
      expect(await store.counts()).toEqual({ documents: 2, claims: 7 });
    });

    it('pages through claims by keyset: the pages, joined, are the list, in order, with no claim twice or missing', async () => {
      const { store } = await freshStore();
      // Days with several documents, undated documents, and sentences with more than one claim (ties).
      const days = ['2025-03-01', '2025-03-02', undefined, '2025-03-02', '2025-02-27', undefined, '2025-03-01', '2025-03-03'];
      for (const [n, published] of days.entries()) {
        await store.saveDocument(doc(`d${n}`, { cleanText: `text ${n}`, published, outlet: n % 2 ? 'Wire B' : 'Wire A' }), [
          claim({ sentenceIndex: 2 }),
          claim({ sentenceIndex: 0, actor: 'ukraine', polarity: 'oppose' }),
          claim({ sentenceIndex: 2, proposition: 'sanctions-relief' }),
          claim({ sentenceIndex: 1, actor: n % 3 ? 'ukraine' : 'russia' }),
          claim({ sentenceIndex: 0 }),
        ]);
      }
      const filters: ClaimFilter[] = [{}, { actor: 'ukraine' }, { polarity: 'support' }, { since: '2025-03-01' }, { outlet: 'Wire B' }, { actor: 'russia', until: '2025-03-02' }];
      for (const base of filters) {
        for (const newestFirst of [true, false]) {
          const filter = { ...base, newestFirst };
          const whole = (await store.listClaims(filter)).map((c) => c.id);
          for (const size of [1, 2, 3, 7]) {
            const paged: number[] = [];
            let page: StoredClaim[] = await store.listClaims({ ...filter, limit: size });
            while (page.length > 0) {
              paged.push(...page.map((c) => c.id));
              const after = positionOf(page[page.length - 1]!);
              page = await store.listClaims({ ...filter, limit: size, after });
              const iterated: number[] = [];
              for await (const c of store.iterateClaims({ ...filter, limit: size, after })) iterated.push(c.id);
              expect(iterated, JSON.stringify({ filter, size, after })).toEqual(page.map((c) => c.id));
            }
            expect(paged, JSON.stringify({ filter, size })).toEqual(whole);
          }
        }
      }
      const all = await store.listClaims({ newestFirst: true });
      expect(all).toHaveLength(40);
      // Undated claims keep together at one end (SQLite sorts them last, PostgreSQL first).
      expect([all[0]!.published, all.at(-1)!.published]).toContain(undefined);
    });

    it('changes its version on every write, by this connection or another, and keeps it while only reading', async () => {
      const { store } = await freshStore();
      const other = await openAgain(store);
      open.push(other);
      const seen = new Set<string>();
      const changed = async (): Promise<void> => {
        const version = await store.version();
        expect(seen.has(version), `version ${version} seen before`).toBe(false);
        seen.add(version);
      };
      await changed();
      await store.saveDocument(doc('a'), [claim({}), claim({ actor: 'ukraine' })]);
      await changed();
      const before = await store.version();
      await store.matrix();
      await store.listClaims({ newestFirst: true, limit: 1 });
      expect(await store.version()).toBe(before);
      await other.saveDocument(doc('b'), [claim({ polarity: 'oppose' })]);
      await changed();
      const [first] = await store.listClaims();
      await other.reviewClaim(first!.id, { action: 'reject', by: 'contract' });
      await changed();
      await store.reviewClaim((await store.listClaims())[0]!.id, { action: 'confirm', by: 'contract' });
      await changed();
      await other.deleteDocument((await store.listDocuments())[0]!.id);
      await changed();
      await store.deleteDocument((await store.listDocuments())[0]!.id);
      await changed();
      expect(await store.counts()).toEqual({ documents: 0, claims: 0 });
    });

    it('never half-stores a document: a failing claim rolls back the whole document', async () => {
      const { store } = await freshStore();
      const bad = claim({ polarity: 'maybe' as never });
      await expect(store.saveDocument(doc('a'), [claim({}), bad])).rejects.toThrow();
      expect(await store.counts()).toEqual({ documents: 0, claims: 0 });
    });

    // Batches: SQLite holds one transaction over several documents, PostgreSQL saves each alone; both must behave so.
    const NO_LIMIT = { documents: 1_000, milliseconds: 600_000 };

    it('keeps the other documents of a batch when one in the middle fails, and stores none of the failing one', async () => {
      const { store } = await freshStore();
      const batch = store.openBatch(NO_LIMIT);
      expect((await batch.saveDocument(doc('a'), [claim({})])).created).toBe(true);
      await expect(batch.saveDocument(doc('b'), [claim({ actor: 'ukraine' }), claim({ polarity: 'maybe' as never })])).rejects.toThrow();
      expect((await batch.saveDocument(doc('c'), [claim({ polarity: 'oppose' })])).created).toBe(true);
      await batch.end();
      expect((await store.listDocuments()).map((d) => d.origin)).toEqual(['a.txt', 'c.txt']);
      expect((await store.listClaims()).map((c) => [c.origin, c.actor, c.polarity])).toEqual([['a.txt', 'russia', 'support'], ['c.txt', 'russia', 'oppose']]);
      expect(await store.matrix()).toMatchObject([{ actor: 'russia', support: 1, oppose: 1, documents: 2 }]);
      // The failed document can be stored once it is fixed.
      expect((await store.saveDocument(doc('b'), [claim({ actor: 'ukraine' })])).created).toBe(true);
    });

    it('stores a text once when it comes twice in one batch, and clusters a copy with a story earlier in the batch', async () => {
      const { store } = await freshStore();
      const batch = store.openBatch(NO_LIMIT);
      const first = await batch.saveDocument(doc('a', { cleanText: ORIGINAL_STORY }), [claim({})]);
      const again = await batch.saveDocument(doc('a', { cleanText: ORIGINAL_STORY }), [claim({})]);
      expect(again).toEqual({ documentId: first.documentId, created: false });
      expect(await store.hasDocument('a')).toBe(true);
      expect(await store.findNearDuplicate(EDITED_COPY)).toMatchObject({ clusterId: first.documentId });
      const copy = await batch.saveDocument(doc('b', { cleanText: EDITED_COPY }), [claim({})]);
      await batch.end();
      expect(await store.getDocument(copy.documentId)).toMatchObject({ clusterId: first.documentId });
      expect(await store.counts()).toEqual({ documents: 2, claims: 2 });
    });

    it('shows a batch to other connections once it ends, once it is full, or once it is old', async () => {
      const { store } = await freshStore();
      const other = await openAgain(store);
      open.push(other);
      const ended = store.openBatch(NO_LIMIT);
      await ended.saveDocument(doc('a'), [claim({})]);
      await ended.end();
      expect(await other.counts()).toEqual({ documents: 1, claims: 1 });
      const full = store.openBatch({ documents: 2, milliseconds: 600_000 });
      await full.saveDocument(doc('b'), [claim({})]);
      await full.saveDocument(doc('c'), [claim({})]);
      expect(await other.counts()).toEqual({ documents: 3, claims: 3 });
      const old = store.openBatch({ documents: 1_000, milliseconds: 20 });
      await old.saveDocument(doc('d'), [claim({})]);
      // No save comes after it: the batch commits on its own.
      for (let tries = 0; tries < 500 && (await other.counts()).documents < 4; tries++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await other.counts()).toEqual({ documents: 4, claims: 4 });
      await old.end();
    });

    it('runs other writes while a batch is open, and commits the open batch when the store closes', async () => {
      const { store } = await freshStore();
      const other = await openAgain(store);
      open.push(other);
      const batch = store.openBatch(NO_LIMIT);
      const a = await batch.saveDocument(doc('a'), [claim({})]);
      await batch.saveDocument(doc('b'), [claim({ actor: 'ukraine' })]);
      expect(await store.deleteDocument(a.documentId)).toBe(true);
      const [kept] = await store.listClaims();
      await store.reviewClaim(kept!.id, { action: 'confirm', by: 'contract' });
      expect((await store.saveDocument(doc('c'), [claim({})])).created).toBe(true);
      await batch.saveDocument(doc('d'), [claim({ polarity: 'oppose' })]);
      open.splice(open.indexOf(store), 1);
      await store.close();
      expect((await other.listDocuments()).map((d) => d.origin)).toEqual(['b.txt', 'c.txt', 'd.txt']);
      expect((await other.listClaims({ actor: 'ukraine' }))[0]?.review).toBe('confirmed');
    });
  });
}
