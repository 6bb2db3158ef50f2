// The durable ingest queue: pg-boss on the PostgreSQL database the store uses.
// `parley ingest --queue` and `parley watch --queue` send one job per input
// (a file travels in the job, so a worker on another machine can read it; a URL
// or feed is fetched by the worker); `parley worker` runs them; `parley jobs`
// lists them. A job whose worker dies is retried when it expires, and the store
// is idempotent by content hash, so nothing is lost or stored twice.
import { readFileSync } from 'node:fs';
import PgBoss from 'pg-boss';
import { expandPaths } from '../jobs/ingest.js';
import { InputError, type ReaderInput } from '../pipeline/ingest/reader.js';
import { INPUT_EXTENSIONS } from '../pipeline/ingest/readers.js';
import { isUrl } from '../pipeline/ingest/url-reader.js';
import { isPostgresUrl, safeUrl } from '../store/postgres/postgres-store.js';

export const INGEST_QUEUE = 'parley-ingest';
/** Inputs that failed for good: a permanent error, or every retry used up. */
export const FAILED_QUEUE = 'parley-ingest-failed';

/** One input to ingest: a URL to fetch, or a file's bytes (base64) under its original path. */
export interface IngestJob {
  readonly origin: string;
  readonly bytes?: string;
}

/** A dead-letter entry: the input and why it failed. */
export interface FailedJob extends IngestJob {
  readonly errors: readonly string[];
}

export interface QueueOptions {
  /** Seconds a job may run before it counts as lost (its worker died) and is retried; default 15 minutes. */
  readonly expireInSeconds?: number;
  /** Seconds between checks for lost jobs (default 30). */
  readonly maintenanceIntervalSeconds?: number;
}

const RETRY_LIMIT = 5;
/** Seconds before the first retry; pg-boss doubles it each time (with jitter). */
const RETRY_DELAY = 10;
/** How often an idle worker slot asks for a job (one that just finished a job asks again at once, see worker.ts). */
export const POLLING_SECONDS = 0.5;

function envSeconds(name: string): number | undefined {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= 1 ? value : undefined;
}

/** Connect to the queue in the database at `url` (creating its schema and queues on first use). */
export async function openQueue(url: string, options: QueueOptions = {}): Promise<PgBoss> {
  if (!isPostgresUrl(url)) throw new Error(`--queue needs a PostgreSQL database (--db postgres://… or PARLEY_DATABASE_URL), not ${url}`);
  const expireInSeconds = options.expireInSeconds ?? envSeconds('PARLEY_JOB_EXPIRE_SECONDS') ?? 15 * 60;
  const boss = new PgBoss({
    connectionString: url,
    max: 4,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? envSeconds('PARLEY_QUEUE_MAINTENANCE_SECONDS') ?? 30,
    schedule: false,
  });
  boss.on('error', (err) => process.stderr.write(`parley: queue ${safeUrl(url)}: ${err.message}\n`));
  try {
    await boss.start();
    await boss.createQueue(FAILED_QUEUE, { name: FAILED_QUEUE, retryLimit: 0, retentionMinutes: 60 * 24 * 30 });
    await boss.createQueue(INGEST_QUEUE, { name: INGEST_QUEUE, retryLimit: RETRY_LIMIT, retryDelay: envSeconds('PARLEY_JOB_RETRY_DELAY_SECONDS') ?? RETRY_DELAY, retryBackoff: true, expireInSeconds, deadLetter: FAILED_QUEUE });
  } catch (err) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    throw new Error(`${safeUrl(url)}: cannot open the job queue: ${err instanceof Error ? err.message : String(err)}`);
  }
  return boss;
}

/** The jobs for `inputs` (files, folders, URLs), or errors naming the inputs that cannot be queued. */
export function jobsFor(inputs: readonly string[]): { jobs: IngestJob[]; errors: InputError[] } {
  const { files, errors } = expandPaths(inputs, INPUT_EXTENSIONS);
  const jobs: IngestJob[] = [];
  for (const file of files) {
    if (isUrl(file)) {
      jobs.push({ origin: file });
      continue;
    }
    try {
      jobs.push({ origin: file, bytes: readFileSync(file).toString('base64') });
    } catch (err) {
      errors.push(new InputError(file, `cannot read: ${err instanceof Error ? err.message : String(err)}`));
    }
  }
  return { jobs, errors };
}

/** Send the jobs; returns how many were queued. */
export async function enqueue(boss: PgBoss, jobs: readonly IngestJob[]): Promise<number> {
  let queued = 0;
  // Batches keep a big folder to a few round trips.
  for (let i = 0; i < jobs.length; i += 500) {
    await boss.insert(jobs.slice(i, i + 500).map((data) => ({ name: INGEST_QUEUE, data })));
    queued += Math.min(500, jobs.length - i);
  }
  return queued;
}

/** The reader input a job stands for. */
export function readerInputOf(job: IngestJob): ReaderInput {
  return job.bytes === undefined ? { origin: job.origin } : { origin: job.origin, bytes: new Uint8Array(Buffer.from(job.bytes, 'base64')) };
}
