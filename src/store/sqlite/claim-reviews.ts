// The SQLite side of claim reviews: the migrations that create the audit table and the
// claims.review column, then let it hold claims an analyst added. The queries are shared with PostgreSQL (../claim-review-queries.ts).
import { sql, type Kysely } from 'kysely';

export { addClaim, listReviews, reviewClaim, reviewsOf, toClaimReview, type ClaimReviewsTable } from '../claim-review-queries.js';

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

const REVIEW_COLUMNS = 'id, at, by, action, note, content_hash, start, "end", actor, proposition, polarity, new_actor, new_proposition, new_polarity, claim_id, origin, evidence';

/**
 * The migration to `add` reviews: SQLite cannot change a CHECK, so the table is made again
 * with the wider one and the claim's other fields (null for the other actions), and its rows copied.
 */
export async function allowAddedClaims(db: Kysely<unknown>): Promise<void> {
  await sql`create table claim_reviews_added (
    id integer primary key autoincrement,
    at text not null default (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    by text not null,
    action text not null check (action in ('confirm','reject','fix','add')),
    note text,
    content_hash text not null,
    start integer not null, "end" integer not null,
    actor text not null, proposition text not null, polarity text not null,
    new_actor text, new_proposition text, new_polarity text,
    claim_id integer not null,
    origin text not null,
    evidence text not null,
    sentence_index integer, modality text, hedged integer, reported integer)`.execute(db);
  await sql.raw(`insert into claim_reviews_added (${REVIEW_COLUMNS}) select ${REVIEW_COLUMNS} from claim_reviews order by id`).execute(db);
  await sql`drop table claim_reviews`.execute(db);
  await sql`alter table claim_reviews_added rename to claim_reviews`.execute(db);
  await db.schema.createIndex('claim_reviews_document').on('claim_reviews').column('content_hash').execute();
}
