// The first and last dated day each outlet reported on each cell (cell_outlet_spans),
// beside cell_outlet_days, so a matrix with a date range counts a cell's outlets from one
// row per outlet: an outlet whose last day is on or after `since` (or whose first is on
// or before `until`) reported in the range, and only an outlet whose days straddle both
// ends needs its days looked up. Triggers on cell_outlet_days keep it, in the same
// transaction; undated reports (day '') are never in a range and leave both days null.
// One copy of the statements serves both stores.

const KEY = ['actor', 'proposition', 'outlet'] as const;
const keyOf = (row: string, alias = ''): string => KEY.map((k) => `${alias}${k} = ${row}.${k}`).join(' and ');

/** The columns of cell_outlet_spans, given the store's text type. */
export function outletSpansColumns(text: string): string {
  return `actor ${text} not null, proposition ${text} not null, outlet ${text} not null, first_day ${text}, last_day ${text}, primary key (actor, proposition, outlet)`;
}

/** Widen the span of the cell_outlet_days row `row` (`new`) to its day; a null on either side keeps the other. */
export function addOutletDaySql(row: string): string {
  return `insert into cell_outlet_spans (actor, proposition, outlet, first_day, last_day)
    values (${row}.actor, ${row}.proposition, ${row}.outlet, nullif(${row}.day, ''), nullif(${row}.day, ''))
    on conflict (actor, proposition, outlet) do update set
      first_day = case when excluded.first_day is null or cell_outlet_spans.first_day <= excluded.first_day then cell_outlet_spans.first_day else excluded.first_day end,
      last_day = case when excluded.last_day is null or cell_outlet_spans.last_day >= excluded.last_day then cell_outlet_spans.last_day else excluded.last_day end`;
}

/** Recompute the span of the outlet and cell of the deleted row `row` (`old`) from the days left, dropping it when none is. */
export function removeOutletDaySql(row: string): string {
  return [
    `delete from cell_outlet_spans where ${keyOf(row)}`,
    `insert into cell_outlet_spans (actor, proposition, outlet, first_day, last_day)
      select x.actor, x.proposition, x.outlet, min(nullif(x.day, '')), max(nullif(x.day, '')) from cell_outlet_days x
      where ${keyOf(row, 'x.')} group by x.actor, x.proposition, x.outlet`,
  ].join(';\n    ');
}

/** Recompute every span from cell_outlet_days: when the table is made, and after a bulk load with its triggers off. */
export const OUTLET_SPANS_REBUILD: readonly string[] = [
  'delete from cell_outlet_spans',
  `insert into cell_outlet_spans (actor, proposition, outlet, first_day, last_day)
    select actor, proposition, outlet, min(nullif(day, '')), max(nullif(day, '')) from cell_outlet_days group by actor, proposition, outlet`,
];
