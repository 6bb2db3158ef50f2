// Near-duplicate speed and accuracy: 100 k documents generated from the sample
// corpus's sentences, ~10 % of them planted near-copies of an earlier story;
// signatures and LSH lookups in memory (src/dedup), then a smaller run
// through the SQLite store's band table.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DUPLICATE_THRESHOLD, LshIndex, minhash } from '../dedup/minhash.js';
import { cleanDocument } from '../pipeline/clean/clean.js';
import { parseTextDocument } from '../pipeline/ingest/text-reader.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { lcg } from './random.js';

const DOCUMENTS = 100_000;
const STORE_DOCUMENTS = 5_000;
const COPY_SHARE = 0.1;
/** Share of words a generated story changes in each sentence it borrows, so stories differ as real ones do. */
const STORY_EDIT = 0.15;
/** Share of words a near-copy changes (besides a new headline, a credit line and one dropped sentence). */
const COPY_EDIT = 0.03;

interface Generated {
  readonly texts: string[];
  /** The story each document tells: its own index for an original, its source's story for a copy. */
  readonly story: Int32Array;
  readonly copies: number;
}

/** Documents built from the sample corpus's sentences: originals mix and edit sentences, copies lightly edit an earlier original. */
export function generateDocuments(corpus: string, count: number, seed = 7): Generated {
  const sentences: string[][] = [];
  for (const file of readdirSync(corpus).filter((f) => f.endsWith('.txt'))) {
    const text = cleanDocument(parseTextDocument(readFileSync(join(corpus, file), 'utf8'), file)).text;
    for (const s of text.split(/(?<=[.!?”])\s+(?=[A-Z“"])/)) if (s.split(' ').length >= 6) sentences.push(s.split(' '));
  }
  const vocabulary = sentences.flat();
  const random = lcg(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const edit = (words: readonly string[], share: number): string => words.map((w) => (random() < share ? pick(vocabulary) : w)).join(' ');
  const texts: string[] = [];
  const story = new Int32Array(count);
  const originals: number[] = [];
  let copies = 0;
  for (let i = 0; i < count; i++) {
    if (originals.length > 0 && random() < COPY_SHARE) {
      const source = pick(originals);
      const lines = texts[source]!.split('\n');
      lines.splice(1 + Math.floor(random() * (lines.length - 1)), 1);
      lines[0] = edit(pick(sentences).slice(0, 9), 0);
      texts.push([...lines.map((l) => edit(l.split(' '), COPY_EDIT)), `Reporting by desk ${i % 97}.`].join('\n'));
      story[i] = story[source]!;
      copies++;
    } else {
      const length = 8 + Math.floor(random() * 5);
      const body = Array.from({ length }, () => edit(pick(sentences), STORY_EDIT));
      texts.push([edit(pick(sentences).slice(0, 9), STORY_EDIT), ...body].join('\n'));
      story[i] = i;
      originals.push(i);
    }
  }
  return { texts, story, copies };
}

/** Precision and recall of the pairing: a document matched to an earlier one is right when both tell the same story. */
function score(story: Int32Array, matches: readonly (number | undefined)[], copies: number): string {
  let found = 0;
  let right = 0;
  matches.forEach((m, i) => {
    if (m === undefined) return;
    found++;
    if (story[m] === story[i]) right++;
  });
  const precision = found > 0 ? right / found : 1;
  const recall = copies > 0 ? right / copies : 1;
  return `pairs found ${found} of ${copies} planted, precision ${precision.toFixed(4)}, recall ${recall.toFixed(4)}`;
}

export async function benchDedup(corpus: string): Promise<void> {
  let t = performance.now();
  const { texts, story, copies } = generateDocuments(corpus, DOCUMENTS);
  const words = texts.reduce((n, s) => n + s.split(' ').length, 0);
  process.stdout.write(
    `\nnear-duplicates: ${DOCUMENTS.toLocaleString('en')} generated documents (${Math.round(words / DOCUMENTS)} words each on average, ${copies.toLocaleString('en')} planted near-copies), generated in ${((performance.now() - t) / 1000).toFixed(1)} s; threshold ${DUPLICATE_THRESHOLD}\n`,
  );

  const index = new LshIndex();
  const matches: (number | undefined)[] = [];
  t = performance.now();
  for (const text of texts) {
    const sig = minhash(text)!;
    matches.push(index.bestMatch(sig)?.id);
    index.add(sig);
  }
  const memoryMs = performance.now() - t;
  process.stdout.write(`in memory (signature + LSH lookup + add): ${((DOCUMENTS / memoryMs) * 1000).toFixed(0)} docs/s (${(memoryMs / 1000).toFixed(1)} s); ${score(story, matches, copies)}\n`);

  const path = join(tmpdir(), `parley-bench-dedup-${process.pid}.db`);
  const store = await SqliteStore.open(path);
  try {
    const sample = texts.slice(0, STORE_DOCUMENTS);
    const ids: number[] = [];
    t = performance.now();
    for (const [i, text] of sample.entries()) ids.push((await store.saveDocument({ contentHash: `bench-${i}`, origin: `bench-${i}.txt`, cleanText: text }, [])).documentId);
    const storeMs = performance.now() - t;
    const byId = new Map(ids.map((id, i) => [id, i]));
    const docs = await store.listDocuments();
    const storeMatches: (number | undefined)[] = sample.map(() => undefined);
    for (const d of docs) if (d.clusterId !== d.id) storeMatches[byId.get(d.id)!] = byId.get(d.clusterId);
    const storeCopies = Array.from(story.subarray(0, STORE_DOCUMENTS)).filter((s, i) => s !== i).length;
    process.stdout.write(
      `SQLite store (saveDocument with band lookup, ${STORE_DOCUMENTS.toLocaleString('en')} documents): ${((STORE_DOCUMENTS / storeMs) * 1000).toFixed(0)} docs/s; ${score(story, storeMatches, storeCopies)}\n`,
    );
  } finally {
    await store.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  }
}
