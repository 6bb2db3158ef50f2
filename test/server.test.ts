// The HTTP API in-process (app.request) over a real SQLite store built from
// corpus/sample: views match the analysis library, errors are JSON with the
// right status, writes need the token, text is escaped, static files are fenced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMatrix } from '../src/analysis/matrix.js';
import { getPack } from '../src/pack/compile.js';
import { createApp } from '../src/server/app.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fixturePage, startFixtureServer } from './fixture-server.js';
import { HOSTILE_ARTICLE, HOSTILE_EVIDENCE_PART, sampleStore } from './server-fixture.js';

const TOKEN = 'test-token-7f3a';
const pack = getPack();
let store: SqliteStore;
let app: ReturnType<typeof createApp>;
let readOnly: ReturnType<typeof createApp>;

// Response bodies are checked field by field below; a full type for each adds nothing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

const auth = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };

async function getJson(path: string, target = app): Promise<{ status: number; body: Body; res: Response }> {
  const res = await target.request(path);
  return { status: res.status, body: await res.json(), res };
}

function post(path: string, body: unknown, headers: Record<string, string> = auth, target = app): Promise<Response> {
  return Promise.resolve(target.request(path, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }));
}

function expectError(body: Body, status: number, message: RegExp): void {
  expect(body).toEqual({ error: { status, message: expect.stringMatching(message) } });
  expect(JSON.stringify(body)).not.toMatch(/\n\s+at |\.ts:\d+/);
}

beforeAll(async () => {
  ({ store } = await sampleStore());
  app = createApp(store, pack, { token: TOKEN, maxBodyBytes: 64 * 1024 });
  readOnly = createApp(store, pack, {});
});

afterAll(async () => {
  await store.close();
});

describe('read endpoints', () => {
  it('caps the claims list: newest first, 500 by default, and says why a limit is refused', async () => {
    const all = await store.listClaims({ newestFirst: true });
    const { body } = await getJson('/api/claims');
    expect(body.map((c: Body) => c.id)).toEqual(all.slice(0, 500).map((c) => c.id));
    expect((await getJson('/api/claims?limit=3')).body).toHaveLength(3);
    const zero = await getJson('/api/claims?limit=0');
    expect(zero.status).toBe(400);
    expectError(zero.body, 400, /query\.limit/);
  });

  it('serves the matrix exactly as the analysis library builds it, with filters and min-sources', async () => {
    const { status, body } = await getJson('/api/matrix');
    expect(status).toBe(200);
    expect(body).toEqual(JSON.parse(JSON.stringify(await buildMatrix(store))));
    expect(body.length).toBeGreaterThan(10);
    const since = await getJson('/api/matrix?since=2025-09-01&minSources=2');
    expect(since.body).toEqual(JSON.parse(JSON.stringify(await buildMatrix(store, { since: '2025-09-01', minSources: 2 }))));
    expect(since.body.length).toBeLessThan(body.length);
  });

  it('lists claims with evidence at offsets of the document text, filtered like the CLI', async () => {
    const { body } = await getJson('/api/claims?actor=russia&proposition=ceasefire');
    expect(body.length).toBeGreaterThan(1);
    for (const c of body) expect(c).toMatchObject({ actor: 'russia', proposition: 'ceasefire' });
    const first = body[0];
    const doc = await getJson(`/api/documents/${first.documentId}`);
    expect(doc.status).toBe(200);
    expect(doc.body.cleanText.slice(first.start, first.end)).toBe(first.evidence);
    const limited = await getJson('/api/claims?limit=3');
    expect(limited.body).toHaveLength(3);
    const outlet = first.outlet as string;
    const byOutlet = await getJson(`/api/claims?outlet=${encodeURIComponent(outlet)}`);
    expect(byOutlet.body.length).toBeGreaterThan(0);
    expect(byOutlet.body.every((c: { outlet: string }) => c.outlet === outlet)).toBe(true);
  });

  it('leaves out claims below minConfidence in the list, the matrix, the timeline and the counts', async () => {
    const all = (await getJson('/api/claims')).body;
    const sure = (await getJson('/api/claims?minConfidence=0.8')).body;
    expect(sure.length).toBeGreaterThan(0);
    expect(sure.length).toBeLessThan(all.length);
    expect(sure.every((c: { confidence?: number; review?: string }) => c.review !== undefined || (c.confidence ?? 0.5) >= 0.8)).toBe(true);
    expect((await getJson('/api/counts?minConfidence=0.8')).body.claims).toBe(sure.length);
    const matrix = await getJson('/api/matrix?minConfidence=0.8');
    expect(matrix.body).toEqual(JSON.parse(JSON.stringify(await buildMatrix(store, { minConfidence: 0.8 }))));
    const cited = (cells: { support: number; oppose: number }[]): number => cells.reduce((n, c) => n + c.support + c.oppose, 0);
    expect(cited(matrix.body)).toBe(sure.length);
    // A pair with claims on both sides of the bound: its timeline cites only the sure ones.
    const sureIds = new Set(sure.map((x: { id: number }) => x.id));
    const c = sure.find((x: Body) => all.some((y: Body) => y.actor === x.actor && y.proposition === x.proposition && !sureIds.has(y.id)));
    const citedIds = (t: Body): number[] => t.points.flatMap((p: Body) => p.evidence.map((e: { claimId: number }) => e.claimId));
    const timeline = (await getJson(`/api/timeline?actor=${c.actor}&proposition=${c.proposition}&minConfidence=0.8`)).body;
    const everything = (await getJson(`/api/timeline?actor=${c.actor}&proposition=${c.proposition}`)).body;
    expect(citedIds(timeline).length).toBeGreaterThan(0);
    expect(citedIds(timeline).every((id) => sureIds.has(id))).toBe(true);
    expect(citedIds(everything).some((id) => !sureIds.has(id))).toBe(true);
  });

  it('lists documents without their text and gives one with it', async () => {
    const { body } = await getJson('/api/documents');
    expect(body).toHaveLength(26);
    expect(body[0]).not.toHaveProperty('cleanText');
    expect(body[0]).not.toHaveProperty('contentHash');
    const one = await getJson(`/api/documents/${body[0].id}`);
    expect(one.body.cleanText.length).toBeGreaterThan(100);
    const dates = body.map((d: Body) => d.published ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    expect((await getJson('/api/documents?limit=5')).body).toHaveLength(5);
    expect((await getJson('/api/documents?limit=0')).status).toBe(400);
  });

  it('serves conflicts, timeline, changes and the deal check from the library', async () => {
    const conflicts = await getJson('/api/conflicts?parties=russia,ukraine');
    expect(conflicts.body.parties).toEqual(['russia', 'ukraine']);
    expect(conflicts.body.conflicts.length).toBeGreaterThan(0);
    const timeline = await getJson('/api/timeline?actor=russia&proposition=ceasefire');
    expect(timeline.body.points.length).toBeGreaterThan(1);
    expect(timeline.body.shifts[0]).toMatchObject({ actor: 'russia', proposition: 'ceasefire' });
    const changes = await getJson('/api/changes?since=2025-06-01');
    expect(changes.body.length).toBeGreaterThan(0);
    expect(changes.body.every((s: { date: string }) => s.date >= '2025-06-01')).toBe(true);
    const check = await post('/api/check', { plan: '1. A full ceasefire along the line of contact.\n2. Ukraine joins NATO.' }, { 'Content-Type': 'application/json' });
    expect(check.status).toBe(200);
    const body = (await check.json()) as { points: { terms: { proposition: string }[] }[] };
    expect(body.points).toHaveLength(2);
    expect(body.points[0]!.terms.map((t) => t.proposition)).toContain('ceasefire');
  });

  it('serves the briefing as JSON, Markdown and HTML', async () => {
    const json = await getJson('/api/brief');
    expect(json.body.parties.length).toBeGreaterThan(0);
    const md = await app.request('/api/brief?format=md');
    expect(md.headers.get('content-type')).toMatch(/text\/markdown/);
    expect(await md.text()).toMatch(/^# /);
    const html = await app.request('/api/brief?format=html');
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(html.headers.get('content-security-policy')).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(await html.text()).toMatch(/<h1>/);
  });

  it('publishes an OpenAPI 3 document covering every endpoint', async () => {
    const { body } = await getJson('/api/openapi.json');
    expect(body.openapi).toMatch(/^3\./);
    for (const path of ['/api/documents', '/api/documents/{id}', '/api/claims', '/api/matrix', '/api/conflicts', '/api/timeline', '/api/changes', '/api/brief', '/api/check', '/api/ingest']) {
      expect(Object.keys(body.paths)).toContain(path);
    }
    expect(body.paths['/api/documents/{id}'].delete).toBeDefined();
  });
});

describe('errors', () => {
  it.each([
    ['/api/claims?since=2025-13', 400, /query\.since/],
    ['/api/matrix?minSources=-1', 400, /query\.minSources/],
    ['/api/claims?minConfidence=1.5', 400, /query\.minConfidence/],
    ['/api/matrix?minConfidence=sure', 400, /query\.minConfidence/],
    ['/api/claims?limit=many', 400, /query\.limit/],
    ['/api/timeline?proposition=ceasefire', 400, /query\.actor/],
    ['/api/timeline?actor=atlantis&proposition=ceasefire', 400, /query\.actor: unknown id 'atlantis'/],
    ['/api/conflicts?parties=russia,atlantis', 400, /query\.parties: unknown id 'atlantis'/],
    ['/api/brief?format=pdf', 400, /query\.format/],
    ['/api/documents/abc', 400, /param\.id/],
    ['/api/documents/999999', 404, /no document with id 999999/],
    ['/api/nothing-here', 404, /no such path/],
  ])('GET %s → %i naming the problem', async (path, status, message) => {
    const { status: got, body } = await getJson(path);
    expect(got).toBe(status);
    expectError(body, status, message);
  });

  it('rejects a bad body with 400 naming the field, and malformed JSON with 400', async () => {
    const res = await post('/api/check', { plan: '' }, { 'Content-Type': 'application/json' });
    expect(res.status).toBe(400);
    expectError(await res.json(), 400, /json\.plan/);
    const malformed = await post('/api/check', '{"plan": ', { 'Content-Type': 'application/json' });
    expect(malformed.status).toBe(400);
    expectError(await malformed.json(), 400, /JSON/i);
  });

  it('rejects a body over the size limit with 413', async () => {
    const res = await post('/api/check', { plan: 'x'.repeat(100 * 1024) }, { 'Content-Type': 'application/json' });
    expect(res.status).toBe(413);
    expectError(await res.json(), 413, /too large/);
    const ingest = await post('/api/ingest', { text: 'y'.repeat(100 * 1024) });
    expect(ingest.status).toBe(413);
  });
});

describe('write endpoints', () => {
  it('refuses writes with 403 when the server has no token, and 401 for a missing or wrong token', async () => {
    const off = await post('/api/ingest', { text: HOSTILE_ARTICLE.text }, auth, readOnly);
    expect(off.status).toBe(403);
    expectError(await off.json(), 403, /PARLEY_TOKEN/);
    const offDelete = await readOnly.request('/api/documents/1', { method: 'DELETE', headers: auth });
    expect(offDelete.status).toBe(403);
    const missing = await post('/api/ingest', { text: HOSTILE_ARTICLE.text }, { 'Content-Type': 'application/json' });
    expect(missing.status).toBe(401);
    const wrong = await post('/api/ingest', { text: HOSTILE_ARTICLE.text }, { ...auth, Authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    const del = await app.request('/api/documents/1', { method: 'DELETE' });
    expect(del.status).toBe(401);
    expect((await store.counts()).documents).toBe(26);
  });

  it('ingests { html } with the HTML reader and { url } through the page fetcher, naming bad URLs', async () => {
    const fixtures = await startFixtureServer();
    // The fixture server is on 127.0.0.1, which a server normally refuses to fetch for a caller.
    const local = createApp(store, pack, { token: TOKEN, allowPrivateUrls: true });
    const refused = await post('/api/ingest', { url: `${fixtures.base}/story.html` });
    expect(refused.status).toBe(400);
    expectError(await refused.json(), 400, /127\.0\.0\.1 is a local or private address/);
    expectError(await (await post('/api/ingest', { url: 'http://169.254.169.254/latest/meta-data/' })).json(), 400, /local or private/);
    try {
      const before = (await store.counts()).documents;
      const html = await post('/api/ingest', { html: fixturePage('meridian-meta-tags').toString('utf8'), url: 'https://meridian.example/talks', outlet: 'Caller Outlet', published: '2025-06-01' });
      expect(html.status).toBe(201);
      const fromHtml = (await html.json()) as Body;
      const doc = await getJson(`/api/documents/${fromHtml.documentId}`);
      expect(doc.body.cleanText).not.toMatch(/<p>|Advertisement/);
      // The caller's metadata wins over the page's, as in an export.
      expect(doc.body).toMatchObject({ outlet: 'Caller Outlet', published: '2025-06-01' });
      const url = await post('/api/ingest', { url: `${fixtures.base}/story.html` }, auth, local);
      expect(url.status).toBe(201);
      const again = await post('/api/ingest', { url: `${fixtures.base}/story-again.html` }, auth, local);
      expect(again.status).toBe(200);
      expect(((await again.json()) as Body).created).toBe(false);
      const missing = await post('/api/ingest', { url: `${fixtures.base}/missing` }, auth, local);
      expect(missing.status).toBe(400);
      expectError(await missing.json(), 400, /404/);
      const feed = await post('/api/ingest', { url: `${fixtures.base}/feed.xml` }, auth, local);
      expectError(await feed.json(), 400, /is a feed/);
      expect((await store.counts()).documents).toBe(before + 2);
      for (const id of [fromHtml.documentId, ((await url.json()) as Body).documentId]) await app.request(`/api/documents/${id}`, { method: 'DELETE', headers: auth });
    } finally {
      await fixtures.close();
    }
  });

  it('names a missing or malformed ingest body', async () => {
    const neither = await post('/api/ingest', { body: 'what' });
    expect(neither.status).toBe(400);
    expectError(await neither.json(), 400, /json\.text: one of text, html or url is required/);
    const badDate = await post('/api/ingest', { text: 'Russia demanded a ceasefire.', published: 'last week' });
    expect(badDate.status).toBe(400);
    expectError(await badDate.json(), 400, /json\.published/);
    const noType = await post('/api/ingest', { text: 'Russia demanded a ceasefire.' }, { Authorization: auth.Authorization });
    expect(noType.status).toBe(415);
    expectError(await noType.json(), 415, /send the body as JSON, with Content-Type: application\/json/);
  });

  it('ingests text through the pipeline (idempotent), escapes it in the HTML briefing, and deletes it', async () => {
    const before = await store.counts();
    const res = await post('/api/ingest', HOSTILE_ARTICLE);
    expect(res.status).toBe(201);
    const saved = (await res.json()) as { documentId: number; created: boolean; claims: number };
    expect(saved).toMatchObject({ created: true });
    expect(saved.claims).toBeGreaterThan(0);
    const again = await post('/api/ingest', HOSTILE_ARTICLE);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ created: false });

    const claims = (await getJson(`/api/claims?actor=russia&proposition=ceasefire&outlet=${encodeURIComponent(HOSTILE_ARTICLE.outlet)}`)).body;
    expect(claims).toHaveLength(1);
    expect(claims[0].evidence).toContain(HOSTILE_EVIDENCE_PART);
    expect(claims[0]).toMatchObject({ documentId: saved.documentId, published: '2025-07-04', title: HOSTILE_ARTICLE.title });

    const html = await (await app.request('/api/brief?format=html&since=2025-07-04&until=2025-07-04')).text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot; onmouseover=&quot;alert(2)&quot;');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/<[^>]+\sonmouseover=/i);
    expect(html).not.toContain('<img');

    const del = await app.request(`/api/documents/${saved.documentId}`, { method: 'DELETE', headers: auth });
    expect(del.status).toBe(200);
    expect(await del.json()).toEqual({ deleted: saved.documentId });
    expect((await getJson(`/api/documents/${saved.documentId}`)).status).toBe(404);
    expect(await store.counts()).toEqual(before);
    const gone = await app.request(`/api/documents/${saved.documentId}`, { method: 'DELETE', headers: auth });
    expect(gone.status).toBe(404);
  });
});

describe('dashboard files and headers', () => {
  it('serves the page with a CSP that forbids inline scripts, and nosniff', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/<script type="module" src="app\.js"><\/script>/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await app.request('/app.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    const api = await app.request('/api/matrix');
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each(['/../package.json', '/%2e%2e/package.json', '/%2e%2e%2fpackage.json', '/..%2f..%2fpackage.json', '/web/../package.json', '/package.json', '/dist/cli/main.js'])('does not serve %s', async (path) => {
    const res = await app.request(`http://127.0.0.1${path}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(/"name": "parley"|#!\/usr\/bin\/env node/);
  });
});
