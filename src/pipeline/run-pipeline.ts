// The order of work, in one place:
//   1. ingest   — read and decode the input (pipeline/ingest)
//   2. clean    — drop the lines that are not the article (pipeline/clean)
//   3. segment  — paragraphs, sentences, tokens with offsets (pipeline/segment)
//   4. mentions — actors, proposition cues, stance cues (pipeline/mentions)
//   5. claims   — the rules: who supports or opposes what, with evidence (pipeline/claims)
//   6. decide   — the pack's trained model scores every candidate, the rules' claims among
//                 its features, and keeps what reaches its threshold (pipeline/decide);
//                 a pack without a model keeps the rules' claims
// Storing the result is the caller's step (store/), so extraction needs no store.
import { getPack, type CompiledPack } from '../pack/compile.js';
import { extractClaims } from './claims/claims.js';
import { cleanDocument } from './clean/clean.js';
import { decideClaims, scoreCandidates } from './decide/decide.js';
import { readTextFile } from './ingest/text-reader.js';
import { findMentions } from './mentions/mentions.js';
import { segmentDocument } from './segment/segment.js';
import type { CleanDocument, ExtractedDocument, SourceDocument } from './types.js';

export interface PipelineOptions {
  /** `rules` skips the trained decider even when the pack has one (for ablations and rule tests). */
  readonly decider?: 'model' | 'rules';
}

/** Stages 2–5: the rules' claims and trace, before any model. */
export function runRules(source: SourceDocument, pack: CompiledPack = getPack()): ExtractedDocument {
  return rulesOfClean(cleanDocument(source), pack);
}

function rulesOfClean(clean: CleanDocument, pack: CompiledPack): ExtractedDocument {
  const segmented = segmentDocument(clean);
  const analysed = findMentions(pack, segmented);
  const { claims, trace } = extractClaims(analysed);
  return { analysed, claims, trace, ruleClaims: claims };
}

/** Run stages 2–6 on a document already read. */
export function runPipeline(source: SourceDocument, pack: CompiledPack = getPack(), options: PipelineOptions = {}): ExtractedDocument {
  return decide(runRules(source, pack), pack, options);
}

/**
 * Stages 3–6 on text cleaned before, e.g. a stored document's: cleaning it again could
 * drop more lines and move the offsets its claims and reviews are keyed by.
 */
export function runOnCleanText(text: string, origin: string, pack: CompiledPack = getPack(), options: PipelineOptions = {}): ExtractedDocument {
  const clean: CleanDocument = { source: { origin, rawText: text }, text, removed: [], segments: [{ cleanStart: 0, rawStart: 0, length: text.length }] };
  return decide(rulesOfClean(clean, pack), pack, options);
}

function decide(ruled: ExtractedDocument, pack: CompiledPack, options: PipelineOptions): ExtractedDocument {
  const model = options.decider === 'rules' ? undefined : pack.model;
  if (!model || !ruled.analysed.relevance.relevant) return ruled;
  const scored = scoreCandidates(model, ruled.analysed, ruled.claims, ruled.trace);
  return { ...ruled, claims: decideClaims(model, scored), scored };
}

/** Run the whole pipeline on a text file, e.g. `runFile('article.txt')`. */
export function runFile(path: string, pack?: CompiledPack, options?: PipelineOptions): ExtractedDocument {
  return runPipeline(readTextFile(path), pack, options);
}
