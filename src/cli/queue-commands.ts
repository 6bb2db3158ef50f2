// The queue's edge of the CLI: `ingest --queue` and `watch --queue` (enqueue
// instead of processing), `parley worker` and `parley jobs`. Thin: the work is
// in src/queue/.
import { InvalidArgumentError, type Command } from 'commander';
import type { CompiledPack } from '../pack/compile.js';import { toTable } from './output.js';

// The queue and the stores load when a queue command runs, so other commands start without pg-boss.
const ingestQueue = () => import('../queue/ingest-queue.js');

export interface QueueCommandContext {
  readonly defaultDb: string;
  readonly pack: () => Promise<CompiledPack>;
  readonly reportError: (err: unknown) => void;
}

/** `ingest --queue`: one job per input, for `parley worker` to run. */
export async function enqueueInputs(db: string, inputs: readonly string[], reportError: (err: unknown) => void): Promise<void> {
  const { jobs, errors } = (await ingestQueue()).jobsFor(inputs);
  errors.forEach(reportError);
  const boss = await (await ingestQueue()).openQueue(db);
  try {
    const queued = await (await ingestQueue()).enqueue(boss, jobs);
    process.stdout.write(`inputs: ${queued} queued, ${errors.length} failed\n`);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

function positiveCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

export function addQueueCommands(program: Command, context: QueueCommandContext): void {
  program
    .command('worker')
    .description('run queued ingest jobs (from ingest --queue / watch --queue) until SIGTERM or Ctrl-C')
    .option('--db <url>', 'PostgreSQL URL of the store and its queue (default: $PARLEY_DATABASE_URL)', context.defaultDb)
    .option('--concurrency <n>', 'jobs run at once', positiveCount, 2)
    .action(async (opts: { db: string; concurrency: number }) => {
      const boss = await (await ingestQueue()).openQueue(opts.db);
      const store = await (await import('../store/open-store.js')).openStore(opts.db);
      const stop = new AbortController();
      const onSignal = (): void => {
        if (stop.signal.aborted) process.exit(130);
        stop.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        const totals = await (await import('../queue/worker.js')).runWorker(store, boss, { concurrency: opts.concurrency, pack: await context.pack(), signal: stop.signal });
        process.stdout.write(`jobs: ${totals.jobs} done, ${totals.failed} failed; documents: ${totals.created} new; claims stored: ${totals.claims}\n`);
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await store.close();
      }
    });

  program
    .command('jobs')
    .description('the ingest queue: counts by state, and jobs queued, retrying, running or failed, with their error')
    .option('--db <url>', 'PostgreSQL URL of the queue (default: $PARLEY_DATABASE_URL)', context.defaultDb)
    .option('--state <state>', 'only jobs in this state: queued, retry, running, failed, dead')
    .option('-f, --format <format>', 'table or json', 'table')
    .action(async (opts: { db: string; state?: string; format: string }) => {
      const boss = await (await ingestQueue()).openQueue(opts.db);
      try {
        const list = await (await import('../queue/list-jobs.js')).listJobs(boss, opts.state ? { state: opts.state } : {});
        if (opts.format === 'json') {
          process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
          return;
        }
        process.stdout.write(`${Object.entries(list.counts).map(([state, n]) => `${state}: ${n}`).join(', ')}\n`);
        if (list.jobs.length > 0) process.stdout.write(toTable(['state', 'origin', 'retries', 'created', 'error'], list.jobs.map((j) => ({ ...j, error: j.error ?? '' }))));
      } finally {
        await boss.stop({ graceful: false, wait: true });
      }
    });
}

/** `watch --queue`: every interval, one job per feed; a worker reads the feed and fetches the entries the store lacks. */
export async function watchQueued(
  db: string,
  feeds: readonly string[],
  options: { readonly everyMs: number; readonly once: boolean; readonly signal: AbortSignal; readonly onError: (err: unknown) => void },
): Promise<void> {
  const { jobs, errors } = (await ingestQueue()).jobsFor(feeds);
  errors.forEach(options.onError);
  const boss = await (await ingestQueue()).openQueue(db);
  try {
    for (let poll = 1; !options.signal.aborted; poll++) {
      await (await ingestQueue()).enqueue(boss, jobs);
      process.stderr.write(`watch: poll ${poll}: ${jobs.length} feeds queued\n`);
      if (options.once) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.everyMs);
        options.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
    process.stdout.write(`feeds queued: ${jobs.length} per poll\n`);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
