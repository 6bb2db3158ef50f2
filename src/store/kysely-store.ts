// What the SQLite and PostgreSQL stores do alike, on one kysely schema: every read
// but the claims listing, and reviews. Each store adds its own opening, writes
// (transaction, near-duplicate lookup) and claims listing order.
import type { Kysely } from 'kysely';
import { cellConfidence, type CellConfidence } from './cell-confidence.js';
import type { Claim } from '../pipeline/types.js';
import { listReviews, reviewClaim } from './claim-review-queries.js';
import type { ClaimReview, ReviewInput, ReviewResult } from './reviews.js';
import type { Schema } from './sqlite/sqlite-store.js';
import type { ClaimFilter, DocumentFilter, DocumentInput, MatrixCell, NearDuplicate, SaveResult, StanceDay, Store, StoreOverview, StoredClaim, StoredDocument } from './store.js';
import * as queries from './store-queries.js';

export abstract class KyselyStore implements Store {
  protected constructor(protected readonly db: Kysely<Schema>) {}

  abstract saveDocument(doc: DocumentInput, claims: readonly Claim[]): Promise<SaveResult>;
  abstract deleteDocument(id: number): Promise<boolean>;
  abstract findNearDuplicate(cleanText: string): Promise<NearDuplicate | undefined>;
  abstract listClaims(filter?: ClaimFilter): Promise<StoredClaim[]>;
  abstract iterateClaims(filter?: ClaimFilter): AsyncIterable<StoredClaim>;

  async hasDocument(contentHash: string): Promise<boolean> {
    return queries.hasDocument(this.db, contentHash);
  }

  async hasUrl(url: string): Promise<boolean> {
    return queries.hasUrl(this.db, url);
  }

  async getDocument(id: number): Promise<StoredDocument | undefined> {
    return queries.getDocument(this.db, id);
  }

  async listDocuments(filter: DocumentFilter = {}): Promise<StoredDocument[]> {
    return queries.listDocuments(this.db, filter);
  }

  async matrix(filter: ClaimFilter = {}): Promise<MatrixCell[]> {
    return queries.matrix(this.db, filter);
  }

  async cellConfidence(filter: ClaimFilter = {}): Promise<CellConfidence[]> {
    return cellConfidence(this.db as unknown as Kysely<never>, filter, queries.applyClaimFilter);
  }

  async stanceDays(filter: ClaimFilter = {}): Promise<StanceDay[]> {
    return queries.stanceDays(this.db, filter);
  }

  /** The matrix aggregated from the claims themselves: the reference the summary tables must equal. */
  async matrixFromClaims(filter: ClaimFilter = {}): Promise<MatrixCell[]> {
    return queries.matrixFromClaims(this.db, filter);
  }

  async reviewClaim(claimId: number, review: ReviewInput): Promise<ReviewResult> {
    return reviewClaim(this.db, claimId, review);
  }

  async listReviews(): Promise<ClaimReview[]> {
    return listReviews(this.db);
  }

  async counts(filter: ClaimFilter = {}): Promise<{ documents: number; claims: number }> {
    return queries.counts(this.db, filter);
  }

  async overview(): Promise<StoreOverview> {
    return queries.overview(this.db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
