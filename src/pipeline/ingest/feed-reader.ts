// Reads RSS 2.0 and Atom feeds: each entry's full text when the feed carries
// it (content:encoded or Atom content of at least FULL_TEXT_WORDS words), else
// the page its link points to, fetched through the context.
import type { FeedEntry } from '@extractus/feed-extractor';
import { lazyModule } from '../../util/lazy-module.js';
import type { SourceDocument } from '../types.js';
import { decodeMarkup } from './charset.js';
import { htmlReader, normaliseDate, readHtml, type PageMetadata } from './html-reader.js';
import { extensionOf, loadBytes, mediaType, pickReader, sniff, toInputError, warnerOf, type ReadContext, type Reader, type ReadItem } from './reader.js';
import { InputError, textReader } from './text-reader.js';

const feedExtractor = lazyModule<typeof import('@extractus/feed-extractor')>('@extractus/feed-extractor');

/** An entry with at least this many words of content is the article itself. */
export const FULL_TEXT_WORDS = 150;

const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/xml', 'text/xml']);
const FEED_EXTENSIONS = new Set(['.xml', '.rss', '.atom']);

/** Whether the bytes open like a feed: `<rss`, `<feed` or `<rdf:RDF`, after an optional XML declaration. */
export function sniffFeed(bytes: Uint8Array | undefined): boolean {
  const head = sniff(bytes, 2048).replace(/^<\?xml[^>]*>\s*/, '').replace(/^(<!--[\s\S]*?-->\s*|<\?xml-stylesheet[^>]*>\s*)*/, '');
  return /^<(rss|feed|rdf:rdf)[\s>]/.test(head);
}

interface ParsedEntry extends FeedEntry {
  fullContent?: unknown;
  creator?: unknown;
  writtenDate?: unknown;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    return textOf(v['#text'] ?? v._text ?? v._cdata ?? '');
  }
  return '';
}

function authorOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) return authorOf(value[0]);
  if (value && typeof value === 'object' && 'name' in value) return authorOf((value as { name: unknown }).name);
  return undefined;
}

/** Parse feed XML into its title and entries; invalid XML or no entries is an InputError. */
export function parseFeed(xml: string, origin: string, baseUrl?: string): { title?: string; entries: ParsedEntry[] } {
  let feed;
  try {
    feed = feedExtractor().extractFromXml(xml, {
      descriptionMaxLen: 0,
      // Relative entry links resolve against the feed's own URL.
      ...(baseUrl ? { baseUrl } : {}),
      // The date as the feed writes it: the parser's own goes through Date, which rolls "30 Feb" over to 2 March.
      getExtraEntryFields: (raw) => ({ fullContent: raw['content:encoded'] ?? raw.content, creator: raw['dc:creator'] ?? raw.author, writtenDate: raw.pubDate ?? raw.published ?? raw.updated ?? raw['dc:date'] }),
    });
  } catch (err) {
    const cause = err instanceof Error ? err.message : String(err);
    // An Atom feed without <entry> is "unrecognized" to the parser; say what it is.
    if (/unrecognized/i.test(cause) && /<feed[\s>]/i.test(xml)) throw new InputError(origin, 'feed has no entries');
    throw new InputError(origin, `is not a valid RSS or Atom feed (${cause})`);
  }
  // A link that is no web address ("javascript:…", "mailto:", a bare word) is no link: nothing fetches it or stores it as the source.
  const entries = ((feed.entries ?? []) as ParsedEntry[]).map((e) => (e && e.link && !isWebUrl(e.link) ? { ...e, link: '' } : e)).filter((e) => e && (e.link || e.fullContent || e.description));
  if (entries.length === 0) throw new InputError(origin, 'feed has no entries');
  return { ...(feed.title ? { title: feed.title } : {}), entries };
}

/** The absolute web address a feed names for itself or its site, before its first entry: RSS `<channel><link>`, Atom `<link href>` (self or alternate). */
export function siteLinkOf(xml: string): string | undefined {
  const head = xml.slice(0, Math.max(0, xml.search(/<(item|entry)[\s>]/i)) || 4096);
  const atom = /<link\b[^>]*\bhref\s*=\s*["']([^"']+)["'][^>]*>/i.exec(head)?.[1];
  const rss = /<link>\s*([^<\s]+)\s*<\/link>/i.exec(head)?.[1];
  const link = (rss ?? atom)?.replace(/&amp;/g, '&');
  return link && isWebUrl(link) ? link : undefined;
}

function isWebUrl(link: string): boolean {
  try {
    return /^https?:$/.test(new URL(link).protocol);
  } catch {
    return false;
  }
}

/** Words of the markup's text, tags dropped: cheap, and enough to decide. */
function wordCount(html: string): number {
  return html.replace(/<[^>]*>/g, ' ').split(/\s+/).filter(Boolean).length;
}

/** One entry as a document: its own content when it is the full article, else its fetched link. */
async function readEntry(entry: ParsedEntry, position: number, feedTitle: string | undefined, origin: string, context: ReadContext): Promise<ReadItem[]> {
  // Without a link, the entry's place in the feed: the parser's id for it is a hash of the empty link, the same for every such entry.
  const name = entry.link || `${origin}#${position}`;
  const written = textOf(entry.writtenDate).trim();
  // A date that is there but unreadable or impossible stays as written, so the source check drops it with a warning naming the entry.
  const published = written ? (normaliseDate(written) ?? written) : normaliseDate(entry.published);
  const author = authorOf(entry.creator);
  const fallback: Partial<PageMetadata> = {
    ...(entry.title ? { title: entry.title } : {}),
    ...(feedTitle ? { outlet: feedTitle } : {}),
    ...(published ? { published } : {}),
    ...(author ? { author } : {}),
  };
  try {
    const content = textOf(entry.fullContent);
    if (content && wordCount(content) >= FULL_TEXT_WORDS) {
      const doc = readHtml(content, name, entry.link || undefined, fallback);
      // The feed knows the entry's title and date better than a fragment does.
      return [{ ...doc, ...fallback, ...(feedTitle && !doc.outlet ? { outlet: feedTitle } : {}) }];
    }
    if (!entry.link) throw new InputError(name, 'entry has neither full text nor a link');
    if (!context.fetchPage) throw new InputError(name, 'entry carries only a summary and links cannot be fetched here');
    const page = await context.fetchPage(entry.link);
    const input = { origin: entry.link, bytes: page.bytes, contentType: page.contentType, url: page.url };
    const reader = pickReader([htmlReader, textReader], input);
    if (!reader) throw new InputError(entry.link, `linked page is ${mediaType(page.contentType) || 'not HTML'}, not an article`);
    const out: ReadItem[] = [];
    for await (const item of reader.read(input, context)) {
      // The entry's link is what the next poll looks up, whatever it redirected to.
      out.push(item instanceof InputError ? item : { ...withFallback(item, fallback), url: entry.link });
    }
    return out;
  } catch (err) {
    return [toInputError(err, name)];
  }
}

function withFallback(doc: SourceDocument, fallback: Partial<PageMetadata>): SourceDocument {
  return {
    ...doc,
    ...(doc.title ? {} : fallback.title ? { title: fallback.title } : {}),
    ...(doc.published ? {} : fallback.published ? { published: fallback.published } : {}),
    ...(doc.author ? {} : fallback.author ? { author: fallback.author } : {}),
  };
}

/** RSS and Atom feeds: files (`.xml`, `.rss`, `.atom`) and feeds served over HTTP. */
export const feedReader: Reader = {
  name: 'feed',
  accepts(input) {
    if (input.bytes && sniffFeed(input.bytes)) return true;
    if (input.contentType) return FEED_TYPES.has(mediaType(input.contentType)) && (!input.bytes || sniffFeed(input.bytes) || mediaType(input.contentType).endsWith('+xml'));
    return FEED_EXTENSIONS.has(extensionOf(input.origin));
  },
  async *read(input, context) {
    let parsed: { title?: string; entries: ParsedEntry[] };
    try {
      const xml = decodeMarkup(loadBytes(input), input.origin, input.contentType, warnerOf(context));
      // A saved feed file has no URL of its own: its relative entry links resolve against the site it names.
      const base = input.url ?? (/^https?:\/\//i.test(input.origin) ? input.origin : siteLinkOf(xml));
      parsed = parseFeed(xml, input.origin, base);
    } catch (err) {
      yield toInputError(err, input.origin);
      return;
    }
    const fresh: { entry: ParsedEntry; position: number }[] = [];
    for (const [i, entry] of parsed.entries.entries()) {
      if (entry.link && context.isKnownUrl && (await context.isKnownUrl(entry.link))) continue;
      fresh.push({ entry, position: i + 1 });
    }
    // Fetch links concurrently (the fetcher limits per host) and yield in feed order.
    const pending = fresh.map(({ entry, position }) => readEntry(entry, position, parsed.title, input.origin, context));
    for (const items of pending) yield* await items;
  },
};
