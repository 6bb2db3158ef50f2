// Mentions: actors (names, roles, titles, pronouns), proposition cues and the
// stance, attribution, hedge, negation and clause cues of each sentence.
import type { CompiledPack } from '../../pack/compile.js';
import { findAll, longestNonOverlapping, overlaps, prefiltered, type Span } from '../../util/regex.js';
import type {
  ActorMention,
  AnalysedDocument,
  CueMatch,
  PropositionMatch,
  Quote,
  SegmentedDocument,
  Sentence,
  SentenceAnalysis,
  StanceMatch,
} from '../types.js';

const PRONOUN_RE = /(?<![\p{L}])(he|she|they|his|her|their|it|its|(?:the|this|that|its|their) (?:document|memorandum|plan|proposal|draft|text|framework|offer|package|roadmap|statement|declaration|communiqu[eé]))(?![\p{L}])/giu;
/** A document noun, with its owner when written as a possessive ("Russia's memorandum"). */
const DOCUMENT_NOUN_RE = prefiltered(/(?:['’]s\s+(?:[\p{L}-]+\s+){0,2})?(?<![\p{L}])(?:memorandum|plan|proposal|draft|document|framework|offer|roadmap|blueprint|statement|declaration|communiqu[eé])(?![\p{L}])/giu);
const DOCUMENT_PRONOUN = /^(the|this|that|its|their) /i;
/** Pronouns that need a speech or stance verb close after them to refer to an actor. */
const WEAK_PRONOUN = /^(it|its|the |this |that |their )/i;
/** "it"/"its" resolve only when a speech or stance verb follows closely ("It stipulates that…"). */
const IT_WINDOW = 30;
/** How far back before a name a title may stand ("Prime Minister Sir Keir Starmer"). */
const TITLE_WINDOW = 30;

/** A name right after a preposition ("Decisions about Ukraine, they said") is no antecedent for "they". */
const PREPOSITION_BEFORE = /(?<![\p{L}])(about|in|of|to|with|for|from|on|against|over|into)\s+(the\s+)?$/iu;

/** A determiner right before a participle makes it an adjective: "a proposed truce", "the demanded withdrawal". */
const ADJECTIVE_DETERMINER = /(?<![\p{L}])(a|an|the|this|that|any|its|their)\s+$/iu;

/** Curly quotes and apostrophes fold to straight ones, one character for one, so offsets hold. */
const CURLY_APOSTROPHES = /[’‘ʼ]/g;
const CURLY_QUOTES = /[“”„]/g;

/** The sentence text the pack's patterns run on: quotes folded ("Russia’s" matches `russia's`). */
export function matchText(text: string): string {
  // Two replacements by a plain string: a function called per match cost more than the scans.
  return text.replace(CURLY_APOSTROPHES, "'").replace(CURLY_QUOTES, '"');
}

/** A sentence with the text every cue of the pack runs on, its folded copy, made once per sentence. */
interface Scan {
  readonly sentence: Sentence;
  readonly folded: string;
}

/** Matches of `re` in a sentence, found on the folded text but reported with the original wording. */
function findIn(re: RegExp, scan: Scan): readonly Span[] {
  return findAll(re, scan.folded, scan.sentence.start, scan.sentence.text);
}

const NO_CUES: readonly CueMatch[] = Object.freeze([]);

function toCues(spans: readonly Span[], cue: string): readonly CueMatch[] {
  return spans.length === 0 ? NO_CUES : spans.map((s) => ({ cue, ...s }));
}

function findCues(re: RegExp | null, scan: Scan, cue: string): readonly CueMatch[] {
  return re ? toCues(findIn(re, scan), cue) : NO_CUES;
}

/** Discourse state carried from sentence to sentence for pronouns and titles. */
interface Discourse {
  /** The last actor that stood as a subject (first mention of a sentence). */
  lastSubject?: string;
  /** The last two parties named together ("Russia and Ukraine"), for "the two sides". */
  pair?: { actors: readonly string[]; at: number };
  /** The largest group of parties named lately ("Ukraine, Russia and the US"), for "the delegations". */
  wide?: { actors: readonly string[]; at: number };
  /** A quotation left open at the end of the last sentence, and the paragraph it is in. */
  quoteOpen: boolean;
  paragraph: number;
  /** Title → the last actor named with it. */
  readonly titled: Map<string, string>;
  /** Whose plan, memorandum or proposal was named last ("Washington's plan" → usa). */
  documentOwner?: string;
  /** The index of the sentence that last named a plan or memorandum with its owner. */
  documentNamedAt?: number;
  /** The last sentence opened with a document ("The memorandum …"), so a following "It says" means it. */
  documentIsSubject: boolean;
}

/** A sentence that opens with a document noun: "The document, published in full, calls on…". */
const DOCUMENT_OPENING = /^\s*(the|this|that|its|their|the (new|revised|draft|latest|full|original|amended) )\s*(document|memorandum|plan|proposal|draft|text|framework|offer|package|roadmap|blueprint)(?![\p{L}])/iu;

/** The stretches of a sentence inside quotation marks; a quote still open carries to the next sentence of the paragraph. */
export function quotedRanges(sentence: Sentence, discourse: Pick<Discourse, 'paragraph' | 'quoteOpen'>): Quote[] {
  if (sentence.paragraph !== discourse.paragraph) {
    discourse.paragraph = sentence.paragraph;
    discourse.quoteOpen = false;
  }
  const ranges: Quote[] = [];
  let open = discourse.quoteOpen ? sentence.start : -1;
  const text = sentence.text;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const opening = c === '“' || (c === '"' && open < 0);
    const closing = c === '”' || (c === '"' && open >= 0);
    if (opening && open < 0) open = sentence.start + i;
    else if (closing && open >= 0) {
      ranges.push([open, sentence.start + i + 1]);
      open = -1;
    }
  }
  discourse.quoteOpen = open >= 0;
  if (open >= 0) ranges.push([open, sentence.end]);
  return ranges;
}

/** Nouns for all the parties of a group just named. */
const COLLECTIVE_RE = prefiltered(/(?<![\p{L}])(?:the two sides|both sides|the two delegations|both delegations|the delegations|the two parties|both parties|the two countries|the two nations|the two governments|all (?:three )?sides|the three (?:sides|delegations|parties|countries))(?![\p{L}])/giu);
/** What joins the names of a list of parties: "Ukraine, Russia and the United States". */
const LIST_JOIN = /^\s*(,|and|&|, and)\s*(the\s+)?$/i;
/** How many sentences a pair of parties stays the referent of "the two sides". */
const PAIR_REACH = 4;

/** Resolve "the two sides" to the last pair coordinated ("Russia and Ukraine"), and remember new pairs. */
function collectiveMentions(scan: Scan, mentions: readonly ActorMention[], discourse: Discourse): ActorMention[] {
  const { sentence } = scan;
  const out: ActorMention[] = [];
  const pair = discourse.pair && sentence.index - discourse.pair.at <= PAIR_REACH ? discourse.pair.actors : undefined;
  const wide = discourse.wide && sentence.index - discourse.wide.at <= PAIR_REACH ? discourse.wide.actors : pair;
  for (const c of findIn(COLLECTIVE_RE, scan)) {
    // "the two sides" are the pair named last; "the delegations" all the parties of the talks.
    const group = /two|both/i.test(c.text) ? pair : wide;
    if (!group || mentions.some((m) => overlaps(m, c))) continue;
    for (const actor of group) out.push({ actor, via: 'pronoun', ...c });
  }
  // The largest list of parties in the sentence ("Ukraine, Russia and the United States") becomes the group.
  let best: string[] = [];
  for (let i = 0; i < mentions.length; ) {
    const group = [mentions[i]!];
    let j = i + 1;
    for (; j < mentions.length; j++) {
      const join = sentence.text.slice(group.at(-1)!.end - sentence.start, mentions[j]!.start - sentence.start);
      if (!LIST_JOIN.test(join)) break;
      group.push(mentions[j]!);
    }
    const actors = [...new Set(group.map((m) => m.actor))];
    const closed = group.length > 1 && /(and|&)/i.test(sentence.text.slice(group.at(-2)!.end - sentence.start, group.at(-1)!.start - sentence.start));
    if (closed && actors.length >= 2 && actors.length >= best.length) best = actors;
    i = j;
  }
  if (best.length > 0) {
    discourse.pair = { actors: best, at: sentence.index };
    if (!wide || best.length >= wide.length) discourse.wide = { actors: best, at: sentence.index };
  }
  return out;
}

/** Two nationality adjectives sharing one body noun: "Russian and Ukrainian delegations", "US and Ukrainian officials". */
const SHARED_BODY_RE = /(?<![\p{L}])(?:the )?(\p{Lu}[\p{L}.]*) and (\p{Lu}[\p{L}.]*) (delegations|negotiators|officials|negotiating teams|teams|envoys|leaders|governments|diplomats)(?![\p{L}])/gu;

const SHARED_BODY_NOUN = /(delegations|negotiators|officials|teams|envoys|leaders|governments|diplomats)/;

/** The party a name or adjective stands for when it heads `noun` ("Russian" + "delegation" → russia), by the pack's own roles and aliases. */
function partyOf(pack: CompiledPack, word: string, noun: string): string | undefined {
  const singular = noun.replace(/s$/, '');
  for (const phrase of [`${word} ${singular}`, `the ${word} ${singular}`, `${word} ${noun}`, word]) {
    // findAll's first span is the regex's first match, found without compiling the bounded pattern.
    const matcher = pack.actorMatchers.find((m) => {
      const hit = findAll(m.re, phrase)[0];
      return hit !== undefined && hit.start === 0 && hit.end === phrase.length;
    });
    if (matcher) return matcher.actor;
  }
  return undefined;
}

/** "Russian and Ukrainian delegations" names both parties at one span, as "the two sides" does. */
function sharedBodyMentions(pack: CompiledPack, scan: Scan, mentions: readonly ActorMention[], discourse: Discourse): ActorMention[] {
  const out: ActorMention[] = [];
  const { sentence, folded: text } = scan;
  // Most sentences name no shared body: a plain substring test spares them the Unicode regex.
  if (!SHARED_BODY_NOUN.test(text)) return [...mentions];
  for (const m of text.matchAll(SHARED_BODY_RE)) {
    const [first, second] = [partyOf(pack, m[1]!, m[3]!), partyOf(pack, m[2]!, m[3]!)];
    if (!first || !second || first === second) continue;
    const span = { start: sentence.start + m.index, end: sentence.start + m.index + m[0].length, text: sentence.text.slice(m.index, m.index + m[0].length) };
    out.push({ actor: first, via: 'role', ...span }, { actor: second, via: 'role', ...span });
    discourse.pair = { actors: [first, second], at: sentence.index };
  }
  return out.length === 0 ? [...mentions] : [...mentions.filter((x) => !out.some((o) => overlaps(o, x))), ...out];
}

/** "MOSCOW, May 3 (Reuters) -": a capitalised place opening the text is where it was filed, not who speaks. */
function isDateline(span: { start: number; end: number; text: string }, sentence: Sentence): boolean {
  if (span.start !== sentence.start || /\p{Ll}/u.test(span.text)) return false;
  return /^\s*(?:,|\(|—|–|-)/u.test(sentence.text.slice(span.end - sentence.start));
}

function findActors(pack: CompiledPack, scan: Scan, discourse: Discourse, guard: readonly CueMatch[], propositions: readonly PropositionMatch[], quoted: readonly Quote[]): ActorMention[] {
  const { sentence } = scan;
  const named: ActorMention[] = [];
  for (const matcher of pack.actorMatchers) {
    for (const span of findIn(matcher.re, scan)) {
      if (isDateline(span, sentence)) continue;
      named.push({ actor: matcher.actor, via: matcher.via, ...span });
    }
  }
  const mentions = sharedBodyMentions(pack, scan, longestNonOverlapping(named), discourse);
  // Remember titles written before names, then resolve bare titles ("the prime minister").
  if (pack.titleRe) {
    for (const t of findIn(pack.titleRe, scan)) {
      const key = t.text.toLowerCase().replace(/\s+/g, ' ');
      const owners = pack.titles.get(key) ?? [];
      const next = mentions.find((m) => m.start >= t.end && m.start - t.end <= TITLE_WINDOW);
      if (next && owners.includes(next.actor)) {
        discourse.titled.set(key, next.actor);
        continue;
      }
      if (mentions.some((m) => overlaps(m, t))) continue;
      const before = sentence.text.slice(Math.max(0, t.start - sentence.start - 4), t.start - sentence.start).toLowerCase();
      // A title only one party uses ("the PM" in this pack) names that party even before a name.
      const resolved = discourse.titled.get(key) ?? (owners.length === 1 ? owners[0] : undefined);
      if (resolved && before.endsWith('the ') && !(next && next.start - t.end <= 2)) {
        mentions.push({ actor: resolved, via: 'title', start: t.start - 4, end: t.end, text: sentence.text.slice(t.start - 4 - sentence.start, t.end - sentence.start) });
      }
    }
  }
  const sorted = mentions.sort((a, b) => a.start - b.start);
  // Pronouns: within a sentence they refer to its first named actor, else to the last subject.
  const pronouns: ActorMention[] = [];
  for (const p of findIn(PRONOUN_RE, scan)) {
    const word = p.text.toLowerCase();
    const opensSentence = p.start === sentence.start;
    // A document noun opening the sentence is its subject whatever verb follows.
    const documentOpening = opensSentence && DOCUMENT_PRONOUN.test(word) && discourse.documentOwner !== undefined;
    // "It says…" right after a sentence about the document refers to the document.
    const itIsDocument = opensSentence && /^it$/i.test(word) && discourse.documentIsSubject;
    if (WEAK_PRONOUN.test(word) && !documentOpening) {
      const after = sentence.text.slice(p.end - sentence.start, p.end - sentence.start + IT_WINDOW);
      if (!guard.some((g) => g.start >= p.end && g.start - p.end <= IT_WINDOW) || after.length === 0) continue;
    }
    // Names inside a proposition ("EU accession") or inside a quote the pronoun closes are not antecedents.
    const afterQuote = /["”]\s*,?\s*$/u.test(sentence.text.slice(0, p.start - sentence.start));
    const before = afterQuote
      ? []
      : sorted.filter((m) => m.end <= p.start && !propositions.some((q) => overlaps(q, m)) && !(/^the(y|ir)$/i.test(word) && PREPOSITION_BEFORE.test(sentence.text.slice(0, m.start - sentence.start))));
    const actor = DOCUMENT_PRONOUN.test(word) || itIsDocument ? discourse.documentOwner : (before[0]?.actor ?? discourse.lastSubject);
    if (actor) pronouns.push({ actor, via: 'pronoun', ...p });
    if (actor && DOCUMENT_PRONOUN.test(word)) discourse.documentNamedAt = sentence.index;
  }
  const kept = longestNonOverlapping([...sorted, ...pronouns]);
  // Two parties named at one span ("Russian and Ukrainian delegations") both stay.
  const named2 = [...kept, ...sorted.filter((m) => !kept.includes(m) && kept.some((k) => k.start === m.start && k.end === m.end))];
  // "Russia and Ukraine …; the two sides agreed": a collective noun names the last pair of parties.
  const all = [...named2, ...collectiveMentions(scan, named2, discourse)].sort((a, b) => a.start - b.start);
  // The subject is the first actor named before the sentence's first verb cue.
  // "In a joint statement, European leaders said…": an attribution noun before the subject is no verb.
  const firstCue = Math.min(...guard.filter((g) => !ATTRIBUTION_NOUN.test(g.text)).map((g) => g.start), Number.POSITIVE_INFINITY);
  const subject = all.find((m) => m.start < firstCue);
  // A name inside a quotation ("Will Ukraine mobilise?" he asked) is not the subject the next "he" means.
  if (subject && !quoted.some(([from, to]) => subject.start >= from && subject.end <= to)) discourse.lastSubject = subject.actor;
  const opensWithDocument = DOCUMENT_OPENING.test(scan.folded);
  discourse.documentIsSubject = opensWithDocument || (discourse.documentIsSubject && /^\s*it(?![\p{L}])/iu.test(sentence.text));
  for (const d of findIn(DOCUMENT_NOUN_RE, scan)) {
    if (pronouns.some((p) => overlaps(p, d))) continue;
    const possessor = sorted.find((m) => m.end === d.start);
    // "the document" points back at the document already named; only a new one takes the subject as owner.
    const definite = /(?<![\p{L}])(the|this|that)\s+$/iu.test(sentence.text.slice(0, d.start - sentence.start));
    if (!possessor && definite && discourse.documentOwner !== undefined) {
      discourse.documentNamedAt = sentence.index;
      continue;
    }
    const owner = possessor?.actor ?? subject?.actor;
    if (owner) {
      discourse.documentOwner = owner;
      discourse.documentNamedAt = sentence.index;
    }
  }
  return all;
}

function findPropositions(pack: CompiledPack, scan: Scan): PropositionMatch[] {
  const { sentence, folded: text } = scan;
  const found: PropositionMatch[] = [];
  for (const cue of pack.propositionCues) {
    for (const span of findIn(cue.re, scan)) {
      found.push({ cue: cue.cue, proposition: cue.proposition, orientation: cue.orientation, assertive: cue.assertive, ...span });
    }
  }
  // Wording that names the opposite ("banning the deployment of foreign forces")
  // beats the plain cue it overlaps.
  const against = found.filter((f) => f.orientation === 'against');
  const kept = longestNonOverlapping(found.filter((f) => f.orientation === 'against' || !against.some((a) => a.proposition === f.proposition && overlaps(a, f))));
  // "an end to arms supplies and intelligence sharing": the opposite wording covers its coordinated term.
  return kept.map((f, i) => {
    const prev = kept[i - 1];
    const coordinated = prev && prev.orientation === 'against' && prev.proposition === f.proposition && /^\s*(,|and|or|, and|, or)\s*$/.test(text.slice(prev.end - sentence.start, f.start - sentence.start));
    return coordinated && f.orientation === 'for' ? { ...f, orientation: 'against' as const } : f;
  });
}

function findStances(pack: CompiledPack, scan: Scan, propositions: readonly PropositionMatch[]): StanceMatch[] {
  const { sentence, folded: text } = scan;
  const found: StanceMatch[] = [];
  for (const cue of pack.stanceCues) {
    for (const span of findIn(cue.re, scan)) {
      found.push({
        cue: cue.id,
        polarity: cue.polarity,
        modality: cue.modality,
        holder: cue.holder,
        opaque: cue.opaque,
        negated: cue.negated,
        shared: cue.shared,
        ...span,
      });
    }
  }
  // A word inside a proposition cue ("bring back children") is not a stance, nor is a
  // participle used as an adjective ("a proposed truce": whoever proposed it is not named).
  return longestNonOverlapping(found).filter(
    (s) => !propositions.some((p) => overlaps(p, s)) && !(/ed$/i.test(s.text) && ADJECTIVE_DETERMINER.test(text.slice(0, s.start - sentence.start))),
  );
}

/** Attribution cues that are nouns: they name a text, not the act of a subject. */
const ATTRIBUTION_NOUN = /^(statement|declaration|readout)/i;

/** A speech verb tagged as a noun ("have a say", "unilateral say"); attribution nouns such as "statement" stay. */
function spokenAsNoun(sentence: Sentence, cue: CueMatch): boolean {
  if (/\s/.test(cue.text) || ATTRIBUTION_NOUN.test(cue.text)) return false;
  return sentence.tokens.some((t) => t.start === cue.start && t.end === cue.end && t.pos === 'NOUN');
}

/** Count the pack's topic terms over the whole text; `propositionCues` found also count. */
export function relevanceOf(pack: CompiledPack, text: string, propositionCues = 0): AnalysedDocument['relevance'] {
  let hits = 0;
  let distinct = 0;
  for (const re of pack.relevanceTerms) {
    const n = findAll(re, text).length;
    hits += n;
    if (n > 0) distinct++;
  }
  const { minHits, minDistinct, minPropositionCues } = pack.data.manifest.relevance;
  const relevant = (hits >= minHits && distinct >= minDistinct) || (hits >= 1 && propositionCues >= minPropositionCues);
  return { relevant, hits, distinct };
}

/** Find every mention and cue, sentence by sentence. */
export function findMentions(pack: CompiledPack, segmented: SegmentedDocument): AnalysedDocument {
  const discourse: Discourse = { titled: new Map(), documentIsSubject: false, quoteOpen: false, paragraph: -1 };
  const sentences: SentenceAnalysis[] = segmented.sentences.map((sentence) => {
    const scan: Scan = { sentence, folded: matchText(sentence.text) };
    const propositions = findPropositions(pack, scan);
    const stances = findStances(pack, scan, propositions);
    const attributions = findCues(pack.attribution, scan, 'attribution');
    const quotes = quotedRanges(sentence, discourse);
    const actors = findActors(pack, scan, discourse, [...stances, ...attributions], propositions, quotes);
    const { documentOwner, documentNamedAt } = discourse;
    // "States" in "United States" is a name, not a speech verb.
    // Nor is "say" in "a unilateral say over…": a speech verb used as a noun names no speaker.
    const spoken = attributions.filter((t) => !actors.some((m) => overlaps(m, t)) && !spokenAsNoun(sentence, t));
    return {
      sentence,
      ...(documentOwner !== undefined && documentNamedAt !== undefined ? { document: { owner: documentOwner, namedAt: documentNamedAt } } : {}),
      actors,
      propositions,
      stances,
      attributions: spoken,
      quotes,
      hedges: findCues(pack.hedges, scan, 'hedge'),
      blockers: findCues(pack.blockers, scan, 'blocker'),
      negators: findCues(pack.negators, scan, 'negator'),
      breakers: findCues(pack.breakers, scan, 'breaker'),
      conditions: findCues(pack.conditions, scan, 'condition'),
    };
  });
  const cues = sentences.reduce((n, a) => n + a.propositions.length, 0);
  return { segmented, sentences, relevance: relevanceOf(pack, segmented.clean.text, cues) };
}
