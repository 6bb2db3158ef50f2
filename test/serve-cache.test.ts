// `parley serve` keeps its read answers per store version: with serve and
// ingest/review as separate processes on one SQLite file (real binaries, real
// HTTP), a write by the other process is seen on the very next request, and an
// unchanged store answers from the cache. Keyset paging of /api/claims walks
// the whole list without a claim twice or missing.
import { get as httpGet } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getPack } from '../src/pack/compile.js';
import { createApp } from '../src/server/app.js';
import { cacheKey } from '../src/server/response-cache.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { parley, ROOT, tempDir } from './helpers.js';
import { serve, stopServers } from './serve-process.js';

const SAMPLE = join(ROOT, 'corpus', 'sample');
/** GET on a new connection each time: a kept-alive one may close while `parley ingest` runs for longer than the server keeps it. */
function get(url: string): Promise<{ body: unknown; cache: string | null; next: string | null }> {
  return new Promise((resolve, reject) => {
    const req = httpGet(url, { agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        try {
          expect(res.statusCode, url).toBe(200);
          const header = (name: string): string | null => (res.headers[name] as string | undefined) ?? null;
          resolve({ body: JSON.parse(text), cache: header('cache-status'), next: header('next-cursor') });
        } catch (err) {
          reject(err as Error);
        }
      });
    });
    req.on('error', reject);
  });
}

/** What a server fresh on the file answers: the reference a cached answer must equal. */
async function freshAnswer(db: string, path: string): Promise<unknown> {
  const store = await SqliteStore.open(db);
  try {
    return await (await createApp(store, getPack(), { webRoot: false }).request(path)).json();
  } finally {
    await store.close();
  }
}

function run(args: string[]): void {
  const result = parley(args);
  expect(result.status, result.stderr).toBe(0);
}

afterEach(stopServers);

describe('the answer cache of parley serve', () => {
  it('sees an ingest and a review by another process on the next request, and answers from the cache in between', async () => {
    const db = join(tempDir(), 'talks.db');
    run(['ingest', '--db', db, join(SAMPLE, '02-jeddah-ceasefire.txt'), join(SAMPLE, '03-kremlin-conditions.txt')]);
    const { url } = await serve(['--db', db]);
    const paths = ['/api/matrix', '/api/conflicts', '/api/meta', '/api/claims?limit=5', '/api/changes'];

    const first = await get(`${url}/api/matrix`);
    expect(first.cache).toBe('parley; fwd=miss');
    const again = await get(`${url}/api/matrix`);
    expect(again.cache).toBe('parley; hit');
    expect(again.body).toEqual(first.body);
    for (const path of paths) await get(`${url}${path}`);

    run(['ingest', '--db', db, join(SAMPLE, '06-istanbul-first-round.txt'), join(SAMPLE, '09-alaska-summit.txt')]);
    for (const path of paths) {
      const after = await get(`${url}${path}`);
      expect(after.cache, path).toBe('parley; fwd=miss');
      expect(after.body, path).toEqual(await freshAnswer(db, path));
    }
    expect(((await get(`${url}/api/meta`)).body as { documents: number }).documents).toBe(4);

    const [newest] = (await get(`${url}/api/claims?limit=1`)).body as { id: number }[];
    run(['review', String(newest!.id), '--reject', '--by', 'test', '--db', db]);
    for (const path of paths) {
      const after = await get(`${url}${path}`);
      expect(after.cache, path).toBe('parley; fwd=miss');
      expect(after.body, path).toEqual(await freshAnswer(db, path));
    }
    const ids = ((await get(`${url}/api/claims`)).body as { id: number }[]).map((c) => c.id);
    expect(ids).not.toContain(newest!.id);
  });

  it('pages /api/claims with Next-Cursor through every claim once, with a filter, and refuses a made-up cursor', async () => {
    const db = join(tempDir(), 'talks.db');
    run(['ingest', '--db', db, SAMPLE]);
    const { url } = await serve(['--db', db]);
    for (const query of ['', 'actor=russia&', 'polarity=oppose&since=2025-03-01&']) {
      const whole = ((await get(`${url}/api/claims?${query}limit=5000`)).body as { id: number }[]).map((c) => c.id);
      expect(whole.length).toBeGreaterThan(7);
      const paged: number[] = [];
      let page = await get(`${url}/api/claims?${query}limit=7`);
      for (;;) {
        paged.push(...(page.body as { id: number }[]).map((c) => c.id));
        if (!page.next) break;
        page = await get(`${url}/api/claims?${query}limit=7&cursor=${page.next}`);
      }
      expect(paged, query).toEqual(whole);
    }
    const res = await fetch(`${url}/api/claims?cursor=bm90LWEtY3Vyc29y`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/query\.cursor/);
    const link = (await fetch(`${url}/api/claims?limit=2`)).headers.get('Link');
    expect(link).toMatch(/^<\/api\/claims\?limit=2&cursor=[\w-]+>; rel="next"$/);
  });

  it('keys answers by the query whatever the order of its parameters', () => {
    expect(cacheKey('http://x/api/matrix?since=2025-05-01&actor=russia')).toBe(cacheKey('http://x/api/matrix?actor=russia&since=2025-05-01'));
    expect(cacheKey('http://x/api/matrix?actor=russia')).not.toBe(cacheKey('http://x/api/matrix?actor=ukraine'));
    expect(cacheKey('http://x/api/matrix')).toBe('/api/matrix');
  });
});
