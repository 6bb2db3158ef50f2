// Review and correction of claims: the store applies a review to every view (the
// summary tables stay equal to the claims), keeps the audit trail, applies reviews
// again when the same text is stored again, and exports gold; then the same
// through the real HTTP API (token-protected) and the real binary.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrief } from '../src/analysis/brief.js';
import { buildMatrix } from '../src/analysis/matrix.js';
import { ingestPaths } from '../src/jobs/ingest.js';
import { exportReviewedGold } from '../src/jobs/review-export.js';
import { getPack } from '../src/pack/compile.js';
import { createApp } from '../src/server/app.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { StoredClaim } from '../src/store/store.js';
import { parley, tempDir } from './helpers.js';
import { sampleStore } from './server-fixture.js';

const pack = getPack();
const TOKEN = 'review-token-1';
let store: SqliteStore;

beforeAll(async () => {
  ({ store } = await sampleStore());
});
afterAll(async () => store.close());

async function cell(actor: string, proposition: string) {
  return (await buildMatrix(store, { actor, proposition }))[0];
}

async function expectSummaryExact(): Promise<void> {
  // The matrix is read from trigger-kept summary tables; a review must keep them equal to the claims.
  expect(await store.matrix()).toEqual(await store.matrixFromClaims());
  expect(await store.matrix({ since: '2025-06-01' })).toEqual(await store.matrixFromClaims({ since: '2025-06-01' }));
}

async function firstClaim(actor: string, proposition: string, polarity: 'support' | 'oppose'): Promise<StoredClaim> {
  const claims = await store.listClaims({ actor, proposition, polarity });
  expect(claims.length).toBeGreaterThan(0);
  return claims[0]!;
}

describe('reviews in the store', () => {
  it('a rejected claim no longer counts in the matrix, the claims or the briefing', async () => {
    const before = (await cell('russia', 'ceasefire'))!;
    const claim = await firstClaim('russia', 'ceasefire', 'support');
    const result = await store.reviewClaim(claim.id, { action: 'reject', by: 'ana', note: 'a prediction, not a stance' });
    expect(result.claimId).toBeUndefined();
    expect(result.review).toMatchObject({ action: 'reject', by: 'ana', note: 'a prediction, not a stance', claimId: claim.id, actor: 'russia', evidence: claim.evidence });
    const after = (await cell('russia', 'ceasefire'))!;
    expect(after.support).toBe(before.support - 1);
    expect((await store.listClaims({ actor: 'russia', proposition: 'ceasefire' })).map((c) => c.id)).not.toContain(claim.id);
    const brief = await buildBrief(store, pack);
    expect(brief.citations.map((c) => c.claimId)).not.toContain(claim.id);
    await expectSummaryExact();
  });

  it('a fix moves the claim to its right cell and marks it fixed; a confirm marks it confirmed', async () => {
    const claim = await firstClaim('ukraine', 'ceasefire', 'support');
    const before = (await cell('ukraine', 'ceasefire'))!;
    const fixed = await store.reviewClaim(claim.id, { action: 'fix', polarity: 'oppose', by: 'ana' });
    expect(fixed.claimId).toBeGreaterThan(0);
    expect((await cell('ukraine', 'ceasefire'))!.oppose).toBe(before.oppose + 1);
    const moved = (await store.listClaims({ actor: 'ukraine', proposition: 'ceasefire', polarity: 'oppose' })).find((c) => c.id === fixed.claimId)!;
    expect(moved).toMatchObject({ evidence: claim.evidence, start: claim.start, review: 'fixed' });
    await expectSummaryExact();
    const other = await firstClaim('usa', 'ceasefire', 'support');
    expect((await store.reviewClaim(other.id, { action: 'confirm', by: 'bo' })).claimId).toBe(other.id);
    expect((await store.listClaims({ actor: 'usa', proposition: 'ceasefire' })).find((c) => c.id === other.id)!.review).toBe('confirmed');
  });

  it('refuses a fix that changes nothing and an unknown claim, and keeps nothing for them', async () => {
    const claim = await firstClaim('russia', 'territory_cession', 'support');
    const trail = (await store.listReviews()).length;
    await expect(store.reviewClaim(claim.id, { action: 'fix', polarity: 'support', by: 'ana' })).rejects.toThrow(/fix: give a new actor/);
    await expect(store.reviewClaim(999_999, { action: 'reject', by: 'ana' })).rejects.toThrow(/no claim with id 999999/);
    expect(await store.listReviews()).toHaveLength(trail);
  });

  it('reviews apply again when the document is stored again (re-ingest)', async () => {
    const rejected = (await store.listReviews()).find((r) => r.action === 'reject')!;
    const fixedReview = (await store.listReviews()).find((r) => r.action === 'fix')!;
    const docs = await store.listDocuments();
    for (const review of [rejected, fixedReview]) {
      const doc = docs.find((d) => d.contentHash === review.contentHash)!;
      expect(await store.deleteDocument(doc.id)).toBe(true);
    }
    const files = [...new Set([rejected.origin, fixedReview.origin])];
    const summary = await ingestPaths(store, files, { pack, showProgress: false });
    expect(summary.new).toBe(files.length);
    const claims = await store.listClaims();
    expect(claims.some((c) => c.evidence === rejected.evidence && c.actor === rejected.actor && c.proposition === rejected.proposition && c.polarity === rejected.polarity)).toBe(false);
    const refixed = claims.find((c) => c.evidence === fixedReview.evidence && c.actor === 'ukraine' && c.proposition === 'ceasefire')!;
    expect(refixed).toMatchObject({ polarity: 'oppose', review: 'fixed' });
    await expectSummaryExact();
  });

  it("exports the reviewed documents' claims in the spec's gold format", async () => {
    const { lines: gold } = await exportReviewedGold(store);
    expect(gold.length).toBeGreaterThan(0);
    for (const line of gold) {
      expect(Object.keys(line)).toEqual(['doc', 'actor', 'proposition', 'polarity', 'evidence']);
      expect(line.doc).toMatch(/^\d\d-[\w-]+\.txt$/);
      expect(Array.isArray(line.evidence)).toBe(true);
    }
    const rejected = (await store.listReviews()).find((r) => r.action === 'reject')!;
    expect(gold.some((l) => (l.evidence as string[])[0] === rejected.evidence && l.actor === rejected.actor && l.proposition === rejected.proposition)).toBe(false);
  });
});

describe('reviews through the HTTP API', () => {
  // Hono's app.request goes through the same routing, validation and middleware as a served request.
  it('needs the token, refuses bad bodies, and the matrix follows a rejection', async () => {
    const app = createApp(store, pack, { token: TOKEN, webRoot: false });
    const claim = await firstClaim('russia', 'foreign_troops', 'oppose');
    const before = (await (await app.request('/api/matrix?actor=russia&proposition=foreign_troops')).json())[0];
    const post = (body: unknown, headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` }) =>
      app.request(`/api/claims/${claim.id}/review`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
    expect((await post({ action: 'reject', by: 'web' }, {})).status).toBe(401);
    expect((await createApp(store, pack, { webRoot: false }).request(`/api/claims/${claim.id}/review`, { method: 'POST', body: '{}' })).status).toBe(403);
    const bad = await post({ action: 'fix', by: 'web', actor: 'Atlantis' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/body\.actor: unknown actor 'Atlantis'/);
    expect((await app.request('/api/claims/999999/review', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ action: 'reject', by: 'web' }) })).status).toBe(404);
    const ok = await post({ action: 'reject', by: 'web', note: 'headline only' });
    expect(ok.status).toBe(200);
    const after = (await (await app.request('/api/matrix?actor=russia&proposition=foreign_troops')).json())[0];
    expect(after.oppose).toBe(before.oppose - 1);
    const trail = await (await app.request('/api/reviews')).json();
    expect(trail[0]).toMatchObject({ action: 'reject', by: 'web', note: 'headline only', claimId: claim.id });
  });
});

describe('parley review (the real binary)', () => {
  it('confirms, rejects and fixes by claim id, lists the trail and exports gold', async () => {
    const dir = tempDir();
    const db = join(dir, 'talks.db');
    expect(parley(['ingest', '--db', db, 'corpus/sample']).status).toBe(0);
    const claims = parley(['claims', '--db', db, '--actor', 'russia', '--format', 'jsonl']).stdout.trim().split('\n').map((l) => JSON.parse(l));
    const [a, b, c] = claims;
    const before = JSON.parse(parley(['matrix', '--db', db, '--format', 'json', '--actor', 'russia', '--proposition', a.proposition]).stdout)[0];
    const reject = parley(['review', String(a.id), '--reject', '--note', 'not a stance', '--by', 'ana', '--db', db]);
    expect(reject.status).toBe(0);
    expect(reject.stdout).toMatch(new RegExp(`^review 1: reject claim ${a.id} by ana \\(it no longer counts\\)`));
    const after = JSON.parse(parley(['matrix', '--db', db, '--format', 'json', '--actor', 'russia', '--proposition', a.proposition]).stdout)[0];
    expect((after?.support ?? 0) + (after?.oppose ?? 0)).toBe(before.support + before.oppose - 1);
    expect(parley(['review', String(b.id), '--confirm', '--by', 'ana', '--db', db]).status).toBe(0);
    expect(parley(['review', String(c.id), '--actor', 'Zelensky', '--by', 'ana', '--db', db]).stdout).toMatch(/fix claim \d+ by ana \(now claim \d+\)/);
    const list = parley(['review', '--list', '--format', 'jsonl', '--db', db]).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(list.map((r) => r.action)).toEqual(['fix', 'confirm', 'reject']);
    expect(list[0]).toMatchObject({ newActor: 'ukraine', by: 'ana' });
    const none = parley(['review', String(b.id), '--db', db]);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/exactly one of --confirm, --reject, or a fix/);
    const gold = join(dir, 'gold.jsonl');
    expect(parley(['review', '--export', gold, '--db', db]).status).toBe(0);
    const lines = readFileSync(gold, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toContainEqual({ doc: c.doc.split('/').pop(), actor: 'ukraine', proposition: c.proposition, polarity: c.polarity, evidence: [c.evidence] });

    // With --texts the store alone is enough to train from: each reviewed document's text, named as its gold lines name it.
    const texts = join(dir, 'texts');
    const withTexts = join(dir, 'gold-texts.jsonl');
    const exported = parley(['review', '--export', withTexts, '--texts', texts, '--db', db]);
    expect(exported.status, exported.stderr).toBe(0);
    const files = readdirSync(texts).sort();
    expect(exported.stderr).toMatch(new RegExp(`reviewed documents to .*, and their texts to .* \\(${files.length} files\\)`));
    const textLines = readFileSync(withTexts, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(textLines.length).toBe(lines.length);
    for (const line of textLines) {
      expect(files).toContain(line.doc);
      expect(readFileSync(join(texts, line.doc), 'utf8')).toContain(line.evidence[0]);
    }
    expect(parley(['review', '--texts', texts, '--db', db]).stderr).toMatch(/--texts goes with --export FILE/);
    const model = join(dir, 'model.json');
    const train = parley(['train', '--gold', withTexts, '--folds', '2', '--out', model, texts]);
    expect(train.status, train.stderr).toBe(0);
    // The header names the gold by its last two path parts.
    expect(JSON.parse(readFileSync(model, 'utf8')).header.trainedOn).toEqual([{ gold: `${basename(dir)}/gold-texts.jsonl`, documents: files.length, claims: textLines.length }]);
  }, 240_000);
});

