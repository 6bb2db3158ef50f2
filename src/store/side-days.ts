// A timeline's stance days without reading the cell's claims: per actor × proposition ×
// dated day, the near-duplicate clusters on each side, in cell_side_days. Triggers on
// claims keep it in the same transaction: an insert counts its cluster when it is the
// cluster's first claim on that side and day; a delete recomputes the cells it touched.
// Undated claims have no day on a timeline and are left out. One copy of the statements
// serves both stores. (The day's citations stay a read of the claims' covering index:
// keeping each side's first claim id here made SQLite's lookup of them slower, not faster.)

/** The columns of cell_side_days, given the store's text type. */
export function sideDaysColumns(text: string): string {
  return `actor ${text} not null, proposition ${text} not null, day ${text} not null,
    support integer not null, oppose integer not null, primary key (actor, proposition, day)`;
}

/**
 * Count the dated claims row `new` into its day: `claims` is how the store names the claims table for
 * the lookup of another claim of its cluster, cell, day and side (SQLite names the index to use).
 */
export function addSideClaimSql(claims: string): string {
  const firstOfSide = (side: string): string =>
    `case when new.polarity = '${side}' and not exists (select 1 from ${claims} where c.cluster_id = new.cluster_id and c.actor = new.actor
      and c.proposition = new.proposition and c.published = new.published and c.polarity = new.polarity and c.id <> new.id) then 1 else 0 end`;
  return `insert into cell_side_days (actor, proposition, day, support, oppose)
    values (new.actor, new.proposition, new.published, ${firstOfSide('support')}, ${firstOfSide('oppose')})
    on conflict (actor, proposition, day) do update set support = cell_side_days.support + excluded.support, oppose = cell_side_days.oppose + excluded.oppose`;
}

/** Statements that recompute the days of the cells matched by `where` (given the column prefix) from their claims. */
export function recomputeSideDays(where: (prefix: string) => string): string[] {
  return [
    `delete from cell_side_days where ${where('')}`,
    // Claims whose document is already gone (a cascade deletes them) are left out.
    `insert into cell_side_days (actor, proposition, day, support, oppose)
      select c.actor, c.proposition, c.published,
        count(distinct case when c.polarity = 'support' then c.cluster_id end), count(distinct case when c.polarity = 'oppose' then c.cluster_id end)
      from claims c where ${where('c.')} and c.published is not null and exists (select 1 from documents d where d.id = c.document_id)
      group by c.actor, c.proposition, c.published`,
  ];
}

/** Every day recomputed from the claims: when the table is made, and after a bulk load with its trigger off. */
export const SIDE_DAYS_REBUILD: readonly string[] = recomputeSideDays(() => '1 = 1');
