// The analyst's endpoints: POST a review of one claim (see src/store/reviews.ts) or a claim
// the model missed in a document (both need the write token, as ingest and delete do), GET the
// audit trail, and the counts under the filters.
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorBody, FilterQuery, IdParam } from './schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

export const ReviewBody = z
  .object({
    action: z.enum(['confirm', 'reject', 'fix']),
    actor: z.string().min(1).max(64).optional().openapi({ description: 'fix: the right actor (id, name or alias)' }),
    proposition: z.string().min(1).max(64).optional().openapi({ description: 'fix: the right proposition' }),
    polarity: z.enum(['support', 'oppose']).optional().openapi({ description: 'fix: the right polarity' }),
    note: z.string().max(2000).optional(),
    by: z.string().min(1).max(100).openapi({ description: 'who reviews', example: 'analyst-1' }),
  })
  .openapi('ReviewBody');

const MODALITY = z.enum(['demand', 'offer', 'accept', 'reject', 'condition']);

export const AddClaimBody = z
  .object({
    actor: z.string().min(1).max(64).openapi({ description: 'the actor (id, name or alias)', example: 'ukraine' }),
    proposition: z.string().min(1).max(64).openapi({ example: 'ceasefire' }),
    polarity: z.enum(['support', 'oppose']),
    evidence: z.string().min(1).max(2000).openapi({ description: "a quote of the sentence that shows the claim, as it stands in the document's clean text (any case); it must stand there once", example: 'rejected any freeze of the front line' }),
    modality: MODALITY.optional().openapi({ description: 'default: demand when it supports, reject when it opposes' }),
    hedged: z.boolean().optional(),
    reported: z.boolean().optional(),
    note: z.string().max(2000).optional(),
    by: z.string().min(1).max(100).openapi({ description: 'who reviews', example: 'analyst-1' }),
  })
  .openapi('AddClaimBody');

export const Review = z
  .object({
    id: z.number(),
    at: z.string(),
    by: z.string(),
    action: z.enum(['confirm', 'reject', 'fix', 'add']),
    note: z.string().optional(),
    contentHash: z.string(),
    start: z.number(),
    end: z.number(),
    actor: z.string(),
    proposition: z.string(),
    polarity: z.enum(['support', 'oppose']),
    newActor: z.string().optional(),
    newProposition: z.string().optional(),
    newPolarity: z.enum(['support', 'oppose']).optional(),
    claimId: z.number(),
    origin: z.string(),
    evidence: z.string(),
    added: z
      .object({ sentenceIndex: z.number(), modality: MODALITY, hedged: z.boolean(), reported: z.boolean() })
      .optional()
      .openapi({ description: 'for add: the rest of the claim added' }),
  })
  .openapi('Review');

const error = (description: string) => json(ErrorBody, description);

export const reviewClaimRoute = createRoute({
  method: 'post',
  path: '/api/claims/{id}/review',
  summary: 'Confirm, reject or fix a claim (needs the token); every view follows it',
  security: [{ bearer: [] }],
  request: { params: IdParam, body: { content: { 'application/json': { schema: ReviewBody } }, required: true } },
  responses: {
    200: json(z.object({ review: Review, claimId: z.number().optional() }), 'the review, and the claim id after it (a new id for a fix, none for a rejection)'),
    400: error('the body is invalid or the fix changes nothing'),
    401: error('missing or wrong bearer token'),
    403: error('write endpoints are off: the server has no PARLEY_TOKEN'),
    404: error('no claim with this id'),
  },
});

export const addClaimRoute = createRoute({
  method: 'post',
  path: '/api/documents/{id}/claims',
  summary: 'Add a claim the model missed in a sentence of a document (needs the token); every view follows it',
  security: [{ bearer: [] }],
  request: { params: IdParam, body: { content: { 'application/json': { schema: AddClaimBody } }, required: true } },
  responses: {
    201: json(z.object({ review: Review, claimId: z.number() }), 'the add review and the new claim id'),
    400: error('the body is invalid, the quote stands in no sentence or in more than one, the document was skipped or already has this claim'),
    401: error('missing or wrong bearer token'),
    403: error('write endpoints are off: the server has no PARLEY_TOKEN'),
    404: error('no document with this id'),
  },
});

export const listReviewsRoute = createRoute({
  method: 'get',
  path: '/api/reviews',
  summary: 'The audit trail of reviews, newest first',
  responses: { 200: json(Review.array(), 'reviews') },
});

export const countsRoute = createRoute({
  method: 'get',
  path: '/api/counts',
  summary: 'Documents and claims within the filters (the dashboard header)',
  request: { query: FilterQuery },
  responses: { 200: json(z.object({ documents: z.number(), claims: z.number() }), 'counts'), 400: error('a filter is invalid') },
});
