// What makes a briefing and a deal check safe to forward: how much each verdict
// rests on, an "as of" date and the corpus range, each sentence cited once, and print styles.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { briefToHtml, briefToMarkdown, buildBrief } from '../src/analysis/brief.js';
import { checkDeal, checkToMarkdown } from '../src/analysis/check.js';
import { getPack } from '../src/pack/compile.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';
import { sampleStore } from './server-fixture.js';

const pack = getPack();

describe('deal check weights', () => {
  it('gives each verdict its confidence and independent sources, and marks one hedged report', async () => {
    const store = await SqliteStore.open(join(tempDir(), 'c.db'));
    const text = 'Russia reportedly backs a full ceasefire.';
    await store.saveDocument({ contentHash: 'x', origin: 'x.txt', cleanText: text, published: '2025-05-01', outlet: 'Test Wire' }, [
      { actor: 'russia', proposition: 'ceasefire', polarity: 'support', modality: 'accept', evidence: text, start: 0, end: text.length, hedged: true, reported: true, conditional: false, rule: 'test', sentenceIndex: 0 },
    ]);
    const check = await checkDeal(store, pack, '1. A full ceasefire.');
    await store.close();
    const russia = check.points[0]!.verdicts.find((v) => v.actor === 'russia')!;
    expect(russia).toMatchObject({ verdict: 'accepts', sources: 1, singleHedged: true });
    expect(checkToMarkdown(check)).toMatch(/\*\*russia\*\*: accepts \(confidence 0\.25, 1 independent source, one hedged report only\)/);
  });
});

describe('the briefing for sharing', () => {
  let store: SqliteStore;
  beforeAll(async () => ({ store } = await sampleStore()));
  afterAll(async () => store.close());

  it('says as of when and which corpus, and cites each sentence once', async () => {
    const brief = await buildBrief(store, pack);
    const overview = await store.overview();
    expect(brief.corpus).toEqual({ first: overview.firstDate, last: overview.lastDate, documents: overview.documents });
    expect(brief.asOf).toBe(brief.citations.map((c) => c.published).sort().at(-1));
    const sentences = brief.citations.map((c) => `${c.documentId}:${c.start}:${c.end}`);
    expect(new Set(sentences).size).toBe(sentences.length);
    expect(briefToMarkdown(brief)).toMatch(/^# .*\n\n\*As of \d{4}-\d\d-\d\d · corpus: \d+ documents, \d{4}-\d\d-\d\d – \d{4}-\d\d-\d\d\*/);
    const since = await buildBrief(store, pack, { since: '2025-09-01' });
    expect(since.corpus.first! >= '2025-09-01').toBe(true);
    expect(since.corpus.documents).toBeLessThan(brief.corpus.documents);
  });

  it('prints cleanly: the HTML briefing has a print stylesheet', async () => {
    const html = briefToHtml(await buildBrief(store, pack));
    expect(html).toMatch(/@media print\{[^}]*body\{/);
    expect(html).toMatch(/<p class="as-of">As of /);
  });
});
