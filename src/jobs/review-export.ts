// `parley review --export`: the reviewed documents' claims in the spec's gold
// format, so `parley train` can learn from an analyst's corrections. A document
// counts as reviewed once any of its claims was; its claims then stand as the
// analyst left them (rejected ones gone, fixed ones corrected).
import { basename } from 'node:path';
import { goldLine } from '../store/reviews.js';
import type { Store } from '../store/store.js';

/** Gold lines (`{ doc, actor, proposition, polarity, evidence: [...] }`) of every reviewed document still stored. */
export async function exportReviewedGold(store: Store): Promise<Record<string, unknown>[]> {
  const reviewedHashes = new Set((await store.listReviews()).map((r) => r.contentHash));
  if (reviewedHashes.size === 0) return [];
  const documents = (await store.listDocuments()).filter((d) => reviewedHashes.has(d.contentHash));
  const wanted = new Set(documents.map((d) => d.id));
  const lines: Record<string, unknown>[] = [];
  for (const claim of await store.listClaims()) {
    // The spec names a document by its file name, as the gold files do.
    if (wanted.has(claim.documentId)) lines.push(goldLine(basename(claim.origin), claim));
  }
  return lines;
}
