// `npm run bench`: throughput of extraction and of the full pipeline (clean →
// extract → store) against bare wink-nlp tokenisation of the same text, in the
// same process (pipeline-bench.ts);
// then near-duplicate detection on 100 k generated documents, and analysis and
// HTTP load on 1 M generated claims. Between them, the scale rows ingest 1 k and
// 10 k generated documents (`--scale 1000,10000,50000` to choose). `--pipeline-only`
// stops after the text, scale and HTML parts; `--dedup-only`, `--load-only` and
// `--scale-only` run only that part (`--load-only --db FILE` loads an existing store). The pipeline rows include `ingest --jobs 1`
// and `--jobs 2` (`--jobs-only`: those alone, best of three); the cold-start rows (`--cold-start-only`) time `parley --help`
// and `parley extract` on one file in fresh processes. Last, the PostgreSQL rows
// (postgres-bench.ts, `--postgres-only`): 1, 2 and 4 workers against SQLite, and
// analysis on 1 M claims.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getPack } from '../pack/compile.js';
import { benchAnalysis, withGeneratedStore } from './analysis-bench.js';
import { benchColdStart } from './cold-start-bench.js';
import { benchHtml } from './html-bench.js';
import { benchLoad } from './load-bench.js';
import { benchLongSentences } from './long-sentence-bench.js';
import { benchDedup } from './dedup-bench.js';
import { benchJobsOnly, benchPipeline, pipelineWorkload } from './pipeline-bench.js';
import { benchPostgres } from './postgres-bench.js';
import { benchScale, scaleSizes } from './scale-bench.js';

const CORPUS = fileURLToPath(new URL('../../corpus/sample', import.meta.url));

function corpusTexts(): string[] {
  const files = readdirSync(CORPUS).filter((f) => f.endsWith('.txt'));
  if (files.length === 0) throw new Error(`bench: no .txt files in ${CORPUS}`);
  return files.map((f) => readFileSync(join(CORPUS, f), 'utf8'));
}

async function main(): Promise<void> {
  if (process.argv.includes('--load-only')) {
    // `--db FILE`: an existing store (e.g. one kept from an earlier run) instead of generating one.
    const db = process.argv[process.argv.indexOf('--db') + 1];
    return process.argv.includes('--db') && db ? benchLoad(db) : withGeneratedStore(getPack(), benchLoad);
  }
  if (process.argv.includes('--dedup-only')) return benchDedup(CORPUS);
  if (process.argv.includes('--postgres-only')) return benchPostgres(getPack(), process.argv);
  if (process.argv.includes('--cold-start-only')) return benchColdStart(CORPUS);
  const pack = getPack();
  if (process.argv.includes('--scale-only')) return benchScale(pack, pipelineWorkload(CORPUS).docs, scaleSizes(process.argv));
  if (process.argv.includes('--jobs-only')) return benchJobsOnly(pack, CORPUS);
  await benchPipeline(pack, CORPUS);
  benchColdStart(CORPUS);
  await benchScale(pack, pipelineWorkload(CORPUS).docs, scaleSizes(process.argv));
  benchHtml(corpusTexts());
  benchLongSentences(corpusTexts(), pack);
  if (process.argv.includes('--pipeline-only')) return;
  await benchDedup(CORPUS);
  await withGeneratedStore(pack, async (path) => {
    await benchAnalysis(path, pack);
    await benchLoad(path);
  });
  await benchPostgres(pack, process.argv);
}

void main();
