// The sample corpus stored with its gold claims (so the analyses do not move with
// the extractor): the store the golden files are made from, in either store.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentHash } from '../src/jobs/ingest.js';
import { parseTextDocument } from '../src/pipeline/ingest/text-reader.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import type { Claim } from '../src/pipeline/types.js';
import type { Store } from '../src/store/store.js';
import { ROOT } from './helpers.js';

const SAMPLE = join(ROOT, 'corpus', 'sample');

interface GoldClaim {
  doc: string;
  actor: string;
  proposition: string;
  polarity: 'support' | 'oppose';
  evidence: string[];
}

const fold = (s: string): string => s.replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ');

/** Store every sample document with its gold claims, each on the sentence that holds its evidence. */
export async function fillGoldStore<S extends Store>(store: S): Promise<S> {
  const gold = readFileSync(join(SAMPLE, 'gold', 'claims.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as GoldClaim);
  for (const file of readdirSync(SAMPLE).filter((f) => f.endsWith('.txt')).sort()) {
    const source = parseTextDocument(readFileSync(join(SAMPLE, file), 'utf8'), file);
    const { analysed } = runPipeline(source);
    const claims: Claim[] = [];
    for (const g of gold.filter((c) => c.doc === file)) {
      const snippet = fold(g.evidence[0]!);
      const sentence = analysed.segmented.sentences.find((s) => fold(s.text).includes(snippet.slice(0, 40)));
      // A claim whose sentence cleaning dropped cannot be stored with its evidence.
      if (!sentence) continue;
      claims.push({
        actor: g.actor,
        proposition: g.proposition,
        polarity: g.polarity,
        evidence: sentence.text,
        start: sentence.start,
        end: sentence.end,
        modality: g.polarity === 'support' ? 'demand' : 'reject',
        hedged: /reportedly|according to (people|sources)|sources said/i.test(sentence.text),
        reported: false,
        conditional: false,
        rule: 'gold',
        sentenceIndex: sentence.index,
      });
    }
    await store.saveDocument(
      {
        contentHash: contentHash(source.rawText),
        origin: file,
        cleanText: analysed.segmented.clean.text,
        ...(source.title ? { title: source.title } : {}),
        ...(source.outlet ? { outlet: source.outlet } : {}),
        ...(source.published ? { published: source.published } : {}),
        ...(source.url ? { url: source.url } : {}),
      },
      claims,
    );
  }
  return store;
}

