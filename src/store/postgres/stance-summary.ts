// The stance summary tables of the PostgreSQL store, kept by PL/pgSQL triggers on
// `claims` with exactly the rules of the SQLite store (see ../sqlite/stance-summary.ts
// for what each row counts). PostgreSQL runs row triggers at the end of their
// statement, so the store inserts a document's claims one statement each: every
// "first claim of this document / cluster in the cell" test then sees the claims
// inserted before it, as SQLite's triggers do.

/** Which cells a statement covers, given the column prefix to use (`c.` or none). */
type CellWhere = (prefix: string) => string;

/** Statements that recompute every summary row of the cells matched by `where`. */
export function recomputeCells(where: CellWhere): string[] {
  // Claims whose document is already gone (a cascade deletes them) are left out.
  const live = (alias: string): string => `exists (select 1 from documents d where d.id = ${alias}.document_id)`;
  return [
    `delete from stance_days where ${where('')}`,
    `insert into stance_days (actor, proposition, day, support, oppose, support_docs, oppose_docs, documents, clusters, hedged)
      select c.actor, c.proposition, coalesce(c.published, '') as day,
        count(*) filter (where c.polarity = 'support'), count(*) filter (where c.polarity = 'oppose'),
        count(distinct case when c.polarity = 'support' then c.document_id end),
        count(distinct case when c.polarity = 'oppose' then c.document_id end),
        count(distinct c.document_id), 0, sum(c.hedged)
      from claims c where ${where('c.')} and ${live('c')}
      group by c.actor, c.proposition, coalesce(c.published, '')`,
    `update stance_days set clusters = f.n
      from (select g.actor, g.proposition, g.first_day, count(*) as n
            from (select c.actor, c.proposition, c.cluster_id, coalesce(min(c.published), '') as first_day
                  from claims c where ${where('c.')} and ${live('c')} group by c.actor, c.proposition, c.cluster_id) as g
            group by g.actor, g.proposition, g.first_day) as f
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

const SAME_DOCUMENT_CELL = 'c.document_id = new.document_id and c.actor = new.actor and c.proposition = new.proposition and c.id <> new.id';
const SAME_CLUSTER_CELL = 'c.cluster_id = new.cluster_id and c.actor = new.actor and c.proposition = new.proposition and c.id <> new.id';
const CLUSTER_FIRST_DAY = `coalesce((select min(c.published) from claims c where ${SAME_CLUSTER_CELL}), '9999')`;
const MOVES_CLUSTER = `new.published is not null and exists (select 1 from claims c where ${SAME_CLUSTER_CELL}) and new.published < ${CLUSTER_FIRST_DAY}`;

const TEXT = 'text collate "C" not null';

/**
 * A statement-level delete trigger's function: the statements `recompute` gives
 * for each cell the deleted claims (`old_claims`) touched.
 */
export function recomputeOnDeleteFunction(name: string, recompute: (where: CellWhere) => readonly string[]): string {
  return `create function ${name}() returns trigger language plpgsql as $$
  declare
    cell record;
  begin
    for cell in select distinct o.actor, o.proposition from old_claims o loop
      ${recompute((t) => `${t}actor = cell.actor and ${t}proposition = cell.proposition`).join(';\n      ')};
    end loop;
    return null;
  end $$`;
}

export const STANCE_SUMMARY_DDL: readonly string[] = [
  `create table stance_days (
    actor ${TEXT}, proposition ${TEXT}, day ${TEXT},
    support integer not null, oppose integer not null, support_docs integer not null, oppose_docs integer not null,
    documents integer not null, clusters integer not null, hedged integer not null,
    primary key (actor, proposition, day))`,
  `create table cell_cluster_days (actor ${TEXT}, proposition ${TEXT}, cluster_id integer not null, day ${TEXT},
    primary key (actor, proposition, cluster_id, day))`,
  `create table cell_outlets (actor ${TEXT}, proposition ${TEXT}, outlet ${TEXT}, primary key (actor, proposition, outlet))`,
  `create table cell_outlet_days (actor ${TEXT}, proposition ${TEXT}, outlet ${TEXT}, day ${TEXT},
    primary key (actor, proposition, outlet, day))`,
  `create function claims_summary_insert() returns trigger language plpgsql as $$
  declare
    outlet_name text;
  begin
    update stance_days set clusters = clusters - 1
      where actor = new.actor and proposition = new.proposition and ${MOVES_CLUSTER}
        and day = coalesce((select min(c.published) from claims c where ${SAME_CLUSTER_CELL}), '');
    insert into stance_days as s (actor, proposition, day, support, oppose, support_docs, oppose_docs, documents, clusters, hedged)
    values (new.actor, new.proposition, coalesce(new.published, ''),
      (new.polarity = 'support')::int, (new.polarity = 'oppose')::int,
      (new.polarity = 'support' and not exists (select 1 from claims c where ${SAME_DOCUMENT_CELL} and c.polarity = 'support'))::int,
      (new.polarity = 'oppose' and not exists (select 1 from claims c where ${SAME_DOCUMENT_CELL} and c.polarity = 'oppose'))::int,
      (not exists (select 1 from claims c where ${SAME_DOCUMENT_CELL}))::int,
      (not exists (select 1 from claims c where ${SAME_CLUSTER_CELL}) or (${MOVES_CLUSTER}))::int,
      new.hedged)
    on conflict (actor, proposition, day) do update set
      support = s.support + excluded.support, oppose = s.oppose + excluded.oppose,
      support_docs = s.support_docs + excluded.support_docs, oppose_docs = s.oppose_docs + excluded.oppose_docs,
      documents = s.documents + excluded.documents, clusters = s.clusters + excluded.clusters, hedged = s.hedged + excluded.hedged;
    insert into cell_cluster_days (actor, proposition, cluster_id, day)
      select distinct new.actor, new.proposition, new.cluster_id, c.published from claims c
      where new.published is not null and c.cluster_id = new.cluster_id and c.actor = new.actor and c.proposition = new.proposition
        and c.published is not null
        and exists (select 1 from claims c where ${SAME_CLUSTER_CELL} and c.published is not null and c.published <> new.published)
      on conflict do nothing;
    outlet_name := (select coalesce(d.outlet, d.origin) from documents d where d.id = new.document_id);
    insert into cell_outlets (actor, proposition, outlet) values (new.actor, new.proposition, outlet_name) on conflict do nothing;
    insert into cell_outlet_days (actor, proposition, outlet, day) values (new.actor, new.proposition, outlet_name, coalesce(new.published, ''))
      on conflict do nothing;
    return null;
  end $$`,
  `create trigger claims_summary_insert after insert on claims for each row execute function claims_summary_insert()`,
  // Deletes are rare (a document removed by hand); recomputing the cells they touched keeps the counts exact.
  recomputeOnDeleteFunction('claims_summary_delete', recomputeCells),
  `create trigger claims_summary_delete after delete on claims referencing old table as old_claims for each statement execute function claims_summary_delete()`,
];

/** Statements that recompute every summary row from the claims (after a bulk load with the triggers off). */
export const STANCE_SUMMARY_REBUILD: readonly string[] = recomputeCells(() => '1 = 1');
