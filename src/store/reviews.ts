// Review and correction of stored claims by an analyst: confirm, reject, or fix
// the actor, proposition or polarity, with a note, or add a claim the model missed
// in a sentence of a stored document. Each review is kept in an audit
// trail keyed by the document's content hash and the claim's offsets and cell, so
// it applies again when the same text is stored again (re-ingest into a new store,
// or after the document was deleted), and can be exported as gold for training.
import type { Claim, Modality, Polarity } from '../pipeline/types.js';

export type ReviewAction = 'confirm' | 'reject' | 'fix' | 'add';

/** What the analyst says about one claim. */
export interface ReviewInput {
  /** An added claim goes through Store.addClaim. */
  readonly action: Exclude<ReviewAction, 'add'>;
  /** For `fix`: the corrected fields (at least one). */
  readonly actor?: string;
  readonly proposition?: string;
  readonly polarity?: Polarity;
  readonly note?: string;
  /** Who reviewed: a name or handle. */
  readonly by: string;
}

/** The claim a review is about, as it was when reviewed. */
export interface ReviewKey {
  readonly contentHash: string;
  readonly start: number;
  readonly end: number;
  readonly actor: string;
  readonly proposition: string;
  readonly polarity: Polarity;
}

/** One row of the audit trail. */
export interface ClaimReview extends ReviewKey {
  readonly id: number;
  /** ISO time of the review. */
  readonly at: string;
  readonly by: string;
  readonly action: ReviewAction;
  readonly note?: string;
  readonly newActor?: string;
  readonly newProposition?: string;
  readonly newPolarity?: Polarity;
  /** The claim's id when it was reviewed (a fix or a re-ingest gives the claim a new id). */
  readonly claimId: number;
  readonly origin: string;
  readonly evidence: string;
  /** For `add`: the rest of the claim added. */
  readonly added?: AddedClaimFields;
}

/**
 * A claim the model missed, as the analyst reads it: the cell, and the sentence of the document
 * that shows it — its text, offsets and index as segmentation gives them (see jobs/add-claim.ts).
 */
export interface AddedClaimInput extends Pick<Claim, 'actor' | 'proposition' | 'polarity' | 'evidence' | 'start' | 'end' | 'sentenceIndex' | 'modality' | 'hedged' | 'reported'> {
  readonly note?: string;
  readonly by: string;
}

/** What an `add` review keeps beside the cell and offsets, so the claim can be made again when its text is stored again. */
export interface AddedClaimFields {
  readonly sentenceIndex: number;
  readonly modality: Modality;
  readonly hedged: boolean;
  readonly reported: boolean;
}

/** The rule id of a claim an analyst added. */
export const ADDED_CLAIM_RULE = 'analyst/added';

export interface ReviewResult {
  readonly review: ClaimReview;
  /** The claim after the review: its new id for a fix, absent for a rejection. */
  readonly claimId?: number;
}

/** How a claim stands after review; absent when nobody reviewed it. `added`: an analyst added it (the model missed it). */
export type ReviewStatus = 'confirmed' | 'fixed' | 'added';

/** A claim with the status its reviews give it. */
export interface ReviewedClaim {
  readonly claim: Claim;
  readonly status?: ReviewStatus;
}

/** A review refused: the message names the problem (unknown claim, nothing to fix). */
export class ReviewError extends Error {
  constructor(
    message: string,
    readonly notFound = false,
  ) {
    super(message);
  }
}

/** Why a review by `by` is refused, or undefined: every review names who made it. */
export function reviewerProblem(by: string): string | undefined {
  return by.trim() ? undefined : 'by: say who reviews (a name or handle)';
}

/** Why a review is refused, or undefined: a fix must change something. */
export function reviewProblem(input: ReviewInput, current: { actor: string; proposition: string; polarity: Polarity }): string | undefined {
  const nobody = reviewerProblem(input.by);
  if (nobody) return nobody;
  if (input.action !== 'fix') return input.actor || input.proposition || input.polarity ? `${input.action}: actor, proposition and polarity go with fix only` : undefined;
  const changes = (input.actor && input.actor !== current.actor) || (input.proposition && input.proposition !== current.proposition) || (input.polarity && input.polarity !== current.polarity);
  return changes ? undefined : 'fix: give a new actor, proposition or polarity that differs from the claim';
}

function matches(review: ReviewKey, claim: Claim): boolean {
  return review.start === claim.start && review.end === claim.end && review.actor === claim.actor && review.proposition === claim.proposition && review.polarity === claim.polarity;
}

/** The claim an `add` review made: its cell and sentence, and the `added` fields it kept. */
export function addedClaim(review: Pick<Claim, 'actor' | 'proposition' | 'polarity' | 'evidence' | 'start' | 'end'>, added: AddedClaimFields): Claim {
  const { actor, proposition, polarity, evidence, start, end } = review;
  const { sentenceIndex, modality, hedged, reported } = added;
  return { actor, proposition, polarity, evidence, start, end, modality, hedged, reported, conditional: false, rule: ADDED_CLAIM_RULE, sentenceIndex };
}

/**
 * The document's claims with its reviews applied in the order they were made (a fix can
 * be fixed again): rejected claims are left out, fixed ones changed, confirmed ones marked,
 * added ones appended (or, when the model now makes the same claim, that one marked confirmed).
 */
export function applyReviews(claims: readonly Claim[], reviews: readonly ClaimReview[]): ReviewedClaim[] {
  let out: (ReviewedClaim | undefined)[] = claims.map((claim) => ({ claim }));
  for (const review of [...reviews].sort((a, b) => a.id - b.id)) {
    const i = out.findIndex((c) => c !== undefined && matches(review, c.claim));
    if (i < 0) {
      if (review.action === 'add' && review.added) out = [...out, { claim: addedClaim(review, review.added), status: 'added' }];
      continue;
    }
    const current = out[i]!;
    if (review.action === 'reject') out[i] = undefined;
    // An added claim the model makes too is that claim, confirmed.
    else if (review.action === 'confirm' || review.action === 'add') out[i] = { ...current, status: current.status ?? 'confirmed' };
    else {
      const claim = {
        ...current.claim,
        ...(review.newActor ? { actor: review.newActor } : {}),
        ...(review.newProposition ? { proposition: review.newProposition } : {}),
        ...(review.newPolarity ? { polarity: review.newPolarity } : {}),
      };
      out[i] = { claim, status: 'fixed' };
    }
    out = [...out];
  }
  return out.filter((c): c is ReviewedClaim => c !== undefined);
}

/** A claim as a line of the spec's gold format: `{ doc, actor, proposition, polarity, evidence: [...] }`. */
export function goldLine(doc: string, claim: Pick<Claim, 'actor' | 'proposition' | 'polarity' | 'evidence'>): Record<string, unknown> {
  return { doc, actor: claim.actor, proposition: claim.proposition, polarity: claim.polarity, evidence: [claim.evidence] };
}
