// What the queue holds, for `parley jobs`: counts by state and every job not
// completed (queued, waiting to retry, running, failed), with its error.
import type PgBoss from 'pg-boss';
import { FAILED_QUEUE, INGEST_QUEUE } from './ingest-queue.js';

/** pg-boss states under the names people use. */
const STATE_NAMES: Readonly<Record<string, string>> = { created: 'queued', retry: 'retry', active: 'running', completed: 'completed', cancelled: 'cancelled', failed: 'failed' };

export interface JobRow {
  readonly id: string;
  /** queued, retry, running, failed; `dead` for entries of the dead-letter list. */
  readonly state: string;
  readonly origin: string;
  readonly retries: number;
  readonly created: string;
  readonly error?: string;
}

export interface JobList {
  /** Jobs of the ingest queue by state, and the dead-letter list's length. */
  readonly counts: Readonly<Record<string, number>>;
  readonly jobs: readonly JobRow[];
}

function errorText(output: unknown): string | undefined {
  if (!output || typeof output !== 'object') return undefined;
  const o = output as { message?: unknown; value?: { message?: unknown } };
  if (typeof o.message === 'string') return o.message;
  if (typeof o.value?.message === 'string') return o.value.message;
  return undefined;
}

export async function listJobs(boss: PgBoss, options: { readonly state?: string } = {}): Promise<JobList> {
  const db = boss.getDb();
  const { rows: countRows } = await db.executeSql(`select name, state, count(*)::int as n from pgboss.job where name = any($1) group by name, state`, [[INGEST_QUEUE, FAILED_QUEUE]]);
  const counts: Record<string, number> = { queued: 0, retry: 0, running: 0, failed: 0, completed: 0, dead: 0 };
  for (const r of countRows as { name: string; state: string; n: number }[]) {
    const key = r.name === FAILED_QUEUE ? 'dead' : (STATE_NAMES[r.state] ?? r.state);
    counts[key] = (counts[key] ?? 0) + r.n;
  }
  const { rows } = await db.executeSql(
    `select id, name, state, data->>'origin' as origin, data->'errors' as errors, retry_count, output, created_on from pgboss.job
      where name = any($1) and state not in ('completed', 'cancelled') order by created_on, id`,
    [[INGEST_QUEUE, FAILED_QUEUE]],
  );
  const jobs = (rows as { id: string; name: string; state: string; origin: string; errors: string[] | null; retry_count: number; output: unknown; created_on: Date }[]).map((r): JobRow => {
    const dead = r.name === FAILED_QUEUE;
    const error = dead ? r.errors?.join('; ') : errorText(r.output);
    return { id: r.id, state: dead ? 'dead' : (STATE_NAMES[r.state] ?? r.state), origin: r.origin, retries: r.retry_count, created: new Date(r.created_on).toISOString(), ...(error ? { error } : {}) };
  });
  return { counts, jobs: options.state ? jobs.filter((j) => j.state === options.state) : jobs };
}
