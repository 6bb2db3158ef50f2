// The contract every input reader implements (text, HTML, feed, JSONL/CSV
// export, URL): whether it takes an input, and a read that yields documents
// or per-item errors, so one bad entry or line never stops the rest.
import { readFileSync, statSync } from 'node:fs';
import type { SourceDocument } from '../types.js';
import { InputError, MAX_TEXT_BYTES } from './text-reader.js';

export { InputError };

/** One input: a path or URL, with its bytes when they are already in hand (a fetched page). */
export interface ReaderInput {
  /** The path or URL as the user gave it; every error names it. */
  readonly origin: string;
  readonly bytes?: Uint8Array;
  /** The Content-Type header, when the bytes came over HTTP. */
  readonly contentType?: string;
  /** The URL the bytes came from, after redirects. */
  readonly url?: string;
}

/** What a read yields: a document, or an error about one item (the read goes on). */
export type ReadItem = SourceDocument | InputError;

/** A fetched page, as the URL fetcher returns it. */
export interface FetchedPage {
  readonly requestedUrl: string;
  /** The final URL after redirects. */
  readonly url: string;
  readonly status: number;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

/** What readers may use beyond the input itself. */
export interface ReadContext {
  /** Fetch a page (a URL input, a feed's entry links); without it a URL input is fetched with the default limits and a feed's links are not followed. */
  readonly fetchPage?: (url: string) => Promise<FetchedPage>;
  /** True for a link already stored, so a feed does not fetch it again. */
  readonly isKnownUrl?: (url: string) => Promise<boolean>;
}

export interface Reader {
  readonly name: string;
  /** Whether this reader takes the input, by extension, content type or a sniff of the bytes. */
  accepts(input: ReaderInput): boolean;
  /** Documents or per-item errors; never throws. */
  read(input: ReaderInput, context: ReadContext): AsyncIterable<ReadItem>;
}

/** The lower-cased extension of a path or URL path, e.g. "a/b.HTML?x=1" → ".html". */
export function extensionOf(origin: string): string {
  let path = origin;
  if (/^https?:\/\//i.test(origin)) {
    try {
      path = new URL(origin).pathname;
    } catch {
      return '';
    }
  }
  const m = /\.([A-Za-z0-9]+)$/.exec(path);
  return m ? `.${m[1]!.toLowerCase()}` : '';
}

/** The media type of a Content-Type value without parameters, e.g. "text/html". */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The first bytes as Latin-1 text, for sniffing markup. */
export function sniff(bytes: Uint8Array | undefined, length = 1024): string {
  return bytes ? new TextDecoder('latin1').decode(bytes.subarray(0, length)).trimStart().toLowerCase() : '';
}

/** The input's bytes: those given, or the file's, refusing folders, missing and oversized files. */
export function loadBytes(input: ReaderInput): Uint8Array {
  if (input.bytes) return input.bytes;
  let size: number;
  try {
    const stat = statSync(input.origin);
    if (stat.isDirectory()) throw new InputError(input.origin, 'is a directory');
    size = stat.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(input.origin, 'no such file');
  }
  if (size > MAX_TEXT_BYTES) throw new InputError(input.origin, `is too large (${size} bytes; the limit is ${MAX_TEXT_BYTES})`);
  return readFileSync(input.origin);
}

/** Turn anything thrown into an InputError naming `input`. */
export function toInputError(err: unknown, input: string): InputError {
  return err instanceof InputError ? err : new InputError(input, err instanceof Error ? err.message : String(err));
}

/** The first reader that takes `input`, e.g. the HTML reader for "page.html". */
export function pickReader(readers: readonly Reader[], input: ReaderInput): Reader | undefined {
  return readers.find((r) => r.accepts(input));
}
