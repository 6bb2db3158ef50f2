// Per-cell totals of the two per-day summaries (stance_days, cell_confidence_days), so a
// matrix without a date range reads one row per actor × proposition instead of one per
// cell and day (about 700 times fewer on two years of news). Triggers on the day tables
// keep them in the same transaction as the day row they follow: an inserted day adds
// its counts, an updated day adds the difference, a deleted day takes its counts out and
// a cell left with no day goes. One copy of the statements serves both stores.

/** A per-day summary table and the per-cell table that totals it. */
interface DayTotals {
  readonly days: string;
  readonly cells: string;
  /** The columns summed over the days. */
  readonly sums: readonly string[];
  /** Whether the cell keeps its latest dated day (the matrix's `latest`). */
  readonly latest: boolean;
}

const STANCE: DayTotals = {
  days: 'stance_days',
  cells: 'stance_cells',
  sums: ['support', 'oppose', 'support_docs', 'oppose_docs', 'documents', 'clusters', 'hedged'],
  latest: true,
};
const CONFIDENCE: DayTotals = { days: 'cell_confidence_days', cells: 'cell_confidence_cells', sums: ['claims', 'weight_millis'], latest: false };

export const CELL_TOTALS: readonly DayTotals[] = [STANCE, CONFIDENCE];

const cellOf = (row: string): string => `actor = ${row}.actor and proposition = ${row}.proposition`;

/** Count the day row `row` (`new`) into its cell; undated claims sit under day '', which is never the latest. */
export function addDaySql(t: DayTotals, row: string): string {
  const columns = ['actor', 'proposition', ...t.sums, ...(t.latest ? ['latest'] : [])];
  const values = [`${row}.actor`, `${row}.proposition`, ...t.sums.map((s) => `${row}.${s}`), ...(t.latest ? [`nullif(${row}.day, '')`] : [])];
  const sums = t.sums.map((s) => `${s} = ${t.cells}.${s} + excluded.${s}`);
  // A null on either side keeps the other (SQLite's two-argument max would give null).
  const latest = t.latest ? [`latest = case when excluded.latest is null or ${t.cells}.latest >= excluded.latest then ${t.cells}.latest else excluded.latest end`] : [];
  return `insert into ${t.cells} (${columns.join(', ')}) values (${values.join(', ')})
    on conflict (actor, proposition) do update set ${[...sums, ...latest].join(', ')}`;
}

/** Take the day row `row` (`old`) out of its cell: its counts, its day if it was the latest, and the cell once it has no day. */
export function removeDaySql(t: DayTotals, row: string): string {
  const statements = [`update ${t.cells} set ${t.sums.map((s) => `${s} = ${s} - ${row}.${s}`).join(', ')} where ${cellOf(row)}`];
  if (t.latest) {
    statements.push(`update ${t.cells} set latest = (select nullif(max(d.day), '') from ${t.days} d where d.actor = ${row}.actor and d.proposition = ${row}.proposition)
      where ${cellOf(row)} and latest = ${row}.day`);
  }
  statements.push(`delete from ${t.cells} where ${cellOf(row)} and not exists (select 1 from ${t.days} d where d.actor = ${row}.actor and d.proposition = ${row}.proposition)`);
  return statements.join(';\n    ');
}

/** Add the change of a day row whose cell and day stay (every update Parley makes): one statement per changed row. */
export function changeDaySql(t: DayTotals): string {
  return `update ${t.cells} set ${t.sums.map((s) => `${s} = ${s} + (new.${s} - old.${s})`).join(', ')} where ${cellOf('new')}`;
}

/** Whether an update keeps the row's cell and day (the key of every day table). */
export const SAME_DAY_ROW = 'old.actor = new.actor and old.proposition = new.proposition and old.day = new.day';

/** Recompute a per-cell table from its day table: when it is made, and after a bulk load with its triggers off. */
export function rebuildTotalsSql(t: DayTotals): string[] {
  const latest = t.latest ? [`nullif(max(day), '')`] : [];
  return [
    `delete from ${t.cells}`,
    `insert into ${t.cells} (actor, proposition, ${[...t.sums, ...(t.latest ? ['latest'] : [])].join(', ')})
      select actor, proposition, ${[...t.sums.map((s) => `sum(${s})`), ...latest].join(', ')} from ${t.days} group by actor, proposition`,
  ];
}

/** Every per-cell table recomputed from its day table. */
export const CELL_TOTALS_REBUILD: readonly string[] = CELL_TOTALS.flatMap(rebuildTotalsSql);

/** The columns of a per-cell table, given the store's text type and a 64-bit integer type (sums of weights in thousandths outgrow 32 bits). */
export function cellTotalsColumns(t: DayTotals, text: string, integer: string): string {
  const sums = t.sums.map((s) => `${s} ${integer} not null`);
  return [`actor ${text} not null`, `proposition ${text} not null`, ...sums, ...(t.latest ? [`latest ${text}`] : []), 'primary key (actor, proposition)'].join(', ');
}
