// Answers of the read endpoints, kept per store version: an answer is a pure
// function of the stored data and the query string, so while Store.version()
// is unchanged (no write here or in another process) the serialised answer is
// sent again without asking the store. A new version drops every answer.
// Concurrent requests for one missing answer wait for a single computation.
import type { MiddlewareHandler } from 'hono';
import type { Store } from '../store/store.js';

/** Answers kept at most, and their total size: bounded whatever clients ask for. */
export const MAX_CACHED_ANSWERS = 128;
export const MAX_CACHED_BYTES = 64 * 1024 * 1024;

interface CachedAnswer {
  readonly body: ArrayBuffer;
  readonly headers: readonly (readonly [string, string])[];
}

/** `/api/matrix?since=2025-05-01&actor=russia` → `/api/matrix?actor=russia&since=2025-05-01`: one key per query, whatever the parameter order. */
export function cacheKey(url: string): string {
  const { pathname, searchParams } = new URL(url);
  searchParams.sort();
  const query = searchParams.toString();
  return query ? `${pathname}?${query}` : pathname;
}

export class ResponseCache {
  private version: string | undefined;
  private readonly answers = new Map<string, CachedAnswer>();
  private readonly pending = new Map<string, Promise<CachedAnswer | undefined>>();
  private bytes = 0;

  constructor(private readonly store: Store) {}

  /** Middleware for GET routes whose answers depend on the store and the query only (answers of other statuses are not kept). */
  middleware(): MiddlewareHandler {
    return async (c, next) => {
      if (c.req.method !== 'GET') return next();
      const version = await this.store.version();
      if (version !== this.version) this.clear(version);
      const key = cacheKey(c.req.url);
      const kept = this.answers.get(key) ?? (await this.pending.get(key));
      if (kept) {
        // Least recently used last out.
        this.answers.delete(key);
        this.answers.set(key, kept);
        return this.respond(kept, 'hit');
      }
      const answer = (async (): Promise<CachedAnswer | undefined> => {
        await next();
        if (c.res.status !== 200) return undefined;
        const body = await c.res.arrayBuffer();
        const headers = [...c.res.headers.entries()];
        c.res = new Response(body, { status: 200, headers });
        return { body, headers };
      })();
      this.pending.set(key, answer);
      try {
        const computed = await answer;
        // Kept under the version read before the store was asked: the answer is at least that new.
        if (computed && this.version === version) this.keep(key, computed);
      } finally {
        if (this.pending.get(key) === answer) this.pending.delete(key);
      }
      c.res.headers.set('Cache-Status', 'parley; fwd=miss');
    };
  }

  private respond(answer: CachedAnswer, status: 'hit'): Response {
    const headers = new Headers(answer.headers as [string, string][]);
    headers.set('Cache-Status', `parley; ${status}`);
    return new Response(answer.body, { status: 200, headers });
  }

  private keep(key: string, answer: CachedAnswer): void {
    if (answer.body.byteLength > MAX_CACHED_BYTES / 8) return;
    this.answers.set(key, answer);
    this.bytes += answer.body.byteLength;
    for (const [oldest, old] of this.answers) {
      if (this.answers.size <= MAX_CACHED_ANSWERS && this.bytes <= MAX_CACHED_BYTES) break;
      this.answers.delete(oldest);
      this.bytes -= old.body.byteLength;
    }
  }

  private clear(version: string): void {
    this.version = version;
    this.answers.clear();
    this.pending.clear();
    this.bytes = 0;
  }
}
