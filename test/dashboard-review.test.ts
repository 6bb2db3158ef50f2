// The analyst's dashboard in a real headless Chromium against a real server on
// 127.0.0.1 with a write token: header counts follow the filters, rejecting
// a claim in a cell's evidence changes the matrix, and a claim the model missed
// is added from a selection in the document view.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPack } from '../src/pack/compile.js';
import { startServer, type RunningServer } from '../src/server/serve.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { StoredClaim, StoredDocument } from '../src/store/store.js';
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

  it('adds a missed claim from a selection in the document, and shows the server\'s word on a bad quote', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    const { claim, doc, fragment, actor } = await missedClaimCase();
    await go(page, `#/doc/${doc.id}`);
    await page.waitForSelector('#add-claim-form');
    await page.fill('#reviewer input[name=reviewer]', 'browser-analyst');
    await page.fill('#reviewer input[name=token]', TOKEN);

    // The analyst selects a part of the sentence in the text: the quote field takes it on mouseup, or from the button.
    const at = doc.cleanText.indexOf(fragment, claim.start);
    const select = (mouseup: boolean): Promise<void> =>
      page.evaluate(([from, to, up]) => {
        const text = document.querySelector('.doc-text')!;
        // The text is split by the marks of its claims' sentences: find the text node each offset falls in.
        const place = (offset: number): [Node, number] => {
          const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
          let seen = 0;
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const length = node.textContent!.length;
            if (offset <= seen + length) return [node, offset - seen];
            seen += length;
          }
          throw new Error(`offset ${offset} is past the text`);
        };
        const range = document.createRange();
        range.setStart(...place(from));
        range.setEnd(...place(to));
        document.getSelection()!.removeAllRanges();
        document.getSelection()!.addRange(range);
        if (up) text.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      }, [at, at + fragment.length, mouseup] as const);
    const shown = fragment.replace(/\s+/g, ' ');
    await select(true);
    await expect.poll(() => page.inputValue('#add-evidence')).toBe(shown);
    await page.fill('#add-evidence', '');
    await select(false);
    await page.click('#use-selection');
    await expect.poll(() => page.inputValue('#add-evidence')).toBe(shown);

    const form = page.locator('#add-claim-form');
    await form.locator('select[name=actor]').selectOption(actor);
    await form.locator('select[name=proposition]').selectOption(claim.proposition);
    await form.locator('select[name=polarity]').selectOption(claim.polarity);
    await form.locator('input[name=reported]').check();

    // A quote the document does not hold: the server's message, and nothing stored.
    const reviews = (await store.listReviews()).length;
    await page.fill('#add-evidence', 'a sentence this document never printed');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.locator('#add-claim-status').textContent()).toMatch(/^body\.evidence: "a sentence this document never printed" is not in the document's clean text/);
    expect(await store.listReviews()).toHaveLength(reviews);

    await page.fill('#add-evidence', fragment);
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.locator('#add-claim-status').textContent()).toMatch(/^Added claim \d+/);
    const newId = Number(/claim (\d+)/.exec((await page.locator('#add-claim-status').textContent())!)![1]);
    const res = await fetch(`${server.url}/api/claims?actor=${actor}&proposition=${claim.proposition}&limit=500`);
    const listed = ((await res.json()) as { id: number; documentId: number; review?: string; rule: string; evidence: string; reported: boolean }[]).find((c) => c.id === newId);
    expect(listed).toMatchObject({ documentId: doc.id, review: 'added', rule: 'analyst/added', evidence: claim.evidence, reported: true });
    expect((await store.listReviews())[0]).toMatchObject({ action: 'add', by: 'browser-analyst', claimId: newId });
    // The view came back with the count risen and the new claim's sentence marked.
    await expect.poll(() => page.locator('.doc .doc-claims').textContent()).toBe(`${doc.claimCount + 1} claims`);
    expect(await page.locator('.doc-text mark#evidence').textContent()).toBe(claim.evidence);
    expect(new URLSearchParams(page.url().split('?')[1]).get('claim')).toBe(String(newId));

    // The same claim again is refused, with the server's reason.
    await page.fill('#add-evidence', fragment);
    await form.locator('select[name=actor]').selectOption(actor);
    await form.locator('select[name=proposition]').selectOption(claim.proposition);
    await form.locator('select[name=polarity]').selectOption(claim.polarity);
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.locator('#add-claim-status').textContent()).toContain(`already has this claim (claim ${newId}): confirm it instead`);
    expect(problems).toEqual([]);
    await page.close();
  });
});

/**
 * A stored claim, its document, a few words of its evidence that stand once in the document,
 * and another actor with no claim on that proposition there, so adding it makes a new claim.
 */
async function missedClaimCase(): Promise<{ claim: StoredClaim; doc: StoredDocument; fragment: string; actor: string }> {
  const actors = getPack().data.actors.map((a) => a.id);
  for (const claim of await store.listClaims()) {
    const doc = await store.getDocument(claim.documentId);
    if (!doc || doc.skipReason) continue;
    const words = claim.evidence.split(' ');
    const fragment = words.slice(0, Math.max(3, Math.ceil(words.length / 2))).join(' ');
    if (fragment.length < 12 || doc.cleanText.toLowerCase().split(fragment.toLowerCase()).length !== 2) continue;
    const taken = new Set((await store.listClaims({ proposition: claim.proposition })).filter((c) => c.documentId === doc.id).map((c) => c.actor));
    const actor = actors.find((a) => !taken.has(a));
    if (actor) return { claim, doc, fragment, actor };
  }
  throw new Error('the sample store has no claim to add a second actor to');
}
