// Claims: for each proposition cue, find the stance that governs it, the actor
// who holds that stance, and the polarity; keep the candidate or say why not.
import type {
  ActorMention,
  AnalysedDocument,
  CandidateTrace,
  Claim,
  CueMatch,
  Polarity,
  PropositionMatch,
  SentenceAnalysis,
  StanceMatch,
} from '../types.js';

/** A negator this close before a cue (in characters of text between) negates it. */
const NEGATION_REACH = 14;
/** Words that may stand between a negator and a proposition cue ("no international recognition"). */
const NEGATED_PROPOSITION_GAP = /^\s*((any|a|an|the|further|formal|international|such|more)\s+)*$/i;
/** A stance reaches a proposition cue at most this many characters away. */
const STANCE_REACH = 220;
/** A passive cue ("pushed by") must follow its proposition this closely. */
const PASSIVE_REACH = 60;
/** Prepositions that make a following name an object or a place, not a subject. */
const OBJECT_PREPOSITION = /(?:^|\s)(in|to|at|from|into|with|for|of|on|about|against|between|toward|towards|near|over|by|via|under|visit|visited|visiting|told|tell|urged|asked|met|meet|meeting|persuade|convince|pressed)\s+(?:the\s+)?$/i;
const FIRST_PERSON = /(?<![\p{L}])(we|i|our)(?![\p{L}])\s+(?:\w+\s+){0,2}$/iu;
const COORDINATION = /^\s*(,|and|, and|&|as well as)\s*$/;
const QUOTE_START = /^\s*["“‘']/;
/** A list item: a bullet, or a line that starts in lower case ("lifting all sanctions;"). */
const LIST_ITEM = /^\s*([-•*–]\s|\p{Ll})/u;

function flip(p: Polarity): Polarity {
  return p === 'support' ? 'oppose' : 'support';
}

function between<T extends { start: number; end: number }>(items: readonly T[], from: number, to: number): T[] {
  return items.filter((i) => i.start >= from && i.end <= to);
}

/** The state carried across sentences: who spoke last, who demanded last. */
interface Carry {
  speaker?: string;
  speakerAge: number;
  demander?: string;
  demanderAge: number;
  paragraph: number;
}

/** The analysis of one sentence, with helpers bound to it. */
class SentenceView {
  constructor(readonly a: SentenceAnalysis) {}

  slice(from: number, to: number): string {
    const base = this.a.sentence.start;
    return this.a.sentence.text.slice(Math.max(0, from - base), Math.max(0, to - base));
  }

  /** Actor mentions that may act as holders: not inside a proposition cue. */
  holders(): ActorMention[] {
    return this.a.actors.filter((m) => !this.a.propositions.some((p) => m.start >= p.start && m.end <= p.end));
  }

  breakerBetween(from: number, to: number): boolean {
    return this.a.breakers.some((b) => b.start >= from && b.end <= to);
  }

  negatedBefore(start: number, gap: RegExp | null): boolean {
    return this.a.negators.some((n) => {
      if (n.end > start || start - n.end > NEGATION_REACH) return false;
      // "would not" is a refusal cue of its own; its "not" negates nothing else.
      if (this.a.stances.some((s) => s.start <= n.start && n.end <= s.end)) return false;
      return gap === null || gap.test(this.slice(n.end, start));
    });
  }

  /** The actor mentions coordinated with `m` to its left ("Ukraine and Russia"). */
  withCoordinated(m: ActorMention, pool: readonly ActorMention[]): ActorMention[] {
    const group = [m];
    let current = m;
    for (let i = pool.indexOf(m) - 1; i >= 0; i--) {
      const prev = pool[i]!;
      if (!COORDINATION.test(this.slice(prev.end, current.start))) break;
      group.unshift(prev);
      current = prev;
    }
    return group;
  }

  /** The subject of a cue: the nearest usable actor before it in its clause. */
  subjectOf(cue: CueMatch, clauseStart: number): ActorMention[] {
    const pool = this.holders().filter((m) => m.end <= cue.start && m.start >= clauseStart);
    for (let i = pool.length - 1; i >= 0; i--) {
      const m = pool[i]!;
      const before = this.slice(this.a.sentence.start, m.start);
      const closeToCue = /^\s*(\S+\s+){0,2}$/.test(this.slice(m.end, cue.start));
      if (OBJECT_PREPOSITION.test(before) && !closeToCue) continue;
      return this.withCoordinated(m, pool);
    }
    return [];
  }

  /** The first actor named as a subject in the sentence, before `cue`. */
  mainSubject(cue: CueMatch): ActorMention[] {
    const pool = this.holders().filter((m) => m.end <= cue.start);
    const first = pool.find((m) => !OBJECT_PREPOSITION.test(this.slice(this.a.sentence.start, m.start)));
    return first ? this.withCoordinated(first, pool) : [];
  }

  /** Who the sentence reports: "according to X", "X said", "…, said X". */
  speaker(): string | undefined {
    for (const at of this.a.attributions) {
      if (/^according to/i.test(at.text)) {
        const next = this.holders().find((m) => m.start >= at.end && m.start - at.end <= 40);
        if (next) return next.actor;
        continue;
      }
      const subject = this.subjectOf(at, this.a.sentence.start);
      if (subject.length > 0) return subject[subject.length - 1]!.actor;
      const after = this.holders().find((m) => m.start >= at.end && m.start - at.end <= 25);
      if (after) return after.actor;
    }
    return undefined;
  }
}

interface Candidate {
  readonly holders: string[];
  readonly polarity: Polarity;
  readonly head: StanceMatch;
  readonly viaSpeaker: boolean;
  readonly dropped?: string;
}

function resolveCandidate(view: SentenceView, prop: PropositionMatch, speaker: string | undefined, carry: Carry): Candidate | string {
  const a = view.a;
  const inScope = (s: StanceMatch, to: number): boolean =>
    s.end <= to && to - s.end <= STANCE_REACH && !view.breakerBetween(s.end, to);
  const left = a.stances.filter((s) => s.holder !== 'agent' && inScope(s, prop.start));
  let polarity: Polarity = prop.orientation === 'for' ? 'support' : 'oppose';
  if (view.negatedBefore(prop.start, NEGATED_PROPOSITION_GAP)) polarity = flip(polarity);

  // A passive right after the cue ("a truce pushed by Kyiv") names its holder outright.
  const passive = a.stances.find(
    (s) => s.holder === 'agent' && s.start >= prop.end && s.start - prop.end <= PASSIVE_REACH && !view.breakerBetween(prop.end, s.start),
  );
  if (left.length === 0 && !passive) return 'no stance cue governs it (a topic, not a stance)';
  if (passive) {
    const agents = view.holders().filter((m) => m.start >= passive.end);
    const first = agents[0];
    if (!first || first.start - passive.end > 20) return `passive "${passive.text}" has no actor after it`;
    const group = [first];
    for (let i = 1; i < agents.length; i++) {
      const between = view.slice(group[group.length - 1]!.end, agents[i]!.start);
      if (!/^\s*(,|and|, and)\s*(\w+['’]s\s+\w+\s*,?\s*(and\s*)?)?$/.test(between)) break;
      group.push(agents[i]!);
    }
    const pol = passive.polarity === 'support' ? polarity : flip(polarity);
    return { holders: group.map((m) => m.actor), polarity: pol, head: passive, viaSpeaker: false };
  }

  // Walk the chain of stance cues leftwards: deontic cues and infinitive
  // complements ("wanted Putin to agree to") belong to the stance before them.
  const chain: StanceMatch[] = [left[left.length - 1]!];
  for (;;) {
    const current = chain[chain.length - 1]!;
    const prev = left.filter((s) => s.end <= current.start).pop();
    if (!prev) break;
    const gap = view.slice(prev.end, current.start);
    // "wanted Putin to agree": an object then "to" is a complement; "Kyiv continues to reject" is a new clause.
    const lastActorInGap = view.holders().filter((m) => m.start >= prev.end && m.end <= current.start).pop();
    const objectThenTo = lastActorInGap === undefined || /^\s*to\s*$/i.test(view.slice(lastActorInGap.end, current.start));
    const complement = (/(^|\s)to\s*$/i.test(gap) && objectThenTo) || /^\s*to\s/i.test(current.text) || /^\s*$/.test(gap);
    if (current.holder === 'speaker' || complement || prev.opaque === false && /^\s*(\S+\s+){0,1}$/.test(gap)) {
      chain.push(prev);
      continue;
    }
    break;
  }
  const head = chain[chain.length - 1]!;
  for (const cue of chain) {
    if (view.negatedBefore(cue.start, null)) {
      if (cue.negated === 'drop') return `stance "${cue.text}" is negated`;
      polarity = flip(polarity);
    }
    if (cue.polarity === 'oppose') polarity = flip(polarity);
  }

  let holders: string[] = [];
  let viaSpeaker = false;
  if (head.holder === 'subject') {
    const clauseStart = Math.max(a.sentence.start, ...a.breakers.filter((b) => b.end <= head.start).map((b) => b.end));
    let subject = view.subjectOf(head, clauseStart);
    // An elliptical clause ("…, but warned against X") shares the main clause's subject.
    if (subject.length === 0) subject = view.mainSubject(head);
    holders = subject.map((m) => m.actor);
    if (holders.length === 0 && FIRST_PERSON.test(view.slice(a.sentence.start, head.start)) && (speaker ?? carry.speaker)) {
      holders = [(speaker ?? carry.speaker)!];
      viaSpeaker = true;
    }
  }
  if (holders.length === 0) {
    const fallback = speaker ?? (head.holder === 'speaker' || /^demand/.test(head.cue) ? carry.demander ?? carry.speaker : carry.speaker);
    if (!fallback) return `no actor holds stance "${head.text}"`;
    holders = [fallback];
    viaSpeaker = true;
  }
  return { holders, polarity, head, viaSpeaker };
}

/** Extract the claims of an analysed document, with a trace of every candidate. */
export function extractClaims(doc: AnalysedDocument): { claims: Claim[]; trace: CandidateTrace[] } {
  const claims: Claim[] = [];
  const trace: CandidateTrace[] = [];
  if (!doc.relevance.relevant) {
    for (const a of doc.sentences) {
      for (const p of a.propositions) {
        trace.push({ sentenceIndex: a.sentence.index, proposition: p.proposition, propositionCue: p.cue, kept: false, reason: 'document is off the pack topic' });
      }
    }
    return { claims, trace };
  }
  const carry: Carry = { speakerAge: 99, demanderAge: 99, paragraph: -1 };
  const seen = new Set<string>();
  // Who owns an open list: set by a line like "Russia's demands include:", kept by its items.
  let listHolder: string | undefined;
  for (const a of doc.sentences) {
    const view = new SentenceView(a);
    const listItem = LIST_ITEM.test(a.sentence.text);
    if (!listItem) listHolder = undefined;
    if (a.sentence.paragraph !== carry.paragraph) {
      carry.paragraph = a.sentence.paragraph;
      carry.speakerAge++;
      carry.demanderAge++;
    }
    const ownSpeaker = view.speaker();
    const quoted = QUOTE_START.test(a.sentence.text);
    const speaker = ownSpeaker ?? (quoted && carry.speakerAge <= 1 ? carry.speaker : undefined);
    const carried: Carry = {
      ...carry,
      ...(carry.speakerAge <= 1 ? {} : { speaker: undefined }),
      ...(carry.demanderAge <= 2 ? {} : { demander: undefined }),
    };
    let demander: string | undefined;
    for (const prop of a.propositions) {
      let result = resolveCandidate(view, prop, speaker, carried);
      if (typeof result === 'string' && listItem && listHolder && a.stances.length === 0) {
        const head: StanceMatch = { cue: 'list-item', text: '(list item)', start: a.sentence.start, end: a.sentence.start, polarity: 'support', modality: 'demand', holder: 'speaker', opaque: false, negated: 'drop' };
        result = { holders: [listHolder], polarity: prop.orientation === 'for' ? 'support' : 'oppose', head, viaSpeaker: true };
      }
      const base = { sentenceIndex: a.sentence.index, proposition: prop.proposition, propositionCue: prop.cue };
      if (typeof result === 'string') {
        trace.push({ ...base, kept: false, reason: result });
        continue;
      }
      const blocker = between(a.blockers, a.sentence.start, prop.start)[0];
      if (blocker) {
        trace.push({ ...base, kept: false, reason: `blocked by "${blocker.text}" (not a stance of the actor)` });
        continue;
      }
      const hedged = a.hedges.length > 0;
      const conditional = a.conditions.some((c) => c.start >= result.head.end);
      for (const actor of result.holders) {
        const claim: Claim = {
          actor,
          proposition: prop.proposition,
          polarity: result.polarity,
          evidence: a.sentence.text,
          start: a.sentence.start,
          end: a.sentence.end,
          modality: result.head.modality,
          hedged,
          reported: hedged || (ownSpeaker !== undefined && ownSpeaker !== actor),
          conditional,
          rule: `${result.head.cue}/${prop.cue}`,
          sentenceIndex: a.sentence.index,
        };
        trace.push({ ...base, kept: true, reason: `"${result.head.text}" held by ${actor}${result.viaSpeaker ? ' (speaker)' : ''}`, claim });
        const key = `${actor}|${prop.proposition}|${result.polarity}|${a.sentence.index}`;
        if (seen.has(key)) continue;
        seen.add(key);
        claims.push(claim);
        if (result.head.modality === 'demand') demander = actor;
      }
    }
    if (/:\s*$/.test(a.sentence.text)) {
      const intro = a.stances.find((st) => st.modality === 'demand' || st.modality === 'offer');
      const owner = intro ? (view.subjectOf(intro, a.sentence.start)[0]?.actor ?? ownSpeaker ?? carried.demander) : undefined;
      listHolder = owner;
    }
    if (ownSpeaker) {
      carry.speaker = ownSpeaker;
      carry.speakerAge = 0;
    }
    if (demander) {
      carry.demander = demander;
      carry.demanderAge = 0;
    }
  }
  return { claims, trace };
}
