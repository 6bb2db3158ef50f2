// A stored document's analysis replaced by a new extraction of its text (`parley
// reextract`, after a pack or model update), shared by the SQLite and PostgreSQL
// stores inside their write transactions. The screen may change its mind: a document
// the new pack finds off its topic is marked skipped and leaves the near-duplicate
// index, one it now finds on topic is analysed and joins it. Only what changed is written: a claim the
// new extraction makes again, to the column, keeps its row and id, so a second run
// writes nothing. Analysts' reviews apply to the new claims as they do when a text is
// stored again, and a claim an analyst confirmed or fixed stays even when the new
// extraction no longer makes it: a person's reading outranks the model's.
import type { Kysely, Transaction } from 'kysely';
import type { Signature } from '../dedup/minhash.js';
import type { Claim } from '../pipeline/types.js';
import type { NearDuplicate } from './store.js';
import { reviewsOf } from './claim-review-queries.js';
import { applyReviews } from './reviews.js';
import type { Schema } from './sqlite/sqlite-store.js';
import { claimRow, deleteSignatureRows } from './store-queries.js';

/** A new analysis of a stored document's clean text: what the screen says and, when it keeps it, the claims. */
export interface Reanalysis {
  readonly claims: readonly Claim[];
  readonly skipReason?: string;
  readonly language?: string;
  /** The clean text's signature (none for a skipped document, or one too short to have one). */
  readonly minhash?: Signature;
}

/** What a replacement changed; nothing when the document's analysis was already this. */
export interface ClaimReplacement {
  readonly removed: number;
  readonly added: number;
  /** Set when the screen changed its mind: `skipped` now, or `analysed` again after a skip. */
  readonly screen?: 'skipped' | 'analysed';
}

/** The store's near-duplicate index, reached inside the write transaction. */
export interface SignatureIndex {
  nearest(sig: Signature): Promise<NearDuplicate | undefined>;
  add(documentId: number, sig: Signature): Promise<void>;
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
 * Make document `documentId`'s analysis `analysis`: its skip reason, language and place
 * among near-duplicates when the screen changed its mind, then its claims. Undefined when
 * no document has that id. Call inside the store's write transaction.
 */
export async function replaceAnalysisRows(trx: Kysely<Schema> | Transaction<Schema>, documentId: number, analysis: Reanalysis, index: SignatureIndex): Promise<ClaimReplacement | undefined> {
  const doc = await trx.selectFrom('documents').select(['id', 'content_hash', 'published', 'cluster_id', 'skip_reason', 'language']).where('id', '=', documentId).executeTakeFirst();
  if (!doc) return undefined;
  const skipReason = analysis.skipReason ?? null;
  const language = analysis.language ?? null;
  let screen: ClaimReplacement['screen'];
  // The new place among near-duplicates, when the screen changed its mind.
  let cluster: { cluster_id: number | null; cluster_similarity: number | null } | undefined;
  if (doc.skip_reason !== skipReason || doc.language !== language) {
    const wasSkipped = doc.skip_reason !== null;
    if (!wasSkipped && skipReason !== null) {
      // A skipped document is no one's near-duplicate; documents clustered with it keep their cluster id.
      await deleteSignatureRows(trx, documentId);
      cluster = { cluster_id: null, cluster_similarity: null };
      screen = 'skipped';
    } else if (wasSkipped && skipReason === null) {
      // Its cluster is decided before its claims are written: the summary triggers read it from the claims.
      const match = analysis.minhash ? await index.nearest(analysis.minhash) : undefined;
      if (analysis.minhash) await index.add(documentId, analysis.minhash);
      cluster = { cluster_id: match?.clusterId ?? null, cluster_similarity: match?.similarity ?? null };
      screen = 'analysed';
    }
    await trx
      .updateTable('documents')
      .set({ skip_reason: skipReason, language, ...cluster })
      .where('id', '=', documentId)
      .execute();
  }
  const clusterId = cluster ? cluster.cluster_id : doc.cluster_id;
  const document = { id: doc.id, contentHash: doc.content_hash, published: doc.published ?? undefined, cluster: clusterId ?? doc.id };
  const replaced = await replaceClaimRows(trx, document, skipReason === null ? analysis.claims : undefined);
  return screen ? { ...replaced, screen } : replaced;
}

/** Make the document's claims `claims` (reviews applied; none at all for a skipped document), writing only the rows that differ. */
async function replaceClaimRows(
  trx: Kysely<Schema> | Transaction<Schema>,
  document: { id: number; contentHash: string; published: string | undefined; cluster: number },
  claims: readonly Claim[] | undefined,
): Promise<ClaimReplacement> {
  const wanted = claims ? applyReviews(claims, await reviewsOf(trx, document.contentHash)).map((r) => claimRow(document, r)) : [];
  const stored = await trx.selectFrom('claims').selectAll().where('document_id', '=', document.id).orderBy('id').execute();
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
