// The throughput rows of `npm run bench`, on one text in one process: bare
// wink-nlp tokenisation, extraction alone (clean → segment → mentions →
// claims, no store) and the full ingest path into a fresh SQLite store
// (screen, near-duplicates and summary triggers included), then tokenisation
// and extraction again, warm.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestPaths, ingestSource } from '../jobs/ingest.js';
import type { CompiledPack } from '../pack/compile.js';
import { parseTextDocument } from '../pipeline/ingest/text-reader.js';
import { runPipeline } from '../pipeline/run-pipeline.js';
import { tokenisationReference } from './tokenisation-reference.js';
import { openStore } from '../store/open-store.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';

/** Real articles when the shared data is mounted; the bundled sample corpus otherwise. */
const TRAIN_DOCS = '/work/shared/train/docs';

function textsIn(dir: string): string[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  if (files.length === 0) throw new Error(`bench: no .txt files in ${dir}`);
  return files.map((f) => readFileSync(join(dir, f), 'utf8'));
}

/** The bench text: the train docs once, or the sample corpus repeated to `minBytes`; each copy made unique so the store keeps it. */
export function pipelineWorkload(sampleCorpus: string, minBytes = 2 * 1024 * 1024): { source: string; docs: string[] } {
  if (existsSync(TRAIN_DOCS)) return { source: TRAIN_DOCS, docs: textsIn(TRAIN_DOCS) };
  const base = textsIn(sampleCorpus);
  const docs: string[] = [];
  let bytes = 0;
  for (let copy = 0; bytes < minBytes; copy++) {
    for (const text of base) {
      const doc = `${text}\nCopy ${copy}.`;
      docs.push(doc);
      bytes += Buffer.byteLength(doc);
    }
  }
  return { source: `${sampleCorpus} (repeated)`, docs };
}

const mbps = (bytes: number, ms: number): number => bytes / 1024 / 1024 / (ms / 1000);

function row(label: string, bytes: number, docs: number, ms: number, tokenMs: number): string {
  const ratio = tokenMs / ms;
  return `${label.padEnd(34)} ${mbps(bytes, ms).toFixed(2).padStart(6)} MB/s ${((docs / ms) * 1000).toFixed(0).padStart(6)} docs/s ${ms.toFixed(0).padStart(7)} ms   ${ratio.toFixed(2)}× tokenisation`;
}

/** Print the three rows; returns the milliseconds of each for callers that compare runs. */
export async function benchPipeline(pack: CompiledPack, sampleCorpus: string): Promise<{ tokenMs: number; extractMs: number; ingestMs: number }> {
  const { source, docs } = pipelineWorkload(sampleCorpus);
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
  const nlp = tokenisationReference();
  nlp.readDoc('Warm up the model.');
  runPipeline(parseTextDocument(docs[0]!, 'warm-up.txt'), pack);

  let t = performance.now();
  let tokens = 0;
  for (const d of docs) tokens += nlp.readDoc(d).tokens().length();
  const tokenMs = performance.now() - t;

  t = performance.now();
  let extracted = 0;
  for (const [i, d] of docs.entries()) extracted += runPipeline(parseTextDocument(d, `bench-${i}.txt`), pack).claims.length;
  const extractMs = performance.now() - t;

  // The same two runs again: the first pass also pays for compiling the code and the patterns (JIT), a long ingest does not.
  t = performance.now();
  for (const d of docs) nlp.readDoc(d).tokens().length();
  const warmTokenMs = performance.now() - t;
  t = performance.now();
  for (const [i, d] of docs.entries()) runPipeline(parseTextDocument(d, `bench-${i}.txt`), pack);
  const warmExtractMs = performance.now() - t;

  const dbPath = join(tmpdir(), `parley-bench-${process.pid}.db`);
  const store = await openStore(dbPath, 'ingest');
  t = performance.now();
  let stored = 0;
  try {
    // Committed in bounded batches, as `parley ingest` commits.
    const batch = store.openBatch();
    for (const [i, d] of docs.entries()) stored += (await ingestSource(store, parseTextDocument(d, `bench-${i}.txt`), pack, undefined, batch)).claims;
    await batch.end();
  } finally {
    await store.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  }
  const ingestMs = performance.now() - t;

  console.log(`corpus: ${source}: ${docs.length} documents, ${(bytes / 1024 / 1024).toFixed(2)} MB, ${tokens} tokens; ${extracted} claims extracted, ${stored} stored`);
  console.log(row('wink-nlp tokenisation', bytes, docs.length, tokenMs, tokenMs));
  console.log(row('extract only (no store)', bytes, docs.length, extractMs, tokenMs));
  console.log(row('full pipeline into SQLite', bytes, docs.length, ingestMs, tokenMs));
  console.log(row('wink-nlp tokenisation, 2nd pass', bytes, docs.length, warmTokenMs, warmTokenMs));
  console.log(row('extract only, 2nd pass', bytes, docs.length, warmExtractMs, warmTokenMs));
  await benchJobs(pack, docs, bytes, tokenMs);
  return { tokenMs, extractMs, ingestMs };
}

/** Copies of the bench text in the threads rows: each thread loads the model and warms up once, so a short run hides the gain. */
const JOBS_COPIES = 4;

/** The one-minute load average, to print beside wall-clock figures on a shared machine. */
const load = (): string => `load ${loadavg()[0]!.toFixed(2)}`;

/**
 * `ingest --jobs 1` and `--jobs 2` on the bench text written out as files (JOBS_COPIES
 * times, each copy unique): the speed-up of extraction threads. Ratios are to the
 * tokenisation of the same amount of text. With `runs` > 1 the two alternate and the
 * fastest of each is printed last (the machine's load varies from one run to the next).
 */
async function benchJobs(pack: CompiledPack, docs: readonly string[], bytes: number, tokenMs: number, runs = 1): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'parley-bench-jobs-'));
  const dir = join(root, 'docs');
  mkdirSync(dir);
  try {
    let n = 0;
    for (let copy = 0; copy < JOBS_COPIES; copy++) for (const d of docs) writeFileSync(join(dir, `bench-${String(n++).padStart(6, '0')}.txt`), `${d}\nBench copy ${copy}.`);
    const fastest = new Map<number, number>();
    const print = (label: string, jobs: number, ms: number): void => {
      const vsOne = jobs > 1 ? `   ${(fastest.get(1)! / ms).toFixed(2)}× --jobs 1` : '';
      console.log(`${row(`${label}ingest --jobs ${jobs} (${JOBS_COPIES}× as files)`, bytes * JOBS_COPIES, n, ms, tokenMs * JOBS_COPIES)}${vsOne}   ${load()}`);
    };
    for (let run = 1; run <= runs; run++) {
      for (const jobs of [1, 2]) {
        const dbPath = join(root, `jobs-${jobs}-${run}.db`);
        const store = await SqliteStore.open(dbPath);
        const t = performance.now();
        try {
          await ingestPaths(store, [dir], { pack, jobs, showProgress: false, extensions: ['.txt'] });
        } finally {
          await store.close();
        }
        const ms = performance.now() - t;
        fastest.set(jobs, Math.min(fastest.get(jobs) ?? ms, ms));
        print(runs > 1 ? `run ${run}: ` : '', jobs, ms);
      }
    }
    if (runs > 1) for (const jobs of [1, 2]) print(`best of ${runs}: `, jobs, fastest.get(jobs)!);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** `npm run bench -- --jobs-only`: the threads rows alone, `runs` times each, with the tokenisation they are compared to. */
export async function benchJobsOnly(pack: CompiledPack, sampleCorpus: string, runs = 3): Promise<void> {
  const { docs } = pipelineWorkload(sampleCorpus);
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
  const nlp = tokenisationReference();
  nlp.readDoc('Warm up the model.');
  const t = performance.now();
  for (const d of docs) nlp.readDoc(d).tokens().length();
  await benchJobs(pack, docs, bytes, performance.now() - t, runs);
}
