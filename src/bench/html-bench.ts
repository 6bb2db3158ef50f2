// HTML throughput: sample articles wrapped in a page with site chrome (menu,
// cookie banner, share bar, ads, related links, comments), read through
// Readability on linkedom and cleaned, against bare tokenisation of the same text.
import { cleanDocument } from '../pipeline/clean/clean.js';
import { readHtml } from '../pipeline/ingest/html-reader.js';
import { parseTextDocument } from '../pipeline/ingest/text-reader.js';
import { tokenisationReference } from './tokenisation-reference.js';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A realistic news page around `body`, e.g. what a saved article looks like. */
export function wrapInPage(title: string, body: string, outlet: string, published: string, n: number): string {
  const paragraphs = body
    .split(/\n/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${escapeHtml(p.trim())}</p>`)
    .join('\n      ');
  const related = Array.from({ length: 6 }, (_, i) => `<li><a href="/story/${n}-${i}">Related headline number ${i} about markets and weather</a></li>`).join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} | ${outlet}</title>
<meta property="og:site_name" content="${outlet}"><meta property="article:published_time" content="${published}T09:00:00Z">
<link rel="canonical" href="https://bench.example/story/${n}"><script>var analytics = {page: ${n}};</script>
<style>body{font-family:serif}.ad{height:250px}</style></head>
<body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<header><a href="/">${outlet}</a><nav><a href="/world">World</a> <a href="/business">Business</a> <a href="/sport">Sport</a> <a href="/opinion">Opinion</a></nav></header>
<main><article>
  <h1>${escapeHtml(title)}</h1><div class="share-tools"><a href="#">Share</a> <a href="#">Email</a></div>
  <div class="article-body">
      ${paragraphs}
  </div>
  <div class="ad">Advertisement</div>
  <aside class="newsletter">Sign up for our newsletter for the day's top stories.</aside>
</article>
<section class="related"><h2>Related stories</h2><ul>${related}</ul></section>
<section class="comments"><h2>Comments</h2><p>First comment on the story from a reader.</p><p>Second comment, a reply.</p></section></main>
<footer><p>© ${outlet}. All rights reserved.</p></footer>
</body></html>`;
}

/** Print pages per second through Readability + cleaning and the ratio to tokenisation; about 5 s of work. */
export function benchHtml(texts: readonly string[]): void {
  const pages = texts.map((t, i) => {
    const doc = parseTextDocument(t, `bench-${i}.txt`);
    return wrapInPage(doc.title ?? `Story ${i}`, doc.rawText, doc.outlet ?? 'Bench Wire', doc.published ?? '2025-01-01', i);
  });
  const nlp = tokenisationReference();
  const deadline = performance.now() + 5000;
  let count = 0;
  let htmlBytes = 0;
  let textMs = 0;
  const started = performance.now();
  const cleaned: string[] = [];
  while (performance.now() < deadline) {
    for (const [i, page] of pages.entries()) {
      const doc = readHtml(page, `bench-${i}.html`);
      cleaned.push(cleanDocument(doc).text);
      htmlBytes += Buffer.byteLength(page);
      count++;
    }
  }
  const htmlMs = performance.now() - started;
  const t = performance.now();
  for (const text of cleaned) nlp.readDoc(text).tokens().length();
  textMs = performance.now() - t;
  const pagesPerSecond = (count / htmlMs) * 1000;
  console.log(
    `HTML pages (Readability + cleaning): ${pagesPerSecond.toFixed(0)} pages/s, ${(htmlBytes / 1024 / 1024 / (htmlMs / 1000)).toFixed(2)} MB/s of HTML (${count} pages in ${htmlMs.toFixed(0)} ms)`,
  );
  console.log(`ratio HTML reading / tokenisation: ${(textMs / htmlMs).toFixed(2)}× the speed (${(htmlMs / textMs).toFixed(2)}× the time of tokenising the extracted text)`);
}
