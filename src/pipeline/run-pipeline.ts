// The order of work, in one place:
//   1. ingest   — read and decode the input (pipeline/ingest)
//   2. clean    — drop the lines that are not the article (pipeline/clean)
//   3. segment  — paragraphs, sentences, tokens with offsets (pipeline/segment)
//   4. mentions — actors, proposition cues, stance cues (pipeline/mentions)
//   5. claims   — who supports or opposes what, with evidence (pipeline/claims)
// Storing the result is the caller's step (store/), so extraction needs no store.
import { getPack, type CompiledPack } from '../pack/compile.js';
import { extractClaims } from './claims/claims.js';
import { cleanDocument } from './clean/clean.js';
import { readTextFile } from './ingest/text-reader.js';
import { findMentions } from './mentions/mentions.js';
import { segmentDocument } from './segment/segment.js';
import type { ExtractedDocument, SourceDocument } from './types.js';

/** Run stages 2–5 on a document already read. */
export function runPipeline(source: SourceDocument, pack: CompiledPack = getPack()): ExtractedDocument {
  const clean = cleanDocument(source);
  const segmented = segmentDocument(clean);
  const analysed = findMentions(pack, segmented);
  const { claims, trace } = extractClaims(analysed);
  return { analysed, claims, trace };
}

/** Run the whole pipeline on a text file, e.g. `runFile('article.txt')`. */
export function runFile(path: string, pack?: CompiledPack): ExtractedDocument {
  return runPipeline(readTextFile(path), pack);
}
