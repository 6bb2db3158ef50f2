// Small helpers for running global regular expressions over text.
import { cachedAutomaton } from './automaton-cache.js';
import { type LiteralAutomaton, requiredLiterals } from './literal-filter.js';

export interface Span {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A letter, digit or underscore: what a word-bounded pattern may not cut through. */
const WORD_CLASS = '[\\p{L}\\p{N}_]';
/** Not between two word characters: what a bounded pattern asserts at its end. */
const TRAILING_BOUND = `(?:(?!${WORD_CLASS})|(?<!${WORD_CLASS}))`;

/**
 * What a word-bounded regex is run with: its bare pattern (global) and a one-character
 * test of its word class under the same flags. Under `i` with `u`, every copy of the word
 * class costs V8 about half a millisecond to compile per tier, four per bounded regex; the
 * bare pattern compiles in a twentieth of that, so the bounded regex runs only when the
 * bare match does not sit on word boundaries.
 */
interface WordBounds {
  readonly bare: RegExp;
  readonly word: RegExp;
  /**
   * The bare pattern and then the trailing word bound, sticky, made on first need: it tries
   * one start instead of scanning the rest of the text. Only starts on a leading bound are
   * tried, and there `re`'s leading bound holds whichever way it is taken, so this finds
   * `re`'s match at that start with half of its word classes to compile (~1 ms each under `iu`).
   */
  endBounded?: RegExp;
}
const wordTests = new Map<string, RegExp>();

/**
 * The patterns with a literal prefilter: each registered regex gets a key (its
 * `literalKey`), and one automaton over all their literals tells, per text, which
 * keys may match at all.
 */
const pendingLiterals: { re: { literalKey: number | undefined }; necessary: RegExp }[] = [];
/** The keys of plain global regexes registered with `prefiltered`, by regex. */
const plainKeys = new WeakMap<RegExp, { literalKey: number | undefined }>();
const keyLiterals: (readonly string[])[] = [];
let automaton: LiteralAutomaton | undefined;
/** The text last scanned and, per key, the scan that saw one of its literals (a stamp, so no reset is needed). */
let scannedText: string | undefined;
let scanStamp = 0;
let seenAt = new Int32Array(0);

/** Parse the patterns registered since the last scan and rebuild the automaton over all literals. */
function buildAutomaton(): LiteralAutomaton {
  for (const { re, necessary } of pendingLiterals.splice(0)) {
    const literals = requiredLiterals(necessary);
    if (!literals) continue;
    re.literalKey = keyLiterals.length;
    keyLiterals.push(literals);
  }
  seenAt = new Int32Array(keyLiterals.length);
  scannedText = undefined;
  return cachedAutomaton(keyLiterals);
}

/** False when no literal of the pattern keyed `re` occurs in `text`: one automaton pass per distinct text serves every pattern. */
function mayMatch(re: { literalKey: number | undefined }, text: string): boolean {
  if (pendingLiterals.length > 0 || !automaton) automaton = buildAutomaton();
  const key = re.literalKey;
  if (key === undefined) return true;
  if (text !== scannedText) {
    scannedText = text;
    automaton.mark(text, seenAt, ++scanStamp);
  }
  return seenAt[key] === scanStamp;
}

/** The necessary patterns registered so far (their literal lists go into the pack cache). */
export function prefilterPatterns(): RegExp[] {
  return pendingLiterals.map((p) => p.necessary);
}

/**
 * `re` (global), with its literals in the prefilter: findAll then runs it only on texts
 * that hold one of them. Its matches stay the same; for patterns the code holds, not
 * the pack's, which wordBounded registers itself.
 */
export function prefiltered(re: RegExp): RegExp {
  const keyed = { literalKey: undefined };
  plainKeys.set(re, keyed);
  pendingLiterals.push({ re: keyed, necessary: new RegExp(re.source, re.flags.replace('g', '')) });
  return re;
}

/**
 * A global regex for `source` matching whole words only: it does not start or end
 * inside a run of letters, digits and underscores, except on a side where the pattern
 * itself has none (", as" follows a word by nature). `wordBounded('truce', 'iu')`
 * finds "truce" but not "untruced".
 */
export function wordBounded(source: string, flags: 'iu' | 'u'): RegExp {
  const w = WORD_CLASS;
  let word = wordTests.get(flags);
  if (!word) wordTests.set(flags, (word = new RegExp(w, `y${flags}`)));
  const re = new BoundedRegExp(source, `(?:(?<!${w})|(?!${w}))(?:${source})${TRAILING_BOUND}`, `g${flags}`, { bare: new RegExp(source, `g${flags}`), word });
  // The bare pattern must match wherever `re` does: its literals rule texts out.
  pendingLiterals.push({ re, necessary: new RegExp(source, flags) });
  return re;
}

/**
 * A word-bounded regex that parses its bounded pattern only when something runs
 * it. Under `iu`, V8 closes each of the four word classes over case as it parses
 * them, about 0.3 ms per pattern, half the compile of a pack; findAll runs the
 * bare pattern and checks the bounds in code, so most patterns never need theirs.
 * Everything else that reads or runs it (exec, test, match, replace, split,
 * source, toString) gets the bounded pattern, as from `new RegExp(bounded)`;
 * copy it with `new RegExp(re.source, re.flags)`, as `new RegExp(re)` takes the
 * engine's own slot, the bare pattern.
 */
class BoundedRegExp extends RegExp {
  private boundedRe: RegExp | undefined;
  /** Its key in the literal automaton; undefined when its pattern yields no useful literals. Fields, not WeakMaps: findAll reads them on every call. */
  literalKey: number | undefined;

  constructor(
    bare: string,
    private readonly boundedSource: string,
    flags: string,
    readonly bounds: WordBounds,
  ) {
    // The bare pattern is parsed here anyway (findAll's own copy is then a V8 cache hit).
    super(bare, flags);
  }

  static override get [Symbol.species](): RegExpConstructor {
    return RegExp;
  }

  /** The bounded pattern itself, parsed on first use. */
  private get bounded(): RegExp {
    return (this.boundedRe ??= new RegExp(this.boundedSource, this.flags));
  }

  override get source(): string {
    return this.boundedSource;
  }

  /** Run `fn` on the bounded regex with this one's lastIndex, and keep the index it leaves. */
  private through<T>(fn: (re: RegExp) => T): T {
    const re = this.bounded;
    re.lastIndex = this.lastIndex;
    try {
      return fn(re);
    } finally {
      this.lastIndex = re.lastIndex;
    }
  }

  override exec(text: string): RegExpExecArray | null {
    return this.through((re) => re.exec(text));
  }

  override test(text: string): boolean {
    return this.through((re) => re.test(text));
  }

  override toString(): string {
    return `/${this.boundedSource}/${this.flags}`;
  }

  override [Symbol.match](text: string): RegExpMatchArray | null {
    return this.through((re) => re[Symbol.match](text));
  }

  override [Symbol.matchAll](text: string): RegExpStringIterator<RegExpMatchArray> {
    return this.through((re) => re[Symbol.matchAll](text));
  }

  override [Symbol.replace](text: string, replacement: string | ((substring: string, ...args: unknown[]) => string)): string {
    return this.through((re) => re[Symbol.replace](text, replacement as string));
  }

  override [Symbol.search](text: string): number {
    return this.through((re) => re[Symbol.search](text));
  }

  override [Symbol.split](text: string, limit?: number): string[] {
    return this.through((re) => re[Symbol.split](text, limit));
  }
}

/**
 * All non-empty matches of a global regex in `text`, offsets shifted by `base`. Each
 * span's text is cut from `wording`, a text of the same length read in place of `text`
 * (the sentence as written when `text` is its folded copy).
 */
export function findAll(re: RegExp, text: string, base = 0, wording = text): readonly Span[] {
  // Most patterns are ruled out for most sentences: those calls share one empty list.
  if (re instanceof BoundedRegExp) return mayMatch(re, text) ? findBounded(re, re.bounds, text, base, wording, []) : NO_SPANS;
  const keyed = plainKeys.get(re);
  if (keyed && !mayMatch(keyed, text)) return NO_SPANS;
  const spans: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    spans.push(spanOf(m, base, wording, text));
  }
  return spans;
}

const NO_SPANS: readonly Span[] = Object.freeze([]);

function spanOf(m: RegExpExecArray, base: number, wording: string, text: string): Span {
  const end = m.index + m[0].length;
  return { start: base + m.index, end: base + end, text: wording === text ? m[0] : wording.slice(m.index, end) };
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** Whether the code point that ends at `at` (`before`) or starts there is a word character. */
function isWordAt(word: RegExp, text: string, at: number, before: boolean): boolean {
  if (before ? at <= 0 : at >= text.length) return false;
  let from = before ? at - 1 : at;
  // Under `u` a lookbehind reads the whole surrogate pair.
  if (before && from > 0 && isLowSurrogate(text.charCodeAt(from)) && isHighSurrogate(text.charCodeAt(from - 1))) from--;
  word.lastIndex = from;
  return word.test(text);
}

/** The index after the code point at `at`: under `u` a start inside a surrogate pair would step back to it. */
function nextCodePoint(text: string, at: number): number {
  return at + (isHighSurrogate(text.charCodeAt(at)) && isLowSurrogate(text.charCodeAt(at + 1)) ? 2 : 1);
}

/**
 * The matches of the bounded `re`, the same as its own global scan finds. Every match of
 * `re` starts where the bare pattern matches, and at that start the bare pattern's first
 * match is `re`'s whenever it begins and ends on word bounds (the bounds are zero-width,
 * so the engine tries the same paths in the same order). A start inside a word cannot
 * begin a match of `re`. Otherwise `re` itself is tried
 * at that start only (anchored, as `endBounded`): its match there, if any, is the leftmost; if none, no
 * match of `re` starts before the bare pattern's next match, so the scan goes on from the
 * next character. Running `re` itself over the rest of the text ("Russia" inside
 * "Russian", near the start of a long sentence) cost more than all the bare scans.
 */
function findBounded(re: RegExp, bounds: WordBounds, text: string, base: number, wording: string, spans: Span[]): Span[] {
  const { bare, word } = bounds;
  let from = 0;
  while (from <= text.length) {
    bare.lastIndex = from;
    let m = bare.exec(text);
    if (m === null) break;
    const start = m.index;
    const end = start + m[0].length;
    // Inside a word ("no" in "economy") the leading bound fails whatever path `re` takes.
    const startBounded = !(isWordAt(word, text, start, true) && isWordAt(word, text, start, false));
    const bounded = end > start && startBounded && !(isWordAt(word, text, end, false) && isWordAt(word, text, end, true));
    if (!bounded) {
      if (!startBounded) {
        from = nextCodePoint(text, start);
        continue;
      }
      bounds.endBounded ??= new RegExp(`(?:${bare.source})${TRAILING_BOUND}`, `${bare.flags.replace('g', '')}y`);
      bounds.endBounded.lastIndex = start;
      m = bounds.endBounded.exec(text);
      if (m === null || m[0].length === 0) {
        from = nextCodePoint(text, start);
        continue;
      }
    }
    spans.push(spanOf(m, base, wording, text));
    from = m.index + m[0].length;
  }
  re.lastIndex = 0;
  return spans;
}

/** Keep the longest of overlapping spans; earlier spans win ties. */
export function longestNonOverlapping<T extends { start: number; end: number }>(spans: readonly T[]): T[] {
  // Most sentences hold none or one of a kind: nothing to sort or compare.
  if (spans.length <= 1) return [...spans];
  const sorted = [...spans].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: T[] = [];
  for (const span of sorted) {
    if (kept.every((k) => span.end <= k.start || span.start >= k.end)) kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}
