// Every reader against the one contract, then what each reader must get right.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPage, HostLimiter } from '../src/net/fetch-page.js';
import { exportReader } from '../src/pipeline/ingest/export-reader.js';
import { feedReader, sniffFeed } from '../src/pipeline/ingest/feed-reader.js';
import { htmlReader, normaliseDate, readHtml, stripTracking } from '../src/pipeline/ingest/html-reader.js';
import { InputError, type ReadContext } from '../src/pipeline/ingest/reader.js';
import { BYTE_READERS, readerFor } from '../src/pipeline/ingest/readers.js';
import { textReader } from '../src/pipeline/ingest/text-reader.js';
import { urlReader } from '../src/pipeline/ingest/url-reader.js';
import type { SourceDocument } from '../src/pipeline/types.js';
import { articleHtml, fixturePage, HTML_FIXTURES, pageHtml, startFixtureServer, type FixtureServer } from './fixture-server.js';
import { tempDir } from './helpers.js';
import { readAll, readerContract } from './reader-contract.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(async () => {
  await server.close();
});

const context = (): ReadContext => {
  const limiter = new HostLimiter();
  return { fetchPage: (url) => fetchPage(url, { limiter, timeoutMs: 3000, idleTimeoutMs: 1000 }) };
};

function file(name: string, content: string | Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

const ARTICLE = 'Talks resume\n\nUkraine said on Monday it would accept a ceasefire proposed by Washington, its foreign minister told reporters.';

readerContract('text', () => textReader, {
  good: () => [{ origin: file('a.txt', ARTICLE) }, { origin: 'http://x.example/a', bytes: Buffer.from(ARTICLE), contentType: 'text/plain' }],
  bad: () => [{ origin: file('empty.txt', '') }, { origin: file('latin1.txt', Buffer.from('Caf\xe9 talks', 'latin1')) }, { origin: join(tempDir(), 'missing.txt') }],
});

readerContract('html', () => htmlReader, {
  good: () => [{ origin: join(HTML_FIXTURES, 'meridian-meta-tags', 'source.html') }, { origin: 'http://x.example/p', bytes: fixturePage('tag-soup'), contentType: 'text/html' }],
  bad: () => [{ origin: file('empty.html', '') }, { origin: file('nothing.html', '<html><head><title>t</title></head><body><script>x()</script></body></html>') }],
});

readerContract('feed', () => feedReader, {
  good: () => [{ origin: file('news.rss', `<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item><title>T</title><link>${server.base}/articles/1</link></item></channel></rss>`) }],
  bad: () => [{ origin: file('bad.xml', '<rss><channel><item></channel>') }, { origin: file('empty.rss', '<?xml version="1.0"?><rss version="2.0"><channel><title>W</title></channel></rss>') },
    { origin: file('empty.atom', '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>W</title></feed>') },
  ],
  context,
});

readerContract('export (JSONL and CSV)', () => exportReader, {
  good: () => [
    { origin: file('e.jsonl', `${JSON.stringify({ text: ARTICLE, outlet: 'Test Wire', published: '2025-04-01' })}\n`) },
    { origin: file('e.csv', `url,title,text\nhttps://x.example/a?utm_source=t,Talks,"${ARTICLE.replace(/\n/g, ' ')}"\n`) },
  ],
  bad: () => [{ origin: file('bad.jsonl', '{"text": \n') }, { origin: file('bad.csv', 'title,body\nA,B\n') }],
});

readerContract('url', () => urlReader(BYTE_READERS), {
  good: () => [{ origin: `${server.base}/story.html` }, { origin: `${server.base}/ledger` }, { origin: `${server.base}/plain.txt` }, { origin: `${server.base}/atom.xml` }],
  bad: () => [{ origin: `${server.base}/missing` }, { origin: `${server.base}/image.png` }, { origin: `${server.base}/loop-a` }],
  garbage: () => [{ origin: `${server.base}/binary` }, { origin: 'http://127.0.0.1:1/refused' }],
  context,
});

describe('fetched pages', () => {
  it.each([
    ['/ledger', 'земля не продається'],
    ['/ledger-meta', 'земля не продається'],
    ['/story.html.gz', 'Kyiv rejects withdrawal demand'],
    ['/story.html.br', 'Genève talks'],
  ])('%s is decoded (charset from header or meta, gzip, brotli)', async (path, wanted) => {
    const items = await readAll(urlReader(BYTE_READERS), { origin: `${server.base}${path}` }, context());
    expect(items).toHaveLength(1);
    expect((items[0] as SourceDocument).rawText).toContain(wanted);
  });
});

describe('picking a reader', () => {
  it.each([
    ['a.txt', undefined, 'text'],
    ['a.HTML', undefined, 'html'],
    ['a.rss', undefined, 'feed'],
    ['a.jsonl', undefined, 'export'],
    ['a.csv', undefined, 'export'],
    ['https://x.example/a', undefined, 'url'],
    ['https://x.example/a', 'text/html; charset=utf-8', 'html'],
    ['https://x.example/a', 'application/atom+xml', 'feed'],
  ])('%s (%s) → %s', (origin, contentType, name) => {
    const bytes = contentType ? Buffer.from('<html><body>x</body></html>') : undefined;
    expect(readerFor({ origin, ...(contentType ? { contentType, bytes } : {}) })?.name).toBe(name);
  });

  it('sniffs a feed served as text/html', () => {
    const bytes = Buffer.from('<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>');
    expect(sniffFeed(bytes)).toBe(true);
    expect(readerFor({ origin: 'https://x.example/f', bytes, contentType: 'text/html' })?.name).toBe('feed');
  });
});

describe('HTML metadata', () => {
  it.each([
    ['2025-03-11T18:04:00+02:00', '2025-03-11'],
    ['Tue, 11 Mar 2025 16:04:00 GMT', '2025-03-11'],
    ['20250311', '2025-03-11'],
    ['March 11, 2025', '2025-03-11'],
    ['not a date', undefined],
    ['Sun, 30 Feb 2025 10:00:00 GMT', undefined],
    ['February 30, 2025', undefined],
    ['Tue, 03 Jun 2025 23:30:00 -0500', '2025-06-03'],
  ])('normaliseDate(%s) → %s', (input, expected) => {
    expect(normaliseDate(input)).toBe(expected);
  });

  it('drops tracking parameters from URLs', () => {
    expect(stripTracking('https://a.example/x?utm_source=t&id=2&fbclid=z&gclid=q#top')).toBe('https://a.example/x?id=2');
  });

  it('reads meta tags of every kind, the first that says', () => {
    const rows: [string, Partial<SourceDocument>][] = [
      ['<meta name="parsely-pub-date" content="2025-02-01T00:00:00Z">', { published: '2025-02-01' }],
      ['<meta name="DC.date.issued" content="2025-02-02">', { published: '2025-02-02' }],
      ['<meta itemprop="datePublished" content="2025-02-03">', { published: '2025-02-03' }],
      ['<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-02-04","author":[{"name":"A. Writer"}],"publisher":{"name":"LD Wire"}}</script>', { published: '2025-02-04', author: 'A. Writer', outlet: 'LD Wire' }],
      ['<script type="application/ld+json">{broken</script><meta property="og:url" content="https://w.example/s?utm_medium=x">', { canonicalUrl: 'https://w.example/s' }],
    ];
    for (const [head, expected] of rows) {
      const page = pageHtml('Title', articleHtml('a test')).replace('<meta property="og:site_name" content="Test Wire">', '');
      const doc = readHtml(page.replace('</head>', `${head}</head>`), 'p.html');
      expect(doc).toMatchObject(expected);
    }
  });

  it('takes a <time datetime> and the host as outlet when nothing else names it', () => {
    const html = `<html><head><title>T</title></head><body><article><time datetime="2025-07-07T10:00">7 July</time>${articleHtml('time')}</article></body></html>`;
    expect(readHtml(html, 'u', 'https://www.wire.example/a?utm_source=x')).toMatchObject({ published: '2025-07-07', outlet: 'wire.example', canonicalUrl: 'https://www.wire.example/a' });
  });

  it('keeps paragraphs apart and survives tag soup', () => {
    const doc = readHtml('<div><p>Unclosed <b>bold <i>and <p>nested</div></span></table><<<>>> and more words here to read', 'soup.html');
    expect(doc.rawText.length).toBeGreaterThan(0);
    const story = readHtml(pageHtml('Paragraphs', articleHtml('paragraphs')), 'p.html');
    expect(story.rawText.split('\n\n').length).toBeGreaterThanOrEqual(6);
  });
});

describe('feeds', () => {
  it('fetches each entry link, with the entry date and title as fallbacks', async () => {
    const items = await readAll(feedReader, { origin: `${server.base}/feed.xml`, bytes: Buffer.from(await (await fetch(`${server.base}/feed.xml`)).text()), contentType: 'application/rss+xml' }, context());
    expect(items).toHaveLength(3);
    expect(items[0]).toMatchObject({ url: `${server.base}/articles/1`, title: 'Talks round 1', published: '2025-04-01', outlet: 'Test Wire' });
  });

  it('uses an entry that carries the full article directly', async () => {
    const before = server.hits.get('/atom/1') ?? 0;
    const items = await readAll(urlReader(BYTE_READERS), { origin: `${server.base}/atom.xml` }, context());
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ title: 'Full text in the feed', author: 'Ola Nordby', published: '2025-04-10', outlet: 'Atom Wire' });
    expect((items[0] as SourceDocument).rawText).toContain('Atom day');
    expect(server.hits.get('/atom/1') ?? 0).toBe(before);
  });

  it('skips links already known', async () => {
    const known: ReadContext = { ...context(), isKnownUrl: async (url) => url.endsWith('/articles/2') };
    const items = await readAll(urlReader(BYTE_READERS), { origin: `${server.base}/feed.xml` }, known);
    expect(items.map((i) => (i as SourceDocument).url)).toEqual([`${server.base}/articles/1`, `${server.base}/articles/3`]);
  });

  it('sniffs a feed served as text/html and reads it as a feed', async () => {
    const items = await readAll(urlReader(BYTE_READERS), { origin: `${server.base}/feed-as-html` }, context());
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ url: `${server.base}/articles/1`, title: 'Talks round 1' });
  });

  it('resolves relative entry links against the feed URL', async () => {
    const items = await readAll(urlReader(BYTE_READERS), { origin: `${server.base}/relative-feed.xml` }, context());
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ title: 'Talks round 2', canonicalUrl: `${server.base}/articles/2` });
  });

  it('names an invalid feed and an empty one', async () => {
    const invalid = await readAll(urlReader(BYTE_READERS), { origin: `${server.base}/invalid.xml` }, context());
    expect(invalid).toHaveLength(1);
    expect((invalid[0] as InputError).message).toMatch(/invalid\.xml: is not a valid RSS or Atom feed/);
    const empty = await readAll(urlReader(BYTE_READERS), { origin: `${server.base}/empty-feed.xml` }, context());
    expect((empty[0] as InputError).message).toMatch(/empty-feed\.xml: feed has no entries/);
  });
});

describe('exports', () => {
  it('reports a bad line as file:line and reads the rest', async () => {
    const path = file(
      'x.jsonl',
      [JSON.stringify({ text: ARTICLE }), '{not json', JSON.stringify({ title: 'no text' }), JSON.stringify({ html: pageHtml('H', articleHtml('html column')), published: '2025-05-05' })].join('\n'),
    );
    const items = await readAll(exportReader, { origin: path });
    expect(items.map((i) => (i instanceof InputError ? i.message : 'doc'))).toEqual(['doc', expect.stringMatching(/x\.jsonl:2: is not valid JSON/), `${path}:3: has no "text" or "html" value`, 'doc']);
    expect(items[3]).toMatchObject({ title: 'H', published: '2025-05-05' });
  });

  it('reads CSV with a bad row in the middle', async () => {
    const path = file('x.csv', `text,outlet,published\n"${ARTICLE.replace(/\n/g, ' ')}",Test Wire,2025-01-02\nshort,too,many,columns\n"Second article text long enough to read, about the talks.",Other,not-a-date\n"Third article text, long enough to be read as a document.",Third,2025-01-03\n`);
    const items = await readAll(exportReader, { origin: path });
    expect(items.map((i) => (i instanceof InputError ? i.message : 'doc'))).toEqual(['doc', expect.stringMatching(/x\.csv:3: Invalid Record Length/), `${path}:4: "published" is not a date: not-a-date`, 'doc']);
  });
});
