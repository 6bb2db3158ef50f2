// Reads a plain-text article from disk: decoding checks, front matter, dateline.
import type { SourceDocument } from '../types.js';
import { extensionOf, loadBytes, mediaType, toInputError, type Reader } from './reader.js';
import { binaryReason } from './validate-source.js';

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
  const utf32 = utf32Bom(bytes);
  if (utf32) throw new InputError(input, `is UTF-32 (${utf32}) text; convert it first, e.g. iconv -f utf-32 -t utf-8`);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return checkedText(new TextDecoder('utf-16le').decode(bytes.subarray(2)), input);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return checkedText(new TextDecoder('utf-16be').decode(bytes.subarray(2)), input);
  const bare16 = bareUtf16Problem(bytes);
  if (bare16) throw new InputError(input, bare16);
  // NULs anywhere, not only in the first block: a text with a binary tail is not text.
  if (bytes.includes(0)) throw new InputError(input, 'looks binary (contains NUL bytes), not text');
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) if (b < 8 || (b > 13 && b < 32 && b !== 27)) control++;
  if (control > sample.length * 0.1) throw new InputError(input, 'looks binary (too many control bytes), not text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(input, 'is not valid UTF-8 (convert it first, e.g. iconv -f latin1 -t utf-8)');
  }
  return checkedText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, input);
}

/** "LE" or "BE" when the bytes open with a UTF-32 byte-order mark (checked before UTF-16's, which it begins with). */
export function utf32Bom(bytes: Uint8Array): 'LE' | 'BE' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return 'LE';
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return 'BE';
  return undefined;
}

/**
 * "LE" or "BE" when bytes without a byte-order mark read as UTF-16 of mostly Latin text:
 * a NUL in every second byte and none between, which neither binary data nor UTF-8 shows.
 */
function utf16WithoutBom(bytes: Uint8Array): 'LE' | 'BE' | undefined {
  const pairs = Math.floor(Math.min(bytes.length, 4096) / 2);
  if (pairs < 8) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  if (oddNul >= pairs * 0.9 && evenNul <= pairs * 0.05) return 'LE';
  if (evenNul >= pairs * 0.9 && oddNul <= pairs * 0.05) return 'BE';
  return undefined;
}

/** What to say of UTF-16 bytes without a byte-order mark, which would otherwise "look binary"; undefined for other bytes. */
export function bareUtf16Problem(bytes: Uint8Array): string | undefined {
  const order = utf16WithoutBom(bytes);
  return order ? `looks like UTF-16 (${order}) without a byte-order mark; convert it first, e.g. iconv -f utf-16${order.toLowerCase()} -t utf-8` : undefined;
}

/** The decoded text, unless it is binary after all (NULs, undecodable or control characters). */
function checkedText(text: string, input: string): string {
  const binary = binaryReason(text);
  if (binary) throw new InputError(input, `looks binary (${binary}), not text`);
  return text;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;
const DATELINE = /^\s*date (\d{4}-\d{2}-\d{2})\s+/;
const LONE_CR = /\r(?!\n)/g;
const KNOWN_KEYS = new Set(['title', 'outlet', 'published', 'url']);

/**
 * Split optional front matter (`---`, `key: value` lines, `---`) or a leading
 * `date YYYY-MM-DD` from the body, e.g. "---\ntitle: T\n---\nBody" → title T.
 */
export function parseTextDocument(original: string, origin: string): SourceDocument {
  // A lone CR (classic Mac files) ends a line like LF; one character for one keeps every offset.
  const text = original.replace(LONE_CR, '\n');
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
