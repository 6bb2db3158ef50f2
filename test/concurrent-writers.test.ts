// Several writers on one SQLite file: three `parley ingest` processes on a new
// store, and an ingest while `parley serve` reads. A lock is not a bad input:
// every document is stored exactly once and none is reported failed.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Claim } from '../src/pipeline/types.js';
import { CLI, ROOT, tempDir } from './helpers.js';

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGTERM');
});

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** `count` distinct articles made from the sample corpus. */
function writeCorpus(dir: string, count: number): void {
  mkdirSync(dir, { recursive: true });
  const sample = join(ROOT, 'corpus', 'sample');
  const texts = readdirSync(sample).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(sample, f), 'utf8'));
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `doc-${i}.txt`), `${texts[i % texts.length]}\nEdition ${i}.\n`);
}

function documentCounts(db: string): { rows: number; distinct: number } {
  const sqlite = new Database(db, { readonly: true });
  try {
    return sqlite.prepare('select count(*) as rows, count(distinct content_hash) as "distinct" from documents').get() as { rows: number; distinct: number };
  } finally {
    sqlite.close();
  }
}

describe('concurrent writers', () => {
  it('three ingests started together on a new store store every document once', async () => {
    const dir = tempDir();
    writeCorpus(join(dir, 'in'), 12);
    const db = join(dir, 'new.db');
    const results = await Promise.all([1, 2, 3].map(() => run(['ingest', '--db', db, join(dir, 'in')])));
    for (const r of results) {
      expect(r.stderr).not.toMatch(/SQLITE_BUSY|database is locked|already exists|failed/i);
      expect(r.code).toBe(0);
    }
    expect(documentCounts(db)).toEqual({ rows: 12, distinct: 12 });
  }, 60_000);

  it('an ingest while serve answers reads stores everything, and every read is answered', async () => {
    const dir = tempDir();
    writeCorpus(join(dir, 'in'), 12);
    const db = join(dir, 'served.db');
    const server = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--db', db], { env: { ...process.env, PARLEY_TOKEN: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    running.push(server);
    const url = await new Promise<string>((resolve, reject) => {
      let stderr = '';
      server.stderr!.setEncoding('utf8').on('data', (c: string) => {
        stderr += c;
        const m = /serving .* at (http:\/\/[\d.]+:\d+)\//.exec(stderr);
        if (m) resolve(m[1]!);
      });
      server.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    const ingest = run(['ingest', '--db', db, join(dir, 'in')]);
    let done = false;
    void ingest.then(() => (done = true));
    const statuses: number[] = [];
    while (!done) statuses.push((await fetch(`${url}/api/matrix`)).status);
    const result = await ingest;
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/SQLITE_BUSY|database is locked|failed/i);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(documentCounts(db)).toEqual({ rows: 12, distinct: 12 });
  }, 60_000);

  it('stores a document with 5,000 claims', async () => {
    const db = join(tempDir(), 'many.db');
    const store = await SqliteStore.open(db);
    const claims: Claim[] = Array.from({ length: 5000 }, (_, i) => ({
      actor: 'russia', proposition: 'ceasefire', polarity: 'oppose', evidence: `Sentence ${i}.`, start: i * 10, end: i * 10 + 9,
      modality: 'reject', hedged: false, reported: false, conditional: false, rule: 'test/test', sentenceIndex: i,
    }));
    const saved = await store.saveDocument({ contentHash: 'many-claims', origin: 'many.txt', cleanText: 'Many sentences.' }, claims);
    expect(saved.created).toBe(true);
    await store.close();
    const sqlite = new Database(db, { readonly: true });
    expect(sqlite.prepare('select count(*) as n from claims').get()).toEqual({ n: 5000 });
    sqlite.close();
  });
});
