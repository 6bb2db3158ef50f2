// Review and correction of claims: the store applies a review to every view (the
// summary tables stay equal to the claims), keeps the audit trail, applies reviews
// again when the same text is stored again, and exports gold; a claim the model
// missed is added from a quote of its sentence; then the same through the real
// HTTP API (token-protected) and the real binary.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrief } from '../src/analysis/brief.js';
import { buildMatrix } from '../src/analysis/matrix.js';
import { spawnSync } from 'node:child_process';
import { quotedSentence } from '../src/jobs/add-claim.js';
import { quoteOf } from '../src/jobs/uncertain.js';
import { ingestPaths } from '../src/jobs/ingest.js';
import { exportReviewedGold } from '../src/jobs/review-export.js';
import { getPack } from '../src/pack/compile.js';
import { createApp } from '../src/server/app.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { StoredClaim } from '../src/store/store.js';
import { CLI, parley, tempDir } from './helpers.js';
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

describe('the sentence a missed claim is quoted from', () => {
  const text = 'Talks resumed in Geneva on Friday.\n\nThe envoy said Kyiv would not accept a freeze of the front line. He added that talks would go on.\nA second  round is planned.';
  it('is the one sentence holding the quote, in any case and spacing, with the offsets and index segmentation gives it', () => {
    const found = quotedSentence(text, 'kyiv WOULD not\naccept');
    expect(found).toEqual({ evidence: 'The envoy said Kyiv would not accept a freeze of the front line.', start: 36, end: 100, sentenceIndex: 1 });
    expect(text.slice(found.start, found.end)).toBe(found.evidence);
    expect(quotedSentence(text, 'a second round')).toMatchObject({ evidence: 'A second  round is planned.', sentenceIndex: 3 });
  });
  it('is refused when the quote is missing, stands twice, spans two sentences or is too short to find', () => {
    expect(() => quotedSentence(text, 'a ceasefire in May')).toThrow(/"a ceasefire in May" is not in the document's clean text/);
    expect(() => quotedSentence(text, 'talks resumed in geneva on friday. the envoy')).toThrow(/runs past the end of its sentence/);
    expect(() => quotedSentence('Talks will go on. Talks will go on, he said.', 'talks will go on')).toThrow(/stands 2 times in the document; quote more/);
    expect(() => quotedSentence(text, ' Kyiv ')).toThrow(/quote at least 8 characters/);
  });
});

describe('the quote an uncertain candidate suggests', () => {
  it('is a run of words the shell reads as text, else the first ten single-quoted, and bash gives back the words', () => {
    const cases: [string, string][] = [
      ['The envoy said talks would resume next week in Geneva after a pause.', '"The envoy said talks would resume next week in Geneva"'],
      ['"We will not," he said, adding that the $5bn fund would wait until the spring.', '"he said, adding that the"'],
      ["Kyiv's envoy won't agree.", `"Kyiv's envoy won't agree."`],
      ['"No," `he` said $1 "never" ok!', `'"No," \`he\` said $1 "never" ok!'`],
      ["'Yes!' it's $5", `''\\''Yes!'\\'' it'\\''s $5'`],
    ];
    for (const [evidence, quoted] of cases) {
      expect(quoteOf(evidence), evidence).toBe(quoted);
      const echoed = spawnSync('bash', ['-c', `printf %s ${quoted}`], { encoding: 'utf8' }).stdout;
      expect(evidence.replace(/\s+/g, ' ')).toContain(echoed.replace(/\s+/g, ' '));
      expect(echoed.length).toBeGreaterThan(8);
    }
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

describe('adding a missed claim through the HTTP API', () => {
  it('needs the token, finds the sentence from a quote, refuses a bad quote or cell, and the matrix follows', async () => {
    const app = createApp(store, pack, { token: TOKEN, webRoot: false });
    // A sentence the model read, given to an actor it did not name there.
    const [seen] = await store.listClaims({ actor: 'ukraine' });
    const quote = seen!.evidence.split(/\s+/).slice(0, 8).join(' ');
    const post = (id: number, body: unknown, headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` }) =>
      app.request(`/api/documents/${id}/claims`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const body = { actor: 'Turkey', proposition: seen!.proposition, polarity: 'oppose', evidence: quote, reported: true, by: 'web', note: 'the model missed it' };
    const before = (await buildMatrix(store, { actor: 'turkey', proposition: seen!.proposition }))[0];
    expect((await post(seen!.documentId, body, {})).status).toBe(401);
    const unknownActor = await post(seen!.documentId, { ...body, actor: 'Atlantis' });
    expect(unknownActor.status).toBe(400);
    expect((await unknownActor.json()).error.message).toMatch(/body\.actor: unknown actor 'Atlantis'/);
    const missing = await post(seen!.documentId, { ...body, evidence: 'words no article of ours holds' });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.message).toMatch(/^body\.evidence: "words no article of ours holds" is not in the document's clean text/);
    expect((await post(999_999, body)).status).toBe(404);
    expect((await post(seen!.documentId, { ...body, polarity: 'maybe' })).status).toBe(400);

    const ok = await post(seen!.documentId, body);
    expect(ok.status).toBe(201);
    const { review, claimId } = await ok.json();
    expect(review).toMatchObject({ action: 'add', by: 'web', actor: 'turkey', evidence: seen!.evidence, start: seen!.start, end: seen!.end, claimId, added: { sentenceIndex: seen!.sentenceIndex, modality: 'reject', hedged: false, reported: true } });
    const after = (await buildMatrix(store, { actor: 'turkey', proposition: seen!.proposition }))[0]!;
    expect(after.oppose).toBe((before?.oppose ?? 0) + 1);
    const listed = await (await app.request(`/api/claims?actor=turkey&proposition=${seen!.proposition}&polarity=oppose`)).json();
    expect(listed.claims ?? listed).toEqual(expect.arrayContaining([expect.objectContaining({ id: claimId, review: 'added', rule: 'analyst/added' })]));
    const again = await post(seen!.documentId, body);
    expect(again.status).toBe(400);
    expect((await again.json()).error.message).toMatch(new RegExp(`already has this claim \\(claim ${claimId}\\)`));
    await expectSummaryExact();
  });
});

describe('parley review (the real binary)', () => {
  it('lists the candidates nearest the threshold, least sure first, with a review command that works and drops them from the list', async () => {
    const db = join(tempDir(), 'uncertain.db');
    expect(parley(['ingest', '--db', db, 'corpus/sample']).status).toBe(0);
    const list = (args: string[] = []) => parley(['review', '--uncertain', '30', '--format', 'jsonl', '--db', db, ...args]).stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const threshold = pack.model!.threshold;
    const found = list();
    expect(found.length).toBe(30);
    expect(found.map((c) => c.margin)).toEqual([...found.map((c) => c.margin)].sort((a, b) => a - b));
    for (const c of found) {
      expect(c.margin).toBeLessThanOrEqual(0.2);
      // Kept ones are stored claims to confirm or reject; the others are claims to add.
      expect(c.claimId !== undefined, JSON.stringify(c)).toBe(c.probability >= threshold);
    }
    expect(list(['--band', '0.01']).every((c) => c.margin <= 0.01)).toBe(true);
    const toAdd = found.find((c) => c.claimId === undefined)!;
    const toConfirm = found.find((c) => c.claimId !== undefined)!;
    expect(toAdd.review).toMatch(/^--add \d+ --evidence /);
    // The suggested arguments, as a user pastes them into a shell.
    const run = (args: string) => spawnSync('bash', ['-c', `'${process.execPath}' '${CLI}' review ${args} --by ana --db '${db}'`], { encoding: 'utf8' });
    const added = run(toAdd.review);
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toMatch(new RegExp(`add claim \\d+ to document ${toAdd.documentId} by ana: ${toAdd.actor} ${toAdd.polarity} ${toAdd.proposition} \\(sentence ${toAdd.sentenceIndex}\\)`));
    expect(run(toConfirm.review.split(' | ')[0]).status).toBe(0);
    const after = list();
    const key = (c: { documentId: number; start: number; actor: string; proposition: string; polarity: string }) => `${c.documentId}|${c.start}|${c.actor}|${c.proposition}|${c.polarity}`;
    expect(after.map(key)).not.toContain(key(toAdd));
    expect(after.map(key)).not.toContain(key(toConfirm));
    const table = parley(['review', '--uncertain', '--db', db]);
    expect(table.stdout.split('\n')[0]).toMatch(/^doc +claim +probability +actor +proposition +polarity +evidence +review/);
    expect(table.stderr).toMatch(/20 candidates within 0.2 of the threshold/);
    expect(parley(['review', '--uncertain', '--band', '2', '--db', db]).stderr).toMatch(/expected a number in \(0, 1\]/);
  }, 120_000);

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
    // A claim the model missed, from a quote of its sentence: the EU backing the proposition of b's sentence.
    const quote = b.evidence.split(/\s+/).slice(0, 8).join(' ');
    const add = parley(['review', '--add', String(b.documentId), '--evidence', quote, '--actor', 'EU', '--proposition', b.proposition, '--polarity', 'support', '--hedged', '--by', 'ana', '--db', db]);
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).toMatch(new RegExp(`^review 4: add claim (\\d+) to document ${b.documentId} by ana: europe support ${b.proposition} \\(sentence \\d+\\)`));
    const addedId = Number(/add claim (\d+)/.exec(add.stdout)![1]);
    const euClaims = parley(['claims', '--db', db, '--actor', 'europe', '--format', 'jsonl']).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(euClaims).toContainEqual(expect.objectContaining({ id: addedId, evidence: b.evidence, start: b.start, end: b.end, modality: 'demand', hedged: true, rule: 'analyst/added' }));
    expect(parley(['review', '--add', String(b.documentId), '--evidence', quote, '--actor', 'EU', '--proposition', b.proposition, '--polarity', 'support', '--db', db]).stderr).toMatch(/already has this claim/);
    expect(parley(['review', '--add', String(b.documentId), '--evidence', 'no article of ours holds these words', '--actor', 'EU', '--proposition', b.proposition, '--polarity', 'support', '--db', db]).stderr).toMatch(/review --add \d+: evidence: "no article of ours holds these words" is not in the document's clean text/);
    expect(parley(['review', '--add', String(b.documentId), '--evidence', quote, '--actor', 'EU', '--db', db]).stderr).toMatch(/--add needs --evidence QUOTE, --actor, --proposition and --polarity/);
    expect(parley(['review', '--add', '999999', '--evidence', quote, '--actor', 'EU', '--proposition', b.proposition, '--polarity', 'support', '--db', db]).stderr).toMatch(/no document with id 999999/);
    expect(parley(['review', String(b.id), '--confirm', '--evidence', quote, '--db', db]).stderr).toMatch(/--evidence, --modality, --hedged and --reported go with --add DOCUMENT/);
    const list = parley(['review', '--list', '--format', 'jsonl', '--db', db]).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(list.map((r) => r.action)).toEqual(['add', 'fix', 'confirm', 'reject']);
    expect(list[1]).toMatchObject({ newActor: 'ukraine', by: 'ana' });
    expect(parley(['review', '--list', '--db', db]).stdout).toMatch(/added \(sentence \d+, demand\)/);
    const none = parley(['review', String(b.id), '--db', db]);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/exactly one of --confirm, --reject, or a fix/);
    const gold = join(dir, 'gold.jsonl');
    expect(parley(['review', '--export', gold, '--db', db]).status).toBe(0);
    const lines = readFileSync(gold, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toContainEqual({ doc: c.doc.split('/').pop(), actor: 'ukraine', proposition: c.proposition, polarity: c.polarity, evidence: [c.evidence] });
    expect(lines).toContainEqual({ doc: b.doc.split('/').pop(), actor: 'europe', proposition: b.proposition, polarity: 'support', evidence: [b.evidence] });

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

