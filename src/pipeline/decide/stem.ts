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

/**
 * Stems by token text, null for a token that is no word: a word met before costs one
 * lookup, and its stem is the same string each time, so the maps keyed by stems
 * downstream hash it once.
 */
const stemsByText = new Map<string, string | null>();
/** Texts kept before the table starts again (a long ingest meets ever more words). */
const MAX_TEXTS = 100_000;

function tokenStem(text: string): string | null {
  let s = stemsByText.get(text);
  if (s === undefined) {
    if (stemsByText.size >= MAX_TEXTS) stemsByText.clear();
    stemsByText.set(text, (s = WORD.test(text) ? stem(text) : null));
  }
  return s;
}

/** The sentence's words as stems with their offsets (punctuation and numbers left out). */
export function stemsOf(sentence: Sentence): StemToken[] {
  let stems = cache.get(sentence);
  if (!stems) {
    stems = [];
    for (const t of sentence.tokens) {
      const s = tokenStem(t.text);
      if (s !== null) stems.push({ stem: s, start: t.start, end: t.end });
    }
    cache.set(sentence, stems);
  }
  return stems;
}
