import { describe, expect, it } from 'vitest';
import { bounded } from '../pack/compile.js';
import { findAll, wordBounded } from './regex.js';
import { packPatterns, sampleSentences } from '../../test/pack-patterns.js';

/** The same bounded pattern with no prefilter registered: the reference answer. */
const unfiltered = (re: RegExp): RegExp => new RegExp(re.source, re.flags);

describe('findAll on a word-bounded pattern', () => {
  it.each([
    ['truce', 'A truce, not an untruced pause; truce again.'],
    ['cease-?fire', 'No ceasefire yet: the cease-fire talks of ceasefires.'],
    [', as', 'He agreed, as before, and, as expected, left.'],
    ['(?<=, )which', 'The plan, which few read, which failed.'],
    ['sanction(s)?', 'Nothing here matches at all.'],
    // The bare match ends inside a word, so the bounded pattern takes over there.
    ['russia|russian', 'Russian troops left; Russia stayed.'],
    ['talk|talks', 'talkshow talks talk'],
    ['r\\w*', 'rrr-r'],
    // Letters beyond ASCII, astral ones included, are word characters too.
    ['kyiv', 'éKyiv Kyivé 𝐀Kyiv Kyiv𝐀 Kyiv'],
    ['k', '\u212A k K'],
    ['x?', 'a x b'],
    // Bare matches inside words before and between the bounded ones: each is tried where it starts only.
    ['plan|plans', 'planned planning, plansplan plans; a plan.'],
    ['cease|ceasefire', 'ceasefires ceasefire, cease'],
    ['kyiv|kyivs', '𝐀Kyivs𝐀Kyiv 𝐀 Kyivs Kyiv'],
  ])('finds the same spans for /%s/ as the pattern alone', (source, text) => {
    const re = bounded(source, true);
    expect(findAll(re, text, 7)).toEqual(findAll(unfiltered(re), text, 7));
  });

  it('keeps case when the pattern is case-sensitive', () => {
    const re = wordBounded('US|EU', 'u');
    expect(findAll(re, 'The US, us and the EU; USA').map((s) => s.text)).toEqual(['US', 'EU']);
  });

  it('finds what the unfiltered pattern finds for every pack pattern on the sample corpus', () => {
    const sentences = sampleSentences();
    const patterns = packPatterns();
    let found = 0;
    for (const re of patterns) {
      const reference = unfiltered(re);
      for (const text of sentences) {
        const spans = findAll(re, text);
        expect(spans).toEqual(findAll(reference, text));
        found += spans.length;
      }
    }
    expect(found).toBeGreaterThan(1000);
  });
});

describe('a word-bounded regex run directly', () => {
  // It parses its bounded pattern only when run; run any way, it answers as that pattern built at once.
  const text = 'A truce, not an untruced pause; Truce again. truce';
  const ops: [string, (re: RegExp) => unknown][] = [
    ['source and flags', (re) => [re.source, re.flags, String(re)]],
    ['exec in a loop', (re) => {
      const found: [string, number, number][] = [];
      for (let m = re.exec(text); m; m = re.exec(text)) found.push([m[0], m.index, re.lastIndex]);
      return [found, re.lastIndex];
    }],
    ['test keeps lastIndex', (re) => [re.test(text), re.lastIndex, re.test(text), re.lastIndex]],
    ['match', (re) => text.match(re)],
    ['matchAll', (re) => [...text.matchAll(re)].map((m) => [m[0], m.index])],
    ['replace', (re) => text.replace(re, '<$&>')],
    ['replace with a function', (re) => text.replace(re, (m: string) => m.toUpperCase())],
    ['search', (re) => text.search(re)],
    ['split', (re) => text.split(re)],
    // `new RegExp(re)` would copy the bare pattern (the engine reads its own slot, not `source`).
    ['a copy made from its source and flags', (re) => text.replace(new RegExp(re.source, re.flags), '#')],
  ];
  it.each(ops)('%s', (_name, op) => {
    const lazy = wordBounded('truce', 'iu');
    const eager = new RegExp(lazy.source, lazy.flags);
    expect(lazy.source).toContain('(?<!');
    expect(op(lazy)).toEqual(op(eager));
  });
});
