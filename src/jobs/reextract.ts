// Re-extraction: run the current pack (its cues, rules and model) over every analysed
// document of a store again, from the clean text the store kept, and replace each
// document's claims with what it finds now. After `parley train` or a pack edit, the
// store follows without the original files. A document whose claims come out the same
// is left untouched, so a second run writes nothing; analysts' reviews carry over
// (see src/store/replace-claims.ts). Documents skipped when stored stay as they are.
import type { CompiledPack } from '../pack/compile.js';
import type { Store } from '../store/store.js';
import { analyseCleanText } from './analyse-source.js';
import { progress } from './progress.js';

export interface ReextractSummary {
  /** Analysed documents read again. */
  readonly documents: number;
  /** Of those, documents whose claims changed. */
  readonly changed: number;
  readonly removed: number;
  readonly added: number;
  /** Documents that could not be read again: each error names the document. */
  readonly errors: readonly string[];
}

export interface ReextractOptions {
  readonly showProgress?: boolean;
  readonly onError?: (message: string) => void;
}

/** Re-extract every analysed document of `store` with `pack`, one transaction per document. */
export async function reextractStore(store: Store, pack: CompiledPack, options: ReextractOptions = {}): Promise<ReextractSummary> {
  const ids = await store.analysedDocumentIds();
  const bar = options.showProgress === false ? undefined : progress('reextract', ids.length);
  let documents = 0;
  let changed = 0;
  let removed = 0;
  let added = 0;
  const errors: string[] = [];
  for (const id of ids) {
    bar?.tick();
    const doc = await store.getDocument(id);
    // Deleted by another process since the ids were listed.
    if (!doc) continue;
    try {
      const { claims } = analyseCleanText(doc.cleanText, doc.origin, pack);
      const result = await store.replaceClaims(id, claims);
      if (!result) continue;
      documents++;
      if (result.removed + result.added > 0) changed++;
      removed += result.removed;
      added += result.added;
    } catch (err) {
      const message = `document ${id} (${doc.origin}): ${err instanceof Error ? err.message : String(err)}`;
      errors.push(message);
      options.onError?.(message);
    }
  }
  bar?.done();
  return { documents, changed, removed, added, errors };
}
