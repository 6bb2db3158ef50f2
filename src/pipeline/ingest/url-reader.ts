// Reads an http(s) URL: fetches it (through the context's fetcher, which
// applies timeouts, size cap and host limits) and hands the bytes to the
// reader that takes them: a feed, an HTML page or plain text.
import { pickReader, toInputError, type Reader } from './reader.js';
import { fetchPage } from '../../net/fetch-page.js';
import { InputError } from './text-reader.js';

/** Whether an argument is a URL rather than a path, e.g. "https://wire.example/a" → true. */
export function isUrl(arg: string): boolean {
  return /^https?:\/\/[^\s/]+/i.test(arg);
}

/** A URL reader that passes what it fetched to the first of `readers` that takes it. */
export function urlReader(readers: readonly Reader[]): Reader {
  return {
    name: 'url',
    accepts: (input) => input.bytes === undefined && isUrl(input.origin),
    async *read(input, context) {
      let page;
      try {
        page = await (context.fetchPage ?? ((url: string) => fetchPage(url)))(input.origin);
      } catch (err) {
        yield toInputError(err, input.origin);
        return;
      }
      const fetched = { origin: input.origin, bytes: page.bytes, contentType: page.contentType, url: page.url };
      const reader = pickReader(readers, fetched);
      if (!reader) {
        yield new InputError(input.origin, `served ${page.contentType || 'no content type'}, which is not HTML, a feed or text`);
        return;
      }
      yield* reader.read(fetched, context);
    },
  };
}
