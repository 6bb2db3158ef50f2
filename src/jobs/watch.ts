// Watch: poll feeds every interval and ingest only entries not seen before.
// Seen entries are the links the store already holds (Store.hasUrl), so a
// restart does not fetch them again; a poll's problems are reported and the
// next poll goes on.
import type { FetchOptions } from '../net/fetch-page.js';
import type { CompiledPack } from '../pack/compile.js';
import type { InputError } from '../pipeline/ingest/reader.js';
import type { Store } from '../store/store.js';
import { ingestPaths, skippedText, type IngestSummary } from './ingest.js';

export interface WatchOptions {
  readonly everyMs: number;
  /** Poll once and return (for scripts and tests). */
  readonly once?: boolean;
  /** Aborting stops the watch after the document in hand. */
  readonly signal?: AbortSignal;
  readonly pack?: CompiledPack;
  readonly fetch?: FetchOptions;
  readonly onError?: (err: InputError) => void;
  /** Progress lines (stderr in the CLI). */
  readonly log?: (line: string) => void;
}

/** Polling a publisher's feed more often than this is impolite and gains nothing. */
export const MIN_INTERVAL_MS = 10_000;

/** Parse an interval such as "10m", "30s", "1h" or a bare number of seconds; under 10 s is refused. */
export function parseInterval(value: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h)?$/.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 's' | 'm' | 'h'];
  return n >= MIN_INTERVAL_MS ? n : undefined;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Poll `feeds` until aborted (or once), e.g. `watchFeeds(store, ['https://wire.example/rss'], { everyMs: 600_000 })`.
 * Returns the totals of every poll.
 */
export async function watchFeeds(store: Store, feeds: readonly string[], options: WatchOptions): Promise<IngestSummary> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const total = { new: 0, unchanged: 0, skipped: 0, skippedBy: {} as Record<string, number>, failed: 0, claims: 0, errors: [] as InputError[], skippedFiles: {} };
  for (let poll = 1; !options.signal?.aborted; poll++) {
    for (const feed of feeds) {
      if (options.signal?.aborted) break;
      const summary = await ingestPaths(store, [feed], {
        showProgress: false,
        ...(options.pack ? { pack: options.pack } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.onError ? { onError: options.onError } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        onStored: (doc, claims) => log(`watch: + ${doc.title ?? doc.origin} (${claims} claims)`),
      });
      log(`watch: poll ${poll}: ${feed}: ${summary.new} new, ${summary.unchanged} already seen, ${skippedText(summary.skipped, summary.skippedBy)}, ${summary.failed} failed; claims stored: ${summary.claims}`);
      total.new += summary.new;
      total.unchanged += summary.unchanged;
      total.skipped += summary.skipped;
      for (const [kind, n] of Object.entries(summary.skippedBy)) total.skippedBy[kind] = (total.skippedBy[kind] ?? 0) + n;
      total.failed += summary.failed;
      total.claims += summary.claims;
      total.errors.push(...summary.errors);
    }
    if (options.once) break;
    log(`watch: next poll in ${Math.round(options.everyMs / 1000)} s (Ctrl-C stops)`);
    await sleep(options.everyMs, options.signal);
  }
  return total;
}
