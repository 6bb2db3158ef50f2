// Time per MB of the pipeline on one sentence without full stops, at 10 KB,
// 100 KB and 1 MB: roughly constant when every stage is linear in its input.
import type { CompiledPack } from '../pack/compile.js';
import { cleanDocument } from '../pipeline/clean/clean.js';
import { parseTextDocument } from '../pipeline/ingest/text-reader.js';
import { runPipeline } from '../pipeline/run-pipeline.js';

const SIZES = [10 * 1024, 100 * 1024, 1024 * 1024];

/** One run-on sentence of `bytes` characters, built from the sample corpus's words. */
function runOnSentence(words: readonly string[], bytes: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const word = words[i % words.length]!;
    parts.push(word);
    length += word.length + 1;
  }
  return `${parts.join(' ').slice(0, bytes - 1)}.`;
}

export function benchLongSentences(corpusTexts: readonly string[], pack: CompiledPack): void {
  // Words of the cleaned articles, so no noise rule drops the sentence as a whole.
  const words = corpusTexts
    .map((t, i) => cleanDocument(parseTextDocument(t, `corpus-${i}.txt`)).text)
    .join(' ').replace(/[.!?]/g, '').split(/\s+/).filter(Boolean);
  // A first run compiles the patterns and warms the JIT, which would otherwise land on the 10 KB row.
  runPipeline({ origin: 'warm-up.txt', rawText: runOnSentence(words, SIZES[0]!) }, pack);
  for (const bytes of SIZES) {
    const text = runOnSentence(words, bytes);
    const t = performance.now();
    const { analysed } = runPipeline({ origin: `long-${bytes}.txt`, rawText: text }, pack);
    const ms = performance.now() - t;
    const mb = bytes / 1024 / 1024;
    console.log(`one run-on sentence, ${String(bytes / 1024).padStart(5)} KB: ${(ms / mb / 1000).toFixed(2)} s per MB (${ms.toFixed(0)} ms, ${analysed.sentences.length} pieces)`);
  }
}
