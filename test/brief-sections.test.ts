// Briefing sections follow each claim's modality and conditional flag, not only
// its polarity: a conditional offer is an offer, a demand against is a demand.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBrief } from '../src/analysis/brief.js';
import { getPack } from '../src/pack/compile.js';
import type { Claim, Modality, Polarity } from '../src/pipeline/types.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';

const TEXT = 'Zelensky offers to drop the NATO bid in return for guarantees. The plan says Ukraine shall not join NATO. Putin demands a ceasefire. Kyiv rejects any limit on its army.';

function claim(actor: string, proposition: string, polarity: Polarity, modality: Modality, evidence: string, conditional = false): Claim {
  const start = TEXT.indexOf(evidence);
  return { actor, proposition, polarity, modality, evidence, start, end: start + evidence.length, hedged: false, reported: false, conditional, rule: 'test', sentenceIndex: 0 };
}

describe('briefing sections', () => {
  it.each([
    ['ukraine', 'offers', /^Offers to give up \(on conditions\): Ukraine joins NATO/],
    ['usa', 'demands', /^Demands no: Ukraine joins NATO/],
    ['russia', 'demands', /^Demands: A halt of hostilities/],
    ['ukraine', 'redLines', /^Rejects: Limits on Ukraine's armed forces/],
  ] as const)('%s: %s', async (actor, section, text) => {
    const store = await SqliteStore.open(join(tempDir(), 'b.db'));
    await store.saveDocument({ contentHash: 'h1', origin: 'a.txt', cleanText: TEXT, published: '2025-12-15', outlet: 'Test Wire' }, [
      claim('ukraine', 'nato_membership', 'oppose', 'offer', 'Zelensky offers to drop the NATO bid in return for guarantees.', true),
      claim('usa', 'nato_membership', 'oppose', 'demand', 'The plan says Ukraine shall not join NATO.'),
      claim('russia', 'ceasefire', 'support', 'demand', 'Putin demands a ceasefire.'),
      claim('ukraine', 'military_limits', 'oppose', 'reject', 'Kyiv rejects any limit on its army.'),
    ]);
    const brief = await buildBrief(store, getPack(), {});
    await store.close();
    const party = brief.parties.find((p) => p.actor === actor)!;
    const lines = [...party.demands, ...party.redLines, ...party.offers].filter((l) => text.test(l.text));
    expect(lines).toHaveLength(1);
    expect(party[section]).toContain(lines[0]);
  });
});
