// Small helpers for running global regular expressions over text.

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

/** Register `necessary` as a prefilter of `re`: it must match in every text where `re` does. */
export function withPrefilter(re: RegExp, necessary: RegExp): RegExp {
  prefilters.set(re, necessary);
  return re;
}

/** All non-empty matches of a global regex in `text`, offsets shifted by `base`. */
export function findAll(re: RegExp, text: string, base = 0): Span[] {
  const spans: Span[] = [];
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
