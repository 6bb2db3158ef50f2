// `ingest --jobs N`: extraction threads, one writer. The store must be the same as a
// one-thread run makes: the same documents in the same order, claims, clusters and bands.
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractPool } from '../src/jobs/extract-pool.js';
import { ingestPaths } from '../src/jobs/ingest.js';
import { getPack } from '../src/pack/compile.js';
import { parseTextDocument } from '../src/pipeline/ingest/text-reader.js';
import { analyseSource } from '../src/jobs/analyse-source.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { parley, ROOT, tempDir } from './helpers.js';

const SAMPLE = join(ROOT, 'corpus', 'sample');

/** Every row of the tables a run writes, minus the time of ingest (band keys have no rowid: by document and band). */
function dump(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  try {
    const tables = ['documents', 'claims', 'document_bands', 'document_signatures'];
    return Object.fromEntries(
      tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY ${t === 'document_bands' ? 'document_id, band' : 'rowid'}`).all().map((row) => ({ ...(row as object), ingested_at: undefined }))]),
    );
  } finally {
    db.close();
  }
}

/** The sample corpus plus a copy of one article (a duplicate) and an input that fails. */
function inputs(): string[] {
  const dir = tempDir('parley-jobs-');
  const first = readdirSync(SAMPLE).filter((f) => f.endsWith('.txt')).sort()[0]!;
  mkdirSync(join(dir, 'more'));
  copyFileSync(join(SAMPLE, first), join(dir, 'more', 'copy.txt'));
  writeFileSync(join(dir, 'more', 'empty.txt'), '');
  return [SAMPLE, join(dir, 'more')];
}

async function ingestWith(jobs: number, paths: string[]): Promise<{ db: string; summary: Awaited<ReturnType<typeof ingestPaths>> }> {
  const db = join(tempDir('parley-jobs-db-'), 'store.db');
  const store = await SqliteStore.open(db);
  try {
    const summary = await ingestPaths(store, paths, { jobs, showProgress: false, onError: () => {}, onSkippedFile: () => {} });
    return { db, summary };
  } finally {
    await store.close();
  }
}

describe('ingest with extraction threads', () => {
  it('stores exactly what one thread stores', async () => {
    const paths = inputs();
    const one = await ingestWith(1, paths);
    const two = await ingestWith(2, paths);
    expect(two.summary).toEqual(one.summary);
    expect(one.summary.unchanged).toBe(1);
    expect(one.summary.failed).toBe(1);
    const [a, b] = [dump(one.db), dump(two.db)];
    expect(a.claims!.length).toBeGreaterThan(100);
    expect(b).toEqual(a);
  });

  it('stores the same with three threads, whichever finishes first', async () => {
    const paths = inputs();
    const [one, three] = [await ingestWith(1, paths), await ingestWith(3, paths)];
    expect(three.summary).toEqual(one.summary);
    expect(dump(three.db)).toEqual(dump(one.db));
  });

  it('takes --jobs on the command line and refuses a count below 1', () => {
    const db = join(tempDir('parley-jobs-cli-'), 'store.db');
    const run = parley(['ingest', '--jobs', '2', '--db', db, SAMPLE]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^documents: 26 new/);
    const bad = parley(['ingest', '--jobs', '0', '--db', db, SAMPLE]);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('--jobs');
  });

  it('lets a thread hold several documents, and says when it has no room left', async () => {
    const pack = getPack();
    const pool = new ExtractPool(1, pack, 2);
    try {
      const texts = readdirSync(SAMPLE).filter((f) => f.endsWith('.txt')).sort().slice(0, 3);
      const docs = texts.map((f) => parseTextDocument(readFileSync(join(SAMPLE, f), 'utf8'), f));
      expect(pool.hasRoom()).toBe(true);
      const first = pool.analyse(docs[0]!);
      expect(pool.hasRoom()).toBe(true);
      const second = pool.analyse(docs[1]!);
      // Two held: a third waits in the queue, so this thread should extract it itself.
      expect(pool.hasRoom()).toBe(false);
      const third = pool.analyse(docs[2]!);
      const answers = await Promise.all([first, second, third]);
      expect(answers).toEqual(docs.map((d) => analyseSource(d, pack)));
      expect(pool.hasRoom()).toBe(true);
    } finally {
      await pool.close();
    }
  });
});
