// The golden analyses (test/golden, made from the SQLite store by analysis.test.ts)
// must come out byte for byte the same from the PostgreSQL store.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { briefToMarkdown, buildBrief } from '../src/analysis/brief.js';
import { checkDeal, checkToMarkdown } from '../src/analysis/check.js';
import { findConflicts } from '../src/analysis/conflicts.js';
import { buildMatrix } from '../src/analysis/matrix.js';
import { buildTimeline, listChanges } from '../src/analysis/timeline.js';
import { getPack } from '../src/pack/compile.js';
import { PostgresStore } from '../src/store/postgres/postgres-store.js';
import { fillGoldStore } from './gold-store.js';
import { ROOT } from './helpers.js';
import { freshDatabase, POSTGRES_URL } from './postgres-helpers.js';

const GOLDEN = join(ROOT, 'test', 'golden');
const golden = (name: string): string => readFileSync(join(GOLDEN, name), 'utf8');
const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

(POSTGRES_URL ? describe : describe.skip)('golden analyses from the PostgreSQL store', () => {
  let store: PostgresStore;
  const pack = getPack();
  beforeAll(async () => {
    store = await fillGoldStore(await PostgresStore.open(await freshDatabase()));
  });
  afterAll(async () => {
    await store?.close();
  });

  it('matrix', async () => expect(json(await buildMatrix(store))).toBe(golden('matrix.json')));
  it('conflicts', async () => expect(json(await findConflicts(store, pack))).toBe(golden('conflicts.json')));
  it('timeline', async () => expect(json(await buildTimeline(store, 'russia', 'territory_cession'))).toBe(golden('timeline-russia-territory.json')));
  it('changes', async () => expect(json(await listChanges(store, { since: '2025-09-01' }))).toBe(golden('changes-2025-09.json')));
  it('brief', async () => expect(briefToMarkdown(await buildBrief(store, pack))).toBe(golden('brief.md')));
  it('check', async () => {
    const plan = readFileSync(join(ROOT, 'examples', 'plan-28.md'), 'utf8');
    expect(checkToMarkdown(await checkDeal(store, pack, plan))).toBe(golden('check-plan-28.md'));
  });
});
