// The dialect-free side of claim reviews (see reviews.ts), shared by the SQLite and
// PostgreSQL stores: the audit table's row type and the kysely queries that record a
// review and apply it to the claims row, so the summary triggers keep every view exact —
// a rejection deletes the row (the delete trigger recomputes its cell), a fix deletes
// it and inserts the corrected claim (the insert trigger counts it in its new cell), an
// added claim is inserted as the model's are.
// Each store creates the table in its own migration.
import type { Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { Modality, Polarity } from '../pipeline/types.js';
import { addedClaim, ReviewError, reviewerProblem, reviewProblem, type AddedClaimInput, type ClaimReview, type ReviewInput, type ReviewResult, type ReviewStatus } from './reviews.js';
import { claimRow } from './store-queries.js';
import type { Schema } from './sqlite/sqlite-store.js';

export interface ClaimReviewsTable {
  id: Generated<number>;
  at: Generated<string>;
  by: string;
  action: 'confirm' | 'reject' | 'fix' | 'add';
  note: string | null;
  content_hash: string;
  start: number;
  end: number;
  actor: string;
  proposition: string;
  polarity: Polarity;
  new_actor: string | null;
  new_proposition: string | null;
  new_polarity: Polarity | null;
  claim_id: number;
  origin: string;
  evidence: string;
  /** For `add` only (migration 0012-analyst-added-claims): the rest of the claim; null otherwise. */
  sentence_index: number | null;
  modality: Modality | null;
  hedged: number | null;
  reported: number | null;
}

export function toClaimReview(r: Selectable<ClaimReviewsTable>): ClaimReview {
  return {
    id: r.id,
    at: r.at,
    by: r.by,
    action: r.action,
    ...(r.note ? { note: r.note } : {}),
    contentHash: r.content_hash,
    start: r.start,
    end: r.end,
    actor: r.actor,
    proposition: r.proposition,
    polarity: r.polarity,
    ...(r.new_actor ? { newActor: r.new_actor } : {}),
    ...(r.new_proposition ? { newProposition: r.new_proposition } : {}),
    ...(r.new_polarity ? { newPolarity: r.new_polarity } : {}),
    claimId: r.claim_id,
    origin: r.origin,
    evidence: r.evidence,
    ...(r.action === 'add' && r.sentence_index !== null && r.modality !== null
      ? { added: { sentenceIndex: r.sentence_index, modality: r.modality, hedged: r.hedged === 1, reported: r.reported === 1 } }
      : {}),
  };
}

/** The reviews of the document with this content hash, oldest first. */
export async function reviewsOf(db: Kysely<Schema> | Transaction<Schema>, contentHash: string): Promise<ClaimReview[]> {
  const rows = await db.selectFrom('claim_reviews').selectAll().where('content_hash', '=', contentHash).orderBy('id').execute();
  return rows.map(toClaimReview);
}

/** Record a review of claim `claimId` and apply it to the claims row, in one transaction. */
export async function reviewClaim(db: Kysely<Schema>, claimId: number, input: ReviewInput): Promise<ReviewResult> {
  return db.transaction().execute(async (trx) => {
    const claim = await trx
      .selectFrom('claims as c')
      .innerJoin('documents as d', 'd.id', 'c.document_id')
      .selectAll('c')
      .select(['d.content_hash', 'd.origin'])
      .where('c.id', '=', claimId)
      .executeTakeFirst();
    if (!claim) throw new ReviewError(`no claim with id ${claimId}`, true);
    const problem = reviewProblem(input, claim);
    if (problem) throw new ReviewError(problem);
    const fix = input.action === 'fix';
    const inserted = await trx
      .insertInto('claim_reviews')
      .values({
        by: input.by.trim(),
        action: input.action,
        note: input.note?.trim() || null,
        content_hash: claim.content_hash,
        start: claim.start,
        end: claim.end,
        actor: claim.actor,
        proposition: claim.proposition,
        polarity: claim.polarity,
        new_actor: fix && input.actor && input.actor !== claim.actor ? input.actor : null,
        new_proposition: fix && input.proposition && input.proposition !== claim.proposition ? input.proposition : null,
        new_polarity: fix && input.polarity && input.polarity !== claim.polarity ? input.polarity : null,
        claim_id: claimId,
        origin: claim.origin,
        evidence: claim.evidence,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const review = toClaimReview(inserted);
    if (input.action === 'confirm') {
      // A fixed claim stays 'fixed' when confirmed: the status says it was changed.
      await trx.updateTable('claims').set({ review: claim.review ?? 'confirmed' }).where('id', '=', claimId).execute();
      return { review, claimId };
    }
    await trx.deleteFrom('claims').where('id', '=', claimId).execute();
    if (input.action === 'reject') return { review };
    // The corrected claim keeps every other column of the row (offsets, modality, date, cluster).
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { id: _id, content_hash: _h, origin: _o, ...row } = claim;
    const fixed = await trx
      .insertInto('claims')
      .values({
        ...row,
        actor: review.newActor ?? claim.actor,
        proposition: review.newProposition ?? claim.proposition,
        polarity: review.newPolarity ?? claim.polarity,
        review: 'fixed' satisfies ReviewStatus,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { review, claimId: fixed.id };
  });
}

/**
 * Record an analyst's claim in document `documentId` and store it, in one transaction. Refused
 * when the document is unknown or skipped, the evidence is not the text at its offsets, or the
 * document already has this claim.
 */
export async function addClaim(db: Kysely<Schema>, documentId: number, input: AddedClaimInput): Promise<ReviewResult> {
  return db.transaction().execute(async (trx) => {
    const doc = await trx.selectFrom('documents').select(['id', 'content_hash', 'origin', 'published', 'cluster_id', 'skip_reason', 'clean_text']).where('id', '=', documentId).executeTakeFirst();
    if (!doc) throw new ReviewError(`no document with id ${documentId}`, true);
    const nobody = reviewerProblem(input.by);
    if (nobody) throw new ReviewError(nobody);
    if (doc.skip_reason !== null) throw new ReviewError(`document ${documentId} was skipped (${doc.skip_reason}): it holds no claims`);
    if (doc.clean_text.slice(input.start, input.end) !== input.evidence) throw new ReviewError(`evidence: not the text of document ${documentId} at ${input.start}–${input.end}`);
    const same = await trx
      .selectFrom('claims')
      .select('id')
      .where('document_id', '=', documentId)
      .where('start', '=', input.start)
      .where('end', '=', input.end)
      .where('actor', '=', input.actor)
      .where('proposition', '=', input.proposition)
      .where('polarity', '=', input.polarity)
      .executeTakeFirst();
    if (same) throw new ReviewError(`document ${documentId} already has this claim (claim ${same.id}): confirm it instead`);
    const inserted = await trx
      .insertInto('claim_reviews')
      .values({
        by: input.by.trim(),
        action: 'add',
        note: input.note?.trim() || null,
        content_hash: doc.content_hash,
        start: input.start,
        end: input.end,
        actor: input.actor,
        proposition: input.proposition,
        polarity: input.polarity,
        new_actor: null,
        new_proposition: null,
        new_polarity: null,
        // Set below, once the claim has its id.
        claim_id: 0,
        origin: doc.origin,
        evidence: input.evidence,
        sentence_index: input.sentenceIndex,
        modality: input.modality,
        hedged: input.hedged ? 1 : 0,
        reported: input.reported ? 1 : 0,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const review = toClaimReview(inserted);
    const document = { id: doc.id, published: doc.published ?? undefined, cluster: doc.cluster_id ?? doc.id };
    const claim = await trx
      .insertInto('claims')
      .values(claimRow(document, { claim: addedClaim(input, input), status: 'added' }))
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('claim_reviews').set({ claim_id: claim.id }).where('id', '=', review.id).execute();
    return { review: { ...review, claimId: claim.id }, claimId: claim.id };
  });
}

/** The whole audit trail, newest first. */
export async function listReviews(db: Kysely<Schema>): Promise<ClaimReview[]> {
  return (await db.selectFrom('claim_reviews').selectAll().orderBy('id', 'desc').execute()).map(toClaimReview);
}
