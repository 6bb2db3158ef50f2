// The PostgreSQL rows of `npm run bench` (`--postgres-only` runs just these), on
// the server of PARLEY_DATABASE_URL (a fresh database per part, dropped after) or
// on a throw-away cluster started for the run:
//   1. ingest throughput of 1, 2 and 4 `parley worker` processes on one database,
//      and its ratio to ingesting the same corpus into SQLite in one process;
//   2. p50/p95 of matrix, conflicts and timeline on 1 M generated claims, the same
//      claims as the SQLite analysis rows, bulk-loaded with multi-row inserts.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { CompiledPack } from '../pack/compile.js';
import { ingestPaths } from '../jobs/ingest.js';
import { parseTextDocument } from '../pipeline/ingest/text-reader.js';
import { runPipeline } from '../pipeline/run-pipeline.js';
import { enqueue, jobsFor, openQueue } from '../queue/ingest-queue.js';
import { listJobs } from '../queue/list-jobs.js';
import { openStore } from '../store/open-store.js';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { STANCE_SUMMARY_REBUILD } from '../store/postgres/stance-summary.js';
import { CELL_CONFIDENCE_REBUILD } from '../store/cell-confidence.js';
import { CELL_TOTALS_REBUILD } from '../store/cell-totals.js';
import { OUTLET_SPANS_REBUILD } from '../store/outlet-spans.js';
import { SIDE_DAYS_REBUILD } from '../store/side-days.js';
import { createDatabase, dropDatabase, startThrowawayCluster } from '../store/postgres/throwaway-cluster.js';
import { benchAnalysisOn, CLAIMS_PER_DOCUMENT, DOCUMENTS, GENERATED_EVIDENCE, GENERATED_TEXT, generatedDocuments, type GeneratedDocument } from './analysis-bench.js';
import { writeGeneratedCorpus } from './generated-corpus.js';

const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const WORKER_COUNTS = [1, 2, 4];
/** Jobs each worker runs at once (`parley worker`'s default). */
const WORKER_CONCURRENCY = 2;
const DEFAULT_INGEST_DOCUMENTS = 1000;
/** Generated documents per multi-row insert: 20,000 claims, far below PostgreSQL's limits (arrays are one parameter each). */
const DOCUMENTS_PER_INSERT = 2000;

/** The summary tables whose own triggers keep the per-cell totals and outlet spans. */
const DAY_TABLES = ['stance_days', 'cell_confidence_days', 'cell_outlet_days'];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `--pg-documents 5000` → 5000; absent → the default. */
function ingestDocuments(argv: readonly string[]): number {
  const i = argv.indexOf('--pg-documents');
  if (i < 0) return DEFAULT_INGEST_DOCUMENTS;
  const n = Number(argv[i + 1]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`bench: --pg-documents expects a whole number of documents, got ${argv[i + 1] ?? 'nothing'}`);
  return n;
}

/** Run `use` with a PostgreSQL server URL: PARLEY_DATABASE_URL's server, or a throw-away cluster. */
async function withPostgresServer(use: (serverUrl: string) => Promise<void>): Promise<void> {
  const given = process.env.PARLEY_DATABASE_URL;
  if (given) return use(given);
  const cluster = await startThrowawayCluster();
  try {
    await use(cluster.url);
  } finally {
    await cluster.stop();
  }
}

/** A fresh database for one part of the bench, dropped afterwards. */
async function withDatabase(serverUrl: string, part: string, use: (url: string) => Promise<void>): Promise<void> {
  const name = `parley_bench_${process.pid}_${part}`;
  const url = await createDatabase(serverUrl, name);
  try {
    await use(url);
  } finally {
    await dropDatabase(serverUrl, name);
  }
}

/** Start `workers` `parley worker` processes on `url`; resolves once each waits for jobs. */
async function startWorkers(url: string, workers: number) {
  const started = [];
  for (let i = 0; i < workers; i++) {
    const child = spawn(process.execPath, [CLI, 'worker', '--db', url, '--concurrency', String(WORKER_CONCURRENCY)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const ready = new Promise<void>((resolve, reject) => {
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
        stderr = (stderr + chunk).slice(-4000);
        if (stderr.includes('worker: waiting for jobs')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`bench: a worker exited with ${code}: ${stderr.trim()}`)));
    });
    started.push({ child, ready, exit: new Promise<number | null>((resolve) => child.once('exit', resolve)) });
  }
  await Promise.all(started.map((w) => w.ready));
  return started;
}

/**
 * Milliseconds `workers` running `parley worker` processes take to run the jobs of `corpus`,
 * from queueing them to the last one done (the processes start first, so their start-up is not counted).
 */
async function timeWorkers(url: string, workers: number, corpus: string): Promise<number> {
  const boss = await openQueue(url);
  const children = await startWorkers(url, workers).catch(async (err: unknown) => {
    await boss.stop({ graceful: false, wait: true });
    throw err;
  });
  try {
    const { jobs, errors } = jobsFor([corpus]);
    if (errors.length > 0) throw new Error(`bench: ${errors[0]!.message}`);
    const t = performance.now();
    await enqueue(boss, jobs);
    for (;;) {
      const { counts } = await listJobs(boss);
      if (counts.completed! + counts.failed! + counts.dead! >= jobs.length) break;
      const died = children.find((c) => c.child.exitCode !== null);
      if (died) throw new Error(`bench: a worker exited with ${died.child.exitCode} before the jobs were done`);
      await sleep(100);
    }
    return performance.now() - t;
  } finally {
    for (const { child } of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => c.exit));
    await boss.stop({ graceful: false, wait: true });
  }
}

/** Part 1: docs/s of 1, 2 and 4 workers against single-process SQLite on the same generated corpus. */
async function benchWorkers(serverUrl: string, pack: CompiledPack, documents: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-pg-'));
  try {
    const corpus = join(dir, 'corpus');
    writeGeneratedCorpus(corpus, documents);
    // The model loads on first use; the workers have loaded theirs before the clock starts, too.
    runPipeline(parseTextDocument('Warm up the model.', 'warm-up.txt'), pack);
    const reference = await SqliteStore.open(join(dir, 'single.db'));
    const t = performance.now();
    await ingestPaths(reference, [corpus], { pack, showProgress: false });
    const sqliteMs = performance.now() - t;
    const expected = await reference.counts();
    await reference.close();
    const sqliteRate = (documents / sqliteMs) * 1000;
    process.stdout.write(`\nPostgreSQL ingest: ${documents} generated documents (four paragraphs each, ${expected.claims} claims stored), from the first job queued to the last one done:\n`);
    process.stdout.write(`  SQLite, one process (ingestPaths)       ${sqliteRate.toFixed(1).padStart(7)} docs/s   (reference)\n`);
    for (const workers of WORKER_COUNTS) {
      await withDatabase(serverUrl, `ingest_${workers}`, async (url) => {
        const ms = await timeWorkers(url, workers, corpus);
        const store = await openStore(url);
        const stored = await store.counts();
        await store.close();
        const same = stored.documents === expected.documents && stored.claims === expected.claims;
        if (!same) process.exitCode = 1;
        const rate = (documents / ms) * 1000;
        process.stdout.write(
          `  PostgreSQL, ${workers} worker${workers > 1 ? 's' : ' '} × ${WORKER_CONCURRENCY} jobs at once ${rate.toFixed(1).padStart(7)} docs/s   ${(rate / sqliteRate).toFixed(2)}× SQLite   ${same ? 'same documents and claims as SQLite' : `MISMATCH: ${stored.documents} documents, ${stored.claims} claims`}\n`,
        );
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Insert a batch of generated documents and their claims: one multi-row statement each, from arrays. */
async function insertBatch(client: pg.Client, docs: readonly GeneratedDocument[]): Promise<void> {
  await client.query(
    `insert into documents (id, content_hash, origin, outlet, published, clean_text, cluster_id)
      select id, hash, origin, outlet, published, $6, cluster from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $7::int[]) as d(id, hash, origin, outlet, published, cluster)`,
    [docs.map((d) => d.id), docs.map((d) => d.contentHash), docs.map((d) => d.origin), docs.map((d) => d.outlet), docs.map((d) => d.published), GENERATED_TEXT, docs.map((d) => d.clusterId)],
  );
  const claims = docs.flatMap((d) => d.claims.map((c) => ({ ...c, documentId: d.id, published: d.published, cluster: d.clusterId ?? d.id })));
  await client.query(
    `insert into claims (document_id, actor, proposition, polarity, evidence, start, "end", modality, hedged, reported, conditional, rule, sentence_index, published, cluster_id)
      select document_id, actor, proposition, polarity, $10, 0, 40, modality, hedged, 0, 0, 'bench', sentence_index, published, cluster
      from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[], $9::int[])
        as c(document_id, actor, proposition, polarity, modality, hedged, sentence_index, published, cluster)`,
    [
      claims.map((c) => c.documentId),
      claims.map((c) => c.actor),
      claims.map((c) => c.proposition),
      claims.map((c) => c.polarity),
      claims.map((c) => c.modality),
      claims.map((c) => c.hedged),
      claims.map((c) => c.sentenceIndex),
      claims.map((c) => c.published),
      claims.map((c) => c.cluster),
      GENERATED_EVIDENCE,
    ],
  );
}

/**
 * Fill the fresh database at `url` with the bench's generated documents: multi-row inserts
 * with the summary triggers off, then the summary tables computed once from the claims
 * (the same statements the delete triggers run per cell) and the per-cell totals and outlet
 * spans from them, then the visibility map and statistics for the planner.
 */
export async function generatePostgresStore(url: string, pack: CompiledPack, documents = DOCUMENTS): Promise<void> {
  await (await PostgresStore.open(url)).close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The throw-away cluster commits asynchronously; a commit not yet flushed keeps the vacuum below from
    // marking the loaded pages all-visible, which index-only scans need.
    await client.query('set synchronous_commit = on');
    await client.query('begin');
    // Row by row, the insert trigger's lookups would take hours for a million claims.
    await client.query('alter table claims disable trigger claims_summary_insert');
    await client.query('alter table claims disable trigger claims_confidence');
    await client.query('alter table claims disable trigger cell_side_days_insert');
    let batch: GeneratedDocument[] = [];
    for (const doc of generatedDocuments(pack, documents)) {
      batch.push(doc);
      if (batch.length === DOCUMENTS_PER_INSERT) {
        await insertBatch(client, batch);
        batch = [];
      }
    }
    if (batch.length > 0) await insertBatch(client, batch);
    await client.query('alter table claims enable trigger claims_summary_insert');
    await client.query('alter table claims enable trigger claims_confidence');
    await client.query('alter table claims enable trigger cell_side_days_insert');
    // Ids were given, so the identity must continue after them.
    await client.query(`select setval(pg_get_serial_sequence('documents', 'id'), (select max(id) from documents))`);
    await client.query(`set local work_mem = '256MB'`);
    // The per-cell totals and outlet spans follow the day tables row by row; they too are computed once, after.
    for (const table of DAY_TABLES) await client.query(`alter table ${table} disable trigger user`);
    for (const statement of [...STANCE_SUMMARY_REBUILD, ...CELL_CONFIDENCE_REBUILD, ...CELL_TOTALS_REBUILD, ...OUTLET_SPANS_REBUILD, ...SIDE_DAYS_REBUILD]) await client.query(statement);
    for (const table of DAY_TABLES) await client.query(`alter table ${table} enable trigger user`);
    await client.query('commit');
    await client.query('vacuum analyze');
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

/** Part 2: the analysis rows on 1 M claims in PostgreSQL. */
async function benchPostgresAnalysis(serverUrl: string, pack: CompiledPack): Promise<void> {
  await withDatabase(serverUrl, 'analysis', async (url) => {
    const t = performance.now();
    await generatePostgresStore(url, pack);
    process.stdout.write(
      `\nPostgreSQL store of ${(DOCUMENTS * CLAIMS_PER_DOCUMENT).toLocaleString('en')} generated claims (${DOCUMENTS.toLocaleString('en')} documents, as for SQLite) built in ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
    );
    const store = await PostgresStore.open(url);
    try {
      await benchAnalysisOn(store, pack);
    } finally {
      await store.close();
    }
  });
}

/** Both PostgreSQL parts; `--pg-documents N` sets the ingest corpus (default 1000). */
export async function benchPostgres(pack: CompiledPack, argv: readonly string[]): Promise<void> {
  const documents = ingestDocuments(argv);
  await withPostgresServer(async (serverUrl) => {
    await benchWorkers(serverUrl, pack, documents);
    await benchPostgresAnalysis(serverUrl, pack);
  });
}
