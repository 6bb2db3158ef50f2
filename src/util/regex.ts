// Small helpers for running global regular expressions over text.

export interface Span {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** All non-empty matches of a global regex in `text`, offsets shifted by `base`. */
export function findAll(re: RegExp, text: string, base = 0): Span[] {
  const spans: Span[] = [];
  re.lastIndex = 0;
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
