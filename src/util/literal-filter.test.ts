// The literal prefilter must be a necessary condition: wherever a pattern matches,
// one of its literals occurs. Tables for the literal lists, then every pack
// pattern against every sentence of the sample corpus.
import { describe, expect, it } from 'vitest';
import { LiteralAutomaton, requiredLiterals } from './literal-filter.js';
import { packPatterns, sampleSentences } from '../../test/pack-patterns.js';

describe('requiredLiterals', () => {
  it.each([
    [/cease-?fire/iu, ['ceasefir', 'cease-fi']],
    [/talk(s|ed)? about/iu, ['talk abo', 'talks ab', 'talked a']],
    [/(?<![\p{L}])demand(s|ed)?(?![\p{L}])/iu, ['demand']],
    [/US|EU/u, null],
    [/\w+ed/u, null],
    [/(?:Keir )?Starmer/u, ['starmer', 'keir sta']],
    [/recogni[sz]e/iu, ['recognis', 'recogniz']],
    [/a+bcd/u, ['bcd']],
    [/K/iu, null],
  ] as const)('%s → %j', (re, expected) => {
    expect(requiredLiterals(re)).toEqual(expected);
  });
});

describe('LiteralAutomaton', () => {
  it('finds each key whose literal occurs, folding ASCII case and the Kelvin sign', () => {
    const automaton = new LiteralAutomaton([['truce'], ['sanction', 'embargo'], ['kyiv']]);
    const seen = (text: string): number[] => {
      const keys = new Set<number>();
      automaton.scan(text, (k) => keys.add(k));
      return [...keys].sort();
    };
    expect(seen('A TRUCE and new Sanctions')).toEqual([0, 1]);
    expect(seen('\u212Ayiv said no')).toEqual([2]);
    expect(seen('tru ce, sanct ion')).toEqual([]);
  });
});

describe('every pack pattern', () => {
  const sentences = sampleSentences();
  const patterns = packPatterns();

  it('has a literal list for most patterns', () => {
    const listed = patterns.filter((re) => requiredLiterals(re) !== null).length;
    expect(listed / patterns.length).toBeGreaterThan(0.9);
  });

  it('contains one of its literals in every sentence it matches', () => {
    let matched = 0;
    for (const re of patterns) {
      const literals = requiredLiterals(re);
      if (!literals) continue;
      const automaton = new LiteralAutomaton([literals]);
      for (const text of sentences) {
        re.lastIndex = 0;
        if (!re.test(text)) continue;
        matched++;
        let found = false;
        automaton.scan(text, () => (found = true));
        expect(found, `${re.source.slice(0, 80)} on "${text}"`).toBe(true);
      }
    }
    expect(matched).toBeGreaterThan(100);
  });
});
