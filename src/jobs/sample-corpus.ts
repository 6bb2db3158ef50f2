// The bundled sample corpus: our own wire-style articles as .txt files with
// front matter; its gold files (JSONL) sit beside them and are not articles.
import { fileURLToPath } from 'node:url';
import type { Store } from '../store/store.js';
import { ingestPaths, TEXT_EXTENSIONS, type IngestOptions, type IngestSummary } from './ingest.js';

export const SAMPLE_CORPUS = fileURLToPath(new URL('../../corpus/sample', import.meta.url));

/** Ingest the sample corpus's articles into `store` (idempotent, like any ingest). */
export function ingestSampleCorpus(store: Store, options: Omit<IngestOptions, 'extensions'> = {}): Promise<IngestSummary> {
  // Its README and gold tools are not articles, and need no word on every demo.
  return ingestPaths(store, [SAMPLE_CORPUS], { onSkippedFile: () => {}, ...options, extensions: TEXT_EXTENSIONS });
}
