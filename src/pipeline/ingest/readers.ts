// Every reader, in the order they are asked: a sniffed feed wins over the
// content type it was served with; a URL is fetched, then read by the others.
import { exportReader } from './export-reader.js';
import { feedReader } from './feed-reader.js';
import { htmlReader } from './html-reader.js';
import { pickReader, type Reader, type ReaderInput } from './reader.js';
import { textReader } from './text-reader.js';
import { urlReader } from './url-reader.js';

/** Readers of bytes in hand (files, fetched pages). */
export const BYTE_READERS: readonly Reader[] = [feedReader, htmlReader, exportReader, textReader];

export const READERS: readonly Reader[] = [urlReader(BYTE_READERS), ...BYTE_READERS];

export { INPUT_EXTENSIONS } from './extensions.js';

/** The reader for `input`, e.g. the feed reader for "news.rss". */
export function readerFor(input: ReaderInput): Reader | undefined {
  return pickReader(READERS, input);
}
