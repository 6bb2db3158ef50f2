// A local HTTP server (127.0.0.1, port 0) serving the fixture pages and feeds
// and the bad cases: a 50 MB page streamed, a gzip bomb, a redirect loop, a
// server that never answers, a 404, a binary served as text/html.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { ROOT } from './helpers.js';

export const HTML_FIXTURES = join(ROOT, 'test', 'fixtures', 'html');

export function fixturePage(slug: string): Buffer {
  return readFileSync(join(HTML_FIXTURES, slug, 'source.html'));
}

/** A wire-style article of `words` words (our own text), as paragraphs of HTML. */
export function articleHtml(topic: string, paragraphs = 6): string {
  const lines = [
    `Negotiators met again on ${topic}, officials said, and agreed to continue the talks next week in the same format.`,
    'Ukraine said it would accept a ceasefire along the current front line if its allies provided written security guarantees.',
    'The Kremlin said Russia would not agree to a truce unless Western states stopped supplying weapons to Kyiv during the pause.',
    'European ministers said they were ready to send monitors and to keep sanctions in place until a settlement was signed.',
    'American officials described the meeting as useful and said a written summary had been sent to both capitals for comment.',
    'Both delegations said prisoner exchanges would continue regardless of the outcome of the wider negotiations this month.',
  ];
  return Array.from({ length: paragraphs }, (_, i) => `<p>${lines[i % lines.length]}</p>`).join('\n');
}

export function pageHtml(title: string, body: string, extraHead = ''): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title><meta property="og:site_name" content="Test Wire">${extraHead}</head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>${title}</h1>${body}</article><footer>© Test Wire</footer></body></html>`;
}

export interface FixtureServer {
  readonly base: string;
  /** Bytes written for the 50 MB page before the client hung up. */
  hugeBytesSent: number;
  /** Requests per path, to show what was (not) fetched again. */
  readonly hits: Map<string, number>;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, server: FixtureServer) => void;

function send(type: string, body: string | Buffer, status = 200): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  };
}

/** Start the server; `extra` adds or replaces routes. */
export async function startFixtureServer(extra: Record<string, Handler> = {}): Promise<FixtureServer> {
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
  const routes: Record<string, Handler> = {
    '/story.html': send('text/html; charset=utf-8', fixturePage('northbridge-jsonld-graph')),
    // The same article with another ad block and a tracking query: same canonical URL.
    '/story-again.html': send('text/html; charset=utf-8', fixturePage('northbridge-jsonld-graph').toString('utf8').replace('<div class="ad-slot" data-chrome>Advertisement</div>', '<div class="ad-slot">Sponsored content</div><div class="promo">Win a weekend away</div>')),
    '/ledger': send('text/html; charset=windows-1251', fixturePage('ledger-windows-1251')),
    // No charset in the header: the page's own http-equiv meta names windows-1251.
    '/ledger-meta': send('text/html', fixturePage('ledger-windows-1251')),
    '/story.html.gz': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
      res.end(gzipSync(fixturePage('meridian-meta-tags')));
    },
    '/story.html.br': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'br' });
      res.end(brotliCompressSync(fixturePage('alpine-latin1').toString('latin1').replace('iso-8859-1', 'utf-8')));
    },
    '/plain.txt': send('text/plain; charset=utf-8', 'Talks resume\n\nUkraine said on Monday it would accept a ceasefire proposed by Washington, its foreign minister told reporters after the talks.'),
    '/malformed.html': send('text/html', '<html><body><div><p>Unclosed <b>bold <i>and <p>nested</div></span></table><<<>>>'),
    '/missing': send('text/html', 'not here', 404),
    '/binary': send('text/html', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.alloc(2048, 7)])),
    '/image.png': send('image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47])),
    '/loop-a': (_req, res) => {
      res.writeHead(302, { location: '/loop-b' });
      res.end();
    },
    '/loop-b': (_req, res) => {
      res.writeHead(301, { location: '/loop-a' });
      res.end();
    },
    '/redirect': (_req, res) => {
      res.writeHead(302, { location: '/story.html?utm_source=feed' });
      res.end();
    },
    '/truncated': (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': 100_000 });
      res.write('<html><body><p>The first words of a page that never');
      setTimeout(() => req.socket.destroy(), 20);
    },
    '/hang': () => {
      // Never answers: the client's timeout must end it.
    },
    '/huge': (req, res, server) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.from(`<p>${'filler text of a page that never ends '.repeat(1600)}</p>\n`);
      const total = 50 * 1024 * 1024;
      const write = (): void => {
        while (server.hugeBytesSent < total) {
          server.hugeBytesSent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', write);
        }
        res.end();
      };
      req.socket.on('close', () => res.destroy());
      write();
    },
    '/bomb': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': bomb.length });
      res.end(bomb);
    },
    '/feed.xml': (req, res) => {
      const base = `http://${req.headers.host}`;
      const items = [1, 2, 3]
        .map((n) => `<item><title>Round ${n} of talks</title><link>${base}/articles/${n}</link><guid>${base}/articles/${n}</guid><pubDate>Tue, 0${n} Apr 2025 09:00:00 GMT</pubDate><description>Short summary ${n}.</description></item>`)
        .join('');
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test Wire</title><link>${base}/</link><description>News</description>${items}</channel></rss>`);
    },
    '/atom.xml': (req, res) => {
      const base = `http://${req.headers.host}`;
      const content = articleHtml('Atom day', 8).replace(/</g, '&lt;').replace(/>/g, '&gt;');
      res.writeHead(200, { 'content-type': 'application/atom+xml' });
      res.end(
        `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title><id>${base}/</id><updated>2025-04-10T10:00:00Z</updated>` +
          `<entry><title>Full text in the feed</title><id>${base}/atom/1</id><link href="${base}/atom/1"/><updated>2025-04-10T10:00:00Z</updated><author><name>Ola Nordby</name></author><content type="html">${content}</content></entry></feed>`,
      );
    },
    // Served as text/html, but it is a feed: the sniff decides.
    '/feed-as-html': (req, res) => {
      const base = `http://${req.headers.host}`;
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<rss version="2.0"><channel><title>Sniffed</title><item><title>One</title><link>${base}/articles/1</link></item></channel></rss>`);
    },
    '/relative-feed.xml': send('application/rss+xml', '<rss version="2.0"><channel><title>Relative</title><item><title>Two</title><link>/articles/2?utm_source=rss</link></item></channel></rss>'),
    '/empty-feed.xml': send('application/rss+xml', '<?xml version="1.0"?><rss version="2.0"><channel><title>Nothing yet</title><link>http://x.example/</link><description>empty</description></channel></rss>'),
    '/invalid.xml': send('application/rss+xml', '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>Unclosed</item></channel>'),
    ...extra,
  };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    state.hits.set(path, (state.hits.get(path) ?? 0) + 1);
    res.on('error', () => undefined);
    const article = /^\/articles\/(\d+)$/.exec(path);
    if (article) return send('text/html; charset=utf-8', pageHtml(`Talks round ${article[1]}`, articleHtml(`round ${article[1]} in Geneva`)))(req, res, state);
    const handler = routes[path];
    if (handler) handler(req, res, state);
    else send('text/html', 'no such page', 404)(req, res, state);
  });
  const state: FixtureServer = {
    base: '',
    hugeBytesSent: 0,
    hits: new Map(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (state as { base: string }).base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
