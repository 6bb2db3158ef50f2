// The HTTP API and the dashboard in one hono app, built from a Store and a
// pack. Handlers only parse, call the analysis library and shape the answer.
import { OpenAPIHono, type z } from '@hono/zod-openapi';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { briefToHtml, briefToMarkdown, buildBrief } from '../analysis/brief.js';
import { checkDeal, splitPlan } from '../analysis/check.js';
import { validateSource } from '../pipeline/ingest/validate-source.js';
import { MAX_API_TEXT_CHARS, MAX_CHECK_POINTS } from './limits.js';
import { findConflicts } from '../analysis/conflicts.js';
import { buildMatrix } from '../analysis/matrix.js';
import { buildTimeline, listChanges } from '../analysis/timeline.js';
import { ingestSource } from '../jobs/ingest.js';
import { addedClaimInput, QuoteError } from '../jobs/add-claim.js';
import type { CompiledPack } from '../pack/compile.js';
import { InputError } from '../pipeline/ingest/text-reader.js';
import type { SourceDocument } from '../pipeline/types.js';
import { rangeProblem, resolveActor, resolveOutlet } from '../analysis/resolve-filter.js';
import { ReviewError } from '../store/reviews.js';
import { addClaimRoute, countsRoute, listReviewsRoute, reviewClaimRoute } from './review-routes.js';
import { claimFilterOf, type Store, type StoredDocument } from '../store/store.js';
import { ingestBodyReader } from './ingest-body.js';
import * as r from './routes.js';
import type * as s from './schemas.js';
import { loadWebFiles, type StaticFile } from './static.js';
import { decodeCursor, encodeCursor } from './claim-cursor.js';
import { ResponseCache } from './response-cache.js';
import { positionOf } from '../store/claim-keyset.js';
import { storeFailure, storeFailureMessage } from '../store/store-failure.js';

export interface AppOptions {
  /** Bearer token for write endpoints; without one they are refused (403). */
  readonly token?: string;
  /** Largest accepted request body in bytes (default 2 MB). */
  readonly maxBodyBytes?: number;
  /** Folder of the built dashboard (default dist/web); `false` serves the API only. */
  readonly webRoot?: string | false;
  /** Let POST /api/ingest { url } fetch loopback and private addresses (default: public only). */
  readonly allowPrivateUrls?: boolean;
  /** Where the store is, for the log (a file path, or a URL without its password). */
  readonly storeName?: string;
}

export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

/** GET endpoints whose answer depends on nothing but the store and the query string (the pack and token are fixed per app). */
const CACHED_PATHS = ['/api/meta', '/api/documents', '/api/claims', '/api/matrix', '/api/conflicts', '/api/timeline', '/api/changes', '/api/brief', '/api/reviews', '/api/counts'];

// No inline scripts or styles anywhere: document text can never become code.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
// The standalone HTML briefing carries its own <style> and never a script.
const BRIEF_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** A failure with an HTTP status; the message is shown to the client as is. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
  ) {
    super(message);
  }
}

function errorResponse(c: Context, status: ContentfulStatusCode, message: string): Response {
  return c.json({ error: { status, message } }, status);
}

/** "query.since: expected a date as YYYY-MM-DD" — the first problem, naming the field. */
function describeIssues(target: string, error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${[target, ...i.path.map(String)].join('.')}: ${i.message}`)
    .join('; ');
}

function summary(d: StoredDocument): z.infer<typeof s.DocumentSummary> {
  // The list leaves out the text (it can be megabytes) and the hash (an internal key).
  return Object.fromEntries(Object.entries(d).filter(([k]) => k !== 'cleanText' && k !== 'contentHash')) as z.infer<typeof s.DocumentSummary>;
}

function sameToken(given: string, expected: string): boolean {
  const digest = (t: string): Buffer => createHash('sha256').update(t).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Build the app: JSON API under /api, OpenAPI at /api/openapi.json, the dashboard at /. */
export function createApp(store: Store, pack: CompiledPack, options: AppOptions = {}): OpenAPIHono {
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) return errorResponse(c, 400, describeIssues(result.target, result.error));
    },
  });
  const actorIds = new Set(pack.data.actors.map((a) => a.id));
  const readBody = ingestBodyReader({ allowPrivateUrls: options.allowPrivateUrls === true });
  const propositionIds = new Set(pack.data.propositions.map((p) => p.id));
  const known = (field: string, value: string | undefined, ids: Set<string>): void => {
    if (value !== undefined && !ids.has(value)) throw new ApiError(400, `${field}: unknown id '${value}' (known: ${[...ids].join(', ')})`);
  };
  /**
   * The query with its actor resolved by id, name or alias ("Putin" → russia) and its outlet in the
   * stored spelling; an unknown actor, proposition or outlet, or since after until, is a 400.
   */
  const resolve = async <Q extends { actor?: string | undefined; proposition?: string | undefined; outlet?: string | undefined; since?: string | undefined; until?: string | undefined }>(
    q: Q,
    where = 'query',
  ): Promise<Q> => {
    const out = { ...q };
    if (q.actor !== undefined) out.actor = resolveActor(pack, q.actor) ?? q.actor;
    known(`${where}.actor`, out.actor, actorIds);
    known(`${where}.proposition`, q.proposition, propositionIds);
    if (q.outlet !== undefined) {
      const { outlets } = await store.overview();
      const outlet = resolveOutlet(outlets, q.outlet);
      if (!outlet) throw new ApiError(400, `${where}.outlet: no stored document is from '${q.outlet}' (outlets: ${outlets.join(', ') || 'none'})`);
      out.outlet = outlet;
    }
    const range = rangeProblem(q.since, q.until);
    if (range) throw new ApiError(400, `${where}.since: ${range}`);
    return out;
  };
  const parties = (list: readonly string[] | undefined, field: string): string[] | undefined => {
    if (!list || list.length === 0) return undefined;
    list.forEach((p) => known(field, p, actorIds));
    return [...list];
  };

  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err.status, err.message);
    // Every request body of this API is JSON: say so where the validator only says "Unsupported Media Type".
    if (err instanceof HTTPException && err.status === 415) return errorResponse(c, 415, `${err.message || 'unsupported media type'}: send the body as JSON, with Content-Type: application/json`);
    if (err instanceof HTTPException) return errorResponse(c, err.status as ContentfulStatusCode, err.message || 'bad request');
    const said = (options.storeName && storeFailureMessage(options.storeName, err)) || (err instanceof Error ? err.message : String(err));
    process.stderr.write(`parley serve: ${c.req.method} ${c.req.path}: ${said}\n`);
    const failure = storeFailure(err);
    if (failure) return errorResponse(c, 503, `the store is unavailable: ${failure} (see the server log)`);
    return errorResponse(c, 500, 'internal error (see the server log)');
  });
  app.notFound((c) => errorResponse(c, 404, `no such path: ${c.req.path}`));

  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', CSP);
  });
  app.use('/api/*', bodyLimit({ maxSize: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, onError: (c) => errorResponse(c, 413, `request body too large (the limit is ${options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES} bytes)`) }));

  const requireToken: MiddlewareHandler = async (c, next) => {
    if (!options.token) throw new ApiError(403, 'write endpoints are off: set PARLEY_TOKEN in the server environment and send it as Authorization: Bearer <token>');
    const header = c.req.header('Authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match || !sameToken(match[1]!.trim(), options.token)) throw new ApiError(401, 'missing or wrong token: send Authorization: Bearer <PARLEY_TOKEN>');
    await next();
  };
  app.use(r.ingestRoute.getRoutingPath(), requireToken);
  app.on('DELETE', r.deleteDocumentRoute.getRoutingPath(), requireToken);
  app.on('POST', reviewClaimRoute.getRoutingPath(), requireToken);
  app.on('POST', addClaimRoute.getRoutingPath(), requireToken);

  // Read answers are pure functions of the store and the query: sent again while the store is unchanged.
  const cache = new ResponseCache(store);
  for (const path of CACHED_PATHS) app.use(path, cache.middleware());

  app.openapi(r.metaRoute, async (c) => {
    const overview = await store.overview();
    return c.json(
      {
        pack: { id: pack.data.manifest.id, name: pack.data.manifest.name },
        actors: pack.data.actors.map((a) => ({ id: a.id, name: a.name, scored: a.scored })),
        propositions: pack.data.propositions.map((p) => ({ id: p.id, label: p.label })),
        ...overview,
        outlets: [...overview.outlets],
        canWrite: Boolean(options.token),
      },
      200,
    );
  });

  app.openapi(r.listDocumentsRoute, async (c) => {
    const q = await resolve(c.req.valid('query'));
    const docs = await store.listDocuments({ ...(q.outlet ? { outlet: q.outlet } : {}), ...(q.since ? { since: q.since } : {}), ...(q.until ? { until: q.until } : {}), newestFirst: true, limit: q.limit });
    return c.json(docs.map(summary), 200);
  });

  app.openapi(r.getDocumentRoute, async (c) => {
    const { id } = c.req.valid('param');
    const doc = await store.getDocument(id);
    if (!doc) throw new ApiError(404, `no document with id ${id}`);
    return c.json({ ...summary(doc), cleanText: doc.cleanText }, 200);
  });

  app.openapi(r.deleteDocumentRoute, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await store.deleteDocument(id))) throw new ApiError(404, `no document with id ${id}`);
    return c.json({ deleted: id }, 200);
  });

  app.openapi(r.claimsRoute, async (c) => {
    const q = await resolve(c.req.valid('query'));
    if (q.document !== undefined && !(await store.getDocument(q.document))) throw new ApiError(400, `query.document: no stored document has id ${q.document}`);
    const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
    if (q.cursor !== undefined && !after) throw new ApiError(400, 'query.cursor: not a cursor this API gave out (take it from the Next-Cursor header)');
    // One claim more than the page, to know whether another page follows.
    const claims = await store.listClaims({ ...claimFilterOf(q), ...(q.polarity ? { polarity: q.polarity } : {}), ...(q.document ? { document: q.document } : {}), ...(after ? { after } : {}), limit: q.limit + 1, newestFirst: true });
    const page = claims.slice(0, q.limit);
    if (claims.length > q.limit) {
      const next = encodeCursor(positionOf(page.at(-1)!));
      const url = new URL(c.req.url);
      url.searchParams.set('cursor', next);
      c.header('Next-Cursor', next);
      c.header('Link', `<${url.pathname}${url.search}>; rel="next"`);
    }
    return c.json(page.map(({ sentenceIndex: _s, ...claim }) => claim), 200);
  });

  app.openapi(r.matrixRoute, async (c) => {
    const q = await resolve(c.req.valid('query'));
    return c.json(await buildMatrix(store, { ...claimFilterOf(q), ...(q.minSources ? { minSources: q.minSources } : {}) }), 200);
  });

  app.openapi(r.conflictsRoute, async (c) => {
    const q = await resolve(c.req.valid('query'));
    const wanted = parties(q.parties?.split(',').map((p) => p.trim()).filter(Boolean), 'query.parties');
    const report = await findConflicts(store, pack, { ...claimFilterOf(q), ...(wanted ? { parties: wanted } : {}), ...(q.minSources ? { minSources: q.minSources } : {}) });
    return c.json(report as z.infer<typeof s.ConflictReport>, 200);
  });

  app.openapi(r.timelineRoute, async (c) => {
    const q = await resolve(c.req.valid('query'));
    const timeline = await buildTimeline(store, q.actor, q.proposition, claimFilterOf(q));
    return c.json(timeline as z.infer<typeof s.Timeline>, 200);
  });

  app.openapi(r.changesRoute, async (c) => {
    const q = await resolve(c.req.valid('query'));
    return c.json((await listChanges(store, claimFilterOf(q))) as z.infer<typeof s.Shift>[], 200);
  });

  app.openapi(r.briefRoute, async (c) => {
    const q = await resolve(c.req.valid('query'));
    const brief = await buildBrief(store, pack, claimFilterOf(q));
    if (q.format === 'md') return c.body(briefToMarkdown(brief), 200, { 'Content-Type': 'text/markdown; charset=utf-8' });
    if (q.format === 'html') return c.body(briefToHtml(brief), 200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': BRIEF_CSP });
    return c.json(brief as z.infer<typeof s.Brief>, 200);
  });

  app.openapi(r.checkRoute, async (c) => {
    const body = await resolve(c.req.valid('json'), 'body');
    const wanted = parties(body.parties, 'body.parties');
    const pointCount = splitPlan(body.plan).length;
    if (pointCount > MAX_CHECK_POINTS) throw new ApiError(413, `body.plan: has ${pointCount} points; the limit is ${MAX_CHECK_POINTS}`);
    const check = await checkDeal(store, pack, body.plan, { ...claimFilterOf(body), ...(wanted ? { parties: wanted } : {}) });
    return c.json(check as z.infer<typeof s.DealCheck>, 200);
  });

  app.openapi(r.ingestRoute, async (c) => {
    const body = c.req.valid('json');
    let source: SourceDocument;
    try {
      source = await readBody(body);
    } catch (err) {
      if (err instanceof InputError) throw new ApiError(400, `body: ${err.problem}`);
      throw err;
    }
    if (source.rawText.length > MAX_API_TEXT_CHARS) {
      throw new ApiError(413, `body: the article text has ${source.rawText.length} characters; the API limit is ${MAX_API_TEXT_CHARS} (use parley ingest for longer texts)`);
    }
    const checked = validateSource(source, (message) => process.stderr.write(`parley serve: warning: ${message}\n`));
    if (checked instanceof InputError) throw new ApiError(400, `body: ${checked.problem}`);
    source = checked;
    const outcome = await ingestSource(store, source, pack);
    return c.json(outcome, outcome.created ? 201 : 200);
  });

  app.openapi(reviewClaimRoute, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const actor = body.actor === undefined ? undefined : resolveActor(pack, body.actor);
    if (body.actor !== undefined && !actor) throw new ApiError(400, `body.actor: unknown actor '${body.actor}' (known: ${[...actorIds].join(', ')})`);
    known('body.proposition', body.proposition, propositionIds);
    try {
      const result = await store.reviewClaim(id, { ...body, ...(actor ? { actor } : {}) });
      return c.json(result, 200);
    } catch (err) {
      if (err instanceof ReviewError) throw new ApiError(err.notFound ? 404 : 400, err.message);
      throw err;
    }
  });

  app.openapi(addClaimRoute, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const actor = resolveActor(pack, body.actor);
    if (!actor) throw new ApiError(400, `body.actor: unknown actor '${body.actor}' (known: ${[...actorIds].join(', ')})`);
    known('body.proposition', body.proposition, propositionIds);
    const doc = await store.getDocument(id);
    if (!doc) throw new ApiError(404, `no document with id ${id}`);
    try {
      const { evidence: quote, ...missed } = body;
      const result = await store.addClaim(id, addedClaimInput(doc.cleanText, { ...missed, actor, quote }));
      return c.json({ review: result.review, claimId: result.claimId! }, 201);
    } catch (err) {
      if (err instanceof QuoteError) throw new ApiError(400, `body.${err.problem}`);
      if (err instanceof ReviewError) throw new ApiError(err.notFound ? 404 : 400, err.message);
      throw err;
    }
  });

  app.openapi(listReviewsRoute, async (c) => c.json(await store.listReviews(), 200));

  app.openapi(countsRoute, async (c) => c.json(await store.counts(claimFilterOf(await resolve(c.req.valid('query')))), 200));

  app.doc('/api/openapi.json', {
    openapi: '3.0.3',
    info: { title: 'Parley API', version: '0.1.0', description: 'Who demands what in a negotiation, with proof. Errors are { error: { status, message } }.' },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'the PARLEY_TOKEN of the server' });

  if (options.webRoot !== false) {
    const files: Map<string, StaticFile> = loadWebFiles(options.webRoot);
    app.get('*', (c) => {
      const file = files.get(c.req.path);
      if (!file) return errorResponse(c, 404, `no such path: ${c.req.path}`);
      return c.body(new Uint8Array(file.body), 200, { 'Content-Type': file.type, 'Cache-Control': 'no-cache' });
    });
  }
  return app;
}
