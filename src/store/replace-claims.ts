// A stored document's claims replaced by a new extraction of its text (`parley
// reextract`, after a pack or model update), shared by the SQLite and PostgreSQL
// stores inside their write transactions. Only what changed is written: a claim the
// new extraction makes again, to the column, keeps its row and id, so a second run
// writes nothing. Analysts' reviews apply to the new claims as they do when a text is
// stored again, and a claim an analyst confirmed or fixed stays even when the new
// extraction no longer makes it: a person's reading outranks the model's.
import type { Kysely, Transaction } from 'kysely';
import type { Claim } from '../pipeline/types.js';
import { reviewsOf } from './claim-review-queries.js';
import { applyReviews } from './reviews.js';
import type { Schema } from './sqlite/sqlite-store.js';
import { claimRow } from './store-queries.js';

/** What a replacement changed; both 0 when the document's claims were already these. */
export interface ClaimReplacement {
  readonly removed: number;
  readonly added: number;
}

type ClaimRow = ReturnType<typeof claimRow>;

/** The columns that make two rows the same claim, the id left out; the confidence to the three decimals claims carry. */
function sameness(row: Readonly<Record<string, unknown>>): string {
  const { confidence, ...rest } = row;
  const ordered = Object.keys(rest)
    .sort()
    .map((k) => [k, rest[k]]);
  return JSON.stringify([ordered, confidence === null || confidence === undefined ? null : Math.round(Number(confidence) * 1000)]);
}

/** Where an analyst's claim stands, after its fixes: a new claim here is the one they reviewed. */
const reviewedAt = (c: { start: number; end: number; actor: string; proposition: string; polarity: string }): string => `${c.start}|${c.end}|${c.actor}|${c.proposition}|${c.polarity}`;

/**
 * Make document `documentId`'s claims `claims` (reviews applied), writing only the rows
 * that differ; undefined when no document has that id. Call inside the store's write transaction.
 */
export async function replaceClaimRows(trx: Kysely<Schema> | Transaction<Schema>, documentId: number, claims: readonly Claim[]): Promise<ClaimReplacement | undefined> {
  const doc = await trx.selectFrom('documents').select(['id', 'content_hash', 'published', 'cluster_id']).where('id', '=', documentId).executeTakeFirst();
  if (!doc) return undefined;
  const document = { id: doc.id, published: doc.published ?? undefined, cluster: doc.cluster_id ?? doc.id };
  const wanted = applyReviews(claims, claims.length > 0 ? await reviewsOf(trx, doc.content_hash) : []).map((r) => claimRow(document, r));
  const stored = await trx.selectFrom('claims').selectAll().where('document_id', '=', documentId).orderBy('id').execute();
  // Rows that stay as they are: each wanted row matched to one stored row with the same columns.
  const storedBySameness = new Map<string, number[]>();
  for (const row of stored) {
    const { id, ...columns } = row;
    const key = sameness(columns);
    const ids = storedBySameness.get(key);
    if (ids) ids.push(id);
    else storedBySameness.set(key, [id]);
  }
  const toAdd: ClaimRow[] = [];
  const kept = new Set<number>();
  for (const row of wanted) {
    const id = storedBySameness.get(sameness(row))?.shift();
    if (id === undefined) toAdd.push(row);
    else kept.add(id);
  }
  const wantedAt = new Set(wanted.map(reviewedAt));
  // A reviewed claim the new extraction no longer makes stays; one it makes again is replaced by the new row, its review applied.
  const staysReviewed = (row: (typeof stored)[number]): boolean => row.review !== null && !wantedAt.has(reviewedAt(row));
  const toRemove = stored.filter((row) => !kept.has(row.id) && !staysReviewed(row));
  if (toRemove.length > 0) await trx.deleteFrom('claims').where('id', 'in', toRemove.map((r) => r.id)).execute();
  // One statement per claim: each summary trigger must see the claims before it (see the stores' stance-summary.ts).
  for (const row of toAdd) await trx.insertInto('claims').values(row).execute();
  return { removed: toRemove.length, added: toAdd.length };
}
