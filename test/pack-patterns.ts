// Every regular expression of the default pack and the sample corpus's sentences,
// for the tests that check pattern matching against a reference.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getPack } from '../src/pack/compile.js';
import { cleanDocument } from '../src/pipeline/clean/clean.js';
import { parseTextDocument } from '../src/pipeline/ingest/text-reader.js';
import { matchText } from '../src/pipeline/mentions/mentions.js';
import { segmentDocument } from '../src/pipeline/segment/segment.js';
import { ROOT } from './helpers.js';

/** The sample corpus's sentences, folded as the mentions stage matches them. */
export function sampleSentences(): string[] {
  const corpus = join(ROOT, 'corpus', 'sample');
  return readdirSync(corpus)
    .filter((f) => f.endsWith('.txt'))
    .flatMap((f) => segmentDocument(cleanDocument(parseTextDocument(readFileSync(join(corpus, f), 'utf8'), f))).sentences.map((s) => matchText(s.text)));
}

/** Every pattern the default pack compiles: actors, cues, stance words, relevance terms. */
export function packPatterns(): RegExp[] {
  const pack = getPack();
  return [
    ...pack.actorMatchers.map((m) => m.re),
    ...pack.propositionCues.map((c) => c.re),
    ...pack.stanceCues.map((c) => c.re),
    ...[pack.attribution, pack.hedges, pack.blockers, pack.negators, pack.breakers, pack.conditions, pack.titleRe].filter((r): r is RegExp => r !== null),
    ...pack.relevanceTerms,
  ];
}
