// Three `parley worker` processes on one queue, one killed with -9 halfway: the
// store must end with exactly the documents and claims of one clean single-process run.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeGeneratedCorpus } from '../src/bench/generated-corpus.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { CLI, parley, tempDir } from './helpers.js';
import { freshDatabase, POSTGRES_URL } from './postgres-helpers.js';

const DOCUMENTS = 30;
// A killed worker's job counts as lost after 3 s and is retried 1 s later.
const QUEUE_ENV = { PARLEY_JOB_EXPIRE_SECONDS: '3', PARLEY_QUEUE_MAINTENANCE_SECONDS: '1', PARLEY_JOB_RETRY_DELAY_SECONDS: '1' };

/** Every document by content hash, with its claims as comparable lines. */
async function contents(store: Store): Promise<Map<string, string[]>> {
  const docs = await store.listDocuments();
  const hashOf = new Map(docs.map((d) => [d.id, d.contentHash]));
  const byHash = new Map(docs.map((d) => [d.contentHash, [] as string[]]));
  for (const c of await store.listClaims()) byHash.get(hashOf.get(c.documentId)!)!.push([c.actor, c.proposition, c.polarity, c.start, c.end, c.rule, c.evidence].join('|'));
  for (const lines of byHash.values()) lines.sort();
  return byHash;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

(POSTGRES_URL ? describe : describe.skip)('queue and workers', () => {
  const workers: ChildProcess[] = [];
  afterAll(() => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
  });

  it('loses and duplicates nothing when one of three workers is killed with -9 mid-run', async () => {
    // The queue takes its expiry when first created, here by `ingest --queue`, so every process gets these.
    Object.assign(process.env, QUEUE_ENV);
    const dir = tempDir();
    writeGeneratedCorpus(join(dir, 'corpus'), DOCUMENTS);
    const db = await freshDatabase();
    const queued = parley(['ingest', '--queue', '--db', db, join(dir, 'corpus')]);
    expect(queued.stdout).toBe(`inputs: ${DOCUMENTS} queued, 0 failed\n`);
    const exits: Promise<number | null>[] = [];
    const log: string[] = [];
    for (let i = 0; i < 3; i++) {
      const worker = spawn(process.execPath, [CLI, 'worker', '--db', db, '--concurrency', '2'], { env: { ...process.env, ...QUEUE_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
      worker.stderr!.on('data', (chunk: Buffer) => log.push(`worker ${i}: ${chunk.toString().trimEnd()}`));
      worker.stdout!.resume();
      exits.push(new Promise((resolve) => worker.on('exit', (code) => resolve(code))));
      workers.push(worker);
    }
    const store = await openStore(db);
    try {
      while ((await store.counts()).documents < DOCUMENTS / 3) await sleep(200);
      workers[0]!.kill('SIGKILL');
      expect(await exits[0]).toBeNull();
      while ((await store.counts()).documents < DOCUMENTS) await sleep(500);
      // The killed worker's job, if any, is retried and finds its document stored.
      await sleep(6000);
      for (const w of workers.slice(1)) w.kill('SIGTERM');
      expect(await Promise.all(exits.slice(1))).toEqual([0, 0]);
      const jobs = JSON.parse(parley(['jobs', '--db', db, '-f', 'json']).stdout) as { counts: Record<string, number> };
      expect(jobs.counts, log.join('\n')).toMatchObject({ queued: 0, retry: 0, running: 0, failed: 0, dead: 0, completed: DOCUMENTS });

      const clean = join(dir, 'clean.db');
      expect(parley(['ingest', '--db', clean, join(dir, 'corpus')]).status).toBe(0);
      const reference = await openStore(clean);
      try {
        const expected = await contents(reference);
        expect(expected.size).toBe(DOCUMENTS);
        expect(await contents(store)).toEqual(expected);
        expect(await store.counts()).toEqual(await reference.counts());
      } finally {
        await reference.close();
      }
    } finally {
      await store.close();
    }
  }, 400_000);
});
