// Three `parley worker` processes on one queue of 1,000 documents, one killed with -9
// halfway while it holds jobs: the store must end with exactly the documents and
// claims of one clean single-process run, and every job completed once.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeGeneratedCorpus } from '../src/bench/generated-corpus.js';
import { listJobs } from '../src/queue/list-jobs.js';
import { openQueue } from '../src/queue/ingest-queue.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { CLI, parley, tempDir } from './helpers.js';
import { freshDatabase, POSTGRES_URL } from './postgres-helpers.js';

const DOCUMENTS = 1000;
/** Short generated documents (two paragraphs each) keep the run to a minute or two on two cores. */
const PARAGRAPHS = 2;
const WORKERS = 3;
const CONCURRENCY = 4;
// A killed worker's job counts as lost after 3 s and is retried 1 s later.
const QUEUE_ENV = { PARLEY_JOB_EXPIRE_SECONDS: '3', PARLEY_QUEUE_MAINTENANCE_SECONDS: '1', PARLEY_JOB_RETRY_DELAY_SECONDS: '1' };

/** Every document by content hash, with its claims as comparable lines. */
async function contents(store: Store): Promise<Map<string, string[]>> {
  const docs = await store.listDocuments();
  const hashOf = new Map(docs.map((d) => [d.id, d.contentHash]));
  const byHash = new Map(docs.map((d) => [d.contentHash, [] as string[]]));
  for (const c of await store.listClaims()) byHash.get(hashOf.get(c.documentId)!)!.push([c.actor, c.proposition, c.polarity, c.start, c.end, c.rule, c.modality, c.evidence].join('|'));
  for (const lines of byHash.values()) lines.sort();
  return byHash;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Inputs a worker has started and not finished, from its stderr lines. */
function inHand(lines: readonly string[]): string[] {
  const held = new Set<string>();
  for (const line of lines) {
    const started = /^worker: (.+): started$/.exec(line);
    if (started) held.add(started[1]!);
    else {
      const done = /^worker: (.+?): (\d+ new|will retry)/.exec(line);
      if (done) held.delete(done[1]!);
    }
  }
  return [...held];
}

(POSTGRES_URL ? describe : describe.skip)('queue and workers', () => {
  const workers: ChildProcess[] = [];
  afterAll(() => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
  });

  it(`loses and duplicates nothing when one of ${WORKERS} workers is killed with -9 halfway through ${DOCUMENTS} documents`, async () => {
    // The queue takes its expiry when first created, here by `ingest --queue`, so every process gets these.
    Object.assign(process.env, QUEUE_ENV);
    const dir = tempDir();
    writeGeneratedCorpus(join(dir, 'corpus'), DOCUMENTS, PARAGRAPHS);
    const db = await freshDatabase();
    const queued = parley(['ingest', '--queue', '--db', db, join(dir, 'corpus')]);
    expect(queued.stdout).toBe(`inputs: ${DOCUMENTS} queued, 0 failed\n`);
    const exits: Promise<number | null>[] = [];
    const logs: string[][] = [];
    const logsEnded: Promise<void>[] = [];
    for (let i = 0; i < WORKERS; i++) {
      const worker = spawn(process.execPath, [CLI, 'worker', '--db', db, '--concurrency', String(CONCURRENCY)], { env: { ...process.env, ...QUEUE_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
      const log: string[] = [];
      logs.push(log);
      let partial = '';
      worker.stderr!.on('data', (chunk: Buffer) => {
        const lines = (partial + chunk.toString()).split('\n');
        partial = lines.pop()!;
        log.push(...lines);
      });
      logsEnded.push(new Promise((resolve) => worker.stderr!.on('close', () => resolve())));
      worker.stdout!.resume();
      exits.push(new Promise((resolve) => worker.on('exit', (code) => resolve(code))));
      workers.push(worker);
    }
    const store = await openStore(db);
    const boss = await openQueue(db);
    try {
      while ((await store.counts()).documents < DOCUMENTS / 2) await sleep(100);
      // Killed while it holds jobs, so some job really is lost mid-run and must be retried.
      while (inHand(logs[0]!).length === 0) await sleep(5);
      workers[0]!.kill('SIGKILL');
      expect(await exits[0]).toBeNull();
      // Lines the worker wrote just before the kill may still sit in the pipe: read them all first,
      // or a job it finished would count as lost.
      await logsEnded[0];
      const lost = inHand(logs[0]!);
      expect(lost.length).toBeGreaterThan(0);
      // Done when every job completed; a job failed for good ends the wait too (and the test).
      for (;;) {
        const { counts } = await listJobs(boss);
        if (counts.completed === DOCUMENTS || counts.failed! > 0 || counts.dead! > 0) break;
        await sleep(500);
      }
      for (const w of workers.slice(1)) w.kill('SIGTERM');
      expect(await Promise.all(exits.slice(1))).toEqual([0, 0]);
      const everyLog = logs.map((l, i) => l.map((line) => `worker ${i}: ${line}`).join('\n')).join('\n');
      const { counts } = await listJobs(boss);
      expect(counts, everyLog).toMatchObject({ queued: 0, retry: 0, running: 0, failed: 0, dead: 0, completed: DOCUMENTS });
      // The lost jobs were run again by the surviving workers.
      const rerun = lost.filter((origin) => logs.slice(1).some((l) => l.some((line) => line.startsWith(`worker: ${origin}: `) && !line.endsWith(': started'))));
      expect(rerun, everyLog).toEqual(lost);

      const clean = join(dir, 'clean.db');
      expect(parley(['ingest', '--db', clean, join(dir, 'corpus')]).status).toBe(0);
      const reference = await openStore(clean);
      try {
        const expected = await contents(reference);
        expect(expected.size).toBe(DOCUMENTS);
        expect([...expected.values()].flat().length).toBeGreaterThan(DOCUMENTS);
        expect(await contents(store)).toEqual(expected);
        expect(await store.counts()).toEqual(await reference.counts());
        // Near-duplicate clusters follow the order of storing (a story founds its cluster when stored first),
        // which parallel workers change; every other count of the matrix must agree.
        const withoutClusters = (cells: Awaited<ReturnType<Store['matrix']>>) => cells.map(({ clusters: _clusters, ...rest }) => rest);
        expect(withoutClusters(await store.matrix())).toEqual(withoutClusters(await reference.matrix()));
      } finally {
        await reference.close();
      }
    } finally {
      await boss.stop({ graceful: false, wait: true });
      await store.close();
    }
  }, 600_000);
});
