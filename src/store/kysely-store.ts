// What the SQLite and PostgreSQL stores do alike, on one kysely schema: every read,
// keyset pages of claims, and reviews. Each store adds its own opening, writes
// (transaction, near-duplicate lookup, version token) and how its claims order sorts.
import { sql, type Kysely } from 'kysely';
import { segmentCondition, segmentsAfter, type ClaimOrder, type ClaimSegment } from './claim-keyset.js';
import type { CellConfidence } from './cell-confidence.js';
import type { Claim } from '../pipeline/types.js';
import { addClaim, listReviews, reviewClaim } from './claim-review-queries.js';
import type { ClaimReplacement, Reanalysis } from './replace-claims.js';
import type { AddedClaimInput, ClaimReview, ReviewInput, ReviewResult } from './reviews.js';
import type { Schema } from './sqlite/sqlite-store.js';
import type { BatchLimits, ClaimFilter, DocumentBatch, DocumentFilter, DocumentInput, MatrixCell, NearDuplicate, SaveResult, StanceDay, Store, StoreOverview, StoredClaim, StoredDocument } from './store.js';
import * as queries from './store-queries.js';

export abstract class KyselyStore implements Store {
  protected constructor(protected readonly db: Kysely<Schema>) {}

  abstract saveDocument(doc: DocumentInput, claims: readonly Claim[]): Promise<SaveResult>;
  abstract deleteDocument(id: number): Promise<boolean>;
  abstract replaceAnalysis(documentId: number, analysis: Reanalysis): Promise<ClaimReplacement | undefined>;
  abstract findNearDuplicate(cleanText: string): Promise<NearDuplicate | undefined>;
  abstract version(): Promise<string>;
  /** Where the database sorts NULL dates, and how claims of one sentence follow each other. */
  protected abstract claimOrder(filter: ClaimFilter): ClaimOrder;

  private claimsQuery(filter: ClaimFilter, segment?: ClaimSegment) {
    let q = this.db
      .selectFrom('claims as c')
      .innerJoin('documents as d', 'd.id', 'c.document_id')
      .selectAll('c')
      .select(['d.origin', 'd.outlet', 'd.published', 'd.title', 'd.url', sql<number>`coalesce(d.cluster_id, d.id)`.as('cluster')]);
    if (filter.perDay) {
      // The id list carries every filter; with no other term on c, SQLite looks the ids up by key.
      q = q.where('c.id', 'in', queries.firstClaimsPerDay(this.db, filter, filter.perDay));
    } else {
      q = queries.applyFilter(q as unknown as queries.ClaimQuery, filter) as unknown as typeof q;
    }
    const order = this.claimOrder(filter);
    if (segment) q = q.where((eb) => segmentCondition(eb as never, segment, order));
    const direction = filter.newestFirst ? 'desc' : 'asc';
    // Ties within a sentence by id, as each store's claims_order index gives them.
    q = q.orderBy('c.published', direction).orderBy('c.document_id', direction).orderBy('c.sentence_index').orderBy('c.id', order.idFollowsDirection ? direction : 'asc');
    return filter.limit ? q.limit(filter.limit) : q;
  }

  async listClaims(filter: ClaimFilter = {}): Promise<StoredClaim[]> {
    if (!filter.after) return (await this.claimsQuery(filter).execute()).map(queries.toStoredClaim);
    const claims: StoredClaim[] = [];
    for (const segment of segmentsAfter(filter.after, this.claimOrder(filter))) {
      const room = filter.limit === undefined ? undefined : filter.limit - claims.length;
      if (room === 0) break;
      const rows = await this.claimsQuery({ ...filter, ...(room === undefined ? {} : { limit: room }) }, segment).execute();
      claims.push(...rows.map(queries.toStoredClaim));
    }
    return claims;
  }

  async *iterateClaims(filter: ClaimFilter = {}): AsyncIterable<StoredClaim> {
    const segments = filter.after ? segmentsAfter(filter.after, this.claimOrder(filter)) : [undefined];
    let left = filter.limit;
    for (const segment of segments) {
      if (left === 0) return;
      for await (const row of this.claimsQuery({ ...filter, ...(left === undefined ? {} : { limit: left }) }, segment).stream()) {
        if (left !== undefined) left--;
        yield queries.toStoredClaim(row);
      }
    }
  }

  /** One transaction per document: a store that can hold one open across documents (SQLite) overrides this. */
  openBatch(_limits?: BatchLimits): DocumentBatch {
    return { saveDocument: (doc, claims) => this.saveDocument(doc, claims), end: async () => {} };
  }

  async hasDocument(contentHash: string): Promise<boolean> {
    return queries.hasDocument(this.db, contentHash);
  }

  async hasUrl(url: string): Promise<boolean> {
    return queries.hasUrl(this.db, url);
  }

  async documentIds(): Promise<number[]> {
    const rows = await this.db.selectFrom('documents').select('id').orderBy('id').execute();
    return rows.map((r) => r.id);
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
    return queries.cellConfidence(this.db, filter);
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

  async addClaim(documentId: number, claim: AddedClaimInput): Promise<ReviewResult> {
    return addClaim(this.db, documentId, claim);
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
