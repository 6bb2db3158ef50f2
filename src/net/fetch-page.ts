// Fetches one page over HTTP(S) defensively: total and idle timeouts, a size
// cap counted after decompression (a gzip bomb stops at the cap), manual
// redirects with a limit and loop detection, content-type and binary checks,
// and a limit on concurrent requests per host and overall.
import type { IncomingMessage } from 'node:http';
import type { LookupFunction } from 'node:net';
import { nonPublicKind } from './public-address.js';
import type { Readable } from 'node:stream';
import { looksBinary } from '../pipeline/ingest/charset.js';
import { InputError, type FetchedPage } from '../pipeline/ingest/reader.js';
import { lazyModule } from '../util/lazy-module.js';

// Loaded on the first fetch: a command that reads local files only (and each ingest worker) does not load the network stack.
const dns = lazyModule<typeof import('node:dns/promises')>('node:dns/promises');
const http = lazyModule<typeof import('node:http')>('node:http');
const https = lazyModule<typeof import('node:https')>('node:https');
const net = lazyModule<typeof import('node:net')>('node:net');
const zlib = lazyModule<typeof import('node:zlib')>('node:zlib');

export type { FetchedPage };

export const USER_AGENT = 'Parley/0.1 (+https://github.com/parley-project/parley)';

export interface FetchOptions {
  /** Whole request, redirects included (default 30 s). */
  readonly timeoutMs?: number;
  /** Longest silence while connecting or reading (default 10 s). */
  readonly idleTimeoutMs?: number;
  /** Largest body, counted after decompression (default 10 MB). */
  readonly maxBytes?: number;
  readonly maxRedirects?: number;
  readonly userAgent?: string;
  readonly limiter?: HostLimiter;
  /** Refuse hosts that resolve to loopback, private, link-local or unspecified addresses, at every redirect. */
  readonly publicOnly?: boolean;
  /** The caller's stop (Ctrl-C): aborts the request in flight. */
  readonly stop?: AbortSignal;
}

function isNonPublic(address: string): boolean {
  return nonPublicKind(address) !== undefined;
}

/** Throw unless every address `url`'s host resolves to is public. */
async function assertPublic(url: URL, input: string): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (net().isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await dns().lookup(host, { all: true })).map((a) => a.address);
    } catch {
      throw new InputError(input, `cannot resolve host ${host}`);
    }
  }
  const local = addresses.find(isNonPublic);
  if (local) throw new InputError(input, `${host} is a local or private address (${local}: ${nonPublicKind(local)}); only public URLs are fetched here`);
}

/**
 * A DNS lookup for the connection itself that refuses non-public answers, so a
 * host that resolves to a public address for the check and a private one for
 * the connection (DNS rebinding) is still refused before connecting.
 */
const publicLookup: LookupFunction = (hostname, options, callback) => {
  void dns().lookup(hostname, { ...options, all: true }).then(
    (answers) => {
      const local = answers.find((a) => isNonPublic(a.address));
      if (local) {
        callback(Object.assign(new Error(`${hostname} resolves to a non-public address (${local.address})`), { code: 'ENOTPUBLIC' }), '', 4);
        return;
      }
      if (options.all) callback(null, answers as never);
      else callback(null, answers[0]!.address, answers[0]!.family);
    },
    (err: NodeJS.ErrnoException) => callback(err, '', 4),
  );
};

const DEFAULTS = { timeoutMs: 30_000, idleTimeoutMs: 10_000, maxBytes: 10 * 1024 * 1024, maxRedirects: 5, publicOnly: false };

// Pages, feeds and plain text; anything else is not an article.
const ACCEPTED = /^(text\/[\w.+-]+|application\/(xhtml\+xml|rss\+xml|atom\+xml|rdf\+xml|xml|json|x-ndjson|jsonl))$/;

/** Runs tasks with at most `perHost` at a time per host and `overall` in total. */
export class HostLimiter {
  private active = 0;
  private readonly perHostActive = new Map<string, number>();
  private readonly waiting: { host: string; start: () => void }[] = [];

  constructor(
    readonly perHost = 2,
    readonly overall = 8,
  ) {}

  /** Run `task` when `url`'s host has a free slot, e.g. `limiter.run(url, () => fetchOnce(url))`. */
  async run<T>(url: string, task: () => Promise<T>): Promise<T> {
    const host = new URL(url).host;
    await new Promise<void>((resolve) => {
      this.waiting.push({ host, start: resolve });
      this.drain();
    });
    try {
      return await task();
    } finally {
      this.active--;
      this.perHostActive.set(host, (this.perHostActive.get(host) ?? 1) - 1);
      this.drain();
    }
  }

  private drain(): void {
    for (let i = 0; i < this.waiting.length && this.active < this.overall; ) {
      const next = this.waiting[i]!;
      if ((this.perHostActive.get(next.host) ?? 0) >= this.perHost) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      this.active++;
      this.perHostActive.set(next.host, (this.perHostActive.get(next.host) ?? 0) + 1);
      next.start();
    }
  }
}

function megabytes(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 0)} MB`;
}

interface Hop {
  readonly status: number;
  readonly location?: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

/** One request, no redirects followed; the body is read only for a 2xx answer. */
function requestOnce(url: URL, opts: Required<Omit<FetchOptions, 'limiter' | 'stop'>> & Pick<FetchOptions, 'stop'>, signal: AbortSignal, origin: string): Promise<Hop> {
  // Aborted by the caller, or by the total timeout.
  const abortedWhy = (): string => (opts.stop?.aborted ? 'stopped before the page was read' : `timed out after ${opts.timeoutMs} ms`);
  return new Promise<Hop>((resolve, reject) => {
    const send = url.protocol === 'https:' ? https().request : http().request;
    const fail = (problem: string): void => {
      req.destroy();
      reject(new InputError(origin, problem));
    };
    const req = send(url, {
      method: 'GET',
      signal,
      ...(opts.publicOnly ? { lookup: publicLookup } : {}),
      headers: {
        'user-agent': opts.userAgent,
        accept: 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/*;q=0.8',
        'accept-encoding': 'gzip, deflate, br',
      },
    });
    req.setTimeout(opts.idleTimeoutMs, () => fail(`no response for ${opts.idleTimeoutMs} ms (timed out)`));
    req.on('error', (err: Error & { code?: string }) => {
      if (signal.aborted) reject(new InputError(origin, abortedWhy()));
      else reject(new InputError(origin, `request failed: ${err.code ?? err.message}`));
    });
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      const contentType = String(res.headers['content-type'] ?? '');
      const location = res.headers.location;
      if (status < 200 || status >= 300) {
        res.resume();
        resolve({ status, contentType, bytes: new Uint8Array(), ...(location ? { location } : {}) });
        return;
      }
      const type = contentType.split(';')[0]!.trim().toLowerCase();
      if (type && !ACCEPTED.test(type)) {
        res.destroy();
        fail(`unsupported content type ${type} (expected HTML, a feed or text)`);
        return;
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > opts.maxBytes && !res.headers['content-encoding']) {
        res.destroy();
        fail(`is too large (${megabytes(declared)}; the cap is ${megabytes(opts.maxBytes)})`);
        return;
      }
      const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
      let body: Readable = res;
      if (encoding === 'gzip' || encoding === 'x-gzip') body = res.pipe(zlib().createGunzip());
      else if (encoding === 'deflate') body = res.pipe(zlib().createInflate());
      else if (encoding === 'br') body = res.pipe(zlib().createBrotliDecompress());
      const chunks: Buffer[] = [];
      let size = 0;
      let stopped = false;
      body.on('data', (chunk: Buffer) => {
        if (stopped) return;
        size += chunk.length;
        if (size > opts.maxBytes) {
          stopped = true;
          body.destroy();
          res.destroy();
          fail(`is too large (over the ${megabytes(opts.maxBytes)} cap${encoding ? ` after ${encoding} decompression` : ''}); stopped reading`);
          return;
        }
        chunks.push(chunk);
      });
      // A body cut short (the server hung up) must end the request, piped into a decompressor or not.
      res.on('close', () => {
        if (!res.complete && !stopped) {
          stopped = true;
          fail(signal.aborted ? abortedWhy() : 'connection closed before the page was complete');
        }
      });
      body.on('error', (err: Error) => {
        if (!stopped) {
          if (signal.aborted) fail(abortedWhy());
          else if (!res.complete) fail('connection closed before the page was complete');
          else fail(`could not read the body: ${err.message}`);
        }
        stopped = true;
      });
      body.on('end', () => {
        if (stopped) return;
        const bytes = Buffer.concat(chunks);
        if (looksBinary(bytes)) fail(`looks binary (contains NUL bytes) though served as ${type || 'no content type'}`);
        else resolve({ status, contentType, bytes });
      });
    });
    req.end();
  });
}

/**
 * Fetch `url`, e.g. `await fetchPage('https://wire.example/story')`.
 * Every failure is an InputError naming the URL and the cause (HTTP 404, timeout, too large, redirect loop…).
 */
export async function fetchPage(url: string, options: FetchOptions = {}): Promise<FetchedPage> {
  const opts = { ...DEFAULTS, userAgent: USER_AGENT, ...options };
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw new InputError(url, 'is not a valid URL');
  }
  if (current.protocol !== 'http:' && current.protocol !== 'https:') throw new InputError(url, `unsupported protocol ${current.protocol}`);
  const run = async (): Promise<FetchedPage> => {
    const timeout = AbortSignal.timeout(opts.timeoutMs);
    const signal = opts.stop ? AbortSignal.any([timeout, opts.stop]) : timeout;
    const seen = new Set<string>([current.toString()]);
    for (let hops = 0; ; hops++) {
      if (opts.publicOnly) await assertPublic(current, url);
      const hop = await requestOnce(current, opts, signal, url);
      if (hop.status >= 300 && hop.status < 400 && hop.location) {
        if (hops >= opts.maxRedirects) throw new InputError(url, `too many redirects (more than ${opts.maxRedirects})`);
        const next = new URL(hop.location, current);
        if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new InputError(url, `redirects to an unsupported protocol ${next.protocol}`);
        if (seen.has(next.toString())) throw new InputError(url, `redirect loop (${next.toString()} again)`);
        seen.add(next.toString());
        current = next;
        continue;
      }
      if (hop.status < 200 || hop.status >= 300) throw new InputError(url, `HTTP ${hop.status}${STATUS_TEXT[hop.status] ? ` ${STATUS_TEXT[hop.status]}` : ''}`);
      return { requestedUrl: url, url: current.toString(), status: hop.status, contentType: hop.contentType, bytes: hop.bytes };
    }
  };
  return opts.limiter ? opts.limiter.run(url, run) : run();
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  410: 'Gone',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
