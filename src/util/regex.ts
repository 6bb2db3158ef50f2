// Small helpers for running global regular expressions over text.
import { LiteralAutomaton, requiredLiterals } from './literal-filter.js';

export interface Span {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * A cheaper regex that must match wherever `re` does (the bare pattern of a
 * word-bounded one): its leading lookaround alternation leaves the engine no
 * literal to scan for, so most sentences are ruled out far faster by the bare one.
 */
const prefilters = new WeakMap<RegExp, RegExp>();

/**
 * The patterns with a literal prefilter: each registered regex gets a key, and one
 * automaton over all their literals tells, per text, which keys may match at all.
 */
const literalKeys = new WeakMap<RegExp, number>();
const pendingLiterals: { re: RegExp; necessary: RegExp }[] = [];
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
    literalKeys.set(re, keyLiterals.length);
    keyLiterals.push(literals);
  }
  seenAt = new Int32Array(keyLiterals.length);
  scannedText = undefined;
  return new LiteralAutomaton(keyLiterals);
}

/** False when no literal `re` needs occurs in `text`: one automaton pass per distinct text serves every pattern. */
function mayMatch(re: RegExp, text: string): boolean {
  if (pendingLiterals.length > 0 || !automaton) automaton = buildAutomaton();
  const key = literalKeys.get(re);
  if (key === undefined) return true;
  if (text !== scannedText) {
    scannedText = text;
    automaton.mark(text, seenAt, ++scanStamp);
  }
  return seenAt[key] === scanStamp;
}

/** Register `necessary` as a prefilter of `re`: it must match in every text where `re` does. */
export function withPrefilter(re: RegExp, necessary: RegExp): RegExp {
  prefilters.set(re, necessary);
  pendingLiterals.push({ re, necessary });
  return re;
}

/** All non-empty matches of a global regex in `text`, offsets shifted by `base`. */
export function findAll(re: RegExp, text: string, base = 0): Span[] {
  const spans: Span[] = [];
  if (!mayMatch(re, text)) return spans;
  // Every match of `re` starts where the prefilter matches, so the scan starts at its first match.
  const first = prefilters.get(re)?.exec(text);
  if (first === null) return spans;
  re.lastIndex = first?.index ?? 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    spans.push({ start: base + m.index, end: base + m.index + m[0].length, text: m[0] });
  }
  return spans;
}

/** Keep the longest of overlapping spans; earlier spans win ties. */
export function longestNonOverlapping<T extends { start: number; end: number }>(spans: readonly T[]): T[] {
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
