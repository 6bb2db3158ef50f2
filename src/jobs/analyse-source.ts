// The part of ingesting a document that needs no store: clean, extract, screen.
// It runs in the main thread (`--jobs 1`) or in an extraction worker.
import type { CompiledPack } from '../pack/compile.js';
import { minhash, type Signature } from '../dedup/minhash.js';
import { runOnCleanText, runPipeline } from '../pipeline/run-pipeline.js';
import { screenDocument } from '../pipeline/screen/screen.js';
import type { Claim, ExtractedDocument, SourceDocument } from '../pipeline/types.js';

/** What the store keeps of one analysed document; plain data, so it crosses threads. */
export interface AnalysedSource {
  readonly cleanText: string;
  /** None when the screen skipped the document. */
  readonly claims: readonly Claim[];
  readonly skipReason?: string;
  readonly language?: string;
  /** The clean text's MinHash signature for the near-duplicate lookup, made here so an extraction thread makes it, not the writer (none for a skipped document). */
  readonly minhash?: Signature;
}

/** Run the pipeline and the screen on one document, e.g. `analyseSource(parseTextDocument(text, 'a.txt'), getPack())`. */
export function analyseSource(source: SourceDocument, pack: CompiledPack): AnalysedSource {
  return screened(runPipeline(source, pack), pack);
}

/** The same for a stored document's clean text (`parley reextract`): it is not cleaned again. */
export function analyseCleanText(text: string, origin: string, pack: CompiledPack): AnalysedSource {
  return screened(runOnCleanText(text, origin, pack), pack);
}

function screened(result: ExtractedDocument, pack: CompiledPack): AnalysedSource {
  // A document in another language or off the pack's topic is kept, with the reason, but yields no claims.
  const { skipReason, language } = screenDocument(result.analysed, pack);
  const cleanText = result.analysed.segmented.clean.text;
  const signature = skipReason ? undefined : minhash(cleanText);
  return {
    cleanText,
    claims: skipReason ? [] : result.claims,
    ...(skipReason ? { skipReason } : {}),
    ...(language ? { language } : {}),
    ...(signature ? { minhash: signature } : {}),
  };
}
