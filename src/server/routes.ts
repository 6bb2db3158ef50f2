// The API's routes as OpenAPI definitions: path, parameters, body and responses.
// Handlers live in app.ts; these only describe and validate.
import { createRoute, z } from '@hono/zod-openapi';
import * as s from './schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const error = (description: string) => json(s.ErrorBody, description);
const bad = { 400: error('a parameter or the body is invalid; the message names it') };
const notFound = { 404: error('no document with this id') };
const writeErrors = {
  401: error('missing or wrong bearer token'),
  403: error('write endpoints are off: the server has no PARLEY_TOKEN'),
  413: error('request body too large'),
};

export const metaRoute = createRoute({
  method: 'get',
  path: '/api/meta',
  summary: 'The pack (actors, propositions), outlets, date range and counts',
  responses: { 200: json(s.Meta, 'what the store holds') },
});

export const listDocumentsRoute = createRoute({
  method: 'get',
  path: '/api/documents',
  summary: 'Stored documents, without their text',
  request: { query: s.DocumentsQuery },
  responses: { 200: json(s.DocumentSummary.array(), 'documents, newest first'), ...bad },
});

export const getDocumentRoute = createRoute({
  method: 'get',
  path: '/api/documents/{id}',
  summary: 'One document with its clean text (claim offsets point into it)',
  request: { params: s.IdParam },
  responses: { 200: json(s.Document, 'the document'), ...bad, ...notFound },
});

export const deleteDocumentRoute = createRoute({
  method: 'delete',
  path: '/api/documents/{id}',
  summary: 'Delete a document and its claims (needs the token)',
  security: [{ bearer: [] }],
  request: { params: s.IdParam },
  responses: { 200: json(z.object({ deleted: z.number() }), 'deleted'), ...bad, ...notFound, ...writeErrors },
});

export const claimsRoute = createRoute({
  method: 'get',
  path: '/api/claims',
  summary: 'Stored claims with evidence, offsets, outlet and date, newest first, a page at a time',
  request: { query: s.ClaimsQuery },
  responses: {
    200: {
      ...json(s.Claim.array(), 'claims, newest first'),
      headers: {
        'Next-Cursor': { description: 'present when more claims follow: pass it as `cursor` (same filters) for the next page', schema: { type: 'string' } },
        Link: { description: 'the next page as `<url>; rel="next"`, when more claims follow', schema: { type: 'string' } },
      },
    },
    ...bad,
  },
});

export const matrixRoute = createRoute({
  method: 'get',
  path: '/api/matrix',
  summary: 'Party × proposition: net stance, confidence and counts per cell',
  request: { query: s.MatrixQuery },
  responses: { 200: json(s.MatrixRow.array(), 'matrix cells'), ...bad },
});

export const conflictsRoute = createRoute({
  method: 'get',
  path: '/api/conflicts',
  summary: 'Propositions where parties stand opposed, and their common ground',
  request: { query: s.ConflictsQuery },
  responses: { 200: json(s.ConflictReport, 'conflicts and common ground'), ...bad },
});

export const timelineRoute = createRoute({
  method: 'get',
  path: '/api/timeline',
  summary: "One party's stance on one proposition by date, with its shifts",
  request: { query: s.TimelineQuery },
  responses: { 200: json(s.Timeline, 'the timeline'), ...bad },
});

export const changesRoute = createRoute({
  method: 'get',
  path: '/api/changes',
  summary: 'Every shift: reversal, new position, new demand',
  request: { query: s.ChangesQuery },
  responses: { 200: json(s.Shift.array(), 'shifts'), ...bad },
});

export const briefRoute = createRoute({
  method: 'get',
  path: '/api/brief',
  summary: 'What each party wants, with numbered citations (json, md or html)',
  request: { query: s.BriefQuery },
  responses: {
    200: {
      content: { 'application/json': { schema: s.Brief }, 'text/markdown': { schema: { type: 'string' } }, 'text/html': { schema: { type: 'string' } } },
      description: 'the briefing',
    },
    ...bad,
  },
});

export const checkRoute = createRoute({
  method: 'post',
  path: '/api/check',
  summary: "Score each point of a plan against every party's known stances",
  request: { body: { content: { 'application/json': { schema: s.CheckBody } }, required: true } },
  responses: { 200: json(s.DealCheck, 'verdicts per point and party'), ...bad, 413: error('request body too large') },
});

export const ingestRoute = createRoute({
  method: 'post',
  path: '/api/ingest',
  summary: 'Add a document: { text } with optional title/outlet/published/url, { html } or { url } (needs the token)',
  security: [{ bearer: [] }],
  request: { body: { content: { 'application/json': { schema: s.IngestBody } }, required: true } },
  responses: {
    200: json(s.IngestResult, 'already stored (same content or canonical URL)'),
    201: json(s.IngestResult, 'stored'),
    ...bad,
    ...writeErrors,
  },
});
