// `npm run bench`: throughput of extraction and of the full pipeline (clean →
// extract → store) against bare wink-nlp tokenisation of the same text, in the
// same process (pipeline-bench.ts);
// then near-duplicate detection on 100 k generated documents, and analysis and
// HTTP load on 1 M generated claims. `--pipeline-only` stops after the text and
// HTML parts; `--dedup-only` and `--load-only` run only that part.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getPack } from '../pack/compile.js';
import { benchAnalysis, withGeneratedStore } from './analysis-bench.js';
import { benchHtml } from './html-bench.js';
import { benchLoad } from './load-bench.js';
import { benchDedup } from './dedup-bench.js';
import { benchPipeline } from './pipeline-bench.js';

const CORPUS = fileURLToPath(new URL('../../corpus/sample', import.meta.url));

function corpusTexts(): string[] {
  const files = readdirSync(CORPUS).filter((f) => f.endsWith('.txt'));
  if (files.length === 0) throw new Error(`bench: no .txt files in ${CORPUS}`);
  return files.map((f) => readFileSync(join(CORPUS, f), 'utf8'));
}

async function main(): Promise<void> {
  if (process.argv.includes('--load-only')) return withGeneratedStore(getPack(), benchLoad);
  if (process.argv.includes('--dedup-only')) return benchDedup(CORPUS);
  const pack = getPack();
  await benchPipeline(pack, CORPUS);
  benchHtml(corpusTexts());
  if (process.argv.includes('--pipeline-only')) return;
  await benchDedup(CORPUS);
  await withGeneratedStore(pack, async (path) => {
    await benchAnalysis(path, pack);
    await benchLoad(path);
  });
}

void main();
