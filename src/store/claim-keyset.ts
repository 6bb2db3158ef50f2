// Keyset paging of claim lists, shared by the SQLite and PostgreSQL stores: the
// page after a claim is read by seeking the order index to that claim's key
// (published, document, sentence, id) instead of skipping rows with an OFFSET.
//
// Undated claims sort at one end (SQLite puts NULL lowest, PostgreSQL highest),
// and an OR with `published is null` would stop the index seek, so a list is
// read in two segments, dated and undated, each a plain index range.
import { type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Schema } from './sqlite/sqlite-store.js';

/** Where a claim stands in a claim list: the columns the list is ordered by. */
export interface ClaimPosition {
  readonly published?: string;
  readonly documentId: number;
  readonly sentenceIndex: number;
  readonly id: number;
}

/** How a store orders claim lists: published and document in the list's direction, sentence ascending, then id. */
export interface ClaimOrder {
  readonly newestFirst: boolean;
  /** PostgreSQL sorts NULL above every date, SQLite below. */
  readonly nullsHighest: boolean;
  /** Ties within a sentence: id in the list's direction (SQLite, as its index gives them) or always ascending (PostgreSQL). */
  readonly idFollowsDirection: boolean;
}

/** One part of a claim list: its dated or its undated claims, from a position on. */
export interface ClaimSegment {
  readonly dated: boolean;
  /** Only claims after this one (it lies in this segment). */
  readonly after?: ClaimPosition;
}

/** The position of a listed claim, to read the page after it. */
export function positionOf(claim: { readonly published?: string; readonly documentId: number; readonly sentenceIndex: number; readonly id: number }): ClaimPosition {
  return { ...(claim.published !== undefined ? { published: claim.published } : {}), documentId: claim.documentId, sentenceIndex: claim.sentenceIndex, id: claim.id };
}

/** The segments to read, in list order, for the claims after `after` (all claims without it). */
export function segmentsAfter(after: ClaimPosition | undefined, order: ClaimOrder): ClaimSegment[] {
  // Undated claims come first when NULL is lowest and the list ascends, or NULL is highest and it descends.
  const undatedFirst = order.nullsHighest === order.newestFirst;
  const segments: ClaimSegment[] = undatedFirst ? [{ dated: false }, { dated: true }] : [{ dated: true }, { dated: false }];
  if (!after) return segments;
  const at = segments.findIndex((s) => s.dated === (after.published !== undefined));
  return [{ ...segments[at]!, after }, ...segments.slice(at + 1)];
}

type ClaimsExpression = ExpressionBuilder<Schema & { c: Schema['claims'] }, 'c'>;

/** The condition for claims aliased `c` that belong to `segment`, e.g. dated and after (2025-03-11, doc 4, sentence 2, id 17). */
export function segmentCondition(eb: ClaimsExpression, segment: ClaimSegment, order: ClaimOrder): Expression<SqlBool> {
  const later = order.newestFirst ? '<' : '>';
  const idLater = order.idFollowsDirection ? later : '>';
  const terms: Expression<SqlBool>[] = [segment.dated ? eb('c.published', 'is not', null) : eb('c.published', 'is', null)];
  const after = segment.after;
  if (after) {
    // Within one sentence, then one document, then one day.
    const inSentence = eb.or([eb('c.sentence_index', '>', after.sentenceIndex), eb.and([eb('c.sentence_index', '=', after.sentenceIndex), eb('c.id', idLater, after.id)])]);
    const inDocument = eb.or([eb('c.document_id', later, after.documentId), eb.and([eb('c.document_id', '=', after.documentId), inSentence])]);
    if (after.published === undefined) {
      terms.push(inDocument);
    } else {
      // The plain range first: the index seeks to the cursor's day instead of scanning up to it.
      terms.push(eb('c.published', order.newestFirst ? '<=' : '>=', after.published));
      terms.push(eb.or([eb('c.published', later, after.published), eb.and([eb('c.published', '=', after.published), inDocument])]));
    }
  }
  return eb.and(terms);
}
