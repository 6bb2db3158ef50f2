// Ingest: expand paths and URLs into inputs, read each with the reader that
// takes it, run the pipeline on every document and store the result.
// A bad input (or a bad line, entry or page inside one) is reported and
// skipped; what is stored stays intact. Idempotent by content hash and by
// canonical URL.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fetchPage, HostLimiter, type FetchOptions } from '../net/fetch-page.js';
import { getPack, type CompiledPack } from '../pack/compile.js';
import { stripTracking } from '../pipeline/ingest/html-reader.js';
import { InputError, loadBytes, toInputError, warnerOf, type ReadContext, type ReaderInput, type ReadItem } from '../pipeline/ingest/reader.js';
import { NotAnExportError } from '../pipeline/ingest/export-reader.js';
import { decodeText } from '../pipeline/ingest/text-reader.js';
import { INPUT_EXTENSIONS, readerFor } from '../pipeline/ingest/readers.js';
import { isUrl } from '../pipeline/ingest/url-reader.js';
import { validateSource } from '../pipeline/ingest/validate-source.js';
import { skipKind } from '../pipeline/screen/screen.js';
import type { SourceDocument } from '../pipeline/types.js';
import type { DocumentBatch, Store } from '../store/store.js';
import { storeFailure } from '../store/store-failure.js';
import { progress } from './progress.js';
import { analyseSource, type AnalysedSource } from './analyse-source.js';
import type { ExtractPool } from './extract-pool.js';

export const TEXT_EXTENSIONS = ['.txt'];

/** How many inputs are read ahead (fetched concurrently, within the per-host limit) of the one being analysed. */
const READ_AHEAD = 8;

/** Folders below this depth are not searched (a tree this deep is a trap, not an archive). */
const MAX_FOLDER_DEPTH = 64;

export interface IngestSummary {
  readonly new: number;
  readonly unchanged: number;
  readonly skipped: number;
  /** New documents stored without claims, by kind of reason ("not English", "off the pack topic"). */
  readonly skippedBy: Readonly<Record<string, number>>;
  readonly failed: number;
  readonly claims: number;
  readonly errors: readonly InputError[];
  /** Files inside folders that were left out, by reason ("unsupported extension .md", "not an article export"). */
  readonly skippedFiles: Readonly<Record<string, number>>;
}

export interface IngestOptions {
  readonly pack?: CompiledPack;
  readonly onError?: (err: InputError) => void;
  readonly showProgress?: boolean;
  /** Timeouts, size cap and redirect limit for URLs (see fetchPage). */
  readonly fetch?: FetchOptions;
  /** Extensions picked up in folders (default: every reader's). */
  readonly extensions?: readonly string[];
  /** Aborting stops the run after the document in hand (watch on Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Called for each file in a folder that is left out (default: a line on stderr). */
  readonly onSkippedFile?: (file: SkippedFile) => void;
  /** Called for each document stored (watch reports them). */
  readonly onStored?: (doc: SourceDocument, claims: number) => void;
  /** Threads at work (default 1: all in this thread); from 2, this thread writes and `jobs - 1` extract. The store is written here, in input order, either way. */
  readonly jobs?: number;
}

/**
 * Files under each path (folders searched recursively for `extensions`) and
 * URLs as given; problems become errors, e.g. a missing path or an empty folder.
 */
export function expandPaths(
  paths: readonly string[],
  extensions: readonly string[] = TEXT_EXTENSIONS,
): { files: string[]; errors: InputError[]; skipped: SkippedFile[]; walked: Set<string> } {
  const files: string[] = [];
  const errors: InputError[] = [];
  const skipped: SkippedFile[] = [];
  // Iterative with a depth cap: a tree deeper than PATH_MAX gives an error for that folder, and the rest goes on.
  const walk = (root: string): string[] => {
    const found: string[] = [];
    const pending: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
    while (pending.length > 0) {
      const { dir, depth } = pending.pop()!;
      if (depth > MAX_FOLDER_DEPTH) {
        errors.push(new InputError(dir, `folder is nested deeper than ${MAX_FOLDER_DEPTH} levels; not read`));
        continue;
      }
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => b.name.localeCompare(a.name));
      } catch (err) {
        errors.push(new InputError(dir, `cannot read folder (${(err as NodeJS.ErrnoException).code ?? String(err)})`));
        continue;
      }
      for (const e of entries) {
        if (e.isDirectory()) {
          pending.push({ dir: join(dir, e.name), depth: depth + 1 });
          continue;
        }
        if (extensions.some((x) => e.name.toLowerCase().endsWith(x))) {
          found.push(join(dir, e.name));
          continue;
        }
        // Links to folders are not followed (a link back up would loop): say that, not "no extension".
        if (e.isSymbolicLink() && isDirectory(join(dir, e.name))) {
          skipped.push({ path: join(dir, e.name), reason: 'link to a folder (not followed; name the folder itself)' });
          continue;
        }
        const ext = extname(e.name).toLowerCase();
        // A file a reader could take but this run does not want (the sample corpus reads .txt only) is no news.
        if (!INPUT_EXTENSIONS.includes(ext)) skipped.push({ path: join(dir, e.name), reason: `unsupported extension ${ext || '(none)'}` });
      }
    }
    skipped.sort((a, b) => a.path.localeCompare(b.path));
    return found.sort((a, b) => a.localeCompare(b));
  };
  const walked = new Set<string>();
  for (const path of paths) {
    if (isUrl(path)) {
      files.push(path);
    } else if (!existsSync(path)) {
      // "ftp://…", "file://…": a scheme this reader does not fetch is not a missing file.
      const scheme = /^([a-z][a-z\d+.-]*):\/\//i.exec(path)?.[1];
      errors.push(new InputError(path, scheme ? `${scheme.toLowerCase()}:// is not supported (only http:// and https:// URLs, files and folders)` : 'no such file or directory'));
    } else if (isDirectory(path)) {
      const found = walk(path);
      if (found.length === 0) errors.push(new InputError(path, `directory has no input files (${extensions.join(', ')})`));
      files.push(...found);
      found.forEach((f) => walked.add(f));
    } else {
      files.push(path);
    }
  }
  return { files, errors, skipped, walked };
}

/** A file inside a folder that ingest left out, and why. */
export interface SkippedFile {
  readonly path: string;
  readonly reason: string;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The URLs of a list file: one per line, blank lines and `#` comments ignored. */
export function readUrlList(file: string): { urls: string[]; errors: InputError[] } {
  let text: string;
  try {
    // Checked like a text input: a binary list would give an error line of junk per 'line'.
    text = decodeText(loadBytes({ origin: file }), file);
  } catch (err) {
    return { urls: [], errors: [toInputError(err, file)] };
  }
  const urls: string[] = [];
  const errors: InputError[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    if (isUrl(line)) urls.push(line);
    else errors.push(new InputError(`${file}:${i + 1}`, `is not an http(s) URL: ${line}`));
  }
  if (urls.length === 0 && errors.length === 0) errors.push(new InputError(file, 'lists no URLs'));
  return { urls, errors };
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text.normalize('NFC')).digest('hex');
}

/** Everything one input yields, errors included; never throws. */
export async function readInput(input: ReaderInput, context: ReadContext): Promise<ReadItem[]> {
  const reader = readerFor(input);
  if (!reader) return [new InputError(input.origin, `is not a supported input (expected a URL or ${INPUT_EXTENSIONS.join(', ')})`)];
  const items: ReadItem[] = [];
  try {
    const warn = warnerOf(context);
    for await (const item of reader.read(input, context)) items.push(item instanceof InputError ? item : validateSource(item, warn));
  } catch (err) {
    items.push(toInputError(err, input.origin));
  }
  return items;
}

/** A read context whose fetches share one per-host limiter and skip links the store already holds. */
export function readContext(store: Store, fetch: FetchOptions = {}, onKnown?: (url: string) => void): ReadContext {
  const limiter = fetch.limiter ?? new HostLimiter(2, 8);
  return {
    fetchPage: (url) => fetchPage(url, { ...fetch, limiter }),
    isKnownUrl: async (url) => {
      const bare = stripTracking(url);
      const known = (await store.hasUrl(url)) || (bare !== undefined && bare !== url && (await store.hasUrl(bare)));
      if (known) onKnown?.(url);
      return known;
    },
  };
}

/** Ingest files, folders and URLs into `store`; errors are reported through `onError` as they happen. */
export async function ingestPaths(store: Store, paths: readonly string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const report = options.onError ?? ((err: InputError) => process.stderr.write(`parley: ${err.message}\n`));
  const { files, errors, skipped: skippedInFolders, walked } = expandPaths(paths, options.extensions ?? INPUT_EXTENSIONS);
  errors.forEach(report);
  const skippedFiles: Record<string, number> = {};
  const skipFile = (file: SkippedFile): void => {
    const kind = file.reason.startsWith('unsupported extension') ? 'unsupported extension' : file.reason;
    skippedFiles[kind] = (skippedFiles[kind] ?? 0) + 1;
    (options.onSkippedFile ?? ((f: SkippedFile) => process.stderr.write(`parley: skipped ${f.path}: ${f.reason}\n`)))(file);
  };
  skippedInFolders.forEach(skipFile);
  const bar = options.showProgress === false ? undefined : progress('ingest', files.length);
  let created = 0;
  let unchanged = 0;
  let skipped = 0;
  const skippedBy: Record<string, number> = {};
  let claims = 0;
  const context = readContext(store, { ...options.fetch, ...(options.signal ? { stop: options.signal } : {}) }, () => unchanged++);
  const pool = await extractPool(options, files.length);
  // With threads, every document read is handed to them and this thread only reads and
  // writes the store: sharing the extraction with them, it held their next documents back
  // while it extracted one (on two cores `--jobs 2` was no faster than `--jobs 1`).
  const analyses = new Map<SourceDocument, Promise<AnalysedSource>>();
  const readAndSend = async (origin: string): Promise<ReadItem[]> => {
    const items = await readInput({ origin }, context);
    if (pool) for (const item of items) if (!(item instanceof InputError)) analyses.set(item, quiet(pool.analyse(item)));
    return items;
  };
  // Enough read ahead that every thread has its next documents while the oldest is stored.
  const readAhead = Math.max(READ_AHEAD, 2 * (pool?.capacity ?? 0));
  const reads: (Promise<ReadItem[]> | undefined)[] = [];
  // Documents are committed a bounded batch at a time (SQLite), not one by one.
  const batch = store.openBatch();
  try {
  for (let i = 0; i < files.length && !options.signal?.aborted; i++) {
    for (let j = i; j < Math.min(files.length, i + readAhead); j++) reads[j] ??= readAndSend(files[j]!);
    const items = await reads[i]!;
    reads[i] = undefined;
    for (const item of items) {
      // After a stop, what was read is not stored, but what failed is still said.
      // Gold labels or logs found in a folder are not articles: skipped and counted, not failed.
      if (item instanceof NotAnExportError && walked.has(item.input)) {
        skipFile({ path: item.input, reason: 'not an article export' });
        continue;
      }
      if (item instanceof InputError) {
        errors.push(item);
        report(item);
        continue;
      }
      if (options.signal?.aborted) continue;
      const analysis = analyses.get(item);
      analyses.delete(item);
      try {
        const outcome = await ingestSource(store, item, options.pack, analysis && (() => analysis), batch);
        if (!outcome.created) unchanged++;
        else {
          created++;
          if (outcome.skipReason) {
            skipped++;
            skippedBy[skipKind(outcome.skipReason)] = (skippedBy[skipKind(outcome.skipReason)] ?? 0) + 1;
          }
          claims += outcome.claims;
          options.onStored?.(item, outcome.claims);
        }
      } catch (err) {
        // A damaged database or a full disk is no fault of the document: the run stops there.
        if (storeFailure(err)) throw err;
        const inputError = toInputError(err, item.origin);
        errors.push(inputError);
        report(inputError);
      }
    }
    bar?.tick();
    // Reading and storing can run on resolved promises alone, and the event loop that delivers
    // Ctrl-C would not turn until the end: let it turn once a document, so a stop is seen.
    if (options.signal) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  } finally {
    bar?.done();
    await pool?.close();
    await endBatch(batch, (err) => {
      errors.push(err);
      report(err);
    });
  }
  return { new: created, unchanged, skipped, skippedBy, failed: errors.length, claims, errors, skippedFiles };
}

export interface IngestOutcome {
  /** The stored document (absent when only its canonical URL matched an earlier one). */
  readonly documentId?: number;
  /** False when the same content or canonical URL was already stored. */
  readonly created: boolean;
  readonly claims: number;
  readonly skipReason?: string;
}

/** Commit what `batch` holds; a commit that fails is reported, not thrown over the run's summary. */
async function endBatch(batch: DocumentBatch, report: (err: InputError) => void): Promise<void> {
  try {
    await batch.end();
  } catch (err) {
    if (storeFailure(err)) throw err;
    report(toInputError(err, 'store'));
  }
}

/**
 * Analyse and store one read document, unless its text or its canonical URL is
 * already stored, through `batch` when given (see Store.openBatch). Shared by
 * file and URL ingest, `watch` and the HTTP API.
 */
export async function ingestSource(
  store: Store,
  source: SourceDocument,
  pack: CompiledPack = getPack(),
  analyse: () => AnalysedSource | Promise<AnalysedSource> = () => analyseSource(source, pack),
  batch: Pick<Store, 'saveDocument'> = store,
): Promise<IngestOutcome> {
  const hash = contentHash(source.rawText);
  if (await store.hasDocument(hash)) return { created: false, claims: 0 };
  // The same article re-fetched with another ad block or tracking query is the same document.
  if (source.canonicalUrl && (await store.hasUrl(source.canonicalUrl))) return { created: false, claims: 0 };
  const { cleanText, claims, skipReason, language, minhash } = await analyse();
  const saved = await batch.saveDocument(
    {
      contentHash: hash,
      origin: source.origin,
      cleanText,
      ...(source.url ? { url: source.url } : {}),
      ...(source.title ? { title: source.title } : {}),
      ...(source.outlet ? { outlet: source.outlet } : {}),
      ...(source.published ? { published: source.published } : {}),
      ...(source.author ? { author: source.author } : {}),
      ...(source.canonicalUrl ? { canonicalUrl: source.canonicalUrl } : {}),
      ...(skipReason ? { skipReason } : {}),
      ...(language ? { language } : {}),
      ...(minhash ? { minhash } : {}),
    },
    claims,
  );
  if (!saved.created) return { documentId: saved.documentId, created: false, claims: 0 };
  return { documentId: saved.documentId, created: true, claims: claims.length, ...(skipReason ? { skipReason } : {}) };
}

/**
 * Threads for a run of `files` inputs: of `jobs` threads at work, this one reads and
 * writes the store and the other `jobs − 1` extract, so `--jobs 2` starts one. None
 * for one job or one file (this thread extracts then). On two cores one extraction
 * thread beside the writer is 1.25× one thread alone; two beside it were slower than
 * one thread alone: three threads on two cores cost more CPU than they share out.
 */
async function extractPool(options: IngestOptions, files: number): Promise<ExtractPool | undefined> {
  const jobs = options.jobs ?? 1;
  if (jobs < 2 || files < 2) return undefined;
  const { ExtractPool } = await import('./extract-pool.js');
  return new ExtractPool(Math.min(jobs - 1, files), options.pack ?? getPack());
}

/** A promise whose rejection is handled where it is awaited, not reported as unhandled meanwhile. */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/** "; files skipped: 2 not an article export, 1 unsupported extension", or "" when none was. */
export function skippedFilesText(byReason: Readonly<Record<string, number>>): string {
  const kinds = Object.entries(byReason).map(([reason, n]) => `${n} ${reason}`);
  return kinds.length > 0 ? `; files skipped: ${kinds.join(', ')}` : '';
}

/** "3 skipped (2 off the pack topic, 1 not English)", or "0 skipped". */
export function skippedText(skipped: number, byKind: Readonly<Record<string, number>>): string {
  const kinds = Object.entries(byKind)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([kind, n]) => `${n} ${kind}`);
  return kinds.length > 0 ? `${skipped} skipped (${kinds.join(', ')})` : `${skipped} skipped`;
}
