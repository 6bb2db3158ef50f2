// Extraction quality, measured by the reference scorer on labelled articles.
// Thresholds are the floors each issue set; raise them as the extractor improves.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelledSets, scoreSet } from '../src/eval/main.js';
import { HAS_SHARED, ROOT } from './helpers.js';

const sets = labelledSets();
const seeds = sets.find((s) => s.name === 'seeds');
const sample = sets.find((s) => s.name === 'sample');

describe.runIf(HAS_SHARED && seeds)('claims on the seed articles (score.py claims)', () => {
  it('reaches P ≥ 0.60, F1 ≥ 0.60 and evidence ≥ 0.90', () => {
    const score = scoreSet(seeds!.docs, seeds!.gold);
    expect(score.p).toBeGreaterThanOrEqual(0.6);
    expect(score.f1).toBeGreaterThanOrEqual(0.6);
    expect(score.evidence).toBeGreaterThanOrEqual(0.9);
  });
});

const dev = sets.find((s) => s.name === 'dev');

describe.runIf(HAS_SHARED && seeds && dev)('claims on seeds and dev together', () => {
  // A regression floor just under the measured figures (P 0.884, R 0.618); issue 4 raises it.
  it('keeps P ≥ 0.86 and R ≥ 0.58', () => {
    const score = scoreSet([...seeds!.docs, ...dev!.docs], [...seeds!.gold, ...dev!.gold]);
    expect(score.p).toBeGreaterThanOrEqual(0.86);
    expect(score.r).toBeGreaterThanOrEqual(0.58);
    expect(score.evidence).toBeGreaterThanOrEqual(0.98);
  });
});

describe.runIf(HAS_SHARED && sample && existsSync(join(ROOT, 'corpus', 'sample', 'gold', 'claims.jsonl')))('claims on the bundled sample corpus', () => {
  it('reaches P ≥ 0.80 and F1 ≥ 0.65 against its own gold', () => {
    const score = scoreSet(sample!.docs, sample!.gold);
    expect(score.p).toBeGreaterThanOrEqual(0.8);
    expect(score.f1).toBeGreaterThanOrEqual(0.65);
  });
});
