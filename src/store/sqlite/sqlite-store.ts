// The embedded store: SQLite through better-sqlite3 and kysely, in WAL mode,
// one transaction per document.
import Database from 'better-sqlite3';
import { Kysely, Migrator, sql, type Generated, type Selectable, type SelectQueryBuilder } from 'kysely';
import { minhash } from '../../dedup/minhash.js';
import type { Claim, Modality, Polarity } from '../../pipeline/types.js';
import type { ClaimFilter, DocumentFilter, DocumentInput, MatrixCell, NearDuplicate, SaveResult, StanceDay, Store, StoreOverview, StoredClaim, StoredDocument } from '../store.js';
import { applyReviews, type ClaimReview, type ReviewInput, type ReviewResult, type ReviewStatus } from '../reviews.js';
import { listReviews, reviewClaim, reviewsOf, type ClaimReviewsTable } from './claim-reviews.js';
import { MIGRATIONS } from './migrations.js';
import { segmentCondition, segmentsAfter, type ClaimOrder, type ClaimSegment } from '../claim-keyset.js';
import { DataVersion } from './data-version.js';
import { DocumentWriter } from './document-writer.js';
import { NearDuplicateTable } from './near-duplicates.js';
import { LockingSqliteDialect, writeTransaction } from './write-lock.js';

interface DocumentsTable {
  id: Generated<number>;
  content_hash: string;
  origin: string;
  url: string | null;
  title: string | null;
  outlet: string | null;
  published: string | null;
  clean_text: string;
  skip_reason: string | null;
  ingested_at: Generated<string>;
  canonical_url: string | null;
  author: string | null;
  language: string | null;
  cluster_id: number | null;
  cluster_similarity: number | null;
}

interface DocumentSignaturesTable {
  document_id: number;
  signature: Buffer;
}

interface DocumentBandsTable {
  document_id: number;
  band: number;
  hash: number;
}

interface ClaimsTable {
  id: Generated<number>;
  document_id: number;
  actor: string;
  proposition: string;
  polarity: Polarity;
  evidence: string;
  start: number;
  end: number;
  modality: Modality;
  hedged: number;
  reported: number;
  conditional: number;
  rule: string;
  sentence_index: number;
  /** The document's date and cluster, copied so that evidence and timelines read one index. */
  published: string | null;
  cluster_id: number | null;
  /** 'confirmed' or 'fixed' by an analyst (migration 0005-analyst-claim-reviews). */
  review: ReviewStatus | null;
  /** Who holds it as the text names them, and the condition clause (migration 0006-analyst-speaker-condition). */
  speaker: string | null;
  condition: string | null;
  /** The decider's probability (migration 0007-decider-claim-confidence). */
  confidence: number | null;
}

interface StanceDaysTable {
  actor: string;
  proposition: string;
  day: string;
  support: number;
  oppose: number;
  support_docs: number;
  oppose_docs: number;
  documents: number;
  clusters: number;
  hedged: number;
}

interface CellClusterDaysTable {
  actor: string;
  proposition: string;
  cluster_id: number;
  day: string;
}

interface CellOutletsTable {
  actor: string;
  proposition: string;
  outlet: string;
}

interface CellOutletDaysTable extends CellOutletsTable {
  day: string;
}

export interface Schema {
  documents: DocumentsTable;
  claims: ClaimsTable;
  stance_days: StanceDaysTable;
  cell_cluster_days: CellClusterDaysTable;
  cell_outlets: CellOutletsTable;
  cell_outlet_days: CellOutletDaysTable;
  document_signatures: DocumentSignaturesTable;
  document_bands: DocumentBandsTable;
  claim_reviews: ClaimReviewsTable;
}

type ClaimQuery = SelectQueryBuilder<Schema & { c: ClaimsTable; d: DocumentsTable }, 'c' | 'd', object>;

type CellQuery = SelectQueryBuilder<Schema & { c: ClaimsTable }, 'c', object>;

/**
 * Every filter on claims aliased `c`: cell, side, modality and dates from the claim's own
 * columns, the outlet by a lookup of its document (so the query needs no join for it).
 */
function applyClaimFilter<Q extends CellQuery>(query: Q, filter: ClaimFilter): Q {
  let q = query;
  const outlet = filter.outlet;
  if (outlet) q = q.where((eb) => eb.exists(eb.selectFrom('documents as d').select('d.id').whereRef('d.id', '=', 'c.document_id').where('d.outlet', '=', outlet))) as Q;
  if (filter.actor) q = q.where('c.actor', '=', filter.actor) as Q;
  if (filter.proposition) q = q.where('c.proposition', '=', filter.proposition) as Q;
  if (filter.polarity) q = q.where('c.polarity', '=', filter.polarity) as Q;
  if (filter.modalities?.length) q = q.where('c.modality', 'in', [...filter.modalities]) as Q;
  if (filter.since) q = q.where('c.published', '>=', filter.since) as Q;
  if (filter.until) q = q.where('c.published', '<=', filter.until) as Q;
  // The speaker as the text names them, in any case: "peskov" finds "Peskov" and "Dmitry Peskov".
  if (filter.speaker) q = q.where(sql<string>`lower(c.speaker)`, 'like', `%${filter.speaker.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`) as Q;
  return q;
}

/** Every filter, on claims joined with their documents. */
function applyFilter<Q extends ClaimQuery>(query: Q, filter: ClaimFilter): Q {
  return applyClaimFilter(query as unknown as CellQuery, filter) as unknown as Q;
}

function toStoredDocument(row: DocumentsTable & { id: number; ingested_at: string; claim_count: number }): StoredDocument {
  return {
    id: row.id,
    contentHash: row.content_hash,
    origin: row.origin,
    cleanText: row.clean_text,
    ingestedAt: row.ingested_at,
    claimCount: Number(row.claim_count),
    ...(row.url ? { url: row.url } : {}),
    ...(row.title ? { title: row.title } : {}),
    ...(row.outlet ? { outlet: row.outlet } : {}),
    ...(row.published ? { published: row.published } : {}),
    ...(row.skip_reason ? { skipReason: row.skip_reason } : {}),
    ...(row.canonical_url ? { canonicalUrl: row.canonical_url } : {}),
    ...(row.author ? { author: row.author } : {}),
    ...(row.language ? { language: row.language } : {}),
    clusterId: row.cluster_id ?? row.id,
    ...(row.cluster_similarity !== null && row.cluster_similarity !== undefined ? { similarity: row.cluster_similarity } : {}),
  };
}

interface MatrixRow {
  actor: string;
  proposition: string;
  support: number;
  oppose: number;
  support_docs: number;
  oppose_docs: number;
  documents: number;
  outlets: number;
  clusters: number;
  hedged: number;
  latest: string | null;
}

// SQLite sums come back as numbers or bigints depending on size; the cell holds plain numbers.
function toMatrixCell(r: MatrixRow): MatrixCell {
  return {
    actor: r.actor,
    proposition: r.proposition,
    support: Number(r.support),
    oppose: Number(r.oppose),
    supportDocs: Number(r.support_docs),
    opposeDocs: Number(r.oppose_docs),
    documents: Number(r.documents),
    outlets: Number(r.outlets),
    clusters: Number(r.clusters),
    hedged: Number(r.hedged),
    ...(r.latest ? { latest: r.latest } : {}),
  };
}

/** A claims row joined with its document's source fields. */
type ClaimRow = Selectable<ClaimsTable> & { origin: string; outlet: string | null; title: string | null; url: string | null; cluster: number };

function toStoredClaim(r: ClaimRow): StoredClaim {
  return {
    id: r.id,
    documentId: r.document_id,
    actor: r.actor,
    proposition: r.proposition,
    polarity: r.polarity,
    evidence: r.evidence,
    start: r.start,
    end: r.end,
    modality: r.modality,
    hedged: r.hedged === 1,
    reported: r.reported === 1,
    conditional: r.conditional === 1,
    rule: r.rule,
    sentenceIndex: r.sentence_index,
    origin: r.origin,
    ...(r.outlet ? { outlet: r.outlet } : {}),
    ...(r.published ? { published: r.published } : {}),
    ...(r.title ? { title: r.title } : {}),
    ...(r.url ? { url: r.url } : {}),
    clusterId: Number(r.cluster),
    ...(r.review ? { review: r.review } : {}),
    ...(r.speaker ? { speaker: r.speaker } : {}),
    ...(r.condition ? { condition: r.condition } : {}),
    ...(r.confidence !== null && r.confidence !== undefined ? { confidence: r.confidence } : {}),
  };
}

/** SQLite sorts NULL lowest; ties within a sentence follow the list's direction (see claimsQuery). */
const sqliteOrder = (filter: ClaimFilter): ClaimOrder => ({ newestFirst: filter.newestFirst === true, nullsHighest: false, idFollowsDirection: true });

export class SqliteStore implements Store {
  private constructor(
    readonly path: string,
    private readonly db: Kysely<Schema>,
    private readonly nearDuplicates: NearDuplicateTable,
    private readonly dataVersion: DataVersion,
    private readonly writer: DocumentWriter,
  ) {}

  /** Run a write and count it in the version token, whether it committed or not. */
  private async counted<T>(write: Promise<T>): Promise<T> {
    try {
      return await write;
    } finally {
      this.dataVersion.written();
    }
  }

  /** Open (creating if needed) the database at `path` and run pending migrations. */
  static async open(path: string): Promise<SqliteStore> {
    let sqlite: Database.Database;
    try {
      sqlite = new Database(path);
    } catch (err) {
      throw new Error(`${path}: cannot open the database: ${err instanceof Error ? err.message : String(err)}`);
    }
    // The timeout first: switching to WAL takes a lock another opener may hold.
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    // 64 MB of page cache (the default is 2 MB): analysis reads index ranges of up to a million claims.
    sqlite.pragma('cache_size = -65536');
    const db = new Kysely<Schema>({ dialect: new LockingSqliteDialect({ database: sqlite }) });
    // Migrations from parallel branches may land in either order; each still runs once.
    const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, allowUnorderedMigrations: true });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      await db.destroy();
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      const cause = error instanceof Error ? error.message : String(error);
      throw new Error(failed ? `${path}: migration ${failed} failed: ${cause}` : `${path}: cannot migrate the database: ${cause}`);
    }
    return new SqliteStore(path, db, new NearDuplicateTable(sqlite), new DataVersion(sqlite), new DocumentWriter(sqlite));
  }

  async saveDocument(doc: DocumentInput, claims: readonly Claim[]): Promise<SaveResult> {
    return this.counted(this.storeDocument(doc, claims));
  }

  private async storeDocument(doc: DocumentInput, claims: readonly Claim[]): Promise<SaveResult> {
    return writeTransaction(this.db, async (trx) => {
      // Synchronous better-sqlite3 calls on kysely's one connection, so inside this transaction.
      const existing = this.writer.idOf(doc.contentHash);
      if (existing !== undefined) return { documentId: existing, created: false };
      // The cluster is decided before the row exists: triggers on claims read it from the row as inserted.
      const sig = doc.skipReason ? undefined : (doc.minhash ?? minhash(doc.cleanText));
      const match = sig ? this.nearDuplicates.nearest(sig) : undefined;
      const inserted = this.writer.addDocument(doc, match);
      if (sig) this.nearDuplicates.add(inserted.id, sig);
      // An analyst's reviews of this text apply again: rejected claims stay out, fixed ones stay fixed.
      const reviewed = claims.length > 0 ? applyReviews(claims, await reviewsOf(trx, doc.contentHash)) : [];
      this.writer.addClaims({ ...inserted, published: doc.published }, reviewed);
      return { documentId: inserted.id, created: true };
    });
  }

  async hasDocument(contentHash: string): Promise<boolean> {
    const row = await this.db.selectFrom('documents').select('id').where('content_hash', '=', contentHash).executeTakeFirst();
    return row !== undefined;
  }

  async hasUrl(url: string): Promise<boolean> {
    // Two indexed lookups rather than an OR, which SQLite would answer with a scan.
    const byCanonical = await this.db.selectFrom('documents').select('id').where('canonical_url', '=', url).executeTakeFirst();
    if (byCanonical) return true;
    const byUrl = await this.db.selectFrom('documents').select('id').where('url', '=', url).executeTakeFirst();
    return byUrl !== undefined;
  }

  private documentsQuery() {
    return this.db
      .selectFrom('documents as d')
      .selectAll('d')
      .select((eb) => eb.selectFrom('claims as c').select(eb.fn.countAll<number>().as('n')).whereRef('c.document_id', '=', 'd.id').as('claim_count'));
  }

  async getDocument(id: number): Promise<StoredDocument | undefined> {
    const row = await this.documentsQuery().where('d.id', '=', id).executeTakeFirst();
    return row ? toStoredDocument(row as never) : undefined;
  }

  async listDocuments(filter: DocumentFilter = {}): Promise<StoredDocument[]> {
    let q = this.documentsQuery();
    if (filter.skipped) q = q.where('d.skip_reason', 'is not', null);
    if (filter.since) q = q.where('d.published', '>=', filter.since);
    if (filter.until) q = q.where('d.published', '<=', filter.until);
    if (filter.outlet) q = q.where('d.outlet', '=', filter.outlet);
    if (filter.duplicates) {
      q = q
        .where(
          sql<number>`coalesce(d.cluster_id, d.id)`,
          'in',
          this.db
            .selectFrom('documents')
            .select(sql<number>`coalesce(cluster_id, id)`.as('cluster'))
            .groupBy(sql`coalesce(cluster_id, id)`)
            .having((eb) => eb.fn.countAll(), '>=', 2),
        )
        .orderBy(sql`coalesce(d.cluster_id, d.id)`);
    }
    const direction = filter.newestFirst ? 'desc' : 'asc';
    q = q.orderBy('d.published', direction).orderBy('d.id', direction);
    if (filter.limit) q = q.limit(filter.limit);
    const rows = await q.execute();
    return rows.map((r) => toStoredDocument(r as never));
  }

  async deleteDocument(id: number): Promise<boolean> {
    return this.counted(this.removeDocument(id));
  }

  private async removeDocument(id: number): Promise<boolean> {
    return writeTransaction(this.db, async (trx) => {
      // Dependent rows go first and explicitly: the cascade needs foreign_keys on, which another opener may not set.
      await trx.deleteFrom('claims').where('document_id', '=', id).execute();
      await trx.deleteFrom('document_bands').where('document_id', '=', id).execute();
      await trx.deleteFrom('document_signatures').where('document_id', '=', id).execute();
      const result = await trx.deleteFrom('documents').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  async findNearDuplicate(cleanText: string): Promise<NearDuplicate | undefined> {
    const sig = minhash(cleanText);
    return sig ? this.nearDuplicates.nearest(sig) : undefined;
  }

  private claimsQuery(filter: ClaimFilter, segment?: ClaimSegment) {
    let q = this.db
      .selectFrom('claims as c')
      .innerJoin('documents as d', 'd.id', 'c.document_id')
      .selectAll('c')
      .select(['d.origin', 'd.outlet', 'd.published', 'd.title', 'd.url', sql<number>`coalesce(d.cluster_id, d.id)`.as('cluster')]);
    if (filter.perDay) {
      // The id list carries every filter; with no other term on c, SQLite looks the ids up by key.
      q = q.where('c.id', 'in', this.firstClaimsPerDay(filter, filter.perDay));
    } else {
      q = applyFilter(q as unknown as ClaimQuery, filter) as unknown as typeof q;
    }
    if (segment) q = q.where((eb) => segmentCondition(eb as never, segment, sqliteOrder(filter)));
    const direction = filter.newestFirst ? 'desc' : 'asc';
    // Ties within a sentence by id, as a scan of claims_order gives them (its rows end in the rowid).
    q = q.orderBy('c.published', direction).orderBy('c.document_id', direction).orderBy('c.sentence_index').orderBy('c.id', direction);
    return filter.limit ? q.limit(filter.limit) : q;
  }

  async listClaims(filter: ClaimFilter = {}): Promise<StoredClaim[]> {
    if (!filter.after) return (await this.claimsQuery(filter).execute()).map(toStoredClaim);
    const claims: StoredClaim[] = [];
    for (const segment of segmentsAfter(filter.after, sqliteOrder(filter))) {
      const room = filter.limit === undefined ? undefined : filter.limit - claims.length;
      if (room === 0) break;
      const rows = await this.claimsQuery({ ...filter, ...(room === undefined ? {} : { limit: room }) }, segment).execute();
      claims.push(...rows.map(toStoredClaim));
    }
    return claims;
  }

  async *iterateClaims(filter: ClaimFilter = {}): AsyncIterable<StoredClaim> {
    const segments = filter.after ? segmentsAfter(filter.after, sqliteOrder(filter)) : [undefined];
    let left = filter.limit;
    for (const segment of segments) {
      if (left === 0) return;
      for await (const row of this.claimsQuery({ ...filter, ...(left === undefined ? {} : { limit: left }) }, segment).stream()) {
        if (left !== undefined) left--;
        yield toStoredClaim(row);
      }
    }
  }

  async matrix(filter: ClaimFilter = {}): Promise<MatrixCell[]> {
    // The summary tables are kept per day, actor and proposition; an outlet, polarity or modality filter reads the claims.
    if (filter.outlet || filter.polarity || filter.modalities?.length || filter.speaker) return this.matrixFromClaims(filter);
    let days = this.db
      .selectFrom('stance_days')
      .select([
        'actor',
        'proposition',
        sql<number>`sum(support)`.as('support'),
        sql<number>`sum(oppose)`.as('oppose'),
        sql<number>`sum(support_docs)`.as('support_docs'),
        sql<number>`sum(oppose_docs)`.as('oppose_docs'),
        sql<number>`sum(documents)`.as('documents'),
        sql<number>`sum(clusters)`.as('clusters'),
        sql<number>`sum(hedged)`.as('hedged'),
        sql<string | null>`nullif(max(day), '')`.as('latest'),
      ])
      .groupBy(['actor', 'proposition'])
      .orderBy('actor')
      .orderBy('proposition');
    let outlets = this.db
      .selectFrom('cell_outlets as o')
      .select(['o.actor', 'o.proposition', sql<number>`count(*)`.as('outlets')])
      .groupBy(['o.actor', 'o.proposition']);
    if (filter.actor) {
      days = days.where('actor', '=', filter.actor);
      outlets = outlets.where('o.actor', '=', filter.actor);
    }
    if (filter.proposition) {
      days = days.where('proposition', '=', filter.proposition);
      outlets = outlets.where('o.proposition', '=', filter.proposition);
    }
    // Undated claims are stored under day '' and, as with a date filter on the claims, fall outside any range.
    const { since, until } = filter;
    if (since) days = days.where('day', '>=', since);
    if (until) days = days.where('day', '<=', until).where('day', '<>', '');
    if (since || until) {
      outlets = outlets.where((eb) => {
        let seen = eb.selectFrom('cell_outlet_days as x').select(sql`1`.as('one')).whereRef('x.actor', '=', 'o.actor').whereRef('x.proposition', '=', 'o.proposition').whereRef('x.outlet', '=', 'o.outlet');
        if (since) seen = seen.where('x.day', '>=', since);
        if (until) seen = seen.where('x.day', '<=', until).where('x.day', '<>', '');
        return eb.exists(seen);
      });
    }
    // A cluster counts on its earliest dated day; one whose copies reach into the range from before it
    // counts too, once (its dates are in cell_cluster_days when they differ).
    let spans = this.db
      .selectFrom('cell_cluster_days as x')
      .select(['x.actor', 'x.proposition', sql<number>`count(distinct x.cluster_id)`.as('n')])
      .where('x.day', '>=', since ?? '')
      .where(sql<string>`(select min(y.day) from cell_cluster_days y where y.actor = x.actor and y.proposition = x.proposition and y.cluster_id = x.cluster_id)`, '<', since ?? '')
      .groupBy(['x.actor', 'x.proposition']);
    if (until) spans = spans.where('x.day', '<=', until);
    if (filter.actor) spans = spans.where('x.actor', '=', filter.actor);
    if (filter.proposition) spans = spans.where('x.proposition', '=', filter.proposition);
    const [dayRows, outletRows, spanRows] = await Promise.all([days.execute(), outlets.execute(), since ? spans.execute() : []]);
    const key = (r: { actor: string; proposition: string }): string => `${r.actor}\u0000${r.proposition}`;
    const outletCount = new Map(outletRows.map((r) => [key(r), Number(r.outlets)]));
    const spanCount = new Map(spanRows.map((r) => [key(r), Number(r.n)]));
    return dayRows.map((r) => toMatrixCell({ ...r, clusters: Number(r.clusters) + (spanCount.get(key(r)) ?? 0), outlets: outletCount.get(key(r)) ?? 0 }));
  }

  /**
   * Ids of the first claim of each cluster, day and polarity of a cell, at most `perDay`
   * of them per day and polarity; the covering index claims_cell_day answers it.
   */
  private firstClaimsPerDay(filter: ClaimFilter, perDay: number) {
    const firsts = applyClaimFilter(
      this.db
        .selectFrom('claims as c')
        .select(['c.actor', 'c.proposition', 'c.published', 'c.polarity', sql<number>`min(c.id)`.as('id')])
        .where('c.published', 'is not', null)
        .groupBy(['c.actor', 'c.proposition', 'c.published', 'c.polarity', 'c.cluster_id']),
      filter,
    );
    return this.db
      .selectFrom(
        this.db
          .selectFrom(firsts.as('f'))
          .select(['f.id', sql<number>`row_number() over (partition by f.actor, f.proposition, f.published, f.polarity order by f.id)`.as('n')])
          .as('ranked'),
      )
      .select('ranked.id')
      .where('ranked.n', '<=', perDay);
  }

  async stanceDays(filter: ClaimFilter = {}): Promise<StanceDay[]> {
    const q = applyClaimFilter(
      this.db
        .selectFrom('claims as c')
        .select([
          'c.actor',
          'c.proposition',
          sql<string>`c.published`.as('date'),
          sql<number>`count(distinct case when c.polarity = 'support' then c.cluster_id end)`.as('support'),
          sql<number>`count(distinct case when c.polarity = 'oppose' then c.cluster_id end)`.as('oppose'),
        ])
        .where('c.published', 'is not', null)
        .groupBy(['c.actor', 'c.proposition', 'c.published'])
        .orderBy('c.actor')
        .orderBy('c.proposition')
        .orderBy('c.published'),
      filter,
    );
    return (await q.execute()).map((r) => ({ actor: r.actor, proposition: r.proposition, date: r.date, support: Number(r.support), oppose: Number(r.oppose) }));
  }

  /** The matrix aggregated from the claims themselves: the reference the summary tables must equal. */
  async matrixFromClaims(filter: ClaimFilter = {}): Promise<MatrixCell[]> {
    let q = this.db
      .selectFrom('claims as c')
      .innerJoin('documents as d', 'd.id', 'c.document_id')
      .select([
        'c.actor',
        'c.proposition',
        sql<number>`sum(c.polarity = 'support')`.as('support'),
        sql<number>`sum(c.polarity = 'oppose')`.as('oppose'),
        sql<number>`count(distinct case when c.polarity = 'support' then c.document_id end)`.as('support_docs'),
        sql<number>`count(distinct case when c.polarity = 'oppose' then c.document_id end)`.as('oppose_docs'),
        sql<number>`count(distinct c.document_id)`.as('documents'),
        sql<number>`count(distinct coalesce(d.outlet, d.origin))`.as('outlets'),
        sql<number>`count(distinct coalesce(d.cluster_id, d.id))`.as('clusters'),
        sql<number>`sum(c.hedged)`.as('hedged'),
        sql<string | null>`max(d.published)`.as('latest'),
      ])
      .groupBy(['c.actor', 'c.proposition'])
      .orderBy('c.actor')
      .orderBy('c.proposition');
    q = applyFilter(q as unknown as ClaimQuery, filter) as unknown as typeof q;
    return (await q.execute()).map(toMatrixCell);
  }

  async reviewClaim(claimId: number, review: ReviewInput): Promise<ReviewResult> {
    return this.counted(reviewClaim(this.db, claimId, review));
  }

  async listReviews(): Promise<ClaimReview[]> {
    return listReviews(this.db);
  }

  async counts(filter: ClaimFilter = {}): Promise<{ documents: number; claims: number }> {
    let docs = this.db.selectFrom('documents as d').select((eb) => eb.fn.countAll<number>().as('n'));
    if (filter.since) docs = docs.where('d.published', '>=', filter.since);
    if (filter.until) docs = docs.where('d.published', '<=', filter.until);
    if (filter.outlet) docs = docs.where('d.outlet', '=', filter.outlet);
    const claims = applyClaimFilter(this.db.selectFrom('claims as c').select((eb) => eb.fn.countAll<number>().as('n')), filter);
    const [d, c] = await Promise.all([docs.executeTakeFirstOrThrow(), claims.executeTakeFirstOrThrow()]);
    return { documents: Number(d.n), claims: Number(c.n) };
  }

  async overview(): Promise<StoreOverview> {
    const [counts, outlets, range] = await Promise.all([
      this.counts(),
      this.db.selectFrom('documents').select('outlet').distinct().where('outlet', 'is not', null).orderBy('outlet').execute(),
      this.db.selectFrom('documents').select([sql<string | null>`min(published)`.as('first'), sql<string | null>`max(published)`.as('last')]).executeTakeFirstOrThrow(),
    ]);
    return {
      ...counts,
      outlets: outlets.map((o) => o.outlet!),
      ...(range.first ? { firstDate: range.first } : {}),
      ...(range.last ? { lastDate: range.last } : {}),
    };
  }

  async version(): Promise<string> {
    return this.dataVersion.current();
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
