// Reads exports: JSON Lines (`.jsonl`) and CSV (`.csv`) with a `text` or
// `html` column plus optional `url`, `title`, `outlet`, `published`, `author`.
// A bad line is one error naming `file:line`; the other lines go on.
import type { SourceDocument } from '../types.js';
import { decodeText } from './text-reader.js';
import { normaliseDate, readHtml, stripTracking } from './html-reader.js';
import { extensionOf, loadBytes, mediaType, toInputError, type Reader, type ReadItem } from './reader.js';
import { InputError } from './text-reader.js';
import { lazyModule } from '../../util/lazy-module.js';

const csv = lazyModule<typeof import('csv-parse/sync')>('csv-parse/sync');

const FIELDS = ['url', 'title', 'outlet', 'published', 'author'] as const;

/** One exported record as a document, e.g. `{ text: "…", outlet: "Northbridge Wire" }`. */
/** A JSONL file of other records (gold labels, logs), not of articles: inside a folder it is skipped, not failed. */
export class NotAnExportError extends InputError {}

export function recordToDocument(record: Record<string, unknown>, origin: string): SourceDocument {
  const field = (key: string): string | undefined => {
    const v = record[key];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string') throw new InputError(origin, `"${key}" is not a string`);
    return v.trim() || undefined;
  };
  const text = field('text');
  const html = field('html');
  if (!text && !html) throw new InputError(origin, 'has no "text" or "html" value');
  const given: Record<string, string> = {};
  for (const key of FIELDS) {
    const value = field(key);
    if (value) given[key] = value;
  }
  if (given.published) {
    const day = normaliseDate(given.published);
    if (!day) throw new InputError(origin, `"published" is not a date: ${given.published}`);
    given.published = day;
  }
  if (html) {
    const doc = readHtml(html, origin, given.url);
    // The export's own columns are the analyst's data: they win over the page's.
    return { ...doc, ...given };
  }
  const canonicalUrl = given.url ? stripTracking(given.url) : undefined;
  return { origin, rawText: text!, ...given, ...(canonicalUrl ? { canonicalUrl } : {}) };
}

/** How many records are looked at to tell an export of articles from other JSON Lines. */
const SNIFFED_RECORDS = 20;

/**
 * Whether any of the first SNIFFED_RECORDS object records has a "text" or "html" field:
 * gold labels and logs have none. A file with no JSON object at all is judged line by line.
 */
function holdsArticles(lines: readonly string[]): boolean {
  let seen = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      continue;
    }
    if (!record || typeof record !== 'object' || Array.isArray(record)) continue;
    if ('text' in record || 'html' in record) return true;
    if (++seen >= SNIFFED_RECORDS) return false;
  }
  return seen === 0;
}

function* jsonlItems(text: string, file: string): Generator<ReadItem> {
  const lines = text.split(/\r?\n/);
  // Not an export of articles at all (gold labels, logs): one error, not one per line. One
  // bad record at the top of a real export is that line's error, and the others are read.
  if (!holdsArticles(lines)) {
    yield new NotAnExportError(file, `is not an article export: none of its first ${SNIFFED_RECORDS} records has a "text" or "html" field`);
    return;
  }
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const where = `${file}:${i + 1}`;
    try {
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch (err) {
        throw new InputError(where, `is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
      }
      if (!record || typeof record !== 'object' || Array.isArray(record)) throw new InputError(where, 'is not a JSON object');
      yield recordToDocument(record as Record<string, unknown>, where);
    } catch (err) {
      yield toInputError(err, where);
    }
  }
}

function* csvItems(text: string, file: string): Generator<ReadItem> {
  const skipped: InputError[] = [];
  let rows: { info: { lines: number }; record: Record<string, string> }[];
  try {
    rows = csv().parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      bom: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        if (err) skipped.push(new InputError(`${file}:${err.lines}`, err.message.replace(/ on line \d+$/, '')));
        return undefined;
      },
    }) as never;
  } catch (err) {
    yield new InputError(file, `is not valid CSV (${err instanceof Error ? err.message : String(err)})`);
    return;
  }
  const columns = rows[0] ? Object.keys(rows[0].record) : [];
  if (rows.length > 0 && !columns.includes('text') && !columns.includes('html')) {
    yield new InputError(file, `has no "text" or "html" column (columns: ${columns.join(', ')})`);
    return;
  }
  // Errors and records in line order, so the report reads like the file.
  const items: { line: number; item: () => ReadItem }[] = [
    ...skipped.map((e) => ({ line: Number(/:(\d+)$/.exec(e.input)?.[1] ?? 0), item: () => e })),
    ...rows.map((r) => ({
      line: r.info.lines,
      item: (): ReadItem => {
        try {
          return recordToDocument(r.record, `${file}:${r.info.lines}`);
        } catch (err) {
          return toInputError(err, `${file}:${r.info.lines}`);
        }
      },
    })),
  ].sort((a, b) => a.line - b.line);
  for (const { item } of items) yield item();
}

/** JSON Lines and CSV exports, by extension or content type. */
export const exportReader: Reader = {
  name: 'export',
  accepts(input) {
    const type = mediaType(input.contentType);
    if (type) return type === 'text/csv' || type === 'application/x-ndjson' || type === 'application/jsonl';
    const ext = extensionOf(input.origin);
    return ext === '.jsonl' || ext === '.ndjson' || ext === '.csv';
  },
  async *read(input) {
    let text: string;
    try {
      text = decodeText(loadBytes(input), input.origin);
    } catch (err) {
      yield toInputError(err, input.origin);
      return;
    }
    const csv = mediaType(input.contentType) === 'text/csv' || extensionOf(input.origin) === '.csv';
    let count = 0;
    for (const item of csv ? csvItems(text, input.origin) : jsonlItems(text, input.origin)) {
      count++;
      yield item;
    }
    if (count === 0) yield new InputError(input.origin, 'has no records');
  },
};
