// The last check on a document every reader made, before any stage runs:
// binary content and NULs are refused, empty texts are refused, and a
// publication date that is not a real calendar day is dropped with a warning
// (the document keeps no date) rather than stored as it came.
import type { SourceDocument } from '../types.js';
import { InputError } from './text-reader.js';

/** Share of U+FFFD (undecodable bytes) above which a text is binary or in the wrong encoding. */
const MAX_REPLACEMENT_SHARE = 0.01;
/** Share of C0 control characters (other than tab, newlines, form feed, escape) above which a text is binary. */
const MAX_CONTROL_SHARE = 0.02;
/** Texts shorter than this are judged by counts, not shares: a few stray characters are not binary. */
const MIN_CHARS_FOR_SHARE = 200;

/** Why a decoded text is binary rather than prose, e.g. "contains NUL characters"; undefined for text. */
export function binaryReason(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains NUL characters';
  let replacement = 0;
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) replacement++;
    else if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 27) control++;
  }
  const base = Math.max(text.length, MIN_CHARS_FOR_SHARE);
  if (replacement > base * MAX_REPLACEMENT_SHARE) return `has ${replacement} undecodable characters (U+FFFD)`;
  if (control > base * MAX_CONTROL_SHARE) return `has ${control} control characters`;
  return undefined;
}

/** Whether `value` is a real calendar day as YYYY-MM-DD, e.g. "2025-02-30" → false. */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1900 || year > 2100) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * `doc` as it may be analysed, or an InputError naming it; a bad date is dropped
 * and `warn` told, e.g. published "2025-02-30" → no date, warning naming the origin.
 */
export function validateSource(doc: SourceDocument, warn: (message: string) => void): SourceDocument | InputError {
  if (doc.rawText.trim().length === 0) return new InputError(doc.origin, 'has no text');
  const binary = binaryReason(doc.rawText);
  if (binary) return new InputError(doc.origin, `looks binary (${binary}), not text`);
  if (doc.published === undefined || isCalendarDate(doc.published)) return doc;
  // A timestamp names its day: "2025-03-11T09:30:00Z" → "2025-03-11".
  const stamp = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(doc.published);
  if (stamp && isCalendarDate(stamp[1]!)) return { ...doc, published: stamp[1]! };
  warn(`${doc.origin}: publication date ${JSON.stringify(doc.published.slice(0, 40))} is not a valid YYYY-MM-DD day; the document keeps no date`);
  const rest: { -readonly [K in keyof SourceDocument]: SourceDocument[K] } = { ...doc };
  delete rest.published;
  return rest;
}
