import { describe, expect, it } from 'vitest';
import { bounded } from '../pack/compile.js';
import { findAll, withPrefilter } from './regex.js';

/** The same bounded pattern with no prefilter registered: the reference answer. */
const unfiltered = (re: RegExp): RegExp => new RegExp(re.source, re.flags);

describe('findAll with a prefilter', () => {
  it.each([
    ['truce', 'A truce, not an untruced pause; truce again.'],
    ['cease-?fire', 'No ceasefire yet: the cease-fire talks of ceasefires.'],
    [', as', 'He agreed, as before, and, as expected, left.'],
    ['(?<=, )which', 'The plan, which few read, which failed.'],
    ['sanction(s)?', 'Nothing here matches at all.'],
  ])('finds the same spans for /%s/ as the pattern alone', (source, text) => {
    const re = bounded(source, true);
    expect(findAll(re, text, 7)).toEqual(findAll(unfiltered(re), text, 7));
  });

  it('skips the text when the prefilter does not match', () => {
    const re = withPrefilter(/a/g, /never-in-the-text/);
    expect(findAll(re, 'a a a')).toEqual([]);
  });

  it('starts the scan at the first prefilter match', () => {
    const re = withPrefilter(/\w+/g, /b/);
    expect(findAll(re, 'aa bb').map((s) => s.text)).toEqual(['bb']);
  });
});
