// Summary tables that answer the stance matrix without aggregating every claim.
// Triggers on `claims` keep them: an insert adds its counts to one
// (actor, proposition, day) row; a delete recomputes the cells it touched from
// the claims, so the tables always equal what the claims say.
//
// What each row counts, per actor × proposition × day of publication ('' when undated):
//   support, oppose            claims of each polarity
//   support_docs, oppose_docs  documents with a claim of that polarity (a document has one day, so sums over days stay exact)
//   documents                  documents with any claim in the cell
//   clusters                   near-duplicate clusters whose earliest dated copy in the cell is of that day ('' when none is dated)
//   hedged                     hedged claims
// A cluster whose copies in a cell carry two or more dates also has all its dates in
// `cell_cluster_days`, so a date range that starts after its first copy still counts it
// once (see SqliteStore.matrix). `cell_outlets` / `cell_outlet_days` hold which outlets
// reported on a cell, and on which days.
import type { Kysely } from 'kysely';
import { runStatements } from '../sql-statements.js';

/** Which cells a statement covers, given the column prefix to use (`c.` or none). */
type CellWhere = (prefix: string) => string;

/** Statements that recompute every summary row of the cells matched by `where`. */
function recomputeCells(where: CellWhere): string[] {
  // Claims whose document is already gone (a cascade deletes them one by one) are left out.
  const live = (alias: string): string => `exists (select 1 from documents d where d.id = ${alias}.document_id)`;
  return [
    `delete from stance_days where ${where('')}`,
    `insert into stance_days (actor, proposition, day, support, oppose, support_docs, oppose_docs, documents, clusters, hedged)
      select c.actor, c.proposition, coalesce(c.published, '') as day,
        sum(c.polarity = 'support'), sum(c.polarity = 'oppose'),
        count(distinct case when c.polarity = 'support' then c.document_id end),
        count(distinct case when c.polarity = 'oppose' then c.document_id end),
        count(distinct c.document_id), 0, sum(c.hedged)
      from claims c where ${where('c.')} and ${live('c')}
      group by c.actor, c.proposition, day`,
    `update stance_days set clusters = f.n
      from (select actor, proposition, first_day, count(*) as n
            from (select c.actor, c.proposition, c.cluster_id, coalesce(min(c.published), '') as first_day
                  from claims c where ${where('c.')} and ${live('c')} group by c.actor, c.proposition, c.cluster_id)
            group by actor, proposition, first_day) as f
      where stance_days.actor = f.actor and stance_days.proposition = f.proposition and stance_days.day = f.first_day`,
    `delete from cell_cluster_days where ${where('')}`,
    `insert into cell_cluster_days (actor, proposition, cluster_id, day)
      select distinct c.actor, c.proposition, c.cluster_id, c.published
      from claims c
      join (select s.actor, s.proposition, s.cluster_id from claims s
            where ${where('s.')} and s.published is not null and ${live('s')}
            group by s.actor, s.proposition, s.cluster_id having count(distinct s.published) > 1) as spans
        on spans.actor = c.actor and spans.proposition = c.proposition and spans.cluster_id = c.cluster_id
      where ${where('c.')} and c.published is not null and ${live('c')}`,
    `delete from cell_outlet_days where ${where('')}`,
    `insert into cell_outlet_days (actor, proposition, outlet, day)
      select distinct c.actor, c.proposition, coalesce(d.outlet, d.origin), coalesce(c.published, '')
      from claims c join documents d on d.id = c.document_id where ${where('c.')}`,
    `delete from cell_outlets where ${where('')}`,
    `insert into cell_outlets (actor, proposition, outlet) select distinct actor, proposition, outlet from cell_outlet_days where ${where('')}`,
  ];
}

const OUTLET_OF = (claim: string): string => `(select coalesce(d.outlet, d.origin) from documents d where d.id = ${claim}.document_id)`;

// Lookups name their index: left to itself the planner may take the cell's own index, which
// scans every claim of the cell, and the cell grows with the store.
/** The other claims of the new claim's document in its cell. */
const DOCUMENT_CLAIMS = 'claims c indexed by claims_document';
const SAME_DOCUMENT_CELL = 'c.document_id = new.document_id and c.actor = new.actor and c.proposition = new.proposition and c.id <> new.id';
/** The other claims of the new claim's near-duplicate cluster in its cell. */
const CLUSTER_CLAIMS = 'claims c indexed by claims_cluster_cell';
const SAME_CLUSTER_CELL = 'c.cluster_id = new.cluster_id and c.actor = new.actor and c.proposition = new.proposition and c.id <> new.id';
/** The earliest date among them ('9999' when none is dated, so any date is earlier). */
const CLUSTER_FIRST_DAY = `coalesce((select min(c.published) from ${CLUSTER_CLAIMS} where ${SAME_CLUSTER_CELL}), '9999')`;
/** The new claim is dated earlier than every other copy of its cluster in the cell: the cluster moves to its day. */
const MOVES_CLUSTER = `new.published is not null and exists (select 1 from ${CLUSTER_CLAIMS} where ${SAME_CLUSTER_CELL}) and new.published < ${CLUSTER_FIRST_DAY}`;

export const STANCE_SUMMARY_DDL: readonly string[] = [
  `create table stance_days (
    actor text not null, proposition text not null, day text not null,
    support integer not null, oppose integer not null, support_docs integer not null, oppose_docs integer not null,
    documents integer not null, clusters integer not null, hedged integer not null,
    primary key (actor, proposition, day)) without rowid`,
  `create table cell_cluster_days (actor text not null, proposition text not null, cluster_id integer not null, day text not null,
    primary key (actor, proposition, cluster_id, day)) without rowid`,
  `create table cell_outlets (actor text not null, proposition text not null, outlet text not null,
    primary key (actor, proposition, outlet)) without rowid`,
  `create table cell_outlet_days (actor text not null, proposition text not null, outlet text not null, day text not null,
    primary key (actor, proposition, outlet, day)) without rowid`,
  // "First" tests look for another claim of the same cell from the same document or cluster; claims of one
  // document are inserted together, so the first one inserted is the one counted.
  `create trigger claims_summary_insert after insert on claims begin
    update stance_days set clusters = clusters - 1
      where actor = new.actor and proposition = new.proposition and ${MOVES_CLUSTER}
        and day = coalesce((select min(c.published) from ${CLUSTER_CLAIMS} where ${SAME_CLUSTER_CELL}), '');
    insert into stance_days (actor, proposition, day, support, oppose, support_docs, oppose_docs, documents, clusters, hedged)
    values (new.actor, new.proposition, coalesce(new.published, ''),
      new.polarity = 'support', new.polarity = 'oppose',
      new.polarity = 'support' and not exists (select 1 from ${DOCUMENT_CLAIMS} where ${SAME_DOCUMENT_CELL} and c.polarity = 'support'),
      new.polarity = 'oppose' and not exists (select 1 from ${DOCUMENT_CLAIMS} where ${SAME_DOCUMENT_CELL} and c.polarity = 'oppose'),
      not exists (select 1 from ${DOCUMENT_CLAIMS} where ${SAME_DOCUMENT_CELL}),
      not exists (select 1 from ${CLUSTER_CLAIMS} where ${SAME_CLUSTER_CELL}) or (${MOVES_CLUSTER}),
      new.hedged)
    on conflict (actor, proposition, day) do update set
      support = support + excluded.support, oppose = oppose + excluded.oppose,
      support_docs = support_docs + excluded.support_docs, oppose_docs = oppose_docs + excluded.oppose_docs,
      documents = documents + excluded.documents, clusters = clusters + excluded.clusters, hedged = hedged + excluded.hedged;
    insert or ignore into cell_cluster_days (actor, proposition, cluster_id, day)
      select distinct new.actor, new.proposition, new.cluster_id, c.published from ${CLUSTER_CLAIMS}
      where new.published is not null and c.cluster_id = new.cluster_id and c.actor = new.actor and c.proposition = new.proposition
        and c.published is not null
        and exists (select 1 from ${CLUSTER_CLAIMS} where ${SAME_CLUSTER_CELL} and c.published is not null and c.published <> new.published);
    insert or ignore into cell_outlets (actor, proposition, outlet) values (new.actor, new.proposition, ${OUTLET_OF('new')});
    insert or ignore into cell_outlet_days (actor, proposition, outlet, day) values (new.actor, new.proposition, ${OUTLET_OF('new')}, coalesce(new.published, ''));
  end`,
  // Deletes are rare (a document removed by hand); recomputing the cell keeps the counts exact.
  `create trigger claims_summary_delete after delete on claims begin
    ${recomputeCells((t) => `${t}actor = old.actor and ${t}proposition = old.proposition`).join(';\n    ')};
  end`,
];

/** Recompute every summary row from the claims (used when the tables are first made). */
export async function rebuildStanceSummary(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, recomputeCells(() => '1 = 1'));
}
