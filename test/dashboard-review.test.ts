// The analyst's dashboard in a real headless Chromium against a real server on
// 127.0.0.1 with a write token: header counts follow the filters, and rejecting
// a claim in a cell's evidence changes the matrix.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPack } from '../src/pack/compile.js';
import { startServer, type RunningServer } from '../src/server/serve.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { sampleStore } from './server-fixture.js';

const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
const TOKEN = 'browser-review-token';

let store: SqliteStore;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set PARLEY_CHROMIUM`);
  ({ store } = await sampleStore());
  server = await startServer(store, getPack(), { host: '127.0.0.1', port: 0, token: TOKEN });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
});

async function go(page: Page, hash: string): Promise<void> {
  await page.goto(`${server.url}/${hash}`);
  await page.waitForSelector('body[data-ready]');
}

describe('the dashboard for an analyst', () => {
  it('counts documents and claims within the active filters', async () => {
    const page = await browser.newPage();
    await go(page, '#/matrix');
    const all = await store.counts();
    await expect.poll(() => page.locator('#counts').textContent()).toContain(`${all.documents} documents · ${all.claims} claims`);
    const since = await store.counts({ since: '2025-09-01' });
    expect(since.claims).toBeLessThan(all.claims);
    await go(page, '#/matrix?since=2025-09-01');
    await expect.poll(() => page.locator('#counts').textContent()).toContain(`${since.documents} documents · ${since.claims} claims within the filters`);
    await expect.poll(() => page.locator('#matrix-lede').textContent()).toContain(`from ${since.claims} claims in ${since.documents} documents`);
    await page.close();
  });

  it('rejects a claim with the token from the page, and the matrix cell changes', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    const before = (await store.matrix({ actor: 'russia', proposition: 'ceasefire' }))[0]!;
    await go(page, '#/matrix?actor=russia&proposition=ceasefire');
    const cell = page.locator('a.cell-link[data-actor="russia"][data-proposition="ceasefire"] .cnt');
    const shown = await cell.textContent();
    const first = page.locator('#cell-detail li.claim').first();
    const claimId = Number(await first.getAttribute('data-claim'));
    await page.fill('#reviewer input[name=reviewer]', 'browser-analyst');
    await page.fill('#reviewer input[name=token]', 'wrong-token');
    await first.locator('details.review summary').click();
    await first.locator('button[data-review=reject]').click();
    await expect.poll(() => first.locator('.review-message').textContent()).toMatch(/wrong token/);
    expect((await store.matrix({ actor: 'russia', proposition: 'ceasefire' }))[0]).toEqual(before);

    await page.fill('#reviewer input[name=token]', TOKEN);
    await first.locator('button[data-review=reject]').click();
    await expect.poll(async () => page.locator(`#cell-detail li.claim[data-claim="${claimId}"]`).count()).toBe(0);
    const after = (await store.matrix({ actor: 'russia', proposition: 'ceasefire' }))[0]!;
    expect(after.support + after.oppose).toBe(before.support + before.oppose - 1);
    const expected = [after.supportDocs ? `+${after.supportDocs}` : '', after.opposeDocs ? `−${after.opposeDocs}` : ''].filter(Boolean).join(' ');
    await expect.poll(() => cell.textContent()).toBe(expected);
    if (after.supportDocs !== before.supportDocs || after.opposeDocs !== before.opposeDocs) expect(expected).not.toBe(shown);
    expect(await page.evaluate(() => sessionStorage.getItem('parley.token'))).toBe(TOKEN);
    expect((await store.listReviews())[0]).toMatchObject({ action: 'reject', by: 'browser-analyst', claimId });
    expect(problems).toEqual([]);
    await page.close();
  });
});
