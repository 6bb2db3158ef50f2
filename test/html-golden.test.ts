// Golden HTML pages (our own, with site chrome): the reader plus cleaning keep
// every body paragraph and drop every element marked data-chrome. Regenerate
// the expected files with `UPDATE_GOLDEN=1 npx vitest run test/html-golden.test.ts`.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../src/pipeline/clean/clean.js';
import { decodeMarkup } from '../src/pipeline/ingest/charset.js';
import { wrapInPage } from '../src/bench/html-bench.js';
import { htmlReader, readHtml } from '../src/pipeline/ingest/html-reader.js';
import { parseTextDocument } from '../src/pipeline/ingest/text-reader.js';
import { InputError } from '../src/pipeline/ingest/reader.js';
import type { SourceDocument } from '../src/pipeline/types.js';
import { ROOT } from './helpers.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'html');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

async function readFixture(slug: string): Promise<SourceDocument> {
  const bytes = readFileSync(join(FIXTURES, slug, 'source.html'));
  const items = [];
  const warnings: string[] = [];
  for await (const item of htmlReader.read({ origin: `${slug}/source.html`, bytes }, { onWarning: (m) => warnings.push(m) })) items.push(item);
  expect(items).toHaveLength(1);
  // Every golden page declares its charset truly: nothing is overruled.
  expect(warnings).toEqual([]);
  if (items[0] instanceof InputError) throw items[0];
  return items[0] as SourceDocument;
}

function squash(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

describe('golden HTML pages', () => {
  const slugs = readdirSync(FIXTURES).filter((s) => existsSync(join(FIXTURES, s, 'source.html')));

  it('has at least five pages', () => {
    expect(slugs.length).toBeGreaterThanOrEqual(5);
  });

  it.each(slugs)('%s: text and metadata match the golden files', async (slug) => {
    const doc = await readFixture(slug);
    const text = `${cleanDocument(doc).text}\n`;
    const metadata = { title: doc.title, outlet: doc.outlet, author: doc.author, published: doc.published, canonicalUrl: doc.canonicalUrl };
    const metadataJson = `${JSON.stringify(metadata, null, 2)}\n`;
    if (UPDATE) {
      writeFileSync(join(FIXTURES, slug, 'expected.txt'), text);
      writeFileSync(join(FIXTURES, slug, 'expected-metadata.json'), metadataJson);
    }
    expect(text).toBe(readFileSync(join(FIXTURES, slug, 'expected.txt'), 'utf8'));
    expect(metadataJson).toBe(readFileSync(join(FIXTURES, slug, 'expected-metadata.json'), 'utf8'));
  });

  it.each(slugs)('%s: every body paragraph kept, as its own paragraph, and the chrome gone', async (slug) => {
    const doc = await readFixture(slug);
    const text = cleanDocument(doc).text;
    const paragraphs = text.split(/\n+/).map(squash);
    const { document } = parseHTML(decodeMarkup(readFileSync(join(FIXTURES, slug, 'source.html')), slug));
    const body = Array.from(document.querySelectorAll('[data-body] p')).filter((p) => !p.closest('[data-chrome]'));
    expect(body.length).toBeGreaterThanOrEqual(4);
    for (const p of body) {
      const wanted = squash(p.textContent);
      if (wanted.split(' ').length < 8) continue; // a byline or date line, not a paragraph of the story
      expect(paragraphs).toContain(wanted);
    }
    for (const chrome of Array.from(document.querySelectorAll('[data-chrome]'))) {
      for (const line of squash(chrome.textContent).split(/(?<=[.!?])\s+/)) {
        if (line.length >= 12) expect(text, `chrome left in ${slug}`).not.toContain(line);
      }
    }
  });

  it('decodes windows-1251 and latin1 pages', async () => {
    expect((await readFixture('ledger-windows-1251')).rawText).toContain('«земля не продається»');
    expect((await readFixture('alpine-latin1')).rawText).toContain('Genève');
  });

  const page = (charset: string, body: Uint8Array): Uint8Array => Buffer.concat([Buffer.from(`<!doctype html><html><head><meta charset="${charset}"><title>t</title></head><body><p>`), body, Buffer.from('</p></body></html>')]);
  const decoded = (bytes: Uint8Array, contentType?: string): { text: string; warnings: string[] } => {
    const warnings: string[] = [];
    return { text: decodeMarkup(bytes, 'page.html', contentType, (m) => warnings.push(m)), warnings };
  };
  const WORDS = 'Genève talks: «земля не продається», said the envoy';

  it('keeps a declaration the bytes bear out, and overrules one they contradict, with a warning naming the page', () => {
    const utf8 = Buffer.from(WORDS, 'utf8');
    expect(decoded(page('utf-8', utf8))).toEqual({ text: expect.stringContaining(WORDS), warnings: [] });
    expect(decoded(page('windows-1251', new TextEncoder().encode('no letters past ASCII')))).toEqual({ text: expect.stringContaining('no letters past ASCII'), warnings: [] });
    // A stale one-byte declaration over UTF-8 bytes (a template's old <meta>): read as UTF-8.
    const stale = decoded(page('windows-1251', utf8));
    expect(stale.text).toContain(WORDS);
    expect(stale.warnings).toEqual(['page.html: declares windows-1251 but its bytes are UTF-8; read as UTF-8']);
    // The same from a Content-Type header.
    expect(decoded(utf8, 'text/html; charset=ISO-8859-1').warnings).toEqual(['page.html: declares iso-8859-1 but its bytes are UTF-8; read as UTF-8']);
    // Latin-1 bytes under a UTF-8 declaration: windows-1252, not replacement characters.
    const latin1 = decoded(page('utf-8', Buffer.from('Genève, Zürich and Kraków', 'latin1')));
    expect(latin1.text).toContain('Genève, Zürich and Krak');
    expect(latin1.text).not.toContain('\uFFFD');
    expect(latin1.warnings).toEqual(['page.html: declares utf-8 but its bytes are not UTF-8; read as windows-1252']);
  });

  it('reads a date from JSON-LD @graph alone, and from a dateline when nothing else has one', async () => {
    expect((await readFixture('northbridge-jsonld-graph')).published).toBe('2025-03-25');
    expect((await readFixture('harbour-dateline-only')).published).toBe('2025-06-04');
  });
});

describe('the sample corpus wrapped in page chrome (menu, cookie banner, share bar, ad, newsletter, related, comments)', () => {
  it('reads back to the same cleaned lines as the plain text', () => {
    const dir = join(ROOT, 'corpus', 'sample');
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThan(10);
    for (const [i, f] of files.entries()) {
      const text = parseTextDocument(readFileSync(join(dir, f), 'utf8'), f);
      const html = readHtml(wrapInPage(text.title ?? 'Story', text.rawText, text.outlet ?? 'Wire', text.published ?? '2025-01-01', i), `${f}.html`);
      const lines = (d: SourceDocument): string[] => cleanDocument(d).text.split(/\n+/);
      expect(lines(html), f).toEqual(lines(text));
      expect(html).toMatchObject({ outlet: text.outlet ?? 'Wire', published: text.published ?? '2025-01-01' });
    }
  });
});
