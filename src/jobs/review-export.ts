// `parley review --export`: the reviewed documents' claims in the spec's gold
// format, so `parley train` can learn from an analyst's corrections. A document
// counts as reviewed once any of its claims was; its claims then stand as the
// analyst left them (rejected ones gone, fixed ones corrected). With a texts
// folder, each reviewed document's clean text is written there too, so a store
// fed from URLs and feeds (no files on disk) can still be trained on.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { goldLine } from '../store/reviews.js';
import type { Store, StoredDocument } from '../store/store.js';

export interface ReviewedGold {
  /** Gold lines: `{ doc, actor, proposition, polarity, evidence: [...] }`. */
  readonly lines: Record<string, unknown>[];
  /** Reviewed documents, whether or not any claim of theirs is left. */
  readonly documents: number;
  /** The text files written, when a texts folder was given. */
  readonly texts: string[];
}

/** A file name for a stored document's text: its origin's name, made safe, and its content hash so two never clash. */
function textFileName(doc: StoredDocument): string {
  const stem = basename(doc.origin, extname(doc.origin)).replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `${stem || 'document'}-${doc.contentHash.slice(0, 12)}.txt`;
}

/**
 * The gold of every reviewed document still stored. Without `textsDir` a document
 * is named by its origin's file name, as the gold files name theirs; with it, by the
 * text file written for it there, which `parley train` reads.
 */
export async function exportReviewedGold(store: Store, options: { textsDir?: string } = {}): Promise<ReviewedGold> {
  const reviewedHashes = new Set((await store.listReviews()).map((r) => r.contentHash));
  if (reviewedHashes.size === 0) return { lines: [], documents: 0, texts: [] };
  const documents = (await store.listDocuments()).filter((d) => reviewedHashes.has(d.contentHash));
  const names = new Map<number, string>();
  const texts: string[] = [];
  if (options.textsDir) mkdirSync(options.textsDir, { recursive: true });
  for (const doc of documents) {
    if (!options.textsDir) {
      names.set(doc.id, basename(doc.origin));
      continue;
    }
    const name = textFileName(doc);
    const path = join(options.textsDir, name);
    // The clean text as stored: the claims' evidence sentences stand in it as they were read.
    writeFileSync(path, `${doc.cleanText}\n`);
    names.set(doc.id, name);
    texts.push(path);
  }
  const lines: Record<string, unknown>[] = [];
  for (const claim of await store.listClaims()) {
    const name = names.get(claim.documentId);
    if (name !== undefined) lines.push(goldLine(name, claim));
  }
  return { lines, documents: documents.length, texts };
}
