// An analyst's missed claim, from what they can see: a quote of the sentence that shows
// it. The stored clean text is segmented as extraction segments it, so the added
// claim's evidence, offsets and sentence index are those a model's claim there would have.
import { segmentDocument } from '../pipeline/segment/segment.js';
import type { Modality, Polarity } from '../pipeline/types.js';
import type { AddedClaimInput } from '../store/reviews.js';

/** The sentence a quote stands in: its text, offsets and index. */
export interface QuotedSentence {
  readonly evidence: string;
  readonly start: number;
  readonly end: number;
  readonly sentenceIndex: number;
}

/** A quote that names no sentence, or more than one: `problem` says which, for the user. */
export class QuoteError extends Error {
  constructor(readonly problem: string) {
    super(problem);
  }
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Quotes shorter than this are too likely to stand in many sentences to be worth looking up. */
const MIN_QUOTE_CHARS = 8;

/**
 * The one sentence of `cleanText` that holds `quote` (any case, any run of blanks for one),
 * e.g. `quotedSentence(doc.cleanText, 'rejected any freeze')`. Throws a QuoteError when the
 * quote is missing, stands in the text more than once, or spans two sentences.
 */
export function quotedSentence(cleanText: string, quote: string): QuotedSentence {
  const words = quote.trim().split(/\s+/).filter(Boolean);
  if (words.join(' ').length < MIN_QUOTE_CHARS) throw new QuoteError(`evidence: quote at least ${MIN_QUOTE_CHARS} characters of the sentence`);
  const pattern = new RegExp(words.map(escapeRegExp).join('\\s+'), 'giu');
  const found = [...cleanText.matchAll(pattern)];
  const shown = words.join(' ').slice(0, 80);
  if (found.length === 0) throw new QuoteError(`evidence: "${shown}" is not in the document's clean text (see \`parley clean\`)`);
  if (found.length > 1) throw new QuoteError(`evidence: "${shown}" stands ${found.length} times in the document; quote more of the sentence`);
  const at = found[0]!.index;
  const end = at + found[0]![0].length;
  const { sentences } = segmentDocument({ source: { origin: 'review', rawText: cleanText }, text: cleanText, removed: [], segments: [{ cleanStart: 0, rawStart: 0, length: cleanText.length }] });
  const sentence = sentences.find((s) => s.start <= at && at < s.end);
  if (!sentence) throw new QuoteError(`evidence: "${shown}" is not inside a sentence`);
  if (end > sentence.end) throw new QuoteError(`evidence: "${shown}" runs past the end of its sentence; quote one sentence`);
  return { evidence: sentence.text, start: sentence.start, end: sentence.end, sentenceIndex: sentence.index };
}

/** What the analyst says about the missed claim. */
export interface MissedClaim {
  readonly actor: string;
  readonly proposition: string;
  readonly polarity: Polarity;
  readonly quote: string;
  readonly modality?: Modality;
  readonly hedged?: boolean;
  readonly reported?: boolean;
  readonly note?: string;
  readonly by: string;
}

/** The stance a claim states when the analyst does not say: a demand for what it supports, a rejection of what it opposes. */
const defaultModality = (polarity: Polarity): Modality => (polarity === 'support' ? 'demand' : 'reject');

/** The store's input for a missed claim quoted from `cleanText`; throws a QuoteError for a bad quote. */
export function addedClaimInput(cleanText: string, missed: MissedClaim): AddedClaimInput {
  const sentence = quotedSentence(cleanText, missed.quote);
  return {
    ...sentence,
    actor: missed.actor,
    proposition: missed.proposition,
    polarity: missed.polarity,
    modality: missed.modality ?? defaultModality(missed.polarity),
    hedged: missed.hedged ?? false,
    reported: missed.reported ?? false,
    ...(missed.note ? { note: missed.note } : {}),
    by: missed.by,
  };
}
