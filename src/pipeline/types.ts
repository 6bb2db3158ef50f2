// The typed values that flow between pipeline stages. Every stage takes one
// of these and returns the next; none is mutated after it is made.

import type { ScoredCandidate } from './decide/decide.js';

/** Where a document came from and what is known about it before cleaning. */
export interface SourceDocument {
  /** The path or URL as the user gave it. */
  readonly origin: string;
  /** Text as read, after decoding and front-matter removal. */
  readonly rawText: string;
  readonly title?: string;
  readonly outlet?: string;
  /** ISO date (YYYY-MM-DD) of publication, when known. */
  readonly published?: string;
  /** The URL the text was fetched from (or given in front matter or an export). */
  readonly url?: string;
  readonly author?: string;
  /** The page's own URL: link rel=canonical, og:url, or the fetched URL without tracking parameters. */
  readonly canonicalUrl?: string;
}

/** A line dropped by cleaning, with the rule that dropped it. */
export interface RemovedLine {
  readonly text: string;
  readonly rule: string;
  /** Offset of the line in the raw text. */
  readonly rawStart: number;
}

/** One kept stretch of raw text and where it now stands in the clean text. */
export interface OffsetSegment {
  readonly cleanStart: number;
  readonly rawStart: number;
  readonly length: number;
}

export interface CleanDocument {
  readonly source: SourceDocument;
  readonly text: string;
  readonly removed: readonly RemovedLine[];
  /** Maps clean offsets back to raw offsets (see `toRawOffset`). */
  readonly segments: readonly OffsetSegment[];
}

export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly pos: string;
}

export interface Sentence {
  readonly index: number;
  readonly paragraph: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly tokens: readonly Token[];
  /** True when this is a piece of a sentence longer than the segmenter's cap, cut at a word boundary. */
  readonly capped?: boolean;
}

export interface SegmentedDocument {
  readonly clean: CleanDocument;
  readonly sentences: readonly Sentence[];
}

export type MentionVia = 'alias' | 'role' | 'title' | 'pronoun';

/** A span of a sentence that names an actor. Offsets are into the clean text. */
export interface ActorMention {
  readonly actor: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly via: MentionVia;
}

export interface CueMatch {
  readonly cue: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface PropositionMatch extends CueMatch {
  readonly proposition: string;
  readonly orientation: 'for' | 'against';
  readonly assertive: boolean;
}

export type Polarity = 'support' | 'oppose';
export type Modality = 'demand' | 'offer' | 'accept' | 'reject' | 'condition';
export type HolderRole = 'subject' | 'speaker' | 'agent' | 'document';

export interface StanceMatch extends CueMatch {
  readonly polarity: Polarity;
  readonly modality: Modality;
  readonly holder: HolderRole;
  readonly opaque: boolean;
  readonly negated: 'drop' | 'flip';
  readonly shared: boolean;
}

/** A quoted stretch of a sentence, as clean-text offsets [start, end). */
export type Quote = readonly [number, number];

/** What the mentions stage finds in one sentence. */
export interface SentenceAnalysis {
  readonly sentence: Sentence;
  readonly actors: readonly ActorMention[];
  readonly propositions: readonly PropositionMatch[];
  readonly stances: readonly StanceMatch[];
  readonly attributions: readonly CueMatch[];
  readonly hedges: readonly CueMatch[];
  readonly blockers: readonly CueMatch[];
  readonly negators: readonly CueMatch[];
  readonly breakers: readonly CueMatch[];
  readonly conditions: readonly CueMatch[];
  /** Stretches inside quotation marks (a quote left open runs to the sentence end). */
  readonly quotes: readonly Quote[];
  /** The plan or memorandum named last (up to this sentence), its owner and the sentence that named it. */
  readonly document?: { readonly owner: string; readonly namedAt: number };
}

export interface AnalysedDocument {
  readonly segmented: SegmentedDocument;
  readonly sentences: readonly SentenceAnalysis[];
  /** Why the document is (or is not) on the pack's topic. */
  readonly relevance: { readonly relevant: boolean; readonly hits: number; readonly distinct: number };
}

export interface Claim {
  readonly actor: string;
  readonly proposition: string;
  readonly polarity: Polarity;
  readonly evidence: string;
  readonly start: number;
  readonly end: number;
  readonly modality: Modality;
  readonly hedged: boolean;
  readonly reported: boolean;
  readonly conditional: boolean;
  /** Id of the rule that produced the claim: `stance-cue/proposition-cue`. */
  readonly rule: string;
  readonly sentenceIndex: number;
  /** The decider's probability for this stance (0–1); absent when the pack's rules decided alone. */
  readonly confidence?: number;
  /** Who holds it, as the sentence names them ("Peskov", "the Russian delegation"); absent when not named there. */
  readonly speaker?: string;
  /** For a conditional claim, the condition clause ("in return for Western guarantees"). */
  readonly condition?: string;
}

/** A candidate the claims stage looked at, kept or dropped, for `parley explain`. */
export interface CandidateTrace {
  readonly sentenceIndex: number;
  readonly proposition: string;
  readonly propositionCue: string;
  readonly kept: boolean;
  readonly reason: string;
  readonly claim?: Claim;
}

export interface ExtractedDocument {
  readonly analysed: AnalysedDocument;
  /** The claims kept: the decider's when the pack has a model, else the rules'. */
  readonly claims: readonly Claim[];
  readonly trace: readonly CandidateTrace[];
  /** What the rules alone claimed (the decider's features). */
  readonly ruleClaims: readonly Claim[];
  /** Every candidate the decider scored, for `parley explain`. */
  readonly scored?: readonly ScoredCandidate[];
}
