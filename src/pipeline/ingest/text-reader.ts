// Reads a plain-text article from disk: decoding checks, front matter, dateline.
import type { SourceDocument } from '../types.js';
import { extensionOf, loadBytes, mediaType, toInputError, type Reader } from './reader.js';

/** A problem with one input; the message names the input and the cause. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly input: string,
    readonly problem: string,
  ) {
    super(`${input}: ${problem}`);
  }
}

export const MAX_TEXT_BYTES = 20 * 1024 * 1024;

/**
 * Decode bytes as UTF-8 (or UTF-16 with a byte-order mark), refusing binary
 * data and invalid UTF-8 rather than guessing.
 */
export function decodeText(bytes: Uint8Array, input: string): string {
  if (bytes.length === 0) throw new InputError(input, 'file is empty');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) throw new InputError(input, 'looks binary (contains NUL bytes), not text');
    if (b < 8 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  if (control > sample.length * 0.1) throw new InputError(input, 'looks binary (too many control bytes), not text');
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw new InputError(input, 'is not valid UTF-8 (convert it first, e.g. iconv -f latin1 -t utf-8)');
  }
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;
const DATELINE = /^\s*date (\d{4}-\d{2}-\d{2})\s+/;
const KNOWN_KEYS = new Set(['title', 'outlet', 'published', 'url']);

/**
 * Split optional front matter (`---`, `key: value` lines, `---`) or a leading
 * `date YYYY-MM-DD` from the body, e.g. "---\ntitle: T\n---\nBody" → title T.
 */
export function parseTextDocument(text: string, origin: string): SourceDocument {
  const meta: Record<string, string> = {};
  let body = text;
  const fm = FRONT_MATTER.exec(text);
  if (fm) {
    for (const line of fm[1]!.split(/\r?\n/)) {
      const m = /^([A-Za-z_]+):\s*(.*)$/.exec(line);
      if (m && KNOWN_KEYS.has(m[1]!.toLowerCase())) meta[m[1]!.toLowerCase()] = m[2]!.trim().replace(/^["']|["']$/g, '');
    }
    body = text.slice(fm[0].length);
  } else {
    const dl = DATELINE.exec(text);
    if (dl) {
      meta.published = dl[1]!;
      body = text.slice(dl[0].length);
    }
  }
  if (body.trim().length === 0) throw new InputError(origin, 'has no text');
  return {
    origin,
    rawText: body,
    ...(meta.title ? { title: meta.title } : {}),
    ...(meta.outlet ? { outlet: meta.outlet } : {}),
    ...(meta.published ? { published: meta.published } : {}),
    ...(meta.url ? { url: meta.url } : {}),
  };
}

/** Read one text file, e.g. `readTextFile('corpus/sample/01-riyadh.txt')`. */
export function readTextFile(path: string): SourceDocument {
  return parseTextDocument(decodeText(loadBytes({ origin: path }), path), path);
}

/** Plain-text files (`.txt`) and `text/plain` pages, with optional front matter. */
export const textReader: Reader = {
  name: 'text',
  accepts: (input) => (input.contentType ? mediaType(input.contentType) === 'text/plain' : extensionOf(input.origin) === '.txt'),
  async *read(input) {
    try {
      const doc = parseTextDocument(decodeText(loadBytes(input), input.origin), input.origin);
      yield input.url && !doc.url ? { ...doc, url: input.url } : doc;
    } catch (err) {
      yield toInputError(err, input.origin);
    }
  },
};
