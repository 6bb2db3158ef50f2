// The ingest job and the CLI against pages, feeds and bad cases served from
// 127.0.0.1: one clear error per bad input, the run goes on, the store on a
// real SQLite file stays intact, and nothing is stored or fetched twice.
import { execFile, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../src/jobs/ingest.js';
import { watchFeeds } from '../src/jobs/watch.js';
import type { InputError } from '../src/pipeline/ingest/reader.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { articleHtml, pageHtml, startFixtureServer, type FixtureServer } from './fixture-server.js';
import { CLI, tempDir } from './helpers.js';

let server: FixtureServer;
const agents: string[] = [];
let slowActive = 0;
let slowMax = 0;

beforeAll(async () => {
  server = await startFixtureServer({
    '/slow': (req, res) => {
      agents.push(String(req.headers['user-agent']));
      slowActive++;
      slowMax = Math.max(slowMax, slowActive);
      setTimeout(() => {
        slowActive--;
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(pageHtml(`Slow page ${req.url}`, articleHtml(`slow day ${req.url}`)));
      }, 150);
    },
  });
});
afterAll(async () => {
  await server.close();
});

const FAST_FAIL = { timeoutMs: 3000, idleTimeoutMs: 500 };

async function openStore(): Promise<SqliteStore> {
  return SqliteStore.open(join(tempDir(), 'p.db'));
}

describe('ingesting URLs into a real SQLite store', () => {
  it('gives one clear error per bad URL, goes on with the good one, and keeps what was stored', async () => {
    const store = await openStore();
    try {
      const first = await ingestPaths(store, [`${server.base}/story.html`], { showProgress: false });
      expect(first).toMatchObject({ new: 1, failed: 0 });
      const before = await store.getDocument(1);
      const bad: [string, RegExp][] = [
        ['/huge', /too large \(over the 10 MB cap\)/],
        ['/bomb', /too large \(over the 10 MB cap after gzip decompression\)/],
        ['/invalid.xml', /is not a valid RSS or Atom feed/],
        ['/empty-feed.xml', /feed has no entries/],
        ['/loop-a', /redirect loop/],
        ['/hang', /timed out/],
        ['/missing', /HTTP 404 Not Found/],
        ['/truncated', /connection closed before the page was complete/],
        ['/binary', /looks binary \(contains NUL bytes\) though served as text\/html/],
      ];
      const errors: InputError[] = [];
      const summary = await ingestPaths(store, [...bad.map(([p]) => `${server.base}${p}`), `${server.base}/ledger`], { showProgress: false, fetch: FAST_FAIL, onError: (e) => errors.push(e) });
      expect(summary).toMatchObject({ new: 1, failed: bad.length });
      expect(errors).toHaveLength(bad.length);
      for (const [path, cause] of bad) {
        const mine = errors.filter((e) => e.input === `${server.base}${path}`);
        expect(mine, path).toHaveLength(1);
        expect(mine[0]!.message).toMatch(cause);
      }
      // The 50 MB page was cut at the cap, not read to its end.
      expect(server.hugeBytesSent).toBeLessThan(40 * 1024 * 1024);
      expect(await store.counts()).toMatchObject({ documents: 2 });
      expect(await store.getDocument(1)).toEqual(before);
      const ledger = (await store.listDocuments()).find((d) => d.outlet === 'Kyiv Ledger');
      expect(ledger?.cleanText).toContain('земля не продається');
    } finally {
      await store.close();
    }
  });

  it('stops a fetch in flight when the run is stopped, and says so rather than timing out', async () => {
    const store = await openStore();
    try {
      const stop = new AbortController();
      const errors: InputError[] = [];
      setTimeout(() => stop.abort(), 100);
      const summary = await ingestPaths(store, [`${server.base}/hang`], { showProgress: false, signal: stop.signal, fetch: { timeoutMs: 120_000, idleTimeoutMs: 120_000 }, onError: (e) => errors.push(e) });
      expect(summary.new).toBe(0);
      expect(errors.map((e) => e.message)).toEqual([`${server.base}/hang: stopped before the page was read`]);
    } finally {
      await store.close();
    }
  });

  it('survives malformed HTML: a document or one error, never a crash', async () => {
    const store = await openStore();
    try {
      const errors: InputError[] = [];
      const summary = await ingestPaths(store, [`${server.base}/malformed.html`], { showProgress: false, onError: (e) => errors.push(e) });
      expect(summary.new + errors.length).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('stores nothing twice: same text, same canonical URL with another ad block, or a tracking redirect', async () => {
    const store = await openStore();
    try {
      expect(await ingestPaths(store, [`${server.base}/story.html`], { showProgress: false })).toMatchObject({ new: 1 });
      const again = await ingestPaths(store, [`${server.base}/story.html`, `${server.base}/story-again.html`, `${server.base}/redirect`], { showProgress: false });
      expect(again).toMatchObject({ new: 0, unchanged: 3, failed: 0 });
      const [doc] = await store.listDocuments();
      expect(doc).toMatchObject({ canonicalUrl: 'https://northbridge.example/world/2025/03/25/energy-truce-talks', author: 'Dana Whitlock', outlet: 'Northbridge Wire', published: '2025-03-25' });
    } finally {
      await store.close();
    }
  });

  it('fetches feed entries once: known links are not fetched again', async () => {
    const store = await openStore();
    try {
      const first = await ingestPaths(store, [`${server.base}/feed.xml`], { showProgress: false });
      expect(first).toMatchObject({ new: 3, failed: 0 });
      const hits = server.hits.get('/articles/2');
      const second = await ingestPaths(store, [`${server.base}/feed.xml`], { showProgress: false });
      expect(second).toMatchObject({ new: 0, unchanged: 3 });
      expect(server.hits.get('/articles/2')).toBe(hits);
    } finally {
      await store.close();
    }
  });

  it('keeps at most two requests per host in flight and says who it is', async () => {
    const store = await openStore();
    try {
      const urls = [1, 2, 3, 4, 5, 6].map((n) => `${server.base}/slow?n=${n}`);
      expect(await ingestPaths(store, urls, { showProgress: false })).toMatchObject({ new: 6 });
      expect(slowMax).toBe(2);
      expect(agents.every((a) => /^Parley\/0\.1 \(\+https?:\/\/\S+\)$/.test(a))).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('watch --once ingests new entries only', async () => {
    const store = await openStore();
    const log: string[] = [];
    try {
      expect(await watchFeeds(store, [`${server.base}/feed.xml`], { everyMs: 1000, once: true, log: (l) => log.push(l) })).toMatchObject({ new: 3 });
      expect(await watchFeeds(store, [`${server.base}/feed.xml`], { everyMs: 1000, once: true, log: (l) => log.push(l) })).toMatchObject({ new: 0, unchanged: 3 });
      expect(log.filter((l) => /poll 1: .*feed\.xml: 3 new/.test(l))).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});

/** The built CLI, run without blocking this process (the fixture server lives here). */
function parleyAsync(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { encoding: 'utf8' }, (err, stdout, stderr) => {
      resolve({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('parley ingest and watch on URLs (the real binary)', () => {
  it('ingests URL arguments and a URL list, naming each bad one', async () => {
    const dir = tempDir();
    const db = join(dir, 'p.db');
    const list = join(dir, 'urls.txt');
    writeFileSync(list, `# morning reading\n${server.base}/ledger\n\nnot a url\n${server.base}/missing   # gone\n`);
    const run = await parleyAsync(['ingest', '--db', db, '--urls', list, `${server.base}/story.html`, `${server.base}/atom.xml`]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^documents: 3 new, 0 unchanged, 0 skipped, 2 failed; claims stored: \d+\n$/);
    const errors = run.stderr.split('\n').filter((l) => l.startsWith('parley: '));
    expect(errors).toEqual([`parley: ${list}:4: is not an http(s) URL: not a url`, `parley: ${server.base}/missing: HTTP 404 Not Found`]);
    const again = await parleyAsync(['ingest', '--db', db, `${server.base}/story.html`]);
    expect(again.stdout).toMatch(/0 new, 1 unchanged/);
    expect(again.status).toBe(0);
  });

  it('watch --once polls a feed; a second run finds nothing new', async () => {
    const db = join(tempDir(), 'w.db');
    const first = await parleyAsync(['watch', `${server.base}/feed.xml`, '--once', '--db', db]);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^documents: 3 new/);
    expect(first.stderr).toMatch(/watch: poll 1: .*feed\.xml: 3 new/);
    const second = await parleyAsync(['watch', `${server.base}/feed.xml`, '--once', '--db', db]);
    expect(second.stdout).toMatch(/^documents: 0 new, 3 unchanged/);
  });

  it('watch stops cleanly on SIGINT between polls', async () => {
    const db = join(tempDir(), 'w.db');
    const child = spawn(process.execPath, [CLI, 'watch', `${server.base}/atom.xml`, '--every', '1h', '--db', db]);
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    await new Promise<void>((resolve) => {
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('next poll in')) resolve();
      });
    });
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^documents: 1 new/);
  });

  it('refuses a bad interval', async () => {
    const run = await parleyAsync(['watch', `${server.base}/feed.xml`, '--every', 'soon', '--db', join(tempDir(), 'x.db')]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/--every: expected an interval/);
  });
});
