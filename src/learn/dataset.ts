// Labelled candidates for training and cross-validating the decider: each
// document is run through the rules once; its candidates are labelled from the
// gold (a candidate is a stance when its sentence holds the gold evidence).
import { basename } from 'node:path';
import type { CompiledPack } from '../pack/compile.js';
import { candidatesOf, type Candidate, type KeywordIndex } from '../pipeline/decide/candidates.js';
import type { Example } from '../pipeline/decide/fit.js';
import { featuresOf } from '../pipeline/decide/features.js';
import { stemsOf } from '../pipeline/decide/stem.js';
import { runRules } from '../pipeline/run-pipeline.js';
import { readTextFile } from '../pipeline/ingest/text-reader.js';
import type { ExtractedDocument } from '../pipeline/types.js';
import { overlaps, type GoldClaim } from './gold.js';

export interface LabelledDocument {
  /** Basename, as the gold names it. */
  readonly name: string;
  readonly path: string;
  readonly ruled: ExtractedDocument;
  readonly gold: readonly GoldClaim[];
  /** For each sentence index, the gold claims whose evidence it holds. */
  readonly goldBySentence: ReadonlyMap<number, readonly GoldClaim[]>;
}

export function labelDocument(path: string, gold: readonly GoldClaim[], pack: CompiledPack): LabelledDocument {
  const ruled = runRules(readTextFile(path), pack);
  const goldBySentence = new Map<number, GoldClaim[]>();
  for (const a of ruled.analysed.sentences) {
    const held = gold.filter((g) => g.evidence.some((e) => overlaps(e, a.sentence.text) || overlaps(a.sentence.text, e)));
    if (held.length > 0) goldBySentence.set(a.sentence.index, held);
  }
  return { name: basename(path), path, ruled, gold, goldBySentence };
}

const STOP = new Set('the and for that with from this have has was were will would could should their they them said says also about into than then there been being which while what when where after before over more most other such only over some very just like does did not but are its his her our who whom whose any all can may might must shall'.split(' '));

/**
 * Learned keywords: stems that stand in gold evidence sentences of a proposition
 * in at least `minDocs` documents, and in whose sentences that proposition is
 * claimed at least `minPrecision` of the time. They widen the candidates past the
 * pack's cues ("truce" is a cue; "hostilities" may be learned).
 */
export function learnKeywords(docs: readonly LabelledDocument[], minDocs = 4, minPrecision = 0.2): Record<string, string[]> {
  const withProp = new Map<string, Set<string>>(); // stem|prop → docs
  const sentencesWith = new Map<string, number>(); // stem → sentences
  const sentencesWithProp = new Map<string, number>(); // stem|prop → sentences
  for (const doc of docs) {
    if (!doc.ruled.analysed.relevance.relevant) continue;
    for (const a of doc.ruled.analysed.sentences) {
      const stems = new Set(stemsOf(a.sentence).map((t) => t.stem).filter((s) => s.length >= 4 && !STOP.has(s)));
      const props = new Set((doc.goldBySentence.get(a.sentence.index) ?? []).map((g) => g.proposition));
      for (const s of stems) {
        sentencesWith.set(s, (sentencesWith.get(s) ?? 0) + 1);
        for (const p of props) {
          const key = `${s}|${p}`;
          sentencesWithProp.set(key, (sentencesWithProp.get(key) ?? 0) + 1);
          withProp.set(key, (withProp.get(key) ?? new Set()).add(doc.name));
        }
      }
    }
  }
  const keywords: Record<string, string[]> = {};
  for (const [key, inDocs] of [...withProp.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [stem, prop] = key.split('|') as [string, string];
    if (inDocs.size < minDocs) continue;
    if (sentencesWithProp.get(key)! / sentencesWith.get(stem)! < minPrecision) continue;
    (keywords[stem] ??= []).push(prop);
  }
  return keywords;
}

export interface LabelledCandidate {
  readonly candidate: Candidate;
  readonly features: readonly string[];
  /** 0 none, 1 support, 2 oppose; undefined where the gold holds the claim elsewhere in the document (not used for training). */
  readonly label: Example['label'] | undefined;
}

export function labelledCandidates(doc: LabelledDocument, keywords: KeywordIndex): LabelledCandidate[] {
  const { analysed, claims, trace } = doc.ruled;
  if (!analysed.relevance.relevant) return [];
  return candidatesOf(analysed, claims, trace, keywords).map((candidate) => {
    const here = (doc.goldBySentence.get(candidate.analysis.sentence.index) ?? []).filter((g) => g.actor === candidate.actor && g.proposition === candidate.proposition);
    const elsewhere = doc.gold.some((g) => g.actor === candidate.actor && g.proposition === candidate.proposition);
    const label = here.length > 0 ? (here[0]!.polarity === 'support' ? 1 : 2) : elsewhere ? undefined : 0;
    return { candidate, features: featuresOf(candidate), label };
  });
}
