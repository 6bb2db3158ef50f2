// The dialect-free queries of the SQLite and PostgreSQL stores, as kysely builders
// over one schema: claim filters, row conversions, documents, the matrix from the
// summary tables (and from the claims, its reference), stance days, counts and the
// overview. Each store keeps what differs: opening, the write transaction and its
// near-duplicate lookup, the claims listing's order, and its migrations.
import { sql, type Kysely, type Selectable, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { Claim } from '../pipeline/types.js';
import { claimWeightSql, type CellConfidence } from './cell-confidence.js';
import type { ReviewedClaim } from './reviews.js';
import type { Schema } from './sqlite/sqlite-store.js';
import type { ClaimFilter, DocumentFilter, DocumentInput, MatrixCell, NearDuplicate, StanceDay, StoreOverview, StoredClaim, StoredDocument } from './store.js';

type DocumentsTable = Schema['documents'];
type ClaimsTable = Schema['claims'];
type Db = Kysely<Schema> | Transaction<Schema>;

export type ClaimQuery = SelectQueryBuilder<Schema & { c: ClaimsTable; d: DocumentsTable }, 'c' | 'd', object>;

type CellQuery = SelectQueryBuilder<Schema & { c: ClaimsTable }, 'c', object>;

/**
 * Every filter on claims aliased `c`: cell, side, modality and dates from the claim's own
 * columns, the outlet by a lookup of its document (so the query needs no join for it).
 */
export function applyClaimFilter<Q extends CellQuery>(query: Q, filter: ClaimFilter): Q {
  let q = query;
  const outlet = filter.outlet;
  if (outlet) q = q.where((eb) => eb.exists(eb.selectFrom('documents as d').select('d.id').whereRef('d.id', '=', 'c.document_id').where('d.outlet', '=', outlet))) as Q;
  if (filter.actor) q = q.where('c.actor', '=', filter.actor) as Q;
  if (filter.proposition) q = q.where('c.proposition', '=', filter.proposition) as Q;
  if (filter.polarity) q = q.where('c.polarity', '=', filter.polarity) as Q;
  if (filter.document !== undefined) q = q.where('c.document_id', '=', filter.document) as Q;
  if (filter.modalities?.length) q = q.where('c.modality', 'in', [...filter.modalities]) as Q;
  if (filter.since) q = q.where('c.published', '>=', filter.since) as Q;
  if (filter.until) q = q.where('c.published', '<=', filter.until) as Q;
  // The speaker as the text names them, in any case: "peskov" finds "Peskov" and "Dmitry Peskov".
  if (filter.speaker) q = q.where(sql<string>`lower(c.speaker)`, 'like', `%${filter.speaker.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`) as Q;
  // Compared in thousandths, as the summary keeps the weights.
  if (filter.minConfidence !== undefined) q = q.where(sql<number>`${sql.raw(claimWeightSql('c'))}`, '>=', Math.round(filter.minConfidence * 1000)) as Q;
  return q;
}

/** Every filter, on claims joined with their documents. */
export function applyFilter<Q extends ClaimQuery>(query: Q, filter: ClaimFilter): Q {
  return applyClaimFilter(query as unknown as CellQuery, filter) as unknown as Q;
}

export function toStoredDocument(row: DocumentsTable & { id: number; ingested_at: string; claim_count: number }): StoredDocument {
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

// Sums come back as numbers or bigints (SQLite) or as strings (PostgreSQL's bigint and numeric); the cell holds plain numbers.
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

export function toStoredClaim(r: ClaimRow): StoredClaim {
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

/** The documents row of a new document, in the cluster of `match` when it has one. */
export function documentRow(doc: DocumentInput, match: NearDuplicate | undefined) {
  return {
    content_hash: doc.contentHash,
    origin: doc.origin,
    url: doc.url ?? null,
    title: doc.title ?? null,
    outlet: doc.outlet ?? null,
    published: doc.published ?? null,
    clean_text: doc.cleanText,
    skip_reason: doc.skipReason ?? null,
    canonical_url: doc.canonicalUrl ?? null,
    author: doc.author ?? null,
    language: doc.language ?? null,
    cluster_id: match?.clusterId ?? null,
    cluster_similarity: match?.similarity ?? null,
  };
}

/** The claims row of a (reviewed) claim of a new document, with the document's date and cluster copied in. */
export function claimRow(document: { id: number; published?: string | undefined; cluster: number }, { claim: c, status }: ReviewedClaim | { claim: Claim; status?: undefined }) {
  return {
    document_id: document.id,
    actor: c.actor,
    proposition: c.proposition,
    polarity: c.polarity,
    evidence: c.evidence,
    start: c.start,
    end: c.end,
    modality: c.modality,
    hedged: c.hedged ? 1 : 0,
    reported: c.reported ? 1 : 0,
    conditional: c.conditional ? 1 : 0,
    rule: c.rule,
    sentence_index: c.sentenceIndex,
    published: document.published ?? null,
    cluster_id: document.cluster,
    review: status ?? null,
    speaker: c.speaker ?? null,
    condition: c.condition ?? null,
    confidence: c.confidence ?? null,
  };
}

export async function hasDocument(db: Db, contentHash: string): Promise<boolean> {
  const row = await db.selectFrom('documents').select('id').where('content_hash', '=', contentHash).executeTakeFirst();
  return row !== undefined;
}

export async function hasUrl(db: Db, url: string): Promise<boolean> {
  // Two indexed lookups rather than an OR, which SQLite would answer with a scan.
  const byCanonical = await db.selectFrom('documents').select('id').where('canonical_url', '=', url).executeTakeFirst();
  if (byCanonical) return true;
  const byUrl = await db.selectFrom('documents').select('id').where('url', '=', url).executeTakeFirst();
  return byUrl !== undefined;
}

function documentsQuery(db: Db) {
  return db
    .selectFrom('documents as d')
    .selectAll('d')
    .select((eb) => eb.selectFrom('claims as c').select(eb.fn.countAll<number>().as('n')).whereRef('c.document_id', '=', 'd.id').as('claim_count'));
}

export async function getDocument(db: Db, id: number): Promise<StoredDocument | undefined> {
  const row = await documentsQuery(db).where('d.id', '=', id).executeTakeFirst();
  return row ? toStoredDocument(row as never) : undefined;
}

export async function listDocuments(db: Db, filter: DocumentFilter): Promise<StoredDocument[]> {
  let q = documentsQuery(db);
  if (filter.skipped) q = q.where('d.skip_reason', 'is not', null);
  if (filter.since) q = q.where('d.published', '>=', filter.since);
  if (filter.until) q = q.where('d.published', '<=', filter.until);
  if (filter.outlet) q = q.where('d.outlet', '=', filter.outlet);
  if (filter.duplicates) {
    q = q
      .where(
        sql<number>`coalesce(d.cluster_id, d.id)`,
        'in',
        db
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

/** Take a document out of the near-duplicate index (its signature and band keys), inside the write transaction. */
export async function deleteSignatureRows(trx: Db, id: number): Promise<void> {
  await trx.deleteFrom('document_bands').where('document_id', '=', id).execute();
  await trx.deleteFrom('document_signatures').where('document_id', '=', id).execute();
}

/** Remove a document's rows, inside the store's write transaction; false when the id is unknown. */
export async function deleteDocumentRows(trx: Db, id: number): Promise<boolean> {
  // Dependent rows go first and explicitly: SQLite's cascade needs foreign_keys on, which another opener may not set.
  await trx.deleteFrom('claims').where('document_id', '=', id).execute();
  await deleteSignatureRows(trx, id);
  const result = await trx.deleteFrom('documents').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The summary tables are kept per day, actor and proposition; an outlet, polarity, modality, speaker, document or confidence filter reads the claims. */
function summaryAnswers(filter: ClaimFilter): boolean {
  return !(filter.outlet || filter.polarity || filter.modalities?.length || filter.speaker || filter.document !== undefined || filter.minConfidence !== undefined);
}

/** The matrix, from the summary tables when the filter allows (see sqlite/stance-summary.ts), else from the claims. */
export async function matrix(db: Db, filter: ClaimFilter): Promise<MatrixCell[]> {
  if (!summaryAnswers(filter)) return matrixFromClaims(db, filter);
  if (!filter.since && !filter.until) return matrixFromCells(db, filter);
  let days = db
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
  if (filter.actor) days = days.where('actor', '=', filter.actor);
  if (filter.proposition) days = days.where('proposition', '=', filter.proposition);
  // Undated claims are stored under day '' and, as with a date filter on the claims, fall outside any range.
  const { since, until } = filter;
  if (since) days = days.where('day', '>=', since);
  if (until) days = days.where('day', '<=', until).where('day', '<>', '');
  const outlets = outletsInRange(db, filter);
  // A cluster counts on its earliest dated day; one whose copies reach into the range from before it
  // counts too, once (its dates are in cell_cluster_days when they differ).
  let spans = db
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
 * Each cell's outlets that reported on it within the filter's dates, from their first and last
 * dated days (outlet-spans.ts); only an outlet whose days straddle both ends of a range is looked up.
 */
function outletsInRange(db: Db, filter: ClaimFilter) {
  const { since, until } = filter;
  let q = db
    .selectFrom('cell_outlet_spans as o')
    .select(['o.actor', 'o.proposition', sql<number>`count(*)`.as('outlets')])
    .groupBy(['o.actor', 'o.proposition']);
  if (filter.actor) q = q.where('o.actor', '=', filter.actor);
  if (filter.proposition) q = q.where('o.proposition', '=', filter.proposition);
  if (since) q = q.where('o.last_day', '>=', since);
  if (until) q = q.where('o.first_day', '<=', until);
  if (since && until) {
    q = q.where((eb) =>
      eb.or([
        eb('o.first_day', '>=', since),
        eb('o.last_day', '<=', until),
        eb.exists(
          eb
            .selectFrom('cell_outlet_days as x')
            .select(sql`1`.as('one'))
            .whereRef('x.actor', '=', 'o.actor')
            .whereRef('x.proposition', '=', 'o.proposition')
            .whereRef('x.outlet', '=', 'o.outlet')
            .where('x.day', '>=', since)
            .where('x.day', '<=', until),
        ),
      ]),
    );
  }
  return q;
}

/** The matrix over every date: one row per cell (cell-totals.ts) and its outlets. */
async function matrixFromCells(db: Db, filter: ClaimFilter): Promise<MatrixCell[]> {
  let cells = db
    .selectFrom('stance_cells')
    .select(['actor', 'proposition', 'support', 'oppose', 'support_docs', 'oppose_docs', 'documents', 'clusters', 'hedged', 'latest'])
    .orderBy('actor')
    .orderBy('proposition');
  let outlets = db.selectFrom('cell_outlets').select(['actor', 'proposition', sql<number>`count(*)`.as('outlets')]).groupBy(['actor', 'proposition']);
  if (filter.actor) {
    cells = cells.where('actor', '=', filter.actor);
    outlets = outlets.where('actor', '=', filter.actor);
  }
  if (filter.proposition) {
    cells = cells.where('proposition', '=', filter.proposition);
    outlets = outlets.where('proposition', '=', filter.proposition);
  }
  const [cellRows, outletRows] = await Promise.all([cells.execute(), outlets.execute()]);
  const outletCount = new Map(outletRows.map((r) => [`${r.actor}\u0000${r.proposition}`, Number(r.outlets)]));
  return cellRows.map((r) => toMatrixCell({ ...r, outlets: outletCount.get(`${r.actor}\u0000${r.proposition}`) ?? 0 }));
}

/** The matrix aggregated from the claims themselves: the reference the summary tables must equal. */
export async function matrixFromClaims(db: Db, filter: ClaimFilter): Promise<MatrixCell[]> {
  let q = db
    .selectFrom('claims as c')
    .innerJoin('documents as d', 'd.id', 'c.document_id')
    .select([
      'c.actor',
      'c.proposition',
      sql<number>`sum(case when c.polarity = 'support' then 1 else 0 end)`.as('support'),
      sql<number>`sum(case when c.polarity = 'oppose' then 1 else 0 end)`.as('oppose'),
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

/**
 * Ids of the first claim of each cluster, day and polarity of a cell, at most `perDay`
 * of them per day and polarity; the covering index claims_cell_day (PostgreSQL: claims_cell_day_first) answers it.
 */
export function firstClaimsPerDay(db: Db, filter: ClaimFilter, perDay: number) {
  if (perDay === 1) {
    // The timeline's case: the first of the clusters' first claims is the day and side's first claim, no ranking needed.
    // A column the filter fixes is left out of the grouping: PostgreSQL then estimates the groups as days × sides
    // (not the cell's claim count) and looks the claims up by key instead of scanning every document.
    const cell = [...(filter.actor ? [] : (['c.actor'] as const)), ...(filter.proposition ? [] : (['c.proposition'] as const))];
    return applyClaimFilter(
      db
        .selectFrom('claims as c')
        .select(sql<number>`min(c.id)`.as('id'))
        .where('c.published', 'is not', null)
        .groupBy([...cell, 'c.published', 'c.polarity']),
      filter,
    );
  }
  const firsts = applyClaimFilter(
    db
      .selectFrom('claims as c')
      .select(['c.actor', 'c.proposition', 'c.published', 'c.polarity', sql<number>`min(c.id)`.as('id')])
      .where('c.published', 'is not', null)
      .groupBy(['c.actor', 'c.proposition', 'c.published', 'c.polarity', 'c.cluster_id']),
    filter,
  );
  return db
    .selectFrom(
      db
        .selectFrom(firsts.as('f'))
        .select(['f.id', sql<number>`row_number() over (partition by f.actor, f.proposition, f.published, f.polarity order by f.id)`.as('n')])
        .as('ranked'),
    )
    .select('ranked.id')
    .where('ranked.n', '<=', perDay);
}

/** The rows of cell_side_days (side-days.ts) under the cell and date filters (the caller checks summaryAnswers). */
function sideDays(db: Db, filter: ClaimFilter) {
  let q = db.selectFrom('cell_side_days');
  if (filter.actor) q = q.where('actor', '=', filter.actor);
  if (filter.proposition) q = q.where('proposition', '=', filter.proposition);
  if (filter.since) q = q.where('day', '>=', filter.since);
  if (filter.until) q = q.where('day', '<=', filter.until);
  return q;
}

export async function stanceDays(db: Db, filter: ClaimFilter): Promise<StanceDay[]> {
  if (summaryAnswers(filter)) {
    const days = await sideDays(db, filter)
      .select(['actor', 'proposition', 'day', 'support', 'oppose'])
      .orderBy('actor')
      .orderBy('proposition')
      .orderBy('day')
      .execute();
    return days.map((r) => ({ actor: r.actor, proposition: r.proposition, date: r.day, support: Number(r.support), oppose: Number(r.oppose) }));
  }
  const q = applyClaimFilter(
    db
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

export async function counts(db: Db, filter: ClaimFilter): Promise<{ documents: number; claims: number }> {
  let docs = db.selectFrom('documents as d').select((eb) => eb.fn.countAll<number>().as('n'));
  if (filter.since) docs = docs.where('d.published', '>=', filter.since);
  if (filter.until) docs = docs.where('d.published', '<=', filter.until);
  if (filter.outlet) docs = docs.where('d.outlet', '=', filter.outlet);
  if (filter.document !== undefined) docs = docs.where('d.id', '=', filter.document);
  const claims = applyClaimFilter(db.selectFrom('claims as c').select((eb) => eb.fn.countAll<number>().as('n')), filter);
  const [d, c] = await Promise.all([docs.executeTakeFirstOrThrow(), claims.executeTakeFirstOrThrow()]);
  return { documents: Number(d.n), claims: Number(c.n) };
}

export async function overview(db: Db): Promise<StoreOverview> {
  const [total, outlets, range] = await Promise.all([
    counts(db, {}),
    db.selectFrom('documents').select('outlet').distinct().where('outlet', 'is not', null).orderBy('outlet').execute(),
    db.selectFrom('documents').select([sql<string | null>`min(published)`.as('first'), sql<string | null>`max(published)`.as('last')]).executeTakeFirstOrThrow(),
  ]);
  return {
    ...total,
    outlets: outlets.map((o) => o.outlet!),
    ...(range.first ? { firstDate: range.first } : {}),
    ...(range.last ? { lastDate: range.last } : {}),
  };
}

/** Each cell's claim count and summed weight under `filter` (see cell-confidence.ts), from the summary when it can answer. */
export async function cellConfidence(db: Db, filter: ClaimFilter): Promise<CellConfidence[]> {
  const toCell = (r: { actor: string; proposition: string; claims: number; weight_millis: number }): CellConfidence => ({ actor: r.actor, proposition: r.proposition, claims: Number(r.claims), weightMillis: Number(r.weight_millis) });
  if (!summaryAnswers(filter)) {
    const cells = applyClaimFilter(
      db
        .selectFrom('claims as c')
        .select(['c.actor', 'c.proposition', sql<number>`count(*)`.as('claims'), sql<number>`sum(${sql.raw(claimWeightSql('c'))})`.as('weight_millis')])
        .groupBy(['c.actor', 'c.proposition']),
      filter,
    );
    return (await cells.execute()).map(toCell);
  }
  if (!filter.since && !filter.until) {
    let cells = db.selectFrom('cell_confidence_cells').select(['actor', 'proposition', 'claims', 'weight_millis']);
    if (filter.actor) cells = cells.where('actor', '=', filter.actor);
    if (filter.proposition) cells = cells.where('proposition', '=', filter.proposition);
    return (await cells.execute()).map(toCell);
  }
  let q = db
    .selectFrom('cell_confidence_days')
    .select(['actor', 'proposition', sql<number>`sum(claims)`.as('claims'), sql<number>`sum(weight_millis)`.as('weight_millis')])
    .groupBy(['actor', 'proposition']);
  if (filter.actor) q = q.where('actor', '=', filter.actor);
  if (filter.proposition) q = q.where('proposition', '=', filter.proposition);
  // Undated claims sit under day '' and fall outside any date range, as in the matrix.
  if (filter.since) q = q.where('day', '>=', filter.since);
  if (filter.until) q = q.where('day', '<=', filter.until).where('day', '<>', '');
  return (await q.execute()).map(toCell);
}
