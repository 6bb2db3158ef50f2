// How sure the extraction is of each matrix cell's claims: per actor ×
// proposition × day, the number of claims and the sum of their weights in
// thousandths (integers, so sums stay exact on both stores). A claim weighs its
// decider probability; a claim a person confirmed or fixed weighs 1; a claim
// the rules made alone (a pack without a model) weighs 0.5, the prior the
// matrix used before claims had a probability.
/** The summed weights of one cell's claims. */
export interface CellConfidence {
  readonly actor: string;
  readonly proposition: string;
  readonly claims: number;
  /** Sum of the claims' weights, in thousandths. */
  readonly weightMillis: number;
}

/** What a claim the rules made alone weighs. */
const RULES_ONLY_WEIGHT = 0.5;

/** A claim's weight in thousandths, for a claims row aliased `alias` (SQL shared by SQLite and PostgreSQL). */
export function claimWeightSql(alias: string): string {
  return `(case when ${alias}.review is not null then 1000 when ${alias}.confidence is null then ${RULES_ONLY_WEIGHT * 1000} else cast(round(${alias}.confidence * 1000) as integer) end)`;
}

/** The weight claimWeightSql gives a claim not (yet) stored, so never reviewed: `extract --min-confidence` filters by it. */
export function claimWeight(claim: { readonly confidence?: number }): number {
  return claim.confidence ?? RULES_ONLY_WEIGHT;
}

const cellOf = (row: string): string => `actor = ${row}.actor and proposition = ${row}.proposition and day = coalesce(${row}.published, '')`;

/** Trigger statements that count the claims row `row` (`new`) into its cell and day. */
export function addClaimSql(row: string): string {
  return `insert into cell_confidence_days (actor, proposition, day, claims, weight_millis)
    values (${row}.actor, ${row}.proposition, coalesce(${row}.published, ''), 1, ${claimWeightSql(row)})
    on conflict (actor, proposition, day) do update
      set claims = cell_confidence_days.claims + 1, weight_millis = cell_confidence_days.weight_millis + excluded.weight_millis`;
}

/** Trigger statements that take the claims row `row` (`old`) out of its cell and day, and drop the day once empty. */
export function removeClaimSql(row: string): string {
  return `update cell_confidence_days set claims = claims - 1, weight_millis = weight_millis - ${claimWeightSql(row)} where ${cellOf(row)};
    delete from cell_confidence_days where ${cellOf(row)} and claims <= 0`;
}

/** Recompute the whole summary from the claims (SQL shared by SQLite and PostgreSQL): when it is made, and after a bulk load. */
export const CELL_CONFIDENCE_REBUILD: readonly string[] = [
  'delete from cell_confidence_days',
  `insert into cell_confidence_days (actor, proposition, day, claims, weight_millis)
    select c.actor, c.proposition, coalesce(c.published, ''), count(*), sum(${claimWeightSql('c')}) from claims c group by 1, 2, 3`,
];
