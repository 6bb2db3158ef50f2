// Cleaning: drops the lines of a scraped page that are not the article, and
// keeps a map from clean offsets back to the raw text.
import type { CleanDocument, OffsetSegment, RemovedLine, SourceDocument } from '../types.js';
import { loadNoiseRules, type NoiseRules } from './noise-rules.js';

/** Characters of body text that must come before a tail marker counts. */
const MIN_BODY_BEFORE_TAIL = 200;
/** A line after a "Read more" marker longer than this is body, not a headline. */
const MAX_RELATED_HEADLINE = 200;

/** A headline in a list of related articles: short, and not a sentence. */
const HEADLINE = /^.{1,150}$/;
const ENDS_SENTENCE = /[.!?]["”’)]?$/;
/** Article prose: a long line that ends a sentence. */
const PROSE = /^.{80,}[.!?]["”’)]?$/;

/**
 * Where the article goes on after a related-articles list that starts at line `i`: the
 * first line of prose after the marker and its headlines, or undefined when none follows
 * (the list closes the page).
 */
function resumeAfterList(lines: readonly RawLine[], i: number): number | undefined {
  for (let j = i + 1; j < lines.length; j++) {
    const text = lines[j]!.text.trim().replace(/\s+/g, ' ');
    if (text.length === 0 || (HEADLINE.test(text) && !ENDS_SENTENCE.test(text))) continue;
    return PROSE.test(text) ? j : undefined;
  }
  return undefined;
}

interface RawLine {
  readonly text: string;
  readonly start: number;
}

function splitLines(text: string): RawLine[] {
  const lines: RawLine[] = [];
  let start = 0;
  for (const part of text.split('\n')) {
    lines.push({ text: part.replace(/\r$/, ''), start });
    start += part.length + 1;
  }
  return lines;
}

function firstMatch(rules: NoiseRules[keyof NoiseRules], line: string): string | undefined {
  return rules.find((r) => r.re.test(line))?.id;
}

/**
 * Clean a document: "Putin said X.\n++ Other headline\nMore." keeps the first
 * and last lines and records the dropped one with its rule id.
 */
export function cleanDocument(source: SourceDocument, rules: NoiseRules = loadNoiseRules()): CleanDocument {
  const removed: RemovedLine[] = [];
  const kept: RawLine[] = [];
  const seen = new Set<string>();
  let bodyChars = 0;
  let dropNextShort: string | undefined;
  const lines = splitLines(source.rawText);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.text.trim().replace(/\s+/g, ' ');
    if (trimmed.length === 0) {
      kept.push({ text: '', start: line.start });
      continue;
    }
    const drop = (rule: string): void => {
      removed.push({ text: line.text, rule, rawStart: line.start });
    };
    if (dropNextShort) {
      const rule = dropNextShort;
      dropNextShort = undefined;
      if (trimmed.length <= MAX_RELATED_HEADLINE) {
        drop(rule);
        continue;
      }
    }
    const block = bodyChars >= MIN_BODY_BEFORE_TAIL ? firstMatch(rules.block, trimmed) : undefined;
    const resume = block ? resumeAfterList(lines, i) : undefined;
    if (block && resume !== undefined) {
      for (const listed of lines.slice(i, resume)) if (listed.text.trim()) removed.push({ text: listed.text, rule: block, rawStart: listed.start });
      i = resume - 1;
      continue;
    }
    const tail = bodyChars >= MIN_BODY_BEFORE_TAIL ? (block ?? firstMatch(rules.tail, trimmed)) : undefined;
    if (tail) {
      for (const rest of lines.slice(i)) {
        if (rest.text.trim()) removed.push({ text: rest.text, rule: tail, rawStart: rest.start });
      }
      break;
    }
    const marker = firstMatch(rules.nextLine, trimmed);
    if (marker) {
      drop(marker);
      dropNextShort = marker;
      continue;
    }
    const noise = firstMatch(rules.lines, trimmed);
    if (noise) {
      drop(noise);
      continue;
    }
    if (seen.has(trimmed)) {
      drop('duplicate-line');
      continue;
    }
    seen.add(trimmed);
    bodyChars += trimmed.length;
    kept.push(line);
  }
  return assemble(source, kept, removed);
}

/** Join kept lines (blank runs folded to one blank line) and record offsets. */
function assemble(source: SourceDocument, kept: RawLine[], removed: RemovedLine[]): CleanDocument {
  const parts: string[] = [];
  const segments: OffsetSegment[] = [];
  let length = 0;
  let pendingBlank = false;
  for (const line of kept) {
    if (line.text.trim().length === 0) {
      pendingBlank = parts.length > 0;
      continue;
    }
    if (parts.length > 0) {
      const sep = pendingBlank ? '\n\n' : '\n';
      parts.push(sep);
      length += sep.length;
    }
    pendingBlank = false;
    segments.push({ cleanStart: length, rawStart: line.start, length: line.text.length });
    parts.push(line.text);
    length += line.text.length;
  }
  return { source, text: parts.join(''), removed, segments };
}

/** Map an offset in the clean text back to the raw text. */
export function toRawOffset(doc: CleanDocument, cleanOffset: number): number {
  let lo = 0;
  let hi = doc.segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.segments[mid]!.cleanStart <= cleanOffset) lo = mid;
    else hi = mid - 1;
  }
  const seg = doc.segments[lo];
  if (!seg) return cleanOffset;
  return seg.rawStart + Math.min(cleanOffset - seg.cleanStart, seg.length);
}
