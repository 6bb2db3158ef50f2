// How sure the extraction is of each matrix cell's claims: per actor ×
// proposition × day, the number of claims and the sum of their weights in
// thousandths (integers, so sums stay exact on both stores). A claim weighs its
// decider probability; a claim a person confirmed or fixed weighs 1; a claim
// the rules made alone (a pack without a model) weighs 0.5, the prior the
// matrix used before claims had a probability.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { ClaimFilter } from './store.js';

/** The summed weights of one cell's claims. */
export interface CellConfidence {
  readonly actor: string;
  readonly proposition: string;
  readonly claims: number;
  /** Sum of the claims' weights, in thousandths. */
  readonly weightMillis: number;
}

/** A claim's weight in thousandths, for a claims row aliased `alias` (SQL shared by SQLite and PostgreSQL). */
export function claimWeightSql(alias: string): string {
  return `(case when ${alias}.review is not null then 1000 when ${alias}.confidence is null then 500 else cast(round(${alias}.confidence * 1000) as integer) end)`;
}

/** Recompute the whole summary from the claims (SQL shared by SQLite and PostgreSQL): when it is made, and after a bulk load. */
export const CELL_CONFIDENCE_REBUILD: readonly string[] = [
  'delete from cell_confidence_days',
  `insert into cell_confidence_days (actor, proposition, day, claims, weight_millis)
    select c.actor, c.proposition, coalesce(c.published, ''), count(*), sum(${claimWeightSql('c')}) from claims c group by 1, 2, 3`,
];

/** Filters the summary table can answer: the rest need the claims themselves. */
function summaryAnswers(filter: ClaimFilter): boolean {
  return !(filter.outlet || filter.polarity || filter.modalities?.length || filter.speaker);
}

interface CellConfidenceSchema {
  cell_confidence_days: { actor: string; proposition: string; day: string; claims: number; weight_millis: number };
  claims: { actor: string; proposition: string; review: string | null; confidence: number | null; published: string | null };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ClaimsQuery = SelectQueryBuilder<any, 'c', object>;

/**
 * Each cell's claim count and summed weight under `filter`; `applyClaimFilter`
 * is the store's own filter on claims aliased `c`.
 */
export async function cellConfidence<Q extends ClaimsQuery>(db: Kysely<never>, filter: ClaimFilter, applyClaimFilter: (query: Q, filter: ClaimFilter) => Q): Promise<CellConfidence[]> {
  const kdb = db as unknown as Kysely<CellConfidenceSchema>;
  if (summaryAnswers(filter)) {
    let q = kdb
      .selectFrom('cell_confidence_days')
      .select(['actor', 'proposition', sql<number>`sum(claims)`.as('claims'), sql<number>`sum(weight_millis)`.as('weight_millis')])
      .groupBy(['actor', 'proposition']);
    if (filter.actor) q = q.where('actor', '=', filter.actor);
    if (filter.proposition) q = q.where('proposition', '=', filter.proposition);
    // Undated claims sit under day '' and fall outside any date range, as in the matrix.
    if (filter.since) q = q.where('day', '>=', filter.since);
    if (filter.until) q = q.where('day', '<=', filter.until).where('day', '<>', '');
    return (await q.execute()).map((r) => ({ actor: r.actor, proposition: r.proposition, claims: Number(r.claims), weightMillis: Number(r.weight_millis) }));
  }
  const query = kdb
    .selectFrom('claims as c')
    .select(['c.actor', 'c.proposition', sql<number>`count(*)`.as('claims'), sql<number>`sum(${sql.raw(claimWeightSql('c'))})`.as('weight_millis')])
    .groupBy(['c.actor', 'c.proposition']);
  const rows = await (applyClaimFilter(query as unknown as Q, filter) as unknown as typeof query).execute();
  return rows.map((r) => ({ actor: r.actor, proposition: r.proposition, claims: Number(r.claims), weightMillis: Number(r.weight_millis) }));
}
