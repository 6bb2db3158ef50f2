// Schema migrations, versioned in code. Each runs once, in order, in a
// transaction; `schema_migrations` records which have run.
import { sql, type Kysely, type Migration } from 'kysely';
import { runStatements, statementsMigration } from '../sql-statements.js';
import { bandKeys, minhash, signatureToBytes } from '../../dedup/minhash.js';
import { STANCE_SUMMARY_DDL, rebuildStanceSummary } from './stance-summary.js';
import { allowAddedClaims, createClaimReviews } from './claim-reviews.js';
import { addClaimSql, CELL_CONFIDENCE_REBUILD, removeClaimSql } from '../cell-confidence.js';
import { addSideClaimSql, recomputeSideDays, SIDE_DAYS_REBUILD, sideDaysColumns } from '../side-days.js';
import { addOutletDaySql, OUTLET_SPANS_REBUILD, outletSpansColumns, removeOutletDaySql } from '../outlet-spans.js';
import { addDaySql, CELL_TOTALS, CELL_TOTALS_REBUILD, cellTotalsColumns, changeDaySql, removeDaySql, SAME_DAY_ROW } from '../cell-totals.js';

/**
 * Signatures and band keys for analysed documents that have none (those stored
 * before near-duplicate detection), so a new copy of an old story still finds it.
 */
export async function fillSignatures(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ id: number; clean_text: string }>`select id, clean_text from documents d
    where skip_reason is null and not exists (select 1 from document_signatures s where s.document_id = d.id)`.execute(db);
  for (const row of rows) {
    const sig = minhash(row.clean_text);
    if (!sig) continue;
    await sql`insert into document_signatures (document_id, signature) values (${row.id}, ${signatureToBytes(sig)})`.execute(db);
    for (const [band, hash] of bandKeys(sig).entries()) await sql`insert into document_bands (document_id, band, hash) values (${row.id}, ${band}, ${hash})`.execute(db);
  }
}

const CELL_CONFIDENCE_DDL: readonly string[] = [
  `create table cell_confidence_days (actor text not null, proposition text not null, day text not null,
    claims integer not null, weight_millis integer not null, primary key (actor, proposition, day)) without rowid`,
  ...CELL_CONFIDENCE_REBUILD,
  `create trigger claims_confidence_insert after insert on claims begin ${addClaimSql('new')}; end`,
  `create trigger claims_confidence_delete after delete on claims begin ${removeClaimSql('old')}; end`,
  // A confirmation sets the review; nothing else updates a stored claim today, but any update is followed.
  `create trigger claims_confidence_update after update of actor, proposition, published, review, confidence on claims begin
    ${removeClaimSql('old')}; ${addClaimSql('new')}; end`,
];

// One row per cell beside the per-day summaries (src/store/cell-totals.ts), kept by triggers on each day table.
const CELL_TOTALS_DDL: readonly string[] = [
  ...CELL_TOTALS.map((t) => `create table ${t.cells} (${cellTotalsColumns(t, 'text', 'integer')}) without rowid`),
  ...CELL_TOTALS_REBUILD,
  ...CELL_TOTALS.flatMap((t) => [
    `create trigger ${t.cells}_insert after insert on ${t.days} begin ${addDaySql(t, 'new')}; end`,
    `create trigger ${t.cells}_update after update on ${t.days} when ${SAME_DAY_ROW} begin ${changeDaySql(t)}; end`,
    `create trigger ${t.cells}_move after update on ${t.days} when not (${SAME_DAY_ROW}) begin ${removeDaySql(t, 'old')}; ${addDaySql(t, 'new')}; end`,
    `create trigger ${t.cells}_delete after delete on ${t.days} begin ${removeDaySql(t, 'old')}; end`,
  ]),
];

// Each outlet's first and last dated day per cell (src/store/outlet-spans.ts); cell_outlet_days rows are only inserted and deleted.
const OUTLET_SPANS_DDL: readonly string[] = [
  `create table cell_outlet_spans (${outletSpansColumns('text')}) without rowid`,
  ...OUTLET_SPANS_REBUILD,
  `create trigger cell_outlet_spans_insert after insert on cell_outlet_days begin ${addOutletDaySql('new')}; end`,
  `create trigger cell_outlet_spans_delete after delete on cell_outlet_days begin ${removeOutletDaySql('old')}; end`,
];

// A timeline's stance days per cell (src/store/side-days.ts); the lookup names its index, as the stance summary's do.
const SIDE_DAYS_DDL: readonly string[] = [
  `create table cell_side_days (${sideDaysColumns('text')}) without rowid`,
  ...SIDE_DAYS_REBUILD,
  `create trigger cell_side_days_insert after insert on claims when new.published is not null begin
    ${addSideClaimSql('claims c indexed by claims_cluster_cell')}; end`,
  `create trigger cell_side_days_delete after delete on claims begin
    ${recomputeSideDays((t) => `${t}actor = old.actor and ${t}proposition = old.proposition`).join(';\n    ')}; end`,
];

export const MIGRATIONS: Record<string, Migration> = {
  '0001-documents-and-claims': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('documents')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('content_hash', 'text', (c) => c.notNull().unique())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('title', 'text')
        .addColumn('outlet', 'text')
        .addColumn('published', 'text')
        .addColumn('clean_text', 'text', (c) => c.notNull())
        .addColumn('skip_reason', 'text')
        .addColumn('ingested_at', 'text', (c) => c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`))
        .execute();
      await db.schema
        .createTable('claims')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('proposition', 'text', (c) => c.notNull())
        .addColumn('polarity', 'text', (c) => c.notNull().check(sql`polarity in ('support','oppose')`))
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('start', 'integer', (c) => c.notNull())
        .addColumn('end', 'integer', (c) => c.notNull())
        .addColumn('modality', 'text', (c) => c.notNull())
        .addColumn('hedged', 'integer', (c) => c.notNull())
        .addColumn('reported', 'integer', (c) => c.notNull())
        .addColumn('conditional', 'integer', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('sentence_index', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('claims_actor_proposition').on('claims').columns(['actor', 'proposition', 'polarity']).execute();
      await db.schema.createIndex('claims_proposition').on('claims').columns(['proposition', 'actor']).execute();
      await db.schema.createIndex('claims_document').on('claims').column('document_id').execute();
      await db.schema.createIndex('documents_published').on('documents').column('published').execute();
    },
  },
  // Ingestion metadata (readers) and near-duplicate clusters (corroboration counts a cluster once).
  '0002-document-metadata-and-clusters': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('documents').addColumn('canonical_url', 'text').execute();
      await db.schema.alterTable('documents').addColumn('author', 'text').execute();
      await db.schema.alterTable('documents').addColumn('language', 'text').execute();
      // The near-duplicate cluster: the id of the first document of the cluster (its own id when alone).
      await db.schema.alterTable('documents').addColumn('cluster_id', 'integer').execute();
      await db.schema.createIndex('documents_canonical_url').on('documents').column('canonical_url').execute();
      await db.schema.createIndex('documents_cluster').on('documents').column('cluster_id').execute();
    },
  },
  // Feeds and `parley watch` ask whether a link was already fetched (Store.hasUrl).
  '0003-documents-url-index': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('documents_url').on('documents').column('url').execute();
    },
  },
  // Near-duplicate lookup: each analysed document's MinHash signature and its
  // LSH band keys, so a new document finds its candidates with one indexed query.
  '0003-near-duplicates': {
    async up(db: Kysely<unknown>): Promise<void> {
      // Estimated Jaccard with the document matched when stored; NULL for a cluster's first document.
      await db.schema.alterTable('documents').addColumn('cluster_similarity', 'real').execute();
      await db.schema
        .createTable('document_signatures')
        .addColumn('document_id', 'integer', (c) => c.primaryKey().references('documents.id').onDelete('cascade'))
        .addColumn('signature', 'blob', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('document_bands')
        .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('band', 'integer', (c) => c.notNull())
        .addColumn('hash', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('document_bands_hash').on('document_bands').columns(['hash', 'band', 'document_id']).execute();
      await db.schema.createIndex('document_bands_document').on('document_bands').column('document_id').execute();
      await fillSignatures(db);
    },
  },
  // Analysis at scale: claims carry their document's date and cluster (for
  // index-ordered evidence and timelines), and summary tables kept by triggers
  // answer the matrix without aggregating every claim (see stance-summary.ts).
  '0004-stance-summary': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('claims').addColumn('published', 'text').execute();
      await db.schema.alterTable('claims').addColumn('cluster_id', 'integer').execute();
      await sql`update claims set
          published = (select d.published from documents d where d.id = claims.document_id),
          cluster_id = (select coalesce(d.cluster_id, d.id) from documents d where d.id = claims.document_id)`.execute(db);
      await db.schema.createIndex('claims_cell_day').on('claims').columns(['actor', 'proposition', 'published', 'polarity', 'cluster_id']).execute();
      await db.schema.createIndex('claims_cluster_cell').on('claims').columns(['cluster_id', 'actor', 'proposition', 'published']).execute();
      await db.schema.createIndex('documents_outlet').on('documents').column('outlet').execute();
      await runStatements(db, STANCE_SUMMARY_DDL);
      await rebuildStanceSummary(db);
    },
  },
  // Claim lists in their own order (published, document, sentence): the brief's citations per cell and
  // polarity, `claims --actor`, and the default newest-first page read an index instead of sorting.
  // Newest first is published and document descending but sentence ascending: a backward scan of
  // `sentence_index desc` gives exactly that, so a newest-first query with a limit stops after a few rows.
  '0005-speed-claim-order-indexes': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('claims_cell_polarity_order').on('claims').columns(['actor', 'proposition', 'polarity', 'published', 'document_id', 'sentence_index desc']).execute();
      await db.schema.createIndex('claims_actor_order').on('claims').columns(['actor', 'published', 'document_id', 'sentence_index']).execute();
      await db.schema.createIndex('claims_order').on('claims').columns(['published', 'document_id', 'sentence_index desc']).execute();
    },
  },
  // Review and correction by an analyst: the audit trail and each claim's status (src/store/reviews.ts).
  '0005-analyst-claim-reviews': {
    async up(db: Kysely<unknown>): Promise<void> {
      await createClaimReviews(db);
    },
  },
  // Each claim's speaker as the text names them and its condition clause (Claim.speaker, Claim.condition).
  '0006-analyst-speaker-condition': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('claims').addColumn('speaker', 'text').execute();
      await db.schema.alterTable('claims').addColumn('condition', 'text').execute();
    },
  },
  // The trained decider's probability for each claim (Claim.confidence); null where the rules decided alone.
  '0007-decider-claim-confidence': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('claims').addColumn('confidence', 'real').execute();
    },
  },
  // The matrix's confidence weighs each cell's claims by their probability (src/store/cell-confidence.ts):
  // a summary per cell and day, kept by triggers of its own beside the stance summary's.
  '0008-decider-cell-confidence': statementsMigration(CELL_CONFIDENCE_DDL),
  // The matrix and its confidence without a date range from one row per cell (src/store/cell-totals.ts).
  '0009-pg4-cell-totals': statementsMigration(CELL_TOTALS_DDL),
  // A date-ranged matrix counts each cell's outlets from their first and last days (src/store/outlet-spans.ts).
  '0010-pg4-cell-outlet-spans': statementsMigration(OUTLET_SPANS_DDL),
  // A timeline's stance days from one row per cell and day (src/store/side-days.ts).
  '0011-pg4-cell-side-days': statementsMigration(SIDE_DAYS_DDL),
  // Claims an analyst adds where the model missed them: an `add` review keeps the whole claim (src/store/reviews.ts).
  '0012-analyst-added-claims': {
    async up(db: Kysely<unknown>): Promise<void> {
      await allowAddedClaims(db);
    },
  },
  // Band keys in one B-tree keyed by what the lookup seeks (hash, band), not a rowid table plus
  // an index on it: each stored document writes 64 keys, and every key went into the rows, the
  // key index and the document index; now into the keyed table and the document index (store-only
  // writes about 18 % faster at 10 k documents in one run).
  '0013-near-duplicate-keyed-bands': statementsMigration([
    `create table document_bands_keyed (hash integer not null, band integer not null,
      document_id integer not null references documents (id) on delete cascade, primary key (hash, band, document_id)) without rowid`,
    'insert into document_bands_keyed (hash, band, document_id) select hash, band, document_id from document_bands',
    'drop table document_bands',
    'alter table document_bands_keyed rename to document_bands',
    'create index document_bands_document on document_bands (document_id)',
  ]),
};
