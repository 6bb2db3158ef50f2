// `npm run bench`: throughput of the full pipeline (clean → extract → store)
// against bare wink-nlp tokenisation of the same text, in the same process;
// then near-duplicate detection on 100 k generated documents, and analysis and
// HTTP load on 1 M generated claims. `--pipeline-only` stops after the text and
// HTML parts; `--dedup-only` and `--load-only` run only that part.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentHash } from '../jobs/ingest.js';
import { getPack } from '../pack/compile.js';
import { parseTextDocument } from '../pipeline/ingest/text-reader.js';
import { runPipeline } from '../pipeline/run-pipeline.js';
import { getNlp } from '../pipeline/segment/segment.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { benchAnalysis, withGeneratedStore } from './analysis-bench.js';
import { benchHtml } from './html-bench.js';
import { benchLoad } from './load-bench.js';
import { benchLongSentences } from './long-sentence-bench.js';
import { benchDedup } from './dedup-bench.js';

const CORPUS = fileURLToPath(new URL('../../corpus/sample', import.meta.url));
const TARGET_BYTES = 5 * 1024 * 1024;

function corpusTexts(): string[] {
  const files = readdirSync(CORPUS).filter((f) => f.endsWith('.txt'));
  if (files.length === 0) throw new Error(`bench: no .txt files in ${CORPUS}`);
  return files.map((f) => readFileSync(join(CORPUS, f), 'utf8'));
}

/** Repeat the corpus until it holds ≥ 5 MB; each copy is made unique so the store keeps it. */
function workload(): string[] {
  const base = corpusTexts();
  const docs: string[] = [];
  let bytes = 0;
  for (let copy = 0; bytes < TARGET_BYTES; copy++) {
    for (const text of base) {
      const doc = `${text}\nCopy ${copy}.`;
      docs.push(doc);
      bytes += Buffer.byteLength(doc);
    }
  }
  return docs;
}

function mbps(bytes: number, ms: number): number {
  return bytes / 1024 / 1024 / (ms / 1000);
}

async function main(): Promise<void> {
  if (process.argv.includes('--load-only')) return withGeneratedStore(getPack(), benchLoad);
  if (process.argv.includes('--dedup-only')) return benchDedup(CORPUS);
  const docs = workload();
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
  const pack = getPack();
  const nlp = getNlp();
  nlp.readDoc('warm up the model.');

  let t = performance.now();
  let tokens = 0;
  for (const d of docs) tokens += nlp.readDoc(d).tokens().length();
  const tokenMs = performance.now() - t;

  const dbPath = join(tmpdir(), `parley-bench-${process.pid}.db`);
  const store = await SqliteStore.open(dbPath);
  t = performance.now();
  let claims = 0;
  for (const [i, d] of docs.entries()) {
    const source = parseTextDocument(d, `bench-${i}.txt`);
    const result = runPipeline(source, pack);
    claims += result.claims.length;
    await store.saveDocument({ contentHash: contentHash(source.rawText), origin: source.origin, cleanText: result.analysed.segmented.clean.text }, result.claims);
  }
  const pipelineMs = performance.now() - t;
  await store.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });

  const mb = bytes / 1024 / 1024;
  console.log(`corpus: ${docs.length} documents, ${mb.toFixed(2)} MB, ${tokens} tokens, ${claims} claims`);
  console.log(`wink-nlp tokenisation:            ${mbps(bytes, tokenMs).toFixed(2)} MB/s (${tokenMs.toFixed(0)} ms)`);
  console.log(`full pipeline (clean→extract→store): ${mbps(bytes, pipelineMs).toFixed(2)} MB/s (${pipelineMs.toFixed(0)} ms, ${((docs.length / pipelineMs) * 1000).toFixed(0)} docs/s)`);
  console.log(`ratio pipeline / tokenisation:    ${(tokenMs / pipelineMs).toFixed(2)}× the speed (${(pipelineMs / tokenMs).toFixed(2)}× the time)`);
  benchHtml(corpusTexts());
  benchLongSentences(corpusTexts(), pack);
  if (process.argv.includes('--pipeline-only')) return;
  await benchDedup(CORPUS);
  await withGeneratedStore(pack, async (path) => {
    await benchAnalysis(path, pack);
    await benchLoad(path);
  });
}

void main();
