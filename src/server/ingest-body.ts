// The document a POST /api/ingest body describes: text or HTML with the
// caller's metadata (read like an export record), or a URL fetched with the
// same limits as `parley ingest` — public addresses only, unless allowed.
import { fetchPage, HostLimiter } from '../net/fetch-page.js';
import { recordToDocument } from '../pipeline/ingest/export-reader.js';
import { feedReader } from '../pipeline/ingest/feed-reader.js';
import { readInput } from '../jobs/ingest.js';
import { readerFor } from '../pipeline/ingest/readers.js';
import { InputError, parseTextDocument } from '../pipeline/ingest/text-reader.js';
import type { SourceDocument } from '../pipeline/types.js';

export interface IngestBody {
  readonly text?: string | undefined;
  readonly html?: string | undefined;
  readonly url?: string | undefined;
  readonly title?: string | undefined;
  readonly outlet?: string | undefined;
  readonly published?: string | undefined;
  readonly author?: string | undefined;
}

export interface BodyReaderOptions {
  /** Let { url } reach loopback and private addresses (a server on the caller's own machine, tests). */
  readonly allowPrivateUrls?: boolean;
}

/** A reader of ingest bodies sharing one per-host limit; every failure is an InputError. */
export function ingestBodyReader(options: BodyReaderOptions = {}): (body: IngestBody) => Promise<SourceDocument> {
  const limiter = new HostLimiter(2, 8);
  return async (body) => {
    const meta = { url: body.url, title: body.title, outlet: body.outlet, published: body.published, author: body.author };
    if (body.text !== undefined) {
      // Front matter in the text fills what the body does not say.
      const parsed = parseTextDocument(body.text, body.url ?? 'api:text');
      const fromText = { url: parsed.url, title: parsed.title, outlet: parsed.outlet, published: parsed.published };
      return recordToDocument({ ...fromText, ...defined(meta), text: parsed.rawText }, body.url ?? `api:${body.title ?? parsed.title ?? 'text'}`);
    }
    if (body.html !== undefined) return recordToDocument({ ...meta, html: body.html }, body.url ?? 'api:html');
    return fetchDocument(body.url!, limiter, options);
  };
}

function defined(record: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter((e): e is [string, string] => e[1] !== undefined));
}

async function fetchDocument(url: string, limiter: HostLimiter, options: BodyReaderOptions): Promise<SourceDocument> {
  const page = await fetchPage(url, { limiter, publicOnly: options.allowPrivateUrls !== true });
  const fetched = { origin: url, bytes: page.bytes, contentType: page.contentType, url: page.url };
  const reader = readerFor(fetched);
  if (!reader) throw new InputError(url, `served ${page.contentType || 'no content type'}, which is not HTML or text`);
  // A feed is many documents and their links: that is a job for `parley ingest` or `parley watch`.
  if (reader === feedReader) throw new InputError(url, 'is a feed: ingest it with parley ingest or parley watch');
  const items = await readInput(fetched, {});
  const document = items.find((item): item is SourceDocument => !(item instanceof InputError));
  if (!document) throw items.find((item) => item instanceof InputError) ?? new InputError(url, 'has no article text');
  return document;
}
