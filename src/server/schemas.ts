// Request and response schemas of the HTTP API (zod, registered for the OpenAPI document).
import { z } from '@hono/zod-openapi';
import { isCalendarDate } from '../analysis/resolve-filter.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD').refine(isCalendarDate, 'is not a calendar date');

/** Filters shared by every view, as in the CLI. */
export const FilterQuery = z.object({
  since: isoDate.optional().openapi({ description: 'published on or after', example: '2025-05-01' }),
  until: isoDate.optional().openapi({ description: 'published on or before', example: '2025-12-31' }),
  outlet: z.string().min(1).optional().openapi({ description: 'only this outlet', example: 'Northbridge Wire' }),
  speaker: z.string().min(1).max(100).optional().openapi({ description: 'only claims whose speaker, as the text names them, contains this (any case)', example: 'Peskov' }),
  minConfidence: z.coerce.number().gt(0).max(1).optional().openapi({ description: 'only claims at least this sure (0–1): the decider’s calibrated probability; a reviewed claim counts 1, a claim of a pack without a model 0.5', example: 0.8 }),
});

const actorParam = z.string().min(1).max(64).openapi({ example: 'russia' });
const propositionParam = z.string().min(1).max(64).openapi({ example: 'ceasefire' });
const count = z.coerce.number().int().min(0).max(1_000_000);

// Documents are listed by date and outlet; the claim filters (speaker, confidence) do not apply to them.
export const DocumentsQuery = FilterQuery.omit({ speaker: true, minConfidence: true }).extend({
  limit: z.coerce.number().int().min(1).max(5000).default(500).openapi({ description: 'at most this many documents, newest first (default 500, at most 5000)', example: 50 }),
});

export const ClaimsQuery = FilterQuery.extend({
  actor: actorParam.optional(),
  proposition: propositionParam.optional(),
  polarity: z.enum(['support', 'oppose']).optional(),
  document: z.coerce.number().int().min(1).optional().openapi({ description: 'only the claims of this stored document (its id)', example: 3 }),
  limit: z.coerce.number().int().min(1).max(5000).default(500).openapi({ description: 'at most this many claims, newest first (default 500, at most 5000)', example: 50 }),
  cursor: z.string().min(1).max(200).optional().openapi({ description: 'the page after the one whose Next-Cursor header gave this token (keyset paging: as fast on page 1000 as on page 1)' }),
});

export const MatrixQuery = FilterQuery.extend({
  actor: actorParam.optional(),
  proposition: propositionParam.optional(),
  minSources: count.optional().openapi({ description: 'only cells seen in at least N independent sources (near-duplicate clusters)', example: 2 }),
});

export const ConflictsQuery = FilterQuery.extend({
  parties: z.string().optional().openapi({ description: 'comma-separated parties (default: the scored actors)', example: 'russia,ukraine' }),
  minSources: count.optional(),
});

export const TimelineQuery = FilterQuery.extend({ actor: actorParam, proposition: propositionParam });

export const ChangesQuery = FilterQuery.extend({ actor: actorParam.optional(), proposition: propositionParam.optional() });

export const BriefQuery = FilterQuery.extend({
  actor: actorParam.optional(),
  format: z.enum(['json', 'md', 'html']).default('json'),
});

export const IdParam = z.object({
  id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' }, example: 3 }),
});

export const CheckBody = FilterQuery.extend({
  plan: z.string().min(1).max(200_000).openapi({ description: 'the plan as Markdown or text: numbered or bulleted points, or sentences', example: '1. A full ceasefire along the line of contact.' }),
  parties: z.array(z.string().min(1)).optional(),
});

/** One of three kinds of input: plain text (with optional metadata), an HTML page, or a URL to fetch. */
export const IngestBody = z
  .object({
    text: z.string().min(1).optional().openapi({ description: 'article text; may open with front matter' }),
    html: z.string().min(1).optional().openapi({ description: 'an article page as HTML' }),
    url: z.url().max(2000).optional().openapi({ description: 'the page to fetch, or the source of text/html' }),
    title: z.string().max(500).optional(),
    outlet: z.string().max(200).optional(),
    published: isoDate.optional(),
  })
  .refine((b) => b.text !== undefined || b.html !== undefined || b.url !== undefined, { message: 'one of text, html or url is required', path: ['text'] })
  .openapi('IngestBody');

export const ErrorBody = z.object({ error: z.object({ status: z.number().int(), message: z.string() }) }).openapi('Error');

export const Citation = z
  .object({
    claimId: z.number(),
    documentId: z.number(),
    source: z.string(),
    outlet: z.string().optional(),
    published: z.string().optional(),
    title: z.string().optional(),
    quote: z.string(),
    start: z.number(),
    end: z.number(),
    hedged: z.boolean(),
    speaker: z.string().optional(),
    condition: z.string().optional(),
  })
  .openapi('Citation');

export const Claim = z
  .object({
    id: z.number(),
    documentId: z.number(),
    actor: z.string(),
    proposition: z.string(),
    polarity: z.enum(['support', 'oppose']),
    evidence: z.string(),
    start: z.number().openapi({ description: 'offset of the evidence in the clean text' }),
    end: z.number(),
    modality: z.string(),
    hedged: z.boolean(),
    reported: z.boolean(),
    conditional: z.boolean(),
    rule: z.string(),
    origin: z.string(),
    outlet: z.string().optional(),
    published: z.string().optional(),
    title: z.string().optional(),
    url: z.string().optional(),
    clusterId: z.number(),
    review: z.enum(['confirmed', 'fixed', 'added']).optional().openapi({ description: 'set once an analyst confirmed, fixed or added the claim' }),
    speaker: z.string().optional().openapi({ description: 'who holds it, as the text names them', example: 'Peskov' }),
    condition: z.string().optional().openapi({ description: 'the condition clause of a conditional claim', example: 'in return for Western guarantees' }),
  })
  .openapi('Claim');

export const DocumentSummary = z
  .object({
    id: z.number(),
    origin: z.string(),
    url: z.string().optional(),
    title: z.string().optional(),
    outlet: z.string().optional(),
    published: z.string().optional(),
    ingestedAt: z.string(),
    claimCount: z.number(),
    skipReason: z.string().optional(),
    clusterId: z.number(),
    similarity: z.number().optional().openapi({ description: 'estimated Jaccard similarity with the cluster it joined' }),
    canonicalUrl: z.string().optional(),
    author: z.string().optional(),
    language: z.string().optional().openapi({ description: 'ISO 639-1 code, when detected' }),
  })
  .openapi('DocumentSummary');

export const Document = DocumentSummary.extend({ cleanText: z.string() }).openapi('Document');

const stance = z.enum(['support', 'oppose', 'mixed', 'unknown']);

export const MatrixRow = z
  .object({
    actor: z.string(),
    proposition: z.string(),
    stance,
    confidence: z.number(),
    support: z.number(),
    oppose: z.number(),
    supportDocs: z.number(),
    opposeDocs: z.number(),
    documents: z.number(),
    outlets: z.number(),
    clusters: z.number(),
    hedged: z.number(),
    latest: z.string().optional(),
  })
  .openapi('MatrixCell');

export const Meta = z
  .object({
    pack: z.object({ id: z.string(), name: z.string() }),
    actors: z.array(z.object({ id: z.string(), name: z.string(), scored: z.boolean() })),
    propositions: z.array(z.object({ id: z.string(), label: z.string() })),
    outlets: z.array(z.string()),
    documents: z.number(),
    claims: z.number(),
    firstDate: z.string().optional(),
    lastDate: z.string().optional(),
    canWrite: z.boolean().openapi({ description: 'whether the server has a PARLEY_TOKEN set for write endpoints' }),
  })
  .openapi('Meta');

const Side = z.object({ actor: z.string(), stance: z.enum(['support', 'oppose']), documents: z.number(), confidence: z.number(), evidence: z.array(Citation) });

export const ConflictReport = z
  .object({
    parties: z.array(z.string()),
    conflicts: z.array(z.object({ proposition: z.string(), label: z.string(), support: z.array(Side), oppose: z.array(Side) })),
    commonGround: z.array(z.object({ proposition: z.string(), label: z.string(), parties: z.array(Side) })),
  })
  .openapi('ConflictReport');

export const Shift = z
  .object({
    actor: z.string(),
    proposition: z.string(),
    date: z.string(),
    kind: z.enum(['reversal', 'new-position', 'new-demand']),
    from: stance,
    to: stance,
    before: Citation.optional(),
    after: Citation,
  })
  .openapi('Shift');

export const Timeline = z
  .object({
    actor: z.string(),
    proposition: z.string(),
    points: z.array(z.object({ date: z.string(), support: z.number(), oppose: z.number(), stance, evidence: z.array(Citation) })),
    shifts: z.array(Shift),
  })
  .openapi('Timeline');

const BriefLine = z.object({ proposition: z.string(), text: z.string(), cites: z.array(z.number()) });

export const Brief = z
  .object({
    title: z.string(),
    asOf: z.string().optional().openapi({ description: 'the newest publication date the briefing rests on' }),
    corpus: z.object({ first: z.string().optional(), last: z.string().optional(), documents: z.number() }),
    parties: z.array(
      z.object({ actor: z.string(), name: z.string(), demands: z.array(BriefLine), redLines: z.array(BriefLine), offers: z.array(BriefLine), openQuestions: z.array(BriefLine) }),
    ),
    agreement: z.array(BriefLine),
    citations: z.array(Citation),
  })
  .openapi('Brief');

export const DealCheck = z
  .object({
    parties: z.array(z.string()),
    points: z.array(
      z.object({
        number: z.number(),
        text: z.string(),
        terms: z.array(z.object({ proposition: z.string(), wants: z.enum(['support', 'oppose']), cue: z.string(), text: z.string() })),
        verdicts: z.array(
          z.object({ actor: z.string(), proposition: z.string(), verdict: z.enum(['accepts', 'rejects', 'contested', 'unknown']), confidence: z.number(), sources: z.number(), singleHedged: z.boolean(), evidence: z.array(Citation) }),
        ),
      }),
    ),
    blocks: z.record(z.string(), z.array(z.number())),
  })
  .openapi('DealCheck');

export const IngestResult = z
  .object({
    documentId: z.number().optional(),
    created: z.boolean(),
    claims: z.number(),
    skipReason: z.string().optional(),
  })
  .openapi('IngestResult');
