// Claims: for each proposition cue, find the stance that governs it, the actor
// who holds that stance, and the polarity; keep the candidate or say why not.
import type {
  ActorMention,
  AnalysedDocument,
  CandidateTrace,
  Claim,
  CueMatch,
  Modality,
  Polarity,
  PropositionMatch,
  SentenceAnalysis,
  StanceMatch,
} from '../types.js';
import { matchText } from '../mentions/mentions.js';
import { claimContext } from './claim-context.js';

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
const FIRST_PERSON = /(?<![\p{L}])(we|i|our)(?:'(?:ve|re|d|ll|m))?(?![\p{L}])\s+(?:\w+\s+){0,2}$/iu;
const COORDINATION = /^\s*(,|and|, and|&|as well as)\s*$/;
const QUOTE_START = /^\s*["“‘']/;
/** A mention that stands for a document ("the text", "this plan"), resolved to its owner. */
const DOCUMENT_MENTION = /^(the|this|that|its|their)\s/i;
/** A place or occasion before a proposition cue: "in a second round of", "at the", "on the sidelines of". */
const SETTING = /(?:^|\s)(?:in|at|during|ahead of|on the sidelines of)\s+(?:(?:the|a|an|this|that|their|its|his|her|first|second|third|fourth|latest|new|next|another|fresh|recent|last|round|rounds|of)\s+)+$/i;
/** Nouns that stand for the parties themselves ("the two sides agreed"), so the speaker may say whom. */
const PARTY_NOUN = /^(sides?|parties|party|delegations?|countries|states|nations|governments?|leaders?|negotiators?|allies|partners|members|officials?|ministers?|envoys?|president|administration|team|capitals)$/i;
/** A plan-like noun whose owner proposes what it lists. */
const PLAN_NOUN = /(?<![\p{L}])(plans?|framework|proposals?|memorandum|draft|blueprint|roadmap|initiative)(?![\p{L}])/giu;
/** An owner named after the plan: "plans coordinated by the UK and France". */
const PLAN_AGENT = /^\s*,?\s*(coordinated|drawn up|put forward|proposed|drafted|prepared|backed|floated|offered|presented|tabled|written|devised) by\s+$/i;
/** What joins a plan to one of its terms: "the US framework, such as a peacekeeping force". */
const PLAN_INCLUDES = /^\s*,?\s*(such as|including|which (includes?|included|envisages?|envisaged|envisions?|envisioned|calls? for|called for|provides? for|provided for)|that (includes?|included|calls? for|called for))\s+(?:[\p{L}'’-]+\s+){0,3}$/iu;
/** A stance cue governs, but no actor holds it. */
const NO_HOLDER = 'no actor holds stance';
/** What follows a deontic whose subject is the proposition: "should first be halted". */
const DEONTIC_PASSIVE = /^\s+(first |now |then )?be\s/i;
/** A second complement clause: "…, and that …". */
const SECOND_COMPLEMENT = /(?<![\p{L}])and that(?![\p{L}])/iu;
/** Breakers that open a condition, whose stances are hypotheses. */
const CONDITION_OPENER = /^(if|unless|should|once)$/i;
/** No stance cue governs the proposition: other rules may still find a holder. */
const NO_STANCE = 'no stance cue governs it (a topic, not a stance)';
/** A list item: a bullet, or a line that starts in lower case ("lifting all sanctions;"). */
const LIST_ITEM = /^\s*([-•*–]\s|\p{Ll})/u;

function flip(p: Polarity): Polarity {
  return p === 'support' ? 'oppose' : 'support';
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
    return matchText(this.a.sentence.text.slice(Math.max(0, from - base), Math.max(0, to - base)));
  }

  /** The sentence's own wording between two offsets, quotes unfolded (an opening quote stays one). */
  raw(from: number, to: number): string {
    const base = this.a.sentence.start;
    return this.a.sentence.text.slice(Math.max(0, from - base), Math.max(0, to - base));
  }

  /** Actor mentions that may act as holders: not inside a proposition cue. */
  holders(): ActorMention[] {
    return this.a.actors.filter((m) => !this.a.propositions.some((p) => m.start >= p.start && m.end <= p.end) || this.parentheticalSpeaker(m));
  }

  /** "Decisions on territory, they said, were for Ukraine": a speaker set off inside a cue still speaks. */
  parentheticalSpeaker(m: ActorMention): boolean {
    return this.a.attributions.some((at) => at.start >= m.end && /^\s*$/.test(this.slice(m.end, at.start)) && /,\s*$/.test(this.slice(this.a.sentence.start, m.start)));
  }

  inQuote(m: { start: number; end: number }): boolean {
    return this.a.quotes.some(([from, to]) => m.start >= from && m.end <= to);
  }

  /** "insisted that X, and warned that P": a new speech verb starts a new reported clause. */
  attributionBetween(from: number, to: number): boolean {
    return this.a.attributions.some((at) => at.start >= from && at.end <= to && !/^(according to|statement|declaration)/i.test(at.text));
  }

  /** Inside a clause that states what must happen first: "unless P", "only when P", "could only begin after P", "not … until P". */
  demandedCondition(at: number): boolean {
    const opener = this.a.breakers.filter((b) => b.end <= at).at(-1);
    if (!opener || this.a.breakers.some((b) => b.start >= opener.end && b.end <= at)) return false;
    // "there can be no peace until Ukraine leaves Donbas": a negated main clause makes "until" a demand.
    const negatedUntil = /^until$/i.test(opener.text) && this.a.negators.some((n) => n.end <= opener.start);
    return negatedUntil || /^unless$/i.test(opener.text) || (/^(if|when|once|after)$/i.test(opener.text) && this.onlyBefore(opener.start));
  }

  /** "only if", "could only begin after": "only" before `at` with nothing but verbs between ("only two hours after" is time). */
  onlyBefore(at: number): boolean {
    const before = this.a.sentence.tokens.filter((t) => t.end <= at);
    for (let i = before.length - 1; i >= 0 && i >= before.length - 4; i--) {
      const t = before[i]!;
      if (/^only$/i.test(t.text)) return true;
      if (!/^(VERB|AUX|ADV|PART)$/.test(t.pos)) return false;
    }
    return false;
  }

  /** A stance inside an "if" clause ("if the US offered guarantees") is a hypothesis, not a position. */
  hypothetical(s: StanceMatch): boolean {
    const opener = this.a.breakers.filter((b) => b.end <= s.start).at(-1);
    return opener !== undefined && CONDITION_OPENER.test(opener.text) && !this.a.breakers.some((b) => b.start >= opener.end && b.end <= s.start);
  }

  breakerBetween(from: number, to: number): boolean {
    return this.a.breakers.some((b) => b.start >= from && b.end <= to);
  }

  /** Where the clause holding `at` starts: after the last clause breaker before it. */
  clauseStart(at: number): number {
    return Math.max(this.a.sentence.start, ...this.a.breakers.filter((b) => b.end <= at).map((b) => b.end));
  }

  /** The clause holding a proposition: from the breaker before it to the breaker after it. */
  clauseOf(prop: { start: number; end: number }): string {
    const next = this.a.breakers.find((b) => b.start >= prop.end);
    return this.slice(this.clauseStart(prop.start), next?.start ?? this.a.sentence.end);
  }

  /** A quotation closes and is attributed between the two points: `"…won't," he said during talks`. */
  closedQuoteBetween(from: number, to: number): boolean {
    return this.a.attributions.some((at) => at.start >= from && at.end <= to && CLOSED_QUOTE.test(this.raw(from, at.start)));
  }

  negatedBefore(start: number, gap: RegExp | null): boolean {
    return this.negatorBefore(start, gap) !== undefined;
  }

  negatorBefore(start: number, gap: RegExp | null = null): CueMatch | undefined {
    return this.a.negators.find((n) => {
      if (n.end > start || start - n.end > NEGATION_REACH) return false;
      // "would not" is a refusal cue of its own; its "not" negates nothing else.
      if (this.a.stances.some((s) => s.start <= n.start && n.end <= s.end)) return false;
      // "did not accept a US proposal for X": the negator belongs to the nearer verb, not to the noun after it.
      if (this.a.stances.some((s) => s.start >= n.end && s.end <= start)) return false;
      return gap === null || gap.test(this.slice(n.end, start));
    });
  }

  /** The actor mentions coordinated with `m` to its left ("Ukraine and Russia"). */
  withCoordinated(m: ActorMention, pool: readonly ActorMention[]): ActorMention[] {
    // "the two sides" stands for two parties at one span.
    const same = pool.filter((x) => x.start === m.start && x.end === m.end && x !== m);
    if (same.length > 0) return [...same, m];
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
      const gap = this.slice(m.end, cue.start);
      // "talks with Kyiv agreeing to…" is a subject; "the onus on Russia to agree", "input from Russian officials, would…" are not.
      // "convince Putin on terms of a deal": a preposition after the object keeps it an object.
      const closeToCue = /^\s*(\S+\s+){0,2}$/.test(gap) && !/,/.test(gap) && !/^\s*to\s*$/i.test(gap) && !/^\s*(on|about|over|of|for|at|in)\s/i.test(gap);
      if (OBJECT_PREPOSITION.test(before) && !closeToCue) continue;
      if (this.indirectObject(m)) continue;
      return this.withCoordinated(m, pool);
    }
    return [];
  }

  /** "Moscow offered Kyiv two options": a name between a verb and its direct object is not a subject. */
  indirectObject(m: ActorMention): boolean {
    const tokens = this.a.sentence.tokens;
    const prev = tokens.filter((t) => t.end <= m.start).at(-1);
    const next = tokens.find((t) => t.start >= m.end);
    if (!prev || !next || prev.pos !== 'VERB' || !/^(DET|NUM)$/.test(next.pos)) return false;
    return !this.a.attributions.some((at) => at.start <= prev.start && prev.end <= at.end);
  }

  /** The first actor named as a subject in the sentence, before `cue`. */
  mainSubject(cue: CueMatch): ActorMention[] {
    const pool = this.holders().filter((m) => m.end <= cue.start);
    const first = pool.find((m) => !OBJECT_PREPOSITION.test(this.slice(this.a.sentence.start, m.start)));
    return first ? this.withCoordinated(first, pool) : [];
  }

  /** "The draft provides for…", "Washington's plan would include…": the owner of the document that is the subject. */
  documentSubject(head: StanceMatch): string | undefined {
    const subject = this.subjectOf(head, this.clauseStart(head.start)).at(-1);
    if (!subject) return undefined;
    if (subject.via === 'pronoun' && DOCUMENT_MENTION.test(subject.text)) return subject.actor;
    return /^(?:'s)?\s+(?:[\p{L}\d-]+\s+){0,3}$/u.test(this.slice(subject.end, head.start).replace(PLAN_NOUN, '')) && PLAN_NOUN.test(this.slice(subject.end, head.start))
      ? subject.actor
      : undefined;
  }

  /** The owner of a document that the sentence quotes: "The text notes that…" → the plan's author. */
  documentSpeaker(): string | undefined {
    for (const at of this.a.attributions) {
      const subject = this.subjectOf(at, this.a.sentence.start).at(-1);
      if (subject?.via === 'pronoun' && DOCUMENT_MENTION.test(subject.text)) return subject.actor;
    }
    return undefined;
  }

  /** The speaker of the attribution nearest before `at` ("…, as Trump said that X"), else the first one. */
  speakerOf(at: number): string | undefined {
    const nearest = this.a.attributions.filter((t) => t.end <= at && !/^according to/i.test(t.text)).pop();
    const subject = nearest ? this.subjectOf(nearest, this.clauseStart(nearest.start)).at(-1) : undefined;
    return subject?.actor ?? this.speaker();
  }

  /** Who the sentence reports: "according to X", "X said", "…, said X". */
  speaker(): string | undefined {
    for (const at of this.a.attributions) {
      if (/^according to/i.test(at.text)) {
        const next = this.holders().find((m) => m.start >= at.end && m.start - at.end <= 40);
        if (next) return next.actor;
        continue;
      }
      // `"…Ukraine…," the statement said`: a name inside the quote is not who speaks.
      const subject = this.subjectOf(at, this.a.sentence.start).filter((m) => !this.inQuote(m));
      if (subject.length > 0) return subject[subject.length - 1]!.actor;
      const after = this.holders().find((m) => m.start >= at.end && m.start - at.end <= 25);
      if (after) return after.actor;
    }
    return undefined;
  }
}

/** One group of holders of a candidate, with the polarity they hold it with. */
interface Holding {
  readonly holders: string[];
  readonly polarity: Polarity;
  readonly head: StanceMatch;
  readonly viaSpeaker: boolean;
}

/** Stance nouns that can carry their holder as a possessor: "Russia's demand", "the US proposal". */
const NOMINAL_STANCE = /^(demands?|proposals?|plans?|offers?|insistence|calls?|requests?|willingness|readiness|openness|terms|conditions|ultimatum|commitments?|pledges?|promises?|refusal|rejection|opposition|push|bid|vision|idea|initiative|intention|desire|preconditions?)(?![\p{L}])/iu;
/** What may stand between an outer stance and a possessed stance noun: "rejected a reported [Russian demand]". */
const NP_MODIFIERS = /^\s*(?:(?:a|an|the|any|this|that|its|their|his|her|such|latest|new|reported|revised|renewed|fresh|earlier|formal|initial|so-called|president|prime minister|chancellor|envoy|leader|[\w-]+-point)\s+)*$/i;
/** A possessor right before a stance noun: "Russia's", "Russia's new", "Washington's latest peace" ("Putin on terms" is no possessor). */
const POSSESSIVE_GAP = /^(?:'s)?\s+(?:(?!(?:on|about|over|of|for|at|in|to|with|from|by)\s)[\p{L}-]+\s+){0,2}$|^\s*$/iu;
/** A text marker of a quotation closed and attributed: `…them," the president said`. */
const CLOSED_QUOTE = /(?<=\S)["”]\s*,?\s*(?:[\p{L}.'’-]+\s+){0,5}$/u;

/** Walk the chain of stance cues leftwards from `last`: deontic cues and infinitive
 * complements ("wanted Putin to agree to") belong to the stance before them. */
function walkChain(view: SentenceView, left: readonly StanceMatch[], last: StanceMatch): StanceMatch[] {
  const chain: StanceMatch[] = [last];
  for (;;) {
    const current = chain[chain.length - 1]!;
    const prev = left.filter((s) => s.end <= current.start).pop();
    if (!prev) break;
    const gap = view.slice(prev.end, current.start);
    // "wanted Putin to agree": an object then "to" is a complement; "Kyiv continues to reject" is a new clause.
    const lastActorInGap = view.holders().filter((m) => m.start >= prev.end && m.end <= current.start).pop();
    const objectThenTo = lastActorInGap === undefined || /^\s*to\s*$/i.test(view.slice(lastActorInGap.end, current.start));
    const complement = (/(^|\s)to\s*$/i.test(gap) && objectThenTo) || /^\s*to\s/i.test(current.text) || /^\s*$/.test(gap);
    // "welcomed Trump's willingness to": a stance noun with its own possessor starts its own chain.
    if (NOMINAL_STANCE.test(current.text) && lastActorInGap !== undefined && POSSESSIVE_GAP.test(view.slice(lastActorInGap.end, current.start))) break;
    if (current.holder === 'speaker' || complement || (prev.opaque === false && /^\s*(\S+\s+){0,1}$/.test(gap))) {
      chain.push(prev);
      continue;
    }
    break;
  }
  return chain;
}

/** Apply the chain's negations and oppose-cues to `polarity`; a string says why the chain drops it. */
function chainPolarity(view: SentenceView, chain: readonly StanceMatch[], polarity: Polarity): { polarity: Polarity } | { dropped: string } {
  let p = polarity;
  for (const cue of chain) {
    const negator = view.negatorBefore(cue.start);
    if (negator) {
      // "has not yet agreed" is a position not reached, not a refusal.
      if (cue.negated === 'drop' || /(^|\s)yet(\s|$)/i.test(view.slice(negator.start, cue.start))) return { dropped: `stance "${cue.text}" is negated` };
      p = flip(p);
    }
    if (cue.polarity === 'oppose') p = flip(p);
  }
  return { polarity: p };
}

/** The actor that owns a stance noun: "Russia's demand", "a Russian proposal", "the US plan". */
function possessorOf(view: SentenceView, head: StanceMatch): ActorMention[] {
  if (!NOMINAL_STANCE.test(head.text)) return [];
  const pool = view.holders();
  const owner = pool.filter((m) => m.start < head.start && (m.end > head.start || POSSESSIVE_GAP.test(view.slice(m.end, head.start)))).pop();
  return owner ? view.withCoordinated(owner, pool) : [];
}

/** A verb of judgment right before its object: "called", "considers", "deemed", "described … as". */
const JUDGE_BEFORE =
  /(?<![\p{L}])(?:call(?:s|ed|ing)?|consider(?:s|ed|ing)?|deem(?:s|ed|ing)?|view(?:s|ed|ing)?|regard(?:s|ed|ing)?|describ(?:e|es|ed|ing)|brand(?:s|ed|ing)?|label(?:s|led|ed|ling|ing)?)\s+(?:(?:a|an|the|any|this|that|such|possible|potential|proposed|so-called|immediate|new|further)\s+){0,3}$/iu;
/** The verdict after the judged object: "… unacceptable", "… to be premature", "… as a first step". */
const VERDICT =
  /^[^,;:"]{0,60}?\s(?:to be |as )?(?:(?:completely|totally|entirely|simply|wholly|absolutely|clearly|still|too|deeply|very|most) )?(?:(unacceptable|premature|unrealistic|out of the question|a non-?starter|illegitimate|absurd|counterproductive)|(essential|vital|crucial|indispensable|a priority|(?:a|the) (?:[\p{L}-]+ ){0,3}step(?! back)))(?![\p{L}])/iu;

/** "Trump considers a delivery of missiles to be premature", "Zelensky called the truce a first step": the judge's stance. */
function judgedBy(view: SentenceView, prop: PropositionMatch, speaker: string | undefined, carry: Carry): Holding[] {
  const a = view.a;
  const before = JUDGE_BEFORE.exec(view.slice(view.clauseStart(prop.start), prop.start));
  const verdict = VERDICT.exec(view.slice(prop.end, a.sentence.end));
  if (!before || !verdict) return [];
  const verbEnd = prop.start - before[0].length + before[0].search(/\s/);
  const verdictAt = prop.end + verdict[0].length;
  if (view.breakerBetween(prop.end, verdictAt) || view.attributionBetween(prop.end, verdictAt)) return [];
  const against = verdict[1] !== undefined;
  const judge: StanceMatch = {
    cue: 'judged',
    text: view.slice(prop.start - before[0].length, verbEnd),
    start: prop.start - before[0].length,
    end: verbEnd,
    polarity: against ? 'oppose' : 'support',
    modality: against ? 'reject' : 'accept',
    holder: 'subject',
    opaque: false,
    negated: 'drop',
    shared: false,
  };
  let polarity: Polarity = prop.orientation === 'for' ? 'support' : 'oppose';
  if (view.negatedBefore(prop.start, NEGATED_PROPOSITION_GAP)) polarity = flip(polarity);
  const held = resolveLeft(view, [judge], polarity, speaker, carry);
  return typeof held === 'string' ? [] : held;
}

function resolveCandidate(view: SentenceView, prop: PropositionMatch, speaker: string | undefined, carry: Carry): Holding[] | string {
  const judged = judgedBy(view, prop, speaker, carry);
  const plain = resolveStance(view, prop, speaker, carry);
  if (judged.length === 0) return plain;
  // A passive after the object ("missiles hoped for by Kyiv") still names its own holder.
  return [...judged, ...(typeof plain === 'string' ? [] : plain.filter((h) => h.head.holder === 'agent'))];
}

function resolveStance(view: SentenceView, prop: PropositionMatch, speaker: string | undefined, carry: Carry): Holding[] | string {
  const a = view.a;
  const inScope = (s: StanceMatch, to: number): boolean =>
    s.end <= to &&
    to - s.end <= STANCE_REACH &&
    !view.breakerBetween(s.end, to) &&
    !view.closedQuoteBetween(s.end, to) &&
    !view.attributionBetween(s.end, to) &&
    !view.hypothetical(s) &&
    !a.breakers.some((b) => b.start <= s.start && s.end <= b.end) &&
    // "said Kyiv would not cede land and that talks could not…": the second "that" clause belongs to the outer verb.
    (!SECOND_COMPLEMENT.test(view.slice(s.end, to)) || /that$/i.test(s.text));
  // "tabled a memorandum in a second round of direct talks": the talks are the setting, not the object.
  const setting = SETTING.test(view.slice(a.sentence.start, prop.start));
  const left = setting ? [] : a.stances.filter((s) => s.holder !== 'agent' && inScope(s, prop.start) && (s.holder !== 'document' || view.documentSubject(s) !== undefined));
  let polarity: Polarity = prop.orientation === 'for' ? 'support' : 'oppose';
  if (view.negatedBefore(prop.start, NEGATED_PROPOSITION_GAP)) polarity = flip(polarity);

  // A passive right after the cue ("a truce pushed by Kyiv") names its holder outright.
  const passive = a.stances.find(
    (s) => s.holder === 'agent' && s.start >= prop.end && s.start - prop.end <= PASSIVE_REACH && !view.breakerBetween(prop.end, s.start),
  );
  // "the fighting should first be halted": a deontic right after its proposition, in the passive.
  const deonticAfter = a.stances.find((s) => s.holder === 'speaker' && s.start >= prop.end && /^\s*$/.test(view.slice(prop.end, s.start)) && DEONTIC_PASSIVE.test(view.slice(s.end, s.end + 20)));
  if (left.length === 0 && !passive && deonticAfter) return resolveLeft(view, [deonticAfter], prop.orientation === 'for' ? 'support' : 'oppose', speaker, carry);
  // "no lasting settlement unless Ukrainian forces left the Donbas": the speaker's condition.
  if (left.length === 0 && !passive && view.demandedCondition(prop.start)) {
    const holder = speaker ?? view.speakerOf(prop.start);
    if (holder) return statedBy(view, prop, holder, 'condition', 'condition');
  }
  // "ready to give up NATO if the US offered guarantees": what a party asks in return for its own offer is its demand.
  if (left.length === 0 && !passive) {
    const opener = a.breakers.filter((b) => b.end <= prop.start).at(-1);
    if (opener && SET_CONDITION.test(opener.text) && asTerm(view, opener, prop.start)) {
      const offer = a.stances.filter((s) => s.holder === 'subject' && s.polarity === 'support' && inScope(s, opener.start));
      const own = offer.length > 0 ? resolveLeft(view, offer, 'support', speaker, carry) : NO_STANCE;
      // Only a party that offers or asks sets terms: "refused to meet if…" sets none.
      const terms = typeof own === 'string' ? [] : own.filter((h) => h.polarity === 'support').map((h) => ({ ...h, polarity }));
      if (terms.length > 0) return terms;
    }
  }
  if (left.length === 0 && !passive) return NO_STANCE;
  const holdings: Holding[] = [];
  if (passive) {
    const group = agentsAfter(view, passive.end);
    if (group.length === 0) return `passive "${passive.text}" has no actor after it`;
    const pol = passive.polarity === 'support' ? polarity : flip(polarity);
    holdings.push({ holders: group.map((m) => m.actor), polarity: pol, head: passive, viaSpeaker: false });
    // "Ukraine agreed to a truce proposed by Washington": the verb before the cue still has its own holder.
    const nearest = left[left.length - 1];
    if (!nearest || !/^\s*(\S+\s+){0,3}$/.test(view.slice(nearest.end, prop.start))) return holdings;
    const own = resolveLeft(view, left, polarity, speaker, carry);
    return typeof own === 'string' ? holdings : [...own, ...holdings];
  }
  const own = resolveLeft(view, left, polarity, speaker, carry);
  return typeof own === 'string' ? own : [...own, ...sharedHoldings(view, own)];
}

/** How far a condition's opener may stand from the term it asks for. */
const TERM_REACH = 80;
/** Openers of the terms a party sets for its own offer: "ready to meet if…", "offered a truce in return for…". */
const SET_CONDITION = /^(if|provided( that)?|as long as|in exchange for|in return for)$/i;

/**
 * Whether the clause from a condition opener to `to` asks for what lies at `to`: "in return for [P]",
 * "if the US offered [P]", "if Kyiv [withdrew…]". A refusal or negation in it ("if Russia rejected the truce")
 * or an event befalling P ("if a peacekeeping mission comes under threat") is no term.
 */
function asTerm(view: SentenceView, opener: CueMatch, to: number): boolean {
  const a = view.a;
  const gap = view.slice(opener.end, to);
  if (to - opener.end > TERM_REACH || view.breakerBetween(opener.end, to) || view.attributionBetween(opener.end, to)) return false;
  if (a.stances.some((s) => s.start >= opener.end && s.end <= to && s.polarity === 'oppose') || a.negators.some((n) => n.start >= opener.end && n.end <= to)) return false;
  if (/^(in exchange for|in return for)$/i.test(opener.text)) return /^\s*((the|a|an|its|their|his|her|an? \S+|the \S+)\s+)?$/i.test(gap);
  if (a.stances.some((s) => s.start >= opener.end && s.end <= to && s.polarity === 'support')) return true;
  // "if Kyiv withdrew from…": nothing but the actor (and an auxiliary) before the proposition.
  const actors = a.actors.filter((m) => m.start >= opener.end && m.end <= to);
  const rest = actors.reduceRight((text, m) => text.slice(0, m.start - opener.end) + text.slice(m.end - opener.end), gap);
  return actors.length > 0 && /^\s*(the\s+)?\s*((would|were to|was to|agreed to|agrees to|did|does)\s+)?$/i.test(rest);
}

/** The actors named right after `at` ("pushed by Kyiv and Paris", "agreements with Russia and Ukraine"), coordinated. */
function agentsAfter(view: SentenceView, at: number): ActorMention[] {
  const agents = view.holders().filter((m) => m.start >= at);
  const first = agents[0];
  if (!first || first.start - at > 20) return [];
  const group = [first];
  for (let i = 1; i < agents.length; i++) {
    const between = view.slice(group[group.length - 1]!.end, agents[i]!.start);
    if (!/^\s*(,|and|, and)\s*(\w+'s\s+\w+\s*,?\s*(and\s*)?)?$/.test(between)) break;
    group.push(agents[i]!);
  }
  return group;
}

/** "other elements of the US framework, such as a peacekeeping force": the plan's owner proposes the term. */
function planTerm(view: SentenceView, prop: PropositionMatch): Holding[] {
  const before = view.slice(view.a.sentence.start, prop.start);
  const plans = [...before.matchAll(PLAN_NOUN)];
  const plan = plans.at(-1);
  if (!plan) return [];
  const planStart = view.a.sentence.start + plan.index;
  const planEnd = planStart + plan[0].length;
  const pool = view.holders();
  let owners = pool.filter((m) => m.start < planStart && POSSESSIVE_GAP.test(view.slice(m.end, planStart))).slice(-1);
  let termFrom = planEnd;
  if (owners.length > 0) owners = view.withCoordinated(owners[0]!, pool);
  else {
    const agent = pool.find((m) => m.start >= planEnd && PLAN_AGENT.test(view.slice(planEnd, m.start)));
    if (agent) {
      owners = [agent];
      for (const m of pool.filter((x) => x.start > agent.start)) {
        if (!COORDINATION.test(view.slice(owners.at(-1)!.end, m.start))) break;
        owners.push(m);
      }
      termFrom = owners.at(-1)!.end;
    }
  }
  if (owners.length === 0 || !PLAN_INCLUDES.test(view.slice(termFrom, prop.start))) return [];
  return statedBy(view, prop, owners[0]!.actor, 'plan-term', 'offer').map((h) => ({ ...h, holders: owners.map((m) => m.actor), viaSpeaker: false }));
}

/** "Trump and Putin agreed that the US would offer guarantees": an agreement binds every party to it. */
function sharedHoldings(view: SentenceView, holdings: readonly Holding[]): Holding[] {
  const extra: Holding[] = [];
  for (const h of holdings) {
    // "reached agreements with Russia and Ukraine to…": the partners named after "with" hold it too.
    if (h.head.shared && /with$/i.test(h.head.text)) {
      const partners = agentsAfter(view, h.head.end);
      if (partners.length > 0) extra.push({ holders: partners.map((m) => m.actor), polarity: h.polarity, head: h.head, viaSpeaker: false });
    }
    const agreement = view.a.stances.filter((s) => s.shared && s.end <= h.head.start && !view.breakerBetween(s.end, h.head.start)).pop();
    if (!agreement || agreement === h.head || view.negatedBefore(agreement.start, null)) continue;
    const parties = view.subjectOf(agreement, view.clauseStart(agreement.start)).map((m) => m.actor);
    if (parties.length > 0) extra.push({ holders: parties, polarity: h.polarity, head: agreement, viaSpeaker: false });
  }
  return extra;
}

/** Holdings from the stance chain to the left of a proposition cue. */
function resolveLeft(view: SentenceView, left: readonly StanceMatch[], polarity: Polarity, speaker: string | undefined, carry: Carry): Holding[] | string {
  const chain = walkChain(view, left, left[left.length - 1]!);
  const head = chain[chain.length - 1]!;
  const chained = chainPolarity(view, chain, polarity);
  if ('dropped' in chained) return chained.dropped;
  const pol = chained.polarity;

  // "welcomed Trump's willingness to", "rejected a Russian demand that": the noun's owner
  // holds the inner stance, the outer verb's subject holds it through the outer verb.
  const owner = possessorOf(view, head);
  if (owner.length > 0) {
    const holdings: Holding[] = [{ holders: owner.map((m) => m.actor), polarity: pol, head, viaSpeaker: false }];
    const npStart = owner[0]!.start;
    const outer = left.filter((s) => s.end <= npStart).pop();
    if (outer && NP_MODIFIERS.test(view.slice(outer.end, npStart))) {
      const outerChain = walkChain(view, left, outer);
      const outerPol = chainPolarity(view, outerChain, pol);
      const outerHead = outerChain[outerChain.length - 1]!;
      const outerHolders = holdersOf(view, outerHead, speaker, carry);
      if ('polarity' in outerPol && typeof outerHolders !== 'string') {
        holdings.push({ holders: outerHolders.holders, polarity: outerPol.polarity, head: outerHead, viaSpeaker: outerHolders.viaSpeaker });
      }
    }
    return holdings;
  }
  const found = holdersOf(view, head, speaker, carry);
  if (typeof found === 'string') return found;
  return [{ holders: found.holders, polarity: pol, head, viaSpeaker: found.viaSpeaker }];
}

/** Who holds a stance: its subject, else (for deontic cues, quotes and first person) the speaker. */
function holdersOf(view: SentenceView, head: StanceMatch, speaker: string | undefined, carry: Carry): { holders: string[]; viaSpeaker: boolean } | string {
  const a = view.a;
  if (head.holder === 'document') {
    const owner = view.documentSubject(head);
    return owner ? { holders: [owner], viaSpeaker: false } : `"${head.text}" has no document as its subject`;
  }
  if (head.holder === 'subject') {
    const clauseStart = view.clauseStart(head.start);
    let subject = view.subjectOf(head, clauseStart);
    // An elliptical clause ("…, but warned against X") shares the main clause's subject.
    if (subject.length === 0) subject = view.mainSubject(head);
    // "As long as the killing in Ukraine continues, we stand ready": the nearer "we" is the subject.
    const firstPersonAfter = subject.length > 0 && FIRST_PERSON.test(view.slice(subject.at(-1)!.end, head.start));
    // "Ukraine should withdraw…, or agree to X": the subject of a deontic is its target, and so is its coordinated verb.
    const deontic = a.stances.find(
      (s) => s.holder === 'speaker' && s.end <= head.start && !view.breakerBetween(s.end, head.start) && view.subjectOf(s, clauseStart).some((m) => subject.includes(m)),
    );
    const deonticSpeaker = speaker ?? carry.demander ?? carry.speaker;
    if (deontic && deonticSpeaker && subject.length > 0) return { holders: [deonticSpeaker], viaSpeaker: true };
    if (subject.length > 0 && !firstPersonAfter) return { holders: subject.map((m) => m.actor), viaSpeaker: false };
    // "most voters oppose": a subject is named, and it is not a party.
    const before = a.sentence.tokens.filter((t) => t.end <= head.start && !/^(ADV|AUX|PART)$/.test(t.pos)).at(-1);
    if (subject.length === 0 && before && /^(NOUN|PROPN)$/.test(before.pos) && !PARTY_NOUN.test(before.text)) return `the subject "${before.text}" is not a party`;
    // "we've agreed…" with no speaker named: the author of the statement being quoted.
    const firstPersonSpeaker = speaker ?? carry.speaker ?? a.document?.owner;
    if (FIRST_PERSON.test(view.slice(a.sentence.start, head.start)) && firstPersonSpeaker) {
      return { holders: [firstPersonSpeaker], viaSpeaker: true };
    }
  }
  const fallback = speaker ?? (head.holder === 'speaker' || /^demand/.test(head.cue) ? carry.demander ?? carry.speaker : carry.speaker);
  if (!fallback) return `${NO_HOLDER} "${head.text}"`;
  return { holders: [fallback], viaSpeaker: true };
}

/**
 * A proposition stated without a stance verb still has a holder when a document's text says it
 * ("The text notes that Ukraine could join the EU") or when its wording is itself a position
 * reported from a speaker ("Trump said Crimea will stay with Russia").
 */
function statedWithoutStance(view: SentenceView, prop: PropositionMatch, ownSpeaker: string | undefined): Holding[] | undefined {
  const documentOwner = view.documentSpeaker();
  // "We are determined to keep Ukraine strong in order to achieve an end to the fighting": a stance
  // cut off by a breaker does not reach the proposition, and the document does not state it either.
  const cutOff = view.a.stances.some((s) => s.end <= prop.start && view.breakerBetween(s.end, prop.start));
  if (documentOwner && !cutOff) return statedBy(view, prop, documentOwner, 'document-states', 'offer');
  if (prop.assertive && ownSpeaker) {
    const speaker = view.speakerOf(prop.start);
    if (speaker) return statedBy(view, prop, speaker, 'asserts');
  }
  return undefined;
}

/** A holding with no stance verb: the proposition's own orientation and negation give the polarity. */
function statedBy(view: SentenceView, prop: PropositionMatch, holder: string, cue: string, modality?: Modality): Holding[] {
  const negated = view.negatedBefore(prop.start, NEGATED_PROPOSITION_GAP);
  const polarity: Polarity = (prop.orientation === 'for') !== negated ? 'support' : 'oppose';
  const head: StanceMatch = {
    cue,
    text: `(${cue})`,
    start: prop.start,
    end: prop.start,
    polarity,
    modality: modality ?? (polarity === 'support' ? 'demand' : 'reject'),
    holder: 'speaker',
    opaque: false,
    negated: 'drop',
    shared: false,
  };
  return [{ holders: [holder], polarity, head, viaSpeaker: true }];
}

/** What a plan would do, in its own clause: "Kyiv would write into its constitution…", "front lines would be frozen". */
const PLAN_MODAL = /(?<![\p{L}])would(?![\p{L}])/iu;

/** "Kyiv would write…" states a term; "The negotiator claimed his country would…" reports someone: no verb may come before the modal. */
function opensWithModal(a: SentenceAnalysis): boolean {
  const modal = a.sentence.tokens.find((t) => PLAN_MODAL.test(t.text));
  return modal !== undefined && !a.sentence.tokens.some((t) => t.end <= modal.start && t.pos === 'VERB');
}

/** How many sentences after a plan is named its verbless items ("The lifting of sanctions.") still belong to it. */
const PLAN_ITEM_REACH = 3;

/**
 * A verbless item that names a term of a plan: "The lifting of sanctions.", "A promise that
 * Ukraine will not join NATO.", "Enhanced economic cooperation with the US." Its head noun is
 * followed by a preposition, "that" or the end, never by a verb.
 */
function isNominalItem(a: SentenceAnalysis): boolean {
  // "Details: the parties raised…" — only what follows a label counts.
  const firstCue = a.propositions[0]?.start ?? Infinity;
  const colon = a.sentence.tokens.reduce((last, t, i) => (t.text === ':' && t.start < firstCue ? i : last), -1);
  const tokens = a.sentence.tokens.slice(colon + 1).filter((t) => t.pos !== 'PUNCT' || t.text === ',');
  let i = 0;
  if (tokens[i]?.pos === 'DET') i++;
  let nouns = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    const participle = t.pos === 'VERB' && /ed$/i.test(t.text) && i <= 1;
    if (t.pos === 'NOUN' || t.pos === 'PROPN') nouns++;
    else if (!(t.pos === 'ADJ' || participle || t.pos === 'NUM')) break;
    i++;
  }
  const next = tokens[i];
  const headed = nouns > 0 && (next === undefined || next.pos === 'ADP' || (next.pos === 'PRON' && /^that$/i.test(next.text)) || next.pos === 'SCONJ');
  if (!headed) return false;
  // No main verb after the head: "The issue of concessions remains…" is a sentence, not an item.
  for (let k = i; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (/^(that|which|who)$/i.test(t.text)) return true;
    const reducedRelative = t.pos === 'VERB' && /ed$/i.test(t.text) && /^(NOUN|PROPN)$/.test(tokens[k - 1]?.pos ?? '');
    if ((t.pos === 'VERB' || t.pos === 'AUX') && !reducedRelative) return false;
  }
  return true;
}

/** "these demands", "such terms": a rejection that points back at the demands just reported. */
const ANAPHORIC_DEMANDS = /(?<![\p{L}])(these|those|such|the|their|his|its|all)\s+(demands|terms|conditions|proposals|ideas|ultimatums?)(?![\p{L}])/iu;
/** How many sentences back a "these demands" may reach. */
const ANAPHORA_REACH = 2;

/** The demands reported last, which a later "rejected these demands" refers to. */
interface ReportedDemands {
  readonly actor: string;
  readonly at: number;
  readonly items: readonly { proposition: string; polarity: Polarity }[];
}

/** "Zelensky called these demands unacceptable": the holder opposes each demand reported just before. */
function rejectsReportedDemands(view: SentenceView, last: ReportedDemands | undefined): { holder: string; head: StanceMatch } | undefined {
  const a = view.a;
  if (!last || a.sentence.index - last.at > ANAPHORA_REACH || a.propositions.length > 0) return undefined;
  const np = ANAPHORIC_DEMANDS.exec(a.sentence.text);
  if (!np) return undefined;
  const npStart = a.sentence.start + np.index;
  const npEnd = npStart + np[0].length;
  const head = a.stances.find(
    (s) => s.polarity === 'oppose' && !view.breakerBetween(Math.min(s.end, npEnd), Math.max(s.start, npStart)) && Math.abs(s.start - npEnd) <= 40,
  );
  if (!head || view.negatedBefore(head.start, null)) return undefined;
  const holder = view.subjectOf(head, view.clauseStart(Math.min(head.start, npStart))).filter((m) => m.start < npStart).at(-1)?.actor;
  return holder && holder !== last.actor ? { holder, head } : undefined;
}

/** "the US proposal", "this offer": a proposal named again without its content (no "for…" after it). */
const PROPOSAL_ANAPHOR = /(?<![\p{L}])(?:the|this|that)\s+(?:[\p{L}.'’]+\s+)?(?:proposal|offer|idea|initiative|pledge|promise|commitment)(?![\p{L}])(?!\s+(?:for|of|to|that|by|on\s+(?:the|a|an|its|their))(?![\p{L}]))/giu;
/** "this force", "such a meeting": a demonstrative before a word that headed a proposition cue just named. */
const DEMONSTRATIVE = /(?<![\p{L}])(?:this|that|such an?)\s+([\p{Ll}-]+)(?![\p{L}])/gu;
/** How many sentences back "this force" may reach for the proposition it names again. */
const ANAPHOR_REACH = 3;
/** How many sentences back "the US proposal" may reach: reports dwell on a proposal for a paragraph. */
const PROPOSAL_REACH = 5;

/** A proposition cue named lately, by the words that head it ("multinational force for Ukraine" → force). */
interface NamedCue {
  readonly prop: PropositionMatch;
  readonly heads: readonly string[];
  readonly at: number;
}

/** The content of the proposal last put with an owner: "the US proposal for a 30-day halt". */
interface Proposed {
  readonly owner: string;
  readonly items: readonly PropositionMatch[];
  readonly at: number;
}

/** The words that head a cue: its last word and the word before its first preposition. */
function headsOf(text: string): string[] {
  const words = text.toLowerCase().split(/[^\p{L}-]+/u).filter(Boolean);
  const prep = words.findIndex((w, i) => i > 0 && /^(for|of|between|on|to|with|in)$/.test(w));
  return [...new Set([words.at(-1)!, ...(prep > 0 ? [words[prep - 1]!] : [])])];
}

/**
 * Propositions a sentence names again by anaphora: "Kyiv accepted the US proposal" after "the US
 * proposal for a 30-day halt to the fighting", "signed a declaration for this force" after "a
 * multinational force". Each stands at the anaphor's span, so the stance rules apply as usual.
 */
function anaphoricPropositions(view: SentenceView, proposed: Proposed | undefined, named: readonly NamedCue[]): PropositionMatch[] {
  const a = view.a;
  const text = matchText(a.sentence.text);
  const out: PropositionMatch[] = [];
  const free = (start: number, end: number): boolean => !a.propositions.some((p) => p.start < end && start < p.end) && !out.some((p) => p.start < end && start < p.end);
  if (proposed && a.sentence.index - proposed.at <= PROPOSAL_REACH) {
    for (const m of text.matchAll(PROPOSAL_ANAPHOR)) {
      const start = a.sentence.start + m.index;
      const end = start + m[0].length;
      // "the Russian proposal" after a US one is another proposal.
      const owners = a.actors.filter((x) => x.start >= start && x.end <= end && x.via !== 'pronoun');
      if (!free(start, end) || owners.some((x) => x.actor !== proposed.owner)) continue;
      for (const item of proposed.items) out.push({ ...item, cue: 'the-proposal', assertive: false, start, end, text: m[0] });
    }
  }
  for (const m of text.matchAll(DEMONSTRATIVE)) {
    const cue = named.filter((n) => a.sentence.index - n.at <= ANAPHOR_REACH && n.at < a.sentence.index && n.heads.includes(m[1]!.toLowerCase())).at(-1);
    const start = a.sentence.start + m.index;
    const end = start + m[0].length;
    if (cue && free(start, end)) out.push({ ...cue.prop, cue: 'this-one', assertive: false, start, end, text: m[0] });
  }
  return out;
}

/** A claim whose evidence is the whole sentence `a`. */
function onSentence(a: SentenceAnalysis, fields: Omit<Claim, 'evidence' | 'start' | 'end' | 'sentenceIndex'>): Claim {
  return { ...fields, evidence: a.sentence.text, start: a.sentence.start, end: a.sentence.end, sentenceIndex: a.sentence.index };
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
  /** Store a claim unless the same actor, proposition and polarity is already claimed for its sentence. */
  const keep = (claim: Claim): boolean => {
    const key = `${claim.actor}|${claim.proposition}|${claim.polarity}|${claim.sentenceIndex}`;
    if (seen.has(key)) return false;
    seen.add(key);
    claims.push(claim);
    return true;
  };
  // Who owns an open list: set by a line like "Russia's demands include:", kept by its items.
  let listHolder: string | undefined;
  // The plan whose verbless items are being listed, and the sentence of its last item.
  let planItems: { owner: string; lastAt: number } | undefined;
  let reportedDemands: ReportedDemands | undefined;
  let proposed: Proposed | undefined;
  const named: NamedCue[] = [];
  for (const found of doc.sentences) {
    const sentenceClaimsFrom = claims.length;
    const again = anaphoricPropositions(new SentenceView(found), proposed, named);
    // The anaphor stands for the proposition: it is no stance ("proposal") and no holder ("the US proposal") itself.
    const a: SentenceAnalysis =
      again.length === 0
        ? found
        : {
            ...found,
            propositions: [...found.propositions, ...again].sort((x, y) => x.start - y.start),
            stances: found.stances.filter((st) => !again.some((p) => st.start < p.end && p.start < st.end)),
          };
    for (const p of found.propositions) named.push({ prop: p, heads: headsOf(p.text), at: found.sentence.index });
    // Only the last few sentences' cues can be named again: the list stays short on long documents.
    while (named.length > 0 && found.sentence.index - named[0]!.at > ANAPHOR_REACH) named.shift();
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
    const doc = a.document;
    const planNear = doc !== undefined && (a.sentence.index - doc.namedAt <= PLAN_ITEM_REACH || (planItems?.owner === doc.owner && a.sentence.index - planItems.lastAt <= 1));
    const planOwner = planNear && isNominalItem(a) ? doc.owner : undefined;
    // "Under the draft, the front lines would be frozen": with no one quoted, a plan's "would" states its terms.
    const planTerms = planNear && !planOwner && ownSpeaker === undefined && opensWithModal(a) ? doc.owner : undefined;
    for (const prop of a.propositions) {
      let result = resolveCandidate(view, prop, speaker, carried);
      if (typeof result === 'string' && listItem && listHolder && a.stances.length === 0) {
        const head: StanceMatch = { cue: 'list-item', text: '(list item)', start: a.sentence.start, end: a.sentence.start, polarity: 'support', modality: 'demand', holder: 'speaker', opaque: false, negated: 'drop', shared: false };
        result = [{ holders: [listHolder], polarity: prop.orientation === 'for' ? 'support' : 'oppose', head, viaSpeaker: true }];
      }
      if (result === NO_STANCE) result = statedWithoutStance(view, prop, ownSpeaker) ?? result;
      const term = planTerm(view, prop);
      if (term.length > 0) result = typeof result === 'string' ? term : [...result, ...term];
      if (planOwner && typeof result === 'string' && (result === NO_STANCE || result.startsWith(NO_HOLDER))) {
        result = statedBy(view, prop, planOwner, 'plan-item', 'offer');
        planItems = { owner: planOwner, lastAt: a.sentence.index };
      } else if (planOwner && typeof result !== 'string') {
        // "A promise that…" as a plan item: the plan's owner makes the promise, not the last speaker.
        result = result.map((h) => (h.viaSpeaker ? { ...h, holders: [planOwner] } : h));
        planItems = { owner: planOwner, lastAt: a.sentence.index };
      }
      if (planTerms && typeof result === 'string' && (result === NO_STANCE || result.startsWith(NO_HOLDER)) && PLAN_MODAL.test(view.clauseOf(prop))) {
        result = statedBy(view, prop, planTerms, 'plan-would', 'offer');
        planItems = { owner: planTerms, lastAt: a.sentence.index };
      }
      const base = { sentenceIndex: a.sentence.index, proposition: prop.proposition, propositionCue: prop.cue };
      if (typeof result === 'string') {
        trace.push({ ...base, kept: false, reason: result });
        continue;
      }
      for (const holding of result) {
        // A blocker counts only inside the clause of the governing stance ("analysts believe Putin wants…").
        const scopeStart = holding.head.start <= prop.start ? view.clauseStart(holding.head.start) : view.clauseStart(prop.start);
        // A blocker that ends the clause opener ("to see if") governs the clause after it.
        const blocker = a.blockers.find((b) => b.end >= scopeStart && b.start >= a.sentence.start && b.end <= Math.max(prop.start, holding.head.start));
        if (blocker) {
          trace.push({ ...base, kept: false, reason: `blocked by "${blocker.text}" (not a stance of the actor)` });
          continue;
        }
        const hedged = a.hedges.length > 0;
        const conditional = a.conditions.some((c) => c.start >= holding.head.end);
        for (const actor of holding.holders) {
          const claim = onSentence(a, {
            actor,
            proposition: prop.proposition,
            polarity: holding.polarity,
            modality: holding.head.modality,
            hedged,
            reported: hedged || (ownSpeaker !== undefined && ownSpeaker !== actor),
            conditional,
            rule: `${holding.head.cue}/${prop.cue}`,
            ...claimContext(a, actor, holding.head.start, conditional ? holding.head.end : undefined),
          });
          trace.push({ ...base, kept: true, reason: `"${holding.head.text}" held by ${actor}${holding.viaSpeaker ? ' (speaker)' : ''}`, claim });
          // "the US proposal for a 30-day halt": what a named proposal holds, for a later "the US proposal".
          // A pledge is named again as "the pledge" even when its givers ("twenty-six countries") came through the speaker.
          const pledge = /^(pledg|promis|commit)/i.test(holding.head.text) && holding.polarity === 'support';
          if ((/^(proposal|offer|idea|initiative)/i.test(holding.head.text) || pledge) && holding.holders.length === 1 && (!holding.viaSpeaker || pledge)) {
            const items = proposed?.at === a.sentence.index && proposed.owner === actor ? proposed.items : [];
            proposed = { owner: actor, items: [...items, { ...prop, orientation: holding.polarity === 'support' ? 'for' : 'against' }], at: a.sentence.index };
          }
          if (keep(claim) && holding.head.modality === 'demand') demander = actor;
        }
      }
    }
    const rejection = rejectsReportedDemands(view, reportedDemands);
    if (rejection && reportedDemands) {
      for (const item of reportedDemands.items) {
        const claim = onSentence(a, {
          actor: rejection.holder,
          proposition: item.proposition,
          polarity: flip(item.polarity),
          modality: 'reject',
          hedged: a.hedges.length > 0,
          reported: ownSpeaker !== undefined && ownSpeaker !== rejection.holder,
          conditional: false,
          rule: `${rejection.head.cue}/reported-demands`,
          ...claimContext(a, rejection.holder, rejection.head.start, undefined),
        });
        trace.push({ sentenceIndex: a.sentence.index, proposition: item.proposition, propositionCue: 'reported-demands', kept: true, reason: `"${rejection.head.text}" rejects the demands reported before, held by ${rejection.holder}`, claim });
        keep(claim);
      }
    }
    // Only this sentence's claims: filtering every claim so far made long documents quadratic.
    const demanded = claims.slice(sentenceClaimsFrom).filter((c) => c.sentenceIndex === a.sentence.index && c.modality === 'demand');
    if (demanded.length > 0) {
      reportedDemands = { actor: demanded[0]!.actor, at: a.sentence.index, items: demanded.filter((c) => c.actor === demanded[0]!.actor) };
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

/** Who the sentence reports ("according to X", "X said"), for the decider's features. */
export function speakerOf(a: SentenceAnalysis): string | undefined {
  return new SentenceView(a).speaker();
}
