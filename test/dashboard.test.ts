// The dashboard in a real headless Chromium against a real server on
// 127.0.0.1: matrix → evidence → highlighted source, the other views, hostile
// text that must stay text, and a phone viewport. Screenshots go to test-results/.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSource } from '../src/jobs/ingest.js';
import { getPack } from '../src/pack/compile.js';
import { parseTextDocument } from '../src/pipeline/ingest/text-reader.js';
import { startServer, type RunningServer } from '../src/server/serve.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ROOT } from './helpers.js';
import { HOSTILE_ARTICLE, HOSTILE_EVIDENCE_PART, sampleStore } from './server-fixture.js';

const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = join(ROOT, 'test-results');
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

let store: SqliteStore;
let server: RunningServer;
let browser: Browser;
let hostileDoc: number;

/** A page that records script errors, console errors (CSP reports land there) and dialogs (alert). */
async function openPage(viewport: { width: number; height: number }): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return { page, problems };
}

async function go(page: Page, hash: string): Promise<void> {
  await page.goto(`${server.url}/${hash}`);
  await page.waitForSelector('body[data-ready]');
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium, as .ci/run does) or set PARLEY_CHROMIUM`);
  }
  mkdirSync(SHOTS, { recursive: true });
  ({ store } = await sampleStore());
  const source = parseTextDocument(HOSTILE_ARTICLE.text, 'hostile.txt');
  const outcome = await ingestSource(store, { ...source, title: HOSTILE_ARTICLE.title, outlet: HOSTILE_ARTICLE.outlet, published: HOSTILE_ARTICLE.published }, getPack());
  hostileDoc = outcome.documentId!;
  server = await startServer(store, getPack(), { host: '127.0.0.1', port: 0 });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
});

describe('dashboard in Chromium', () => {
  it('shows the matrix; a cell opens its claims; a claim opens the source with the evidence marked', async () => {
    const { page, problems } = await openPage(DESKTOP);
    await go(page, '#/matrix');
    expect(await page.locator('table.matrix tbody tr').count()).toBeGreaterThanOrEqual(4);
    await expect.poll(() => page.locator('.legend').textContent()).toMatch(/supports.*opposes.*mixed/);
    await page.screenshot({ path: join(SHOTS, 'dashboard-matrix-desktop.png'), fullPage: true });

    await page.click('a.cell-link[data-actor="russia"][data-proposition="ceasefire"]');
    await page.waitForSelector('#cell-detail .claim');
    expect(page.url()).toMatch(/#\/matrix\?actor=russia&proposition=ceasefire$/);
    const stored = await store.listClaims({ actor: 'russia', proposition: 'ceasefire' });
    expect(await page.locator('#cell-detail .claim').count()).toBe(stored.length);
    // Each claim says how sure the model is of it, with the probability the store keeps.
    const [firstShown] = await page.locator('#cell-detail .claim').evaluateAll((els) => els.map((e) => [Number(e.getAttribute('data-claim')), e.querySelector('.tag.confidence')?.textContent ?? '']));
    const shown = stored.find((c) => c.id === firstShown![0]);
    expect(firstShown![1]).toBe(`confidence ${shown!.confidence!.toFixed(2)}`);
    await page.screenshot({ path: join(SHOTS, 'dashboard-cell-desktop.png'), fullPage: true });

    const link = page.locator('#cell-detail .claim .open-doc').first();
    const claimId = Number(new URLSearchParams((await link.getAttribute('href'))!.split('?')[1]).get('claim'));
    const claim = stored.find((c) => c.id === claimId)!;
    expect(claim).toBeDefined();
    await link.click();
    await page.waitForSelector('.doc-text mark#evidence');
    expect(await page.locator('.doc-text mark#evidence').textContent()).toBe(claim.evidence);
    expect(await page.locator('.doc h1').textContent()).toBe(claim.title ?? claim.origin);
    // Without a write token (canWrite false) the document offers no form to add a claim.
    expect(await page.locator('#add-claim, #reviewer').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'dashboard-document-desktop.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lists a document\'s claims below its text, marks each one\'s sentence, and moves the mark to the claim picked', async () => {
    const { page, problems } = await openPage(DESKTOP);
    // A document whose claims stand in two sentences or more.
    const byDocument = new Map<number, Awaited<ReturnType<typeof store.listClaims>>>();
    for (const c of await store.listClaims()) byDocument.set(c.documentId, [...(byDocument.get(c.documentId) ?? []), c]);
    const [documentId, claims] = [...byDocument].find(([, list]) => new Set(list.map((c) => c.evidence)).size >= 2)!;
    const own = [...claims].sort((a, b) => a.start - b.start || a.id - b.id);
    expect(await store.listClaims({ document: documentId })).toHaveLength(own.length);
    const first = own[0]!;
    await go(page, `#/doc/${documentId}?start=${first.start}&end=${first.end}&claim=${first.id}`);
    await page.waitForSelector('#doc-claims');
    expect(await page.locator('#doc-claims-title').textContent()).toBe(`Claims in this article (${own.length})`);
    expect(await page.locator('#doc-claims li.claim').evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-claim'))))).toEqual(own.map((c) => c.id));
    expect(await page.locator('#doc-claims li.claim.current').getAttribute('data-claim')).toBe(String(first.id));
    const sentences = new Set(own.map((c) => c.evidence));
    expect(await page.locator('.doc-text mark').count()).toBe(sentences.size);
    expect(new Set(await page.locator('.doc-text mark').allTextContents())).toEqual(sentences);
    expect(await page.locator('.doc-text mark#evidence').textContent()).toBe(first.evidence);
    // The marks change nothing of the text itself.
    expect(await page.locator('.doc-text').textContent()).toBe((await store.getDocument(documentId))!.cleanText);
    const other = own.find((c) => c.evidence !== first.evidence)!;
    await page.click(`#doc-claims li.claim[data-claim="${other.id}"] .show-in-text`);
    await expect.poll(() => page.locator('.doc-text mark#evidence').textContent()).toBe(other.evidence);
    expect(await page.locator('#doc-claims li.claim.current').getAttribute('data-claim')).toBe(String(other.id));
    expect(await page.locator('.doc-text mark').count()).toBe(sentences.size);
    await page.screenshot({ path: join(SHOTS, 'dashboard-document-claims-desktop.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps hostile document text as text: no script runs, no attribute is injected', async () => {
    const { page, problems } = await openPage(DESKTOP);
    const [claim] = await store.listClaims({ outlet: HOSTILE_ARTICLE.outlet, actor: 'russia' });
    expect(claim!.evidence).toContain(HOSTILE_EVIDENCE_PART);
    await go(page, `#/matrix?outlet=${encodeURIComponent(HOSTILE_ARTICLE.outlet)}&actor=russia&proposition=ceasefire`);
    await page.waitForSelector('#cell-detail .claim');
    expect(await page.locator('#cell-detail .quote').first().textContent()).toBe(claim!.evidence);
    await page.locator('#cell-detail .quote').first().hover();
    await page.click('#cell-detail .open-doc');
    await page.waitForSelector('.doc-text mark#evidence');
    expect(await page.locator('.doc-text mark#evidence').textContent()).toBe(claim!.evidence);
    await page.locator('.doc-text mark#evidence').hover();
    expect(await page.locator('.doc h1').textContent()).toBe(HOSTILE_ARTICLE.title);
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('[onmouseover], [onerror], img, b').count()).toBe(0);
    await go(page, `#/brief?since=${HOSTILE_ARTICLE.published}&until=${HOSTILE_ARTICLE.published}`);
    await page.waitForSelector('.brief-grid');
    await page.locator('.sources-toggle summary').click();
    await expect.poll(() => page.locator('.sources').textContent()).toContain('<script>alert(1)</script>');
    expect(await page.locator('script').count()).toBe(1);
    expect(problems).toEqual([]);
    expect(hostileDoc).toBeGreaterThan(0);
    await page.close();
  });

  it('opens the timeline, conflicts, briefing and deal check views; filters reach every view', async () => {
    const { page, problems } = await openPage(DESKTOP);
    await go(page, '#/matrix');
    await page.click('nav a[data-view="timeline"]');
    await page.waitForSelector('#timeline-form');
    await page.selectOption('#pick-actor', 'russia');
    await page.selectOption('#pick-proposition', 'ceasefire');
    await page.click('#timeline-form button[type="submit"]');
    await page.waitForSelector('.timeline-chart');
    expect(await page.locator('.timeline-chart .shift-line').count()).toBeGreaterThan(0);
    expect(await page.locator('.shifts .shift').count()).toBe(await page.locator('.timeline-chart .shift-line').count());
    await page.screenshot({ path: join(SHOTS, 'dashboard-timeline-desktop.png'), fullPage: true });

    await page.click('nav a[data-view="conflicts"]');
    await page.waitForSelector('.conflict');
    expect(await page.locator('.conflict .side.oppose').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'dashboard-conflicts-desktop.png'), fullPage: true });

    await page.click('nav a[data-view="brief"]');
    await page.waitForSelector('.brief-grid .party');
    const cite = page.locator('.brief-lines a.cite').first();
    await page.screenshot({ path: join(SHOTS, 'dashboard-brief-desktop.png') });
    await cite.click();
    await page.waitForSelector('.doc-text mark#evidence');
    expect((await page.locator('.doc-text mark#evidence').textContent())!.length).toBeGreaterThan(10);

    await page.click('nav a[data-view="check"]');
    await page.fill('#plan', '1. A full ceasefire along the current line of contact.\n2. Ukraine gives up its bid to join NATO.');
    await page.click('#check-form button[type="submit"]');
    await page.waitForSelector('table.check tbody tr');
    expect(await page.locator('table.check tbody tr').count()).toBe(2);
    expect(await page.locator('table.check .verdict').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'dashboard-check-desktop.png'), fullPage: true });

    await page.click('nav a[data-view="sources"]');
    await page.waitForSelector('table.sources tbody tr');
    expect(await page.locator('table.sources tbody tr').count()).toBe((await store.counts()).documents);
    // The sample's syndicated pairs show as copies of one story; off-topic documents keep their reason.
    expect(await page.locator('table.sources .tag', { hasText: '2 copies' }).count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('table.sources tr.skipped').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'dashboard-sources-desktop.png'), fullPage: true });
    await page.locator('table.sources tbody tr a').first().click();
    await page.waitForSelector('.doc-text');
    expect((await page.locator('.doc-text').textContent())!.length).toBeGreaterThan(100);

    await page.click('nav a[data-view="matrix"]');
    await page.waitForSelector('table.matrix');
    const before = await page.locator('table.matrix .cell-link').count();
    await page.fill('#filters input[name="since"]', '2025-11-01');
    await page.click('#filters button[type="submit"]');
    await expect.poll(() => page.url()).toContain('since=2025-11-01');
    await expect.poll(() => page.locator('table.matrix .cell-link').count()).toBeLessThan(before);
    expect(await page.locator('nav a[data-view="conflicts"]').getAttribute('href')).toContain('since=2025-11-01');
    // The confidence filter: fewer claims in the header counts, and it stays in the address.
    const claimsIn = async (): Promise<number> => Number(/([\d,]+) claims/.exec((await page.locator('#counts').textContent()) ?? '')?.[1]?.replace(/,/g, '') ?? NaN);
    const allClaims = await claimsIn();
    await page.selectOption('#filters select[name="minConfidence"]', '0.9');
    await page.click('#filters button[type="submit"]');
    await expect.poll(() => page.url()).toContain('minConfidence=0.9');
    await expect.poll(claimsIn).toBeLessThan(allClaims);
    expect(await page.locator('#filters select[name="minConfidence"]').inputValue()).toBe('0.9');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('fits a phone: the page does not overflow, the matrix scrolls inside its box', async () => {
    const { page, problems } = await openPage(PHONE);
    await go(page, '#/matrix?actor=ukraine&proposition=ceasefire');
    await page.waitForSelector('#cell-detail .claim');
    const widths = await page.evaluate(() => {
      const box = document.querySelector('.matrix-scroll')!;
      return { page: document.documentElement.scrollWidth, box: box.clientWidth, table: box.scrollWidth };
    });
    expect(widths.page).toBeLessThanOrEqual(PHONE.width);
    expect(widths.table).toBeGreaterThan(widths.box);
    await page.screenshot({ path: join(SHOTS, 'dashboard-matrix-phone.png'), fullPage: true });
    await page.locator('#cell-detail .open-doc').last().click();
    await page.waitForSelector('.doc-text mark#evidence');
    // The evidence is scrolled into view, not left somewhere down a long article.
    const mark = await page.evaluate(() => document.querySelector('.doc-text mark#evidence')!.getBoundingClientRect().toJSON() as DOMRect);
    expect(mark.top).toBeGreaterThanOrEqual(0);
    expect(mark.top).toBeLessThan(PHONE.height);
    await page.screenshot({ path: join(SHOTS, 'dashboard-document-phone.png') });
    await go(page, '#/brief');
    await page.waitForSelector('.brief-grid .party');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: join(SHOTS, 'dashboard-brief-phone.png') });
    expect(problems).toEqual([]);
    await page.close();
  });
});
