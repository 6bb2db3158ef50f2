// The SQLite side of claim reviews: the migration that creates the audit table and the
// claims.review column. The queries are shared with PostgreSQL (../claim-review-queries.ts).
import { sql, type Kysely } from 'kysely';

export { listReviews, reviewClaim, reviewsOf, toClaimReview, type ClaimReviewsTable } from '../claim-review-queries.js';

/** The migration: the audit trail, and each claim's review status. */
export async function createClaimReviews(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('claim_reviews')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`))
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('confirm','reject','fix')`))
    .addColumn('note', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('start', 'integer', (c) => c.notNull())
    .addColumn('end', 'integer', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('proposition', 'text', (c) => c.notNull())
    .addColumn('polarity', 'text', (c) => c.notNull())
    .addColumn('new_actor', 'text')
    .addColumn('new_proposition', 'text')
    .addColumn('new_polarity', 'text')
    .addColumn('claim_id', 'integer', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('claim_reviews_document').on('claim_reviews').column('content_hash').execute();
  // 'confirmed' or 'fixed' once an analyst has looked at the claim; NULL otherwise.
  await db.schema.alterTable('claims').addColumn('review', 'text').execute();
}
