// The contract every input reader implements (text, HTML, feed, JSONL/CSV
// export, URL): whether it takes an input, and a read that yields documents
// or per-item errors, so one bad entry or line never stops the rest.
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
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
  /** Told about a problem that does not stop the document (a dropped date); stderr when absent. */
  readonly onWarning?: (message: string) => void;
}

/** Where a reader tells its warnings: the context's onWarning, else stderr. */
export function warnerOf(context: ReadContext): (message: string) => void {
  return context.onWarning ?? ((message: string) => process.stderr.write(`parley: warning: ${message}\n`));
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

/** What a path is when it is not a regular file, e.g. "is a FIFO (named pipe)". */
function notRegularFile(stat: Stats): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return 'is a directory';
  if (stat.isFIFO()) return 'is a FIFO (named pipe), not a regular file; not read';
  if (stat.isSocket()) return 'is a socket, not a regular file; not read';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'is a device, not a regular file; not read';
  return 'is not a regular file; not read';
}

/**
 * The input's bytes: those given, or the file's. Only regular files are read
 * (a device or FIFO would block or never end), and never more than the size
 * limit, even when the file grows while it is read.
 */
export function loadBytes(input: ReaderInput): Uint8Array {
  if (input.bytes) return input.bytes;
  let stat: Stats;
  try {
    stat = statSync(input.origin);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(input.origin, code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(err)})`);
  }
  const kind = notRegularFile(stat);
  if (kind) throw new InputError(input.origin, kind);
  if (stat.size > MAX_TEXT_BYTES) throw new InputError(input.origin, `is too large (${stat.size} bytes; the limit is ${MAX_TEXT_BYTES})`);
  // Non-blocking, and checked again on the open file: the path may have been swapped for a FIFO since.
  let fd: number;
  try {
    fd = openSync(input.origin, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw new InputError(input.origin, `cannot open (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  try {
    const opened = notRegularFile(fstatSync(fd));
    if (opened) throw new InputError(input.origin, opened);
    const buffer = Buffer.alloc(Math.min(MAX_TEXT_BYTES + 1, Math.max(stat.size, 0) + 65536));
    let length = 0;
    for (;;) {
      if (length === buffer.length) break;
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length === buffer.length && length <= MAX_TEXT_BYTES) throw new InputError(input.origin, 'grew while it was read; not read');
    if (length > MAX_TEXT_BYTES) throw new InputError(input.origin, `is too large (over ${MAX_TEXT_BYTES} bytes, the limit)`);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** Turn anything thrown into an InputError naming `input`. */
export function toInputError(err: unknown, input: string): InputError {
  return err instanceof InputError ? err : new InputError(input, err instanceof Error ? err.message : String(err));
}

/** The first reader that takes `input`, e.g. the HTML reader for "page.html". */
export function pickReader(readers: readonly Reader[], input: ReaderInput): Reader | undefined {
  return readers.find((r) => r.accepts(input));
}
