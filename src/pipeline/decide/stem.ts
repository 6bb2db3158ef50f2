// Word stems for the decider's features and learned keywords: lower case, a few
// English suffixes stripped, so "sanctions", "sanctioned" and "sanction" meet.
import type { Sentence } from '../types.js';

const SUFFIXES = ['ations', 'ation', 'ments', 'ment', 'ings', 'ing', 'ions', 'ion', 'ies', 'ied', 'ed', 'es', 's', 'ly'];
const WORD = /^[\p{L}][\p{L}'’-]*$/u;

/** `stem('guarantees')` → "guarante"; short words stay as they are. */
export function stem(word: string): string {
  const w = word.toLowerCase().replace(/['’]s$/, '');
  if (w.length <= 4) return w;
  for (const suffix of SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) return w.slice(0, -suffix.length);
  }
  return w;
}

export interface StemToken {
  readonly stem: string;
  readonly start: number;
  readonly end: number;
}

const cache = new WeakMap<Sentence, StemToken[]>();

/** The sentence's words as stems with their offsets (punctuation and numbers left out). */
export function stemsOf(sentence: Sentence): StemToken[] {
  let stems = cache.get(sentence);
  if (!stems) {
    stems = sentence.tokens.filter((t) => WORD.test(t.text)).map((t) => ({ stem: stem(t.text), start: t.start, end: t.end }));
    cache.set(sentence, stems);
  }
  return stems;
}
