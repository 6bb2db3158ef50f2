// Candidates for the trained decider: every (sentence, actor, proposition) the
// document may state a stance on. Recall matters here, not precision: the rules'
// own claims, the pack's proposition cues and the model's learned keywords name
// the propositions; actors come from the sentence, the sentences just before it,
// the owner of a plan being described, and the holders the rules resolved.
import type { ActorMention, AnalysedDocument, CandidateTrace, Claim, Polarity, PropositionMatch, SentenceAnalysis } from '../types.js';
import { stemsOf } from './stem.js';

/** How the candidate's actor was found. */
export type ActorSource = ActorMention['via'] | 'carried' | 'owner' | 'rule';

/** How the candidate's proposition was found. */
export type PropositionSource = 'cue' | 'keyword' | 'rule';

export interface Candidate {
  readonly analysis: SentenceAnalysis;
  readonly actor: string;
  readonly proposition: string;
  readonly actorSource: ActorSource;
  /** The actor mention in the sentence, when there is one. */
  readonly mention?: ActorMention;
  /** The span the proposition was found at (how, where, by which cue or keyword): one object for every actor paired with it. */
  readonly span: PropositionSpan;
  /** What the rules said of this sentence, actor and proposition. */
  readonly ruleClaims: readonly Claim[];
  /** Why the rules dropped this sentence's candidates for the proposition. */
  readonly ruleDrops: readonly string[];
  /**
   * The polarities of the claims the rules made for this actor and proposition anywhere in
   * the document, each once, in the order they first occur: a long document's every claim
   * on each candidate made the features cost candidates × claims.
   */
  readonly documentRulePolarities: readonly Polarity[];
  /** In how many sentences of the document this actor and proposition are candidates. */
  readonly documentSentences: number;
  /** Whether the document's first sentence (its headline) pairs them too. */
  readonly inHeadline: boolean;
}

/** Learned proposition keywords: stem → propositions it names. */
export type KeywordIndex = ReadonlyMap<string, readonly string[]>;

/** How many sentences back an actor named before still stands behind a sentence. */
const CARRY_REACH = 2;

export interface PropositionSpan {
  readonly proposition: string;
  readonly source: PropositionSource;
  /** [start, end) of the proposition cue (or keyword) in clean-text offsets. */
  readonly start: number;
  readonly end: number;
  readonly cue?: PropositionMatch;
  /** The learned keyword stem that named the proposition, when no cue did. */
  readonly keyword?: string;
}

function propositionSpans(a: SentenceAnalysis, keywords: KeywordIndex, ruleClaims: readonly Claim[]): PropositionSpan[] {
  const spans: PropositionSpan[] = a.propositions.map((p) => ({ proposition: p.proposition, source: 'cue', start: p.start, end: p.end, cue: p }));
  const named = new Set(spans.map((s) => s.proposition));
  for (const token of stemsOf(a.sentence)) {
    const propositions = keywords.get(token.stem);
    if (propositions === undefined) continue;
    for (const proposition of propositions) {
      if (named.has(proposition)) continue;
      named.add(proposition);
      spans.push({ proposition, source: 'keyword', start: token.start, end: token.end, keyword: token.stem });
    }
  }
  for (const claim of ruleClaims) {
    if (named.has(claim.proposition)) continue;
    named.add(claim.proposition);
    spans.push({ proposition: claim.proposition, source: 'rule', start: a.sentence.start, end: a.sentence.start });
  }
  return spans;
}

interface ActorSlot {
  readonly actor: string;
  readonly source: ActorSource;
  readonly mention?: ActorMention;
}

/** The mention of each actor nearest the span, so distances say how close the actor stands. */
function nearestMentions(mentions: readonly ActorMention[], span: { start: number; end: number }): Map<string, ActorMention> {
  const best = new Map<string, ActorMention>();
  const gap = (m: ActorMention): number => (m.end <= span.start ? span.start - m.end : m.start >= span.end ? m.start - span.end : 0);
  for (const m of mentions) {
    const held = best.get(m.actor);
    if (!held || gap(m) < gap(held)) best.set(m.actor, m);
  }
  return best;
}

/** A candidate while its document is read: the document-wide counts are filled in at the end. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Every candidate of a document, in sentence order. */
export function candidatesOf(doc: AnalysedDocument, claims: readonly Claim[], trace: readonly CandidateTrace[], keywords: KeywordIndex): Candidate[] {
  const out: Mutable<Candidate>[] = [];
  const bySentence = new Map<number, Claim[]>();
  for (const c of claims) bySentence.set(c.sentenceIndex, [...(bySentence.get(c.sentenceIndex) ?? []), c]);
  const drops = new Map<string, string[]>();
  for (const t of trace) {
    if (t.kept) continue;
    const key = `${t.sentenceIndex}|${t.proposition}`;
    drops.set(key, [...(drops.get(key) ?? []), t.reason]);
  }
  const polaritiesOf = new Map<string, Polarity[]>();
  for (const c of claims) {
    const key = `${c.actor}|${c.proposition}`;
    const held = polaritiesOf.get(key);
    if (!held) polaritiesOf.set(key, [c.polarity]);
    else if (!held.includes(c.polarity)) held.push(c.polarity);
  }
  // The sentences pairing each actor with each proposition, and each candidate's entry: one key per candidate.
  const sentencesOf = new Map<string, Set<number>>();
  const pairedIn: Set<number>[] = [];
  const noClaims: readonly Claim[] = [];
  const noPolarities: readonly Polarity[] = [];
  const noDrops: readonly string[] = [];
  const sentences = doc.sentences;
  for (let i = 0; i < sentences.length; i++) {
    const a = sentences[i]!;
    const ruleClaims = bySentence.get(a.sentence.index) ?? noClaims;
    const spans = propositionSpans(a, keywords, ruleClaims);
    if (spans.length === 0) continue;
    const carried = new Set<string>();
    for (let back = 1; back <= CARRY_REACH && i - back >= 0; back++) for (const m of sentences[i - back]!.actors) carried.add(m.actor);
    for (const span of spans) {
      const slots = new Map<string, ActorSlot>();
      for (const [actor, mention] of nearestMentions(a.actors, span)) slots.set(actor, { actor, source: mention.via, mention });
      for (const c of ruleClaims) if (c.proposition === span.proposition && !slots.has(c.actor)) slots.set(c.actor, { actor: c.actor, source: 'rule' });
      if (a.document && !slots.has(a.document.owner)) slots.set(a.document.owner, { actor: a.document.owner, source: 'owner' });
      for (const actor of carried) if (!slots.has(actor)) slots.set(actor, { actor, source: 'carried' });
      const ruleDrops = drops.get(`${a.sentence.index}|${span.proposition}`) ?? noDrops;
      for (const slot of slots.values()) {
        const pair = `${slot.actor}|${span.proposition}`;
        let paired = sentencesOf.get(pair);
        if (!paired) sentencesOf.set(pair, (paired = new Set()));
        paired.add(a.sentence.index);
        pairedIn.push(paired);
        const candidate: Mutable<Candidate> = {
          analysis: a,
          actor: slot.actor,
          proposition: span.proposition,
          actorSource: slot.source,
          span,
          ruleClaims: ruleClaims.length === 0 ? noClaims : ruleClaims.filter((c) => c.actor === slot.actor && c.proposition === span.proposition),
          ruleDrops,
          documentRulePolarities: polaritiesOf.get(pair) ?? noPolarities,
          documentSentences: 0,
          inHeadline: false,
        };
        if (slot.mention) candidate.mention = slot.mention;
        out.push(candidate);
      }
    }
  }
  // How widely the document pairs an actor with a proposition: a position restated is likelier held.
  const first = sentences[0]?.sentence.index;
  for (let k = 0; k < out.length; k++) {
    const c = out[k]!;
    const seen = pairedIn[k]!;
    c.documentSentences = seen.size;
    c.inHeadline = first !== undefined && seen.has(first);
  }
  return out;
}
