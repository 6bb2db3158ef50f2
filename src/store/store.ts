// The storage contract. The SQLite store (store/sqlite) is the embedded
// default; every implementation must pass the contract suite in test/store-contract.ts.
import type { CellConfidence } from './cell-confidence.js';
import type { Signature } from '../dedup/minhash.js';
import type { Claim, Modality } from '../pipeline/types.js';
import type { ClaimPosition } from './claim-keyset.js';
import type { ClaimReplacement, Reanalysis } from './replace-claims.js';
import type { AddedClaimInput, ClaimReview, ReviewInput, ReviewResult, ReviewStatus } from './reviews.js';

export interface DocumentInput {
  readonly contentHash: string;
  readonly origin: string;
  readonly url?: string;
  readonly title?: string;
  readonly outlet?: string;
  readonly published?: string;
  readonly cleanText: string;
  /** Set when the document was stored but not analysed (off topic, not English…). */
  readonly skipReason?: string;
  /** The page's canonical URL (link rel=canonical, og:url, or the fetched URL without tracking parameters). */
  readonly canonicalUrl?: string;
  readonly author?: string;
  /** ISO 639-1 code of the document's language, when known. */
  readonly language?: string;
  /** The MinHash signature of `cleanText`, when the caller has it already; the store computes it otherwise. */
  readonly minhash?: Signature;
}

export interface StoredDocument extends DocumentInput {
  readonly id: number;
  readonly ingestedAt: string;
  readonly claimCount: number;
  /** The near-duplicate cluster: the id of its first document (its own id when alone). */
  readonly clusterId: number;
  /** Estimated Jaccard similarity with the document it was matched to when stored (absent when it founded its cluster). */
  readonly similarity?: number;
}

/** A stored document that a text is a near-copy of. */
export interface NearDuplicate {
  readonly documentId: number;
  readonly clusterId: number;
  /** Estimated Jaccard similarity of the 5-word shingles (see src/dedup/minhash.ts). */
  readonly similarity: number;
}

export interface DocumentFilter {
  /** Only documents stored but not analysed (`skipReason` set). */
  readonly skipped?: boolean;
  /** Only members of near-duplicate clusters with at least two documents, ordered by cluster. */
  readonly duplicates?: boolean;
  readonly since?: string;
  readonly until?: string;
  readonly outlet?: string;
  /** Newest publication first (default: oldest first). */
  readonly newestFirst?: boolean;
  readonly limit?: number;
}

/** What a store holds, at a glance: for pickers and headers. */
export interface StoreOverview {
  readonly documents: number;
  readonly claims: number;
  /** Distinct outlets, sorted. */
  readonly outlets: readonly string[];
  /** Earliest and latest publication dates. */
  readonly firstDate?: string;
  readonly lastDate?: string;
}

export interface StoredClaim extends Claim {
  readonly id: number;
  readonly documentId: number;
  readonly origin: string;
  readonly outlet?: string;
  readonly published?: string;
  readonly title?: string;
  readonly url?: string;
  /** The near-duplicate cluster of its document. */
  readonly clusterId: number;
  /** Set once an analyst confirmed, fixed or added the claim (`parley review`). */
  readonly review?: ReviewStatus;
}

export interface ClaimFilter {
  readonly actor?: string;
  readonly proposition?: string;
  readonly polarity?: 'support' | 'oppose';
  /** Only claims of these modalities, e.g. demands and conditions (an empty list filters nothing). */
  readonly modalities?: readonly Modality[];
  readonly since?: string;
  readonly until?: string;
  readonly outlet?: string;
  /** Only claims whose speaker, as the text names them, contains this (any case): "Peskov". */
  readonly speaker?: string;
  /** Only the claims of this stored document (its id). */
  readonly document?: number;
  /**
   * Only claims weighing at least this (0–1): the decider's calibrated probability,
   * 1 for a claim a person confirmed, fixed or added, 0.5 for one the rules made alone
   * (the weights of cell-confidence.ts, so a view and its confidence agree).
   */
  readonly minConfidence?: number;
  readonly limit?: number;
  /** Newest publication first (default: oldest first). */
  readonly newestFirst?: boolean;
  /** Only claims after this one in the list's order (keyset paging: pass the last claim of the page before). */
  readonly after?: ClaimPosition;
  /**
   * At most this many claims per day of publication and polarity in each
   * actor × proposition cell, one per near-duplicate cluster; undated claims are left out.
   */
  readonly perDay?: number;
}

/** The filter fields set in `values` (parsed CLI options, query parameters), e.g. `{ actor: 'russia', since: '' }` → `{ actor: 'russia' }`. */
export function claimFilterOf(values: { readonly [key: string]: unknown }): ClaimFilter {
  const filter: Record<string, string> = {};
  for (const key of ['actor', 'proposition', 'since', 'until', 'outlet', 'speaker'] as const) {
    const value = values[key];
    if (typeof value === 'string' && value) filter[key] = value;
  }
  // A number from the API's schema, or the CLI's parsed option.
  const minConfidence = values.minConfidence;
  return typeof minConfidence === 'number' ? { ...filter, minConfidence } : filter;
}

/** One day of a party's stance on a proposition: independent sources (near-duplicate clusters) on each side. */
export interface StanceDay {
  readonly actor: string;
  readonly proposition: string;
  readonly date: string;
  readonly support: number;
  readonly oppose: number;
}

/** One party × proposition cell of the stance matrix. */
export interface MatrixCell {
  readonly actor: string;
  readonly proposition: string;
  readonly support: number;
  readonly oppose: number;
  readonly supportDocs: number;
  readonly opposeDocs: number;
  readonly documents: number;
  readonly outlets: number;
  /** Distinct near-duplicate clusters: independent sources, a syndicated copy counted once. */
  readonly clusters: number;
  /** Claims marked hedged ("reportedly", "sources say"). */
  readonly hedged: number;
  readonly latest?: string;
}

export interface SaveResult {
  readonly documentId: number;
  readonly created: boolean;
}

/** When an open batch commits: after this many documents, or once its transaction is this old (defaults in DEFAULT_BATCH_LIMITS). */
export interface BatchLimits {
  readonly documents?: number;
  readonly milliseconds?: number;
}

/**
 * 256 documents or one second: a commit per document cost 30 % of ingest on a filling store, and
 * other writers wait at most this long. A commit writes every page its documents touched in the
 * near-duplicate band index, where each document lands at 64 random places: at 10 k documents,
 * commits of 32 took a third of the store's time, commits of 256 a tenth.
 */
export const DEFAULT_BATCH_LIMITS: Required<BatchLimits> = { documents: 256, milliseconds: 1000 };

/**
 * Documents saved through bounded batches of one write transaction (see Store.openBatch).
 * Each save is Store.saveDocument's: a failing document leaves nothing of itself and
 * nothing lost of the others, and this process's reads see it at once.
 */
export interface DocumentBatch {
  saveDocument(doc: DocumentInput, claims: readonly Claim[]): Promise<SaveResult>;
  /** Commit what the batch holds; the next save opens a new one. */
  end(): Promise<void>;
}

export interface Store {
  /**
   * Store a document and its claims in one transaction; a known hash stores
   * nothing. A document that is not skipped joins the cluster of its most
   * similar stored near-duplicate, decided before its row is inserted.
   */
  saveDocument(doc: DocumentInput, claims: readonly Claim[]): Promise<SaveResult>;
  /**
   * Saves that share a write transaction until `limits` are reached (other processes see
   * them once it commits; a kill loses at most the open batch). A store without batches
   * (PostgreSQL) saves each document alone.
   */
  openBatch(limits?: BatchLimits): DocumentBatch;
  hasDocument(contentHash: string): Promise<boolean>;
  /** Whether a stored document has this canonical URL or was fetched from it (so it need not be fetched or stored again). */
  hasUrl(url: string): Promise<boolean>;
  getDocument(id: number): Promise<StoredDocument | undefined>;
  /** Remove a document and its claims in one transaction; false when the id is unknown. */
  deleteDocument(id: number): Promise<boolean>;
  /**
   * Make a stored document's analysis this (a new extraction of its text), in one
   * transaction: its skip reason and near-duplicate cluster when the screen changed its
   * mind, then its claims, writing only the rows that differ. Reviews apply as on
   * saveDocument, and claims an analyst confirmed or fixed stay. Undefined when the id is unknown.
   */
  replaceAnalysis(documentId: number, analysis: Reanalysis): Promise<ClaimReplacement | undefined>;
  /** The ids of every stored document, skipped or not, in id order. */
  documentIds(): Promise<number[]>;
  /** Documents by publication date (clusters together with `duplicates`). */
  listDocuments(filter?: DocumentFilter): Promise<StoredDocument[]>;
  /** The stored document most similar to `cleanText` at or above the duplicate threshold, if any. */
  findNearDuplicate(cleanText: string): Promise<NearDuplicate | undefined>;
  listClaims(filter?: ClaimFilter): Promise<StoredClaim[]>;
  /** The same claims one at a time, for readers that stop early (e.g. at the first few independent sources). */
  iterateClaims(filter?: ClaimFilter): AsyncIterable<StoredClaim>;
  matrix(filter?: ClaimFilter): Promise<MatrixCell[]>;
  /** Each cell's claim count and summed claim weight (decider probability, 1 when reviewed), for the matrix's confidence. */
  cellConfidence(filter?: ClaimFilter): Promise<CellConfidence[]>;
  /** Dated days with claims matching `filter`, by actor, proposition and date. */
  stanceDays(filter?: ClaimFilter): Promise<StanceDay[]>;
  /**
   * Confirm, reject or fix a claim (see src/store/reviews.ts), kept in the audit trail; every view
   * follows it at once, and it applies again when the same document text is stored again.
   */
  reviewClaim(claimId: number, review: ReviewInput): Promise<ReviewResult>;
  /**
   * Add a claim the model missed in a sentence of document `documentId` (an `add` review in the
   * trail); it counts in every view at once and is made again when the same text is stored again.
   */
  addClaim(documentId: number, claim: AddedClaimInput): Promise<ReviewResult>;
  /** The audit trail of reviews, newest first. */
  listReviews(): Promise<ClaimReview[]>;
  /** Documents and claims, within the date range and outlet of `filter` when given (the dashboard's header follows the filters). */
  counts(filter?: ClaimFilter): Promise<{ documents: number; claims: number }>;
  overview(): Promise<StoreOverview>;
  /**
   * A token that changes whenever committed data changes, written by this process or another;
   * equal tokens mean every read above answers the same (the server caches answers by it).
   */
  version(): Promise<string>;
  close(): Promise<void>;
}
