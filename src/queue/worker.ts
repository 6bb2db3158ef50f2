// `parley worker`: take ingest jobs from the queue, read (fetch) each input,
// extract and store its documents. Network trouble is retried with backoff by
// the queue; an input that fails for good goes to the dead-letter queue with its
// errors. SIGTERM lets the jobs in hand finish before the worker exits.
import type PgBoss from 'pg-boss';
import { ingestSource, readContext, readInput } from '../jobs/ingest.js';
import type { CompiledPack } from '../pack/compile.js';
import { InputError } from '../pipeline/ingest/reader.js';
import type { Store } from '../store/store.js';
import { FAILED_QUEUE, INGEST_QUEUE, POLLING_SECONDS, readerInputOf, type FailedJob, type IngestJob } from './ingest-queue.js';

/** Problems worth another try later: the network or the server, not the input. */
const TRANSIENT_PROBLEMS: readonly RegExp[] = [
  /\bHTTP (408|425|429|5\d\d)\b/,
  /timed? ?out|timeout/i,
  /cannot resolve host/i,
  /\b(ECONNRESET|ECONNREFUSED|ECONNABORTED|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|EPIPE|ETIMEDOUT)\b/,
  /socket hang up|fetch failed|network/i,
];

export function isTransient(problem: string): boolean {
  return TRANSIENT_PROBLEMS.some((pattern) => pattern.test(problem));
}

export interface JobOutcome {
  readonly created: number;
  readonly unchanged: number;
  readonly claims: number;
  /** Permanent problems, also sent to the dead-letter queue. */
  readonly errors: readonly string[];
}

/**
 * Run one job: store what its input yields. Throws (so the queue retries the job)
 * when any part failed for a reason that may pass; what was stored stays stored,
 * and the retry finds it unchanged.
 */
export async function runIngestJob(store: Store, boss: PgBoss, job: IngestJob, pack?: CompiledPack): Promise<JobOutcome> {
  let created = 0;
  let unchanged = 0;
  let claims = 0;
  const permanent: string[] = [];
  const transient: string[] = [];
  for (const item of await readInput(readerInputOf(job), readContext(store, {}, () => unchanged++))) {
    if (item instanceof InputError) {
      (isTransient(item.problem) ? transient : permanent).push(item.message);
      continue;
    }
    // A store failure (connection lost, server restarting) is retried like the network.
    const outcome = await ingestSource(store, item, pack);
    if (outcome.created) {
      created++;
      claims += outcome.claims;
    } else unchanged++;
  }
  if (transient.length > 0) throw new Error(transient.join('; '));
  if (permanent.length > 0) {
    const failed: FailedJob = { ...job, errors: permanent };
    await boss.send(FAILED_QUEUE, failed);
  }
  return { created, unchanged, claims, errors: permanent };
}

export interface WorkerOptions {
  /** Jobs run at once (default 1). */
  readonly concurrency?: number;
  readonly pack?: CompiledPack;
  /** Aborting stops taking jobs; the ones in hand finish. */
  readonly signal: AbortSignal;
  readonly log?: (line: string) => void;
}

export interface WorkerTotals {
  jobs: number;
  created: number;
  claims: number;
  failed: number;
}

/** Work the ingest queue until `signal` aborts; resolves when the jobs in hand are done. */
export async function runWorker(store: Store, boss: PgBoss, options: WorkerOptions): Promise<WorkerTotals> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const totals: WorkerTotals = { jobs: 0, created: 0, claims: 0, failed: 0 };
  const slots = Math.max(1, options.concurrency ?? 1);
  for (let slot = 0; slot < slots; slot++) {
    let workerId = '';
    workerId = await boss.work<IngestJob>(INGEST_QUEUE, { batchSize: 1, pollingIntervalSeconds: POLLING_SECONDS }, async ([job]) => {
      if (!job) return undefined;
      // A slot that just had a job asks for the next one at once: the polling wait is for an empty queue,
      // and would otherwise cap each slot at 1 / POLLING_SECONDS jobs a second.
      boss.notifyWorker(workerId);
      // Which inputs a worker holds, for whoever must find what a dead or stuck worker was doing.
      log(`worker: ${job.data.origin}: started`);
      try {
        const outcome = await runIngestJob(store, boss, job.data, options.pack);
        totals.jobs++;
        totals.created += outcome.created;
        totals.claims += outcome.claims;
        if (outcome.errors.length > 0) totals.failed++;
        log(`worker: ${job.data.origin}: ${outcome.created} new, ${outcome.unchanged} unchanged, ${outcome.claims} claims${outcome.errors.length ? `; failed: ${outcome.errors.join('; ')}` : ''}`);
        return outcome;
      } catch (err) {
        log(`worker: ${job.data.origin}: will retry: ${err instanceof Error ? err.message : String(err)}`);
        throw err;
      }
    });
  }
  log(`worker: waiting for jobs (${slots} at a time; SIGTERM or Ctrl-C stops after the jobs in hand)`);
  await new Promise<void>((resolve) => {
    if (options.signal.aborted) resolve();
    else options.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  log('worker: stopping: finishing the jobs in hand');
  await boss.stop({ graceful: true, wait: true, timeout: 60_000 });
  return totals;
}
