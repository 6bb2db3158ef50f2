// Reads an HTML page: the article's text through Readability on linkedom,
// with paragraph breaks kept, and its metadata (title, outlet, author,
// publication date, canonical URL) from meta tags, JSON-LD, <time> or a dateline.
import type { Readability } from '@mozilla/readability';
import { lazyModule } from '../../util/lazy-module.js';
import type { SourceDocument } from '../types.js';
import { decodeMarkup } from './charset.js';
import { markupDepth, MAX_MARKUP_DEPTH } from './markup-depth.js';
import { extensionOf, loadBytes, mediaType, sniff, toInputError, warnerOf, type Reader } from './reader.js';
import { InputError } from './text-reader.js';
import { isCalendarDate } from './validate-source.js';

// The HTML libraries load with the first page read: a plain-text run never needs them.
const readability = lazyModule<typeof import('@mozilla/readability')>('@mozilla/readability');
const chronoNode = lazyModule<typeof import('chrono-node')>('chrono-node');
const linkedom = lazyModule<typeof import('linkedom')>('linkedom');

// linkedom's DOM is close enough to the browser's for Readability, but its
// types are its own; the few members we use are typed here.
interface Node {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<Node>;
}
interface Element extends Node {
  tagName: string;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<Element>;
  querySelector(selector: string): Element | null;
  remove(): void;
}
interface Doc {
  documentElement: Element | null;
  body: Element | null;
  querySelectorAll(selector: string): ArrayLike<Element>;
  querySelector(selector: string): Element | null;
}

/** Metadata read from the page itself. */
export interface PageMetadata {
  readonly title?: string;
  readonly outlet?: string;
  readonly author?: string;
  readonly published?: string;
  readonly canonicalUrl?: string;
}

const TRACKING_PARAMS = /^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_hsenc|_hsmi|mkt_tok|ref_src|cmpid|ocid)$/i;

/** A URL without tracking parameters or fragment, e.g. "https://a.example/x?utm_source=t&id=2#top" → "https://a.example/x?id=2". */
export function stripTracking(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  for (const key of [...parsed.searchParams.keys()]) if (TRACKING_PARAMS.test(key)) parsed.searchParams.delete(key);
  parsed.hash = '';
  return parsed.toString();
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** RSS's "Tue, 11 Mar 2025 16:04:00 GMT", "11 March 2025". */
const DAY_MONTH_YEAR = /^(?:[A-Za-z]+,?\s+)?(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?,?\s+(\d{4})\b/;
/** "March 11, 2025", "Tuesday, Mar. 11th 2025". */
const MONTH_DAY_YEAR = /^(?:[A-Za-z]+,?\s+)?([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/;

/** The day a written-out date names, as it is written: Date would roll "30 Feb" over to 2 March. */
function writtenDay(v: string): string | undefined {
  const dmy = DAY_MONTH_YEAR.exec(v);
  const mdy = dmy ? undefined : MONTH_DAY_YEAR.exec(v);
  const [day, month, year] = dmy ? [dmy[1]!, dmy[2]!, dmy[3]!] : mdy ? [mdy[2]!, mdy[1]!, mdy[3]!] : [];
  const m = month ? MONTHS.indexOf(month.toLowerCase()) : -1;
  return m < 0 ? undefined : `${year}-${String(m + 1).padStart(2, '0')}-${day!.padStart(2, '0')}`;
}

/**
 * A date as YYYY-MM-DD, e.g. "2025-03-11T18:04:00+02:00" → "2025-03-11",
 * "Tue, 11 Mar 2025 16:04:00 GMT" → "2025-03-11"; undefined when unreadable
 * or impossible ("Sun, 30 Feb 2025").
 */
export function normaliseDate(value: string | undefined | null): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  // The publisher's own calendar date, not shifted to UTC.
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const compact = /^(\d{4})(\d{2})(\d{2})(?:\D|$)/.exec(v);
  if (compact) return `${compact[1]}-${compact[2]}-${compact[3]}`;
  const written = writtenDay(v);
  if (written) return isCalendarDate(written) ? written : undefined;
  const ms = Date.parse(v);
  if (!Number.isNaN(ms)) return new Date(ms).toISOString().slice(0, 10);
  const parsed = chronoNode().parseDate(v);
  return parsed ? toIsoDay(parsed) : undefined;
}

function toIsoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function clean(text: string | null | undefined): string | undefined {
  const t = text?.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
}

function metaContent(doc: Doc, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    for (const attr of ['property', 'name', 'itemprop']) {
      const el = doc.querySelector(`meta[${attr}="${key}"]`) ?? doc.querySelector(`meta[${attr}="${key.toLowerCase()}"]`);
      const value = clean(el?.getAttribute('content'));
      if (value) return value;
    }
  }
  return undefined;
}

type Json = Record<string, unknown>;

/** Every object in the page's JSON-LD blocks, @graph arrays flattened. */
function jsonLdObjects(doc: Doc): Json[] {
  const out: Json[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      out.push(value as Json);
      if ('@graph' in value) visit((value as Json)['@graph']);
    }
  };
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // A broken JSON-LD block is common and not the article's problem.
    }
  }
  return out;
}

function nameOf(value: unknown): string | undefined {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) {
    const names = value.map(nameOf).filter((n): n is string => n !== undefined);
    return names.length > 0 ? names.join(', ') : undefined;
  }
  if (value && typeof value === 'object' && 'name' in value) return nameOf((value as Json).name);
  return undefined;
}

const ARTICLE_TYPES = /Article|Posting|Report|WebPage/;

/** The JSON-LD object describing the article: one with a datePublished or an article type. */
function jsonLdArticle(doc: Doc): Json | undefined {
  const objects = jsonLdObjects(doc);
  return (
    objects.find((o) => typeof o.datePublished === 'string' && ARTICLE_TYPES.test(String(o['@type']))) ??
    objects.find((o) => typeof o.datePublished === 'string') ??
    objects.find((o) => ARTICLE_TYPES.test(String(o['@type'])))
  );
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}

function absolute(href: string | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

const DATE_META = [
  'article:published_time',
  'og:article:published_time',
  'og:published_time',
  'parsely-pub-date',
  'sailthru.date',
  'datePublished',
  'DC.date.issued',
  'DC.date',
  'dc.date',
  'dcterms.created',
  'dcterms.date',
  'pubdate',
  'publish-date',
  'date',
];

/** Metadata from meta tags, JSON-LD and <time>; the dateline fallback needs the text and is applied later. */
function readMetadata(doc: Doc, url: string | undefined): PageMetadata {
  const ld = jsonLdArticle(doc);
  const title = metaContent(doc, ['og:title', 'twitter:title']) ?? clean(typeof ld?.headline === 'string' ? ld.headline : undefined) ?? clean(doc.querySelector('h1')?.textContent) ?? clean(doc.querySelector('title')?.textContent);
  const metaAuthor = metaContent(doc, ['author', 'parsely-author', 'sailthru.author', 'article:author', 'dc.creator']);
  const author = (metaAuthor && !/^https?:/.test(metaAuthor) ? metaAuthor : undefined) ?? nameOf(ld?.author);
  const timeEl = doc.querySelector('time[pubdate]') ?? doc.querySelector('article time[datetime]') ?? doc.querySelector('time[datetime]');
  const itemprop = doc.querySelector('[itemprop="datePublished"]');
  const published =
    normaliseDate(metaContent(doc, DATE_META)) ??
    normaliseDate(itemprop?.getAttribute('datetime') ?? itemprop?.getAttribute('content')) ??
    normaliseDate(typeof ld?.datePublished === 'string' ? ld.datePublished : undefined) ??
    normaliseDate(timeEl?.getAttribute('datetime'));
  // Sites put tracking parameters even in og:url; the canonical form has none.
  const declared = absolute(doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined, url) ?? absolute(metaContent(doc, ['og:url']), url);
  const canonicalUrl = stripTracking(declared ?? url ?? '');
  const outlet = metaContent(doc, ['og:site_name', 'application-name']) ?? nameOf(ld?.publisher) ?? hostOf(url ?? canonicalUrl);
  return {
    ...(title ? { title } : {}),
    ...(outlet ? { outlet } : {}),
    ...(author ? { author: author.replace(/^by\s+/i, '') } : {}),
    ...(published ? { published } : {}),
    ...(canonicalUrl ? { canonicalUrl } : {}),
  };
}

/** A dateline near the top of the text, e.g. "KYIV, March 11, 2025 —", read by chrono. */
export function datelineDate(text: string): string | undefined {
  for (const result of chronoNode().parse(text.slice(0, 300))) {
    // Only a written-out date with its year: "last week" or a bare weekday is relative to a day we do not know.
    if (/\b(19|20)\d\d\b/.test(result.text) && result.start.isCertain('day') && result.start.isCertain('month')) return toIsoDay(result.start.date());
  }
  return undefined;
}

// Page chrome Readability sometimes keeps: removed before it runs.
const CHROME_TAGS = 'script, style, noscript, template, svg, iframe, nav, aside, form, button, select, figcaption, dialog';
const CHROME_ROLES = '[role="navigation"], [role="complementary"], [role="banner"], [role="contentinfo"], [role="dialog"], [aria-hidden="true"]';
const CHROME_CLASS =
  /(^|[\s_-])(cookies?|consent|gdpr|newsletter|subscribe|subscription|signup|paywall|share|sharing|social|comments?|related|recommended|more-stories|read-more|promo|advert|advertisement|ads?|sponsored|outbrain|taboola|breadcrumbs?|byline-share|tags|author-bio|popup|modal|banner)($|[\s_-])/i;

function removeChrome(doc: Doc): void {
  for (const el of Array.from(doc.querySelectorAll(`${CHROME_TAGS}, ${CHROME_ROLES}`))) el.remove();
  const bodyText = doc.body?.textContent?.length ?? 0;
  for (const el of Array.from(doc.querySelectorAll('[class], [id]'))) {
    const tag = el.tagName.toLowerCase();
    if (tag === 'body' || tag === 'html' || tag === 'article' || tag === 'main') continue;
    const label = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    // A container holding most of the page is the article, whatever its class says.
    if (CHROME_CLASS.test(label) && (el.textContent?.length ?? 0) < bodyText * 0.5) el.remove();
  }
}

const BLOCK = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'BLOCKQUOTE', 'PRE', 'TABLE',
  'TR', 'TD', 'TH', 'DL', 'DT', 'DD', 'FIGURE', 'HR', 'ADDRESS', 'BR',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'FIGCAPTION', 'SVG']);

/** The text of `root` as paragraphs: each block element ends one, whitespace inside is collapsed. */
export function blockText(root: Node): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    const t = current.replace(/\s+/g, ' ').trim();
    if (t) paragraphs.push(t);
    current = '';
  };
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    const block = BLOCK.has(name);
    if (block) flush();
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return paragraphs.join('\n\n');
}

/** linkedom keeps attribute names as written (NAME=, CONTENT=); selectors expect lower case. */
function lowerCaseAttributes(doc: Doc): void {
  for (const el of Array.from(doc.querySelectorAll('*')) as unknown as { attributes: ArrayLike<{ name: string; value: string }>; setAttribute(n: string, v: string): void; removeAttribute(n: string): void }[]) {
    for (const { name, value } of Array.from(el.attributes)) {
      if (name !== name.toLowerCase()) {
        el.removeAttribute(name);
        el.setAttribute(name.toLowerCase(), value);
      }
    }
  }
}

function parseDocument(html: string): Doc {
  // linkedom builds no <html> for a fragment or tag soup; give it one.
  const wrap = (h: string): Doc => linkedom().parseHTML(`<!doctype html><html><head></head><body>${h}</body></html>`).document as unknown as Doc;
  let doc = /<html[\s>]/i.test(html) ? (linkedom().parseHTML(html).document as unknown as Doc) : wrap(html);
  if (!doc.documentElement || !doc.body) doc = wrap(html);
  if (/<[A-Za-z][\w-]*\s[^>]*?\b[A-Z][\w-]*\s*=/.test(html)) lowerCaseAttributes(doc);
  return doc;
}

/** The article's text: Readability's choice, or failing that the body's paragraphs. */
function articleText(doc: Doc): { text: string; byline?: string } {
  let article: ReturnType<Readability['parse']> = null;
  try {
    article = new (readability().Readability)(doc as never, { charThreshold: 200 }).parse();
  } catch {
    article = null;
  }
  if (article?.content) {
    const text = blockText(parseDocument(article.content).body as Node);
    if (text.length >= 200) return { text, ...(article.byline ? { byline: article.byline } : {}) };
  }
  const paragraphs = Array.from(doc.querySelectorAll('p')).map((p) => clean(p.textContent)).filter((t): t is string => t !== undefined);
  return { text: paragraphs.length > 0 ? paragraphs.join('\n\n') : blockText((doc.body ?? doc.documentElement) as Node) };
}

/** Paragraphs with their U+FFFD removed, and any left empty dropped. */
function withoutReplacements(paragraphs: string): string {
  return paragraphs
    .split('\n\n')
    .map((p) => p.replace(/\uFFFD/g, '').replace(/ {2,}/g, ' ').trim())
    .filter((p) => p.length > 0)
    .join('\n\n');
}

/**
 * Read one HTML page, e.g. `readHtml('<html>…</html>', 'saved/page.html')`;
 * `url` is where it was fetched from (for the canonical URL and the outlet's host).
 */
export function readHtml(html: string, origin: string, url?: string, fallback: Partial<PageMetadata> = {}): SourceDocument {
  // 1. parse (tag soup included)  2. metadata, before Readability changes the tree
  // 3. strip chrome  4. main text  5. dateline if no date  6. headline on top
  const depth = markupDepth(html, MAX_MARKUP_DEPTH);
  if (depth > MAX_MARKUP_DEPTH) throw new InputError(origin, `has elements nested more than ${MAX_MARKUP_DEPTH} deep; not read`);
  const doc = parseDocument(html);
  const meta = readMetadata(doc, url);
  const body = doc.body as Node | null;
  removeChrome(doc);
  const { text: parsed, byline } = body ? articleText(doc) : { text: '', byline: undefined };
  // A U+FFFD here stands for no text: a stray byte decodeMarkup let through, or the page's
  // own reference to nothing (&#0;, a lone surrogate such as &#xD800;), which the parser
  // decodes to U+FFFD; left in, a page of them would be refused as binary.
  const text = parsed.includes('\uFFFD') ? withoutReplacements(parsed) : parsed;
  if (text.trim().length === 0) throw new InputError(origin, 'has no article text (no paragraphs found in the HTML)');
  const title = meta.title ?? fallback.title;
  const published = meta.published ?? fallback.published ?? datelineDate(text);
  const author = meta.author ?? fallback.author ?? (byline ? clean(byline.replace(/^by\s+/i, '')) : undefined);
  const outlet = meta.outlet ?? fallback.outlet;
  const canonicalUrl = meta.canonicalUrl ?? fallback.canonicalUrl;
  const rawText = title && !text.startsWith(title) ? `${title}\n\n${text}` : text;
  return {
    origin,
    rawText,
    ...(title ? { title } : {}),
    ...(outlet ? { outlet } : {}),
    ...(published ? { published } : {}),
    ...(url ? { url } : {}),
    ...(author ? { author } : {}),
    ...(canonicalUrl ? { canonicalUrl } : {}),
  };
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** HTML files (`.html`, `.htm`) and pages served as HTML or sniffed as such. */
export const htmlReader: Reader = {
  name: 'html',
  accepts(input) {
    if (input.contentType) return HTML_TYPES.has(mediaType(input.contentType));
    const ext = extensionOf(input.origin);
    if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return true;
    const head = sniff(input.bytes);
    return head.startsWith('<!doctype html') || head.startsWith('<html');
  },
  async *read(input, context) {
    try {
      const html = decodeMarkup(loadBytes(input), input.origin, input.contentType, warnerOf(context));
      yield readHtml(html, input.origin, input.url ?? (/^https?:\/\//i.test(input.origin) ? input.origin : undefined));
    } catch (err) {
      yield toInputError(err, input.origin);
    }
  },
};
