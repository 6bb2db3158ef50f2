// The analysis views on a real SQLite store built from the sample corpus and its
// gold claims (so these tests do not move with the extractor), checked against
// golden files. Regenerate them after a deliberate change with UPDATE_GOLDEN=1.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { briefToHtml, briefToMarkdown, buildBrief } from '../src/analysis/brief.js';
import { checkDeal, checkToMarkdown, splitPlan, termsOf } from '../src/analysis/check.js';
import { findConflicts } from '../src/analysis/conflicts.js';
import { buildMatrix, confidence } from '../src/analysis/matrix.js';
import { buildTimeline, listChanges } from '../src/analysis/timeline.js';
import { getPack } from '../src/pack/compile.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fillGoldStore } from './gold-store.js';
import { ROOT, tempDir } from './helpers.js';

const GOLDEN = join(ROOT, 'test', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** The gold store in a SQLite file. */
async function goldStore(path: string): Promise<SqliteStore> {
  return fillGoldStore(await SqliteStore.open(path));
}

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (UPDATE || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

describe('analysis on the sample corpus with its gold claims', () => {
  let store: SqliteStore;
  const pack = getPack();
  beforeAll(async () => {
    store = await goldStore(join(tempDir(), 'gold.db'));
  });
  afterAll(async () => {
    await store.close();
  });

  it('matrix', async () => golden('matrix.json', json(await buildMatrix(store))));
  it('matrix with --min-sources 2 keeps only cells seen in two independent sources', async () => {
    const rows = await buildMatrix(store, { minSources: 2 });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.clusters >= 2)).toBe(true);
    expect(rows.length).toBeLessThan((await buildMatrix(store)).length);
  });
  it('conflicts and common ground', async () => golden('conflicts.json', json(await findConflicts(store, pack))));
  it('timeline of Russia on territory', async () => golden('timeline-russia-territory.json', json(await buildTimeline(store, 'russia', 'territory_cession'))));
  it('keeps timelines and shifts to one outlet, every point cited from it', async () => {
    const outlets = (await store.overview()).outlets;
    expect(outlets.length).toBeGreaterThan(3);
    for (const outlet of outlets) {
      for (const proposition of ['territory_cession', 'ceasefire']) {
        const timeline = await buildTimeline(store, 'russia', proposition, { outlet });
        for (const point of timeline.points) {
          expect(point.evidence.length, `${outlet} ${proposition} ${point.date}`).toBeGreaterThan(0);
          expect(point.evidence.every((e) => e.outlet === outlet)).toBe(true);
        }
      }
      expect((await listChanges(store, { outlet })).every((s) => s.after.outlet === outlet)).toBe(true);
    }
  });
  it('changes since a date', async () => golden('changes-2025-09.json', json(await listChanges(store, { since: '2025-09-01' }))));
  it('briefing (Markdown)', async () => golden('brief.md', briefToMarkdown(await buildBrief(store, pack))));
  it('deal check of the example plan', async () => {
    const plan = readFileSync(join(ROOT, 'examples', 'plan-28.md'), 'utf8');
    golden('check-plan-28.md', checkToMarkdown(await checkDeal(store, pack, plan)));
  });

  it('cites only stored claims in the briefing', async () => {
    const brief = await buildBrief(store, pack);
    const stored = new Set((await store.listClaims()).map((c) => c.id));
    expect(brief.citations.length).toBeGreaterThan(10);
    expect(brief.citations.every((c) => stored.has(c.claimId))).toBe(true);
    const lines = [...brief.parties.flatMap((p) => [...p.demands, ...p.redLines, ...p.offers, ...p.openQuestions]), ...brief.agreement];
    expect(lines.every((l) => l.cites.length > 0)).toBe(true);
  });
});

describe('analysis units', () => {
  it('confidence rises with independent sources and falls with hedging and a split record', () => {
    const base = { support: 2, oppose: 0, supportDocs: 2, opposeDocs: 0, clusters: 1, hedged: 0 };
    expect(confidence({ ...base, clusters: 3 })).toBeGreaterThan(confidence(base));
    expect(confidence({ ...base, hedged: 2 })).toBeLessThan(confidence(base));
    expect(confidence({ ...base, oppose: 2, opposeDocs: 2 })).toBeLessThan(confidence(base));
  });

  it('confidence follows the claims\' own probability: 0.5 is the rules-only prior, sure claims count for more', () => {
    const base = { support: 2, oppose: 0, supportDocs: 2, opposeDocs: 0, clusters: 2, hedged: 0 };
    expect(confidence(base, 0.5)).toBe(confidence(base));
    expect(confidence(base)).toBe(0.75);
    expect(confidence(base, 0.9)).toBe(0.99);
    expect(confidence(base, 0.3)).toBe(0.51);
  });

  it('the matrix weighs a cell by its stored claims\' probability, and a confirmation makes a claim sure', async () => {
    const store = await SqliteStore.open(join(tempDir(), 'weights.db'));
    const truce = { actor: 'russia', proposition: 'ceasefire', polarity: 'support', evidence: 'Moscow backed a truce.', start: 0, end: 22, modality: 'accept', hedged: false, reported: false, conditional: false, rule: 'model/truce', sentenceIndex: 0 } as const;
    await store.saveDocument({ contentHash: 'h1', origin: 'one.txt', cleanText: 'Moscow backed a truce.', published: '2025-03-01' }, [{ ...truce, confidence: 0.4 }]);
    const cell = async (): Promise<number | undefined> => (await buildMatrix(store)).find((r) => r.proposition === 'ceasefire')?.confidence;
    expect(await cell()).toBe(0.4);
    const [stored] = await store.listClaims();
    await store.reviewClaim(stored!.id, { action: 'confirm', by: 'analyst' });
    expect(await cell()).toBe(1);
    await store.close();
  });

  it('splits a plan into numbered points, bullets, or sentences', () => {
    expect(splitPlan('# Title\n1. First point\n2) Second\n- Third')).toEqual(['First point', 'Second', 'Third']);
    expect(splitPlan('Kyiv keeps its army. Sanctions stay.')).toEqual(['Kyiv keeps its army.', 'Sanctions stay.']);
  });

  it('reads what a point asks of each proposition, with negation and opposite wording', () => {
    const pack = getPack();
    expect(termsOf(pack, 'A phased lifting of sanctions on Russia.').map((t) => `${t.proposition} ${t.wants}`)).toEqual(['sanctions oppose']);
    expect(termsOf(pack, 'Ukraine will not join NATO.').map((t) => `${t.proposition} ${t.wants}`)).toEqual(['nato_membership oppose']);
    expect(termsOf(pack, 'Ukraine gives up its bid to join NATO.').map((t) => `${t.proposition} ${t.wants}`)).toEqual(['nato_membership oppose']);
    expect(termsOf(pack, 'Kyiv renounces membership of NATO for good.').map((t) => `${t.proposition} ${t.wants}`)).toEqual(['nato_membership oppose']);
    expect(termsOf(pack, 'Ukraine may apply to join NATO after a review.').map((t) => `${t.proposition} ${t.wants}`)).toEqual(['nato_membership support']);
    expect(termsOf(pack, 'Russia drops its objection to NATO membership for Ukraine.').map((t) => `${t.proposition} ${t.wants}`)).toEqual(['nato_membership support']);
    expect(termsOf(pack, 'Moscow gives up its opposition to a ceasefire.').map((t) => `${t.proposition} ${t.wants}`)).toEqual(['ceasefire support']);
    expect(termsOf(pack, 'There will be no ceasefire before new elections in Ukraine.').map((t) => `${t.proposition} ${t.wants}`).sort()).toEqual(['ceasefire oppose', 'elections support']);
  });

  it('escapes document text in the HTML briefing', async () => {
    const store = await SqliteStore.open(join(tempDir(), 'x.db'));
    try {
      const evidence = `Moscow demanded a ceasefire <script>alert(1)</script> "' onmouseover=alert(2)`;
      await store.saveDocument(
        { contentHash: 'h1', origin: 'x.txt', outlet: 'Test <b>Outlet</b>', published: '2025-01-01', cleanText: evidence },
        [{ actor: 'russia', proposition: 'ceasefire', polarity: 'support', evidence, start: 0, end: evidence.length, modality: 'demand', hedged: false, reported: false, conditional: false, rule: 't', sentenceIndex: 0 }],
      );
      const html = briefToHtml(await buildBrief(store, getPack()));
      expect(html).not.toMatch(/<script>|<b>|" onmouseover/);
      expect(html).toContain('&lt;script&gt;');
      // Markdown viewers render raw HTML and links: document text is escaped there too.
      const markdown = briefToMarkdown(await buildBrief(store, getPack())) + checkToMarkdown(await checkDeal(store, getPack(), '1. A ceasefire <img src=x onerror=alert(3)> [link](javascript:alert(4))'));
      expect(markdown).not.toMatch(/(?<!\\)<(script|b|img)|(?<!\\)\]\(javascript/);
      expect(markdown).toContain('\\<script\\>');
    } finally {
      await store.close();
    }
  });
});
