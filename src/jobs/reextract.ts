// Re-extraction: run the current pack (its screen, cues, rules and model) over every
// document of a store again, from the clean text the store kept, and replace each
// document's analysis with what it finds now. After `parley train` or a pack edit, the
// store follows without the original files: a document the pack now finds off its
// topic is skipped, one it skipped before and now finds on topic is analysed. A
// document whose analysis comes out the same is left untouched, so a second run writes
// nothing; analysts' reviews carry over (see src/store/replace-claims.ts).
import type { CompiledPack } from '../pack/compile.js';
import type { Store } from '../store/store.js';
import { storeFailure } from '../store/store-failure.js';
import { analyseCleanText } from './analyse-source.js';
import { progress } from './progress.js';

export interface ReextractSummary {
  /** Documents read again. */
  readonly documents: number;
  /** Of those, documents whose claims or screen changed. */
  readonly changed: number;
  readonly removed: number;
  readonly added: number;
  /** Documents the screen skips now, and documents it skipped before and analyses now. */
  readonly skipped: number;
  readonly analysed: number;
  /** Documents that could not be read again: each error names the document. */
  readonly errors: readonly string[];
}

export interface ReextractOptions {
  readonly showProgress?: boolean;
  readonly onError?: (message: string) => void;
}

/** Re-extract every document of `store` with `pack`, one transaction per document. */
export async function reextractStore(store: Store, pack: CompiledPack, options: ReextractOptions = {}): Promise<ReextractSummary> {
  const ids = await store.documentIds();
  const bar = options.showProgress === false ? undefined : progress('reextract', ids.length);
  let documents = 0;
  let changed = 0;
  let removed = 0;
  let added = 0;
  let skipped = 0;
  let analysed = 0;
  const errors: string[] = [];
  try {
  for (const id of ids) {
    bar?.tick();
    const doc = await store.getDocument(id);
    // Deleted by another process since the ids were listed.
    if (!doc) continue;
    try {
      const result = await store.replaceAnalysis(id, analyseCleanText(doc.cleanText, doc.origin, pack));
      if (!result) continue;
      documents++;
      if (result.removed + result.added > 0 || result.screen) changed++;
      if (result.screen === 'skipped') skipped++;
      if (result.screen === 'analysed') analysed++;
      removed += result.removed;
      added += result.added;
    } catch (err) {
      if (storeFailure(err)) throw err;
      const message = `document ${id} (${doc.origin}): ${err instanceof Error ? err.message : String(err)}`;
      errors.push(message);
      options.onError?.(message);
    }
  }
  } finally {
    // Also when a store failure stops the run: its error line starts on a line of its own.
    bar?.done();
  }
  return { documents, changed, removed, added, skipped, analysed, errors };
}
