// The server store: PostgreSQL through pg and kysely's PostgresDialect. One
// transaction per document; writers take one advisory lock for the moment of
// storing, so two workers storing copies of one story at once still find each
// other's copy (one cluster) and never store one text twice. Reading, fetching
// and extraction, the slow part, stay parallel.
import { Kysely, Migrator, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { bandKeys, BANDS, DUPLICATE_THRESHOLD, estimateJaccard, minhash, signatureFromBytes, signatureToBytes, type Signature } from '../../dedup/minhash.js';
import type { Claim } from '../../pipeline/types.js';
import { reviewsOf } from '../claim-review-queries.js';
import { applyReviews } from '../reviews.js';
import type { Schema } from '../sqlite/sqlite-store.js';
import type { ClaimFilter, DocumentInput, NearDuplicate, SaveResult } from '../store.js';
import type { ClaimOrder } from '../claim-keyset.js';
import { KyselyStore } from '../kysely-store.js';
import * as queries from '../store-queries.js';
import { claimRow, documentRow } from '../store-queries.js';
import { replaceAnalysisRows, type ClaimReplacement, type Reanalysis } from '../replace-claims.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';

/** The advisory lock every document write holds (an arbitrary key: "parley" in ASCII). */
const WRITE_LOCK = 0x7061726c6579;
/** Candidates confirmed per new document, most shared bands first (as in SQLite). */
const MAX_CANDIDATES = 50;
/** Documents read per band key, newest first. */
const PER_BAND_CANDIDATES = 8;

import { safeUrl } from '../database-url.js';

export { isPostgresUrl, safeUrl } from '../database-url.js';

export class PostgresStore extends KyselyStore {
  private constructor(
    readonly url: string,
    db: Kysely<Schema>,
  ) {
    super(db);
  }

  /** Connect to the database at `url` (postgres://user:password@host:port/database) and run pending migrations. */
  static async open(url: string): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle connection the server drops (restart, failover) must not crash the process.
    pool.on('error', (err) => process.stderr.write(`parley: ${safeUrl(url)}: ${err.message}\n`));
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
    const migrator = new Migrator({ db, provider: { getMigrations: async () => POSTGRES_MIGRATIONS }, allowUnorderedMigrations: true });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      await db.destroy();
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      const cause = error instanceof Error ? error.message : String(error);
      throw new Error(failed ? `${safeUrl(url)}: migration ${failed} failed: ${cause}` : `${safeUrl(url)}: cannot open the database: ${cause}`);
    }
    return new PostgresStore(url, db);
  }

  async saveDocument(doc: DocumentInput, claims: readonly Claim[]): Promise<SaveResult> {
    return this.db.transaction().execute(async (trx) => {
      // Held until commit: the hash check, the near-duplicate match and the insert see every earlier document.
      await sql`select pg_advisory_xact_lock(${WRITE_LOCK})`.execute(trx);
      const existing = await trx.selectFrom('documents').select('id').where('content_hash', '=', doc.contentHash).executeTakeFirst();
      if (existing) return { documentId: existing.id, created: false };
      // The cluster is decided before the row exists: triggers on claims read it from the row as inserted.
      const sig = doc.skipReason ? undefined : (doc.minhash ?? minhash(doc.cleanText));
      const match = sig ? await nearest(trx, sig) : undefined;
      const inserted = await trx
        .insertInto('documents')
        .values(documentRow(doc, match))
        .returning(['id', 'cluster_id'])
        .executeTakeFirstOrThrow();
      if (sig) await addSignature(trx, inserted.id, sig);
      // An analyst's reviews of this text apply again: rejected claims stay out, fixed ones stay fixed, added ones come back.
      const reviewed = doc.skipReason ? [] : applyReviews(claims, await reviewsOf(trx, doc.contentHash));
      // One statement per claim: the summary trigger of each must see the claims before it (see stance-summary.ts).
      const document = { id: inserted.id, published: doc.published, cluster: inserted.cluster_id ?? inserted.id };
      for (const reviewedClaim of reviewed) await trx.insertInto('claims').values(claimRow(document, reviewedClaim)).execute();
      return { documentId: inserted.id, created: true };
    });
  }

  async deleteDocument(id: number): Promise<boolean> {
    return this.db.transaction().execute((trx) => queries.deleteDocumentRows(trx, id));
  }

  async replaceAnalysis(documentId: number, analysis: Reanalysis): Promise<ClaimReplacement | undefined> {
    return this.db.transaction().execute(async (trx) => {
      // The writers' lock, as saveDocument holds it: the summary triggers of one cell see the claims in order.
      await sql`select pg_advisory_xact_lock(${WRITE_LOCK})`.execute(trx);
      return replaceAnalysisRows(trx, documentId, analysis, { nearest: (sig) => nearest(trx, sig), add: (id, sig) => addSignature(trx, id, sig) });
    });
  }

  async findNearDuplicate(cleanText: string): Promise<NearDuplicate | undefined> {
    const sig = minhash(cleanText);
    return sig ? nearest(this.db, sig) : undefined;
  }

  async version(): Promise<string> {
    // Transaction ids are handed out for writes only, and the snapshot changes once one ends,
    // here or in any other process (ids are cluster-wide, so another database's writes count too).
    const { rows } = await sql<{ v: string }>`select pg_current_snapshot()::text as v`.execute(this.db);
    return rows[0]!.v;
  }

  /** PostgreSQL sorts NULL highest; ties within a sentence by ascending id in either direction. */
  protected claimOrder(filter: ClaimFilter): ClaimOrder {
    return { newestFirst: filter.newestFirst === true, nullsHighest: true, idFollowsDirection: false };
  }
}

/** The stored document most similar to `sig` among those sharing an LSH band, if at or above the threshold. */
async function nearest(db: Kysely<Schema> | Transaction<Schema>, sig: Signature): Promise<NearDuplicate | undefined> {
  const keys = bandKeys(sig);
  const perBand = keys.map(
    (hash, band) => sql`(select document_id from document_bands where hash = ${hash} and band = ${band} order by document_id desc limit ${sql.lit(PER_BAND_CANDIDATES)})`,
  );
  const { rows } = await sql<{ document_id: number }>`select document_id from (${sql.join(perBand, sql` union all `)}) as candidates
    group by document_id order by count(*) desc, document_id limit ${sql.lit(MAX_CANDIDATES)}`.execute(db);
  if (rows.length === 0) return undefined;
  const ids = rows.map((r) => r.document_id);
  const { rows: signatures } = await sql<{ id: number; signature: Buffer; cluster: number }>`select s.document_id as id, s.signature, coalesce(d.cluster_id, d.id) as cluster
    from document_signatures s join documents d on d.id = s.document_id where s.document_id = any(${ids}::integer[]) order by s.document_id`.execute(db);
  let best: NearDuplicate | undefined;
  for (const c of signatures) {
    const similarity = estimateJaccard(sig, signatureFromBytes(c.signature));
    if (similarity >= DUPLICATE_THRESHOLD && (!best || similarity > best.similarity)) best = { documentId: c.id, clusterId: c.cluster, similarity };
  }
  return best;
}

/** Record a stored document's signature and band keys (inside the transaction that stores it). */
async function addSignature(trx: Transaction<Schema>, documentId: number, sig: Signature): Promise<void> {
  await sql`insert into document_signatures (document_id, signature) values (${documentId}, ${signatureToBytes(sig)})`.execute(trx);
  const keys = bandKeys(sig);
  if (keys.length !== BANDS) throw new Error(`expected ${BANDS} band keys, got ${keys.length}`);
  await sql`insert into document_bands (document_id, band, hash)
    select ${documentId}, b - 1, h from unnest(${keys}::bigint[]) with ordinality as k(h, b)`.execute(trx);
}
