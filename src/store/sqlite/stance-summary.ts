// Summary tables that answer the stance matrix without aggregating every claim.
// Triggers on `claims` keep them: an insert adds its counts to one
// (actor, proposition, day) row; a delete recomputes the cells it touched from
// the claims, so the tables always equal what the claims say.
//
// What each row counts, per actor × proposition × day of publication ('' when undated):
//   support, oppose            claims of each polarity
//   support_docs, oppose_docs  documents with a claim of that polarity (a document has one day, so sums over days stay exact)
//   documents                  documents with any claim in the cell
//   clusters                   near-duplicate clusters, each counted on the day of its first stored copy in the cell
//   hedged                     hedged claims
// and `cell_outlets` / `cell_outlet_days` hold which outlets reported on a cell, and on which days.
import { sql, type Kysely } from 'kysely';

/** Which cells a statement covers, given the column prefix to use (`c.` or none). */
type CellWhere = (prefix: string) => string;

/** The claims grouped by day, as rows of `stance_days`; `where` narrows them (e.g. to one cell). */
function stanceDaysSelect(where: CellWhere): string {
  return `select c.actor, c.proposition, coalesce(c.published, '') as day,
      sum(c.polarity = 'support'), sum(c.polarity = 'oppose'),
      count(distinct case when c.polarity = 'support' then c.document_id end),
      count(distinct case when c.polarity = 'oppose' then c.document_id end),
      count(distinct c.document_id),
      count(distinct case when f.id is not null then c.cluster_id end),
      sum(c.hedged)
    from claims c
    join documents d on d.id = c.document_id
    left join (select min(id) as id from claims where ${where('')} group by actor, proposition, cluster_id) f on f.id = c.id
    where ${where('c.')}
    group by c.actor, c.proposition, day`;
}

const OUTLET_OF = (claim: string): string => `(select coalesce(d.outlet, d.origin) from documents d where d.id = ${claim}.document_id)`;

/** Statements that recompute every summary row of the cells matched by `where`. */
function recomputeCells(where: CellWhere): string[] {
  return [
    `delete from stance_days where ${where('')}`,
    `insert into stance_days (actor, proposition, day, support, oppose, support_docs, oppose_docs, documents, clusters, hedged) ${stanceDaysSelect(where)}`,
    `delete from cell_outlet_days where ${where('')}`,
    `insert into cell_outlet_days (actor, proposition, outlet, day)
      select distinct c.actor, c.proposition, coalesce(d.outlet, d.origin), coalesce(c.published, '')
      from claims c join documents d on d.id = c.document_id where ${where('c.')}`,
    `delete from cell_outlets where ${where('')}`,
    `insert into cell_outlets (actor, proposition, outlet) select distinct actor, proposition, outlet from cell_outlet_days where ${where('')}`,
  ];
}

// The unary + keeps the planner on the document and cluster indexes: the cell's own index would scan
// every claim of the cell, which grows with the store.
const SAME_CELL = '+c.actor = new.actor and +c.proposition = new.proposition and c.id <> new.id';

export const STANCE_SUMMARY_DDL: readonly string[] = [
  `create table stance_days (
    actor text not null, proposition text not null, day text not null,
    support integer not null, oppose integer not null, support_docs integer not null, oppose_docs integer not null,
    documents integer not null, clusters integer not null, hedged integer not null,
    primary key (actor, proposition, day)) without rowid`,
  `create table cell_outlets (actor text not null, proposition text not null, outlet text not null,
    primary key (actor, proposition, outlet)) without rowid`,
  `create table cell_outlet_days (actor text not null, proposition text not null, outlet text not null, day text not null,
    primary key (actor, proposition, outlet, day)) without rowid`,
  // "First" tests look for another claim of the same cell from the same document or cluster; claims of one
  // document are inserted together, so the first one inserted is the one counted.
  `create trigger claims_summary_insert after insert on claims begin
    insert into stance_days (actor, proposition, day, support, oppose, support_docs, oppose_docs, documents, clusters, hedged)
    values (new.actor, new.proposition, coalesce(new.published, ''),
      new.polarity = 'support', new.polarity = 'oppose',
      new.polarity = 'support' and not exists (select 1 from claims c where c.document_id = new.document_id and ${SAME_CELL} and c.polarity = 'support'),
      new.polarity = 'oppose' and not exists (select 1 from claims c where c.document_id = new.document_id and ${SAME_CELL} and c.polarity = 'oppose'),
      not exists (select 1 from claims c where c.document_id = new.document_id and ${SAME_CELL}),
      not exists (select 1 from claims c where c.cluster_id = new.cluster_id and c.actor = new.actor and c.proposition = new.proposition and c.id <> new.id),
      new.hedged)
    on conflict (actor, proposition, day) do update set
      support = support + excluded.support, oppose = oppose + excluded.oppose,
      support_docs = support_docs + excluded.support_docs, oppose_docs = oppose_docs + excluded.oppose_docs,
      documents = documents + excluded.documents, clusters = clusters + excluded.clusters, hedged = hedged + excluded.hedged;
    insert or ignore into cell_outlets (actor, proposition, outlet) values (new.actor, new.proposition, ${OUTLET_OF('new')});
    insert or ignore into cell_outlet_days (actor, proposition, outlet, day) values (new.actor, new.proposition, ${OUTLET_OF('new')}, coalesce(new.published, ''));
  end`,
  // Deletes are rare (a document removed by hand); recomputing the cell keeps the counts exact. A
  // document's claims are deleted one by one after the document row, so claims whose document is
  // already gone are left out (the join with documents).
  `create trigger claims_summary_delete after delete on claims begin
    ${recomputeCells((t) => `${t}actor = old.actor and ${t}proposition = old.proposition`).join(';\n    ')};
  end`,
];

/** Recompute every summary row from the claims (used when the tables are first made). */
export async function rebuildStanceSummary(db: Kysely<unknown>): Promise<void> {
  for (const statement of recomputeCells(() => '1 = 1')) await sql.raw(statement).execute(db);
}
