// The decider's feature vector: one list of named binary features per candidate,
// computed the same way at training and at extraction time. Features name what
// the pipeline already knows (the rules' verdict, stance and negation cues,
// quotes, attribution, distances, how the actor was found) and the words around
// the actor and the proposition.
import { speakerOf } from '../claims/claims.js';
import type { ActorMention, Polarity, SentenceAnalysis } from '../types.js';
import type { Candidate } from './candidates.js';
import { stemsOf, type StemToken } from './stem.js';
import { actorRole, type RoleReading } from './actor-role.js';
import { runNames, WORD_PREFIXES, type FeatureRun, type WordRun } from './feature-run.js';

/** Names of the feature groups, recorded in the model header. */
export const FEATURE_SET = [
  'rule verdict (polarity, modality, rule head, hedged, conditional) on the sentence and elsewhere in the document',
  'rule drop reasons',
  'how many sentences of the document pair the actor and proposition, and whether the headline does',
  'actor source, proposition source and cue, orientation',
  'stance cues: id, polarity × orientation, side and distance',
  'negators, hedges, conditions, attributions, quotes, speaker',
  'actor–proposition distance and order, counts of actors and propositions',
  'sentence position and paragraph start',
  'grammatical role of the actor mention from part-of-speech tags (subject, object of a preposition, possessor, conjunct): alone, with the actor source, the preposition and the stance cues’ polarities; whether the nearest subject before the proposition is this actor',
  'stems between actor and proposition, before the proposition, after the actor, in the sentence, and in the sentence × proposition',
] as const;

/** Name prefixes of the word features (the last group above): the structural view of a model is fitted without them. */
const WORD_FEATURE = new RegExp(`^(${WORD_PREFIXES.join('|')})=`);

/** True for a word feature such as `w=ceasefir` or `btw=reject`, false for `role=subject`. */
export function isWordFeature(name: string): boolean {
  return WORD_FEATURE.test(name);
}

/**
 * Adds `name` unless the list holds it: for names a loop may repeat. A list, not a Set:
 * the few names of a candidate cost a Set's table more than the checks, and only the
 * looped groups can repeat a name (every other name has a prefix of its own).
 */
function addOnce(names: string[], name: string): void {
  if (!names.includes(name)) names.push(name);
}

/** A node of the name trie: the name its pieces spell, and the nodes one more piece leads to. */
interface NameNode {
  name?: string;
  readonly next: Map<string, NameNode>;
}

const names: NameNode = { next: new Map() };

function step(node: NameNode, piece: string): NameNode {
  let next = node.next.get(piece);
  if (!next) node.next.set(piece, (next = { next: new Map() }));
  return next;
}

/**
 * `prefix + a + sep + b`, the same string each time the same pieces come: the pieces
 * are the pack's ids and this file's constants, whose hashes V8 keeps, so a name met
 * again costs a few lookups, not a new string that the model's table must hash again.
 */
function named(prefix: string, a: string, sep?: string, b?: string): string {
  let node = step(step(names, prefix), a);
  if (sep !== undefined) node = step(node, sep);
  if (b !== undefined) node = step(node, b);
  return (node.name ??= prefix + a + (sep ?? '') + (b ?? ''));
}

/** The edges of a bucketed count and their labels (`≤1`, …, `>8`), made once. */
interface Buckets {
  readonly edges: readonly number[];
  readonly labels: readonly string[];
}

function buckets(edges: readonly number[]): Buckets {
  return { edges, labels: [...edges.map((e) => `≤${e}`), `>${edges[edges.length - 1]}`] };
}

function bucket(n: number, { edges, labels }: Buckets): string {
  for (let i = 0; i < edges.length; i++) if (n <= edges[i]!) return labels[i]!;
  return labels[edges.length]!;
}

const GAP_BUCKETS = buckets([10, 40, 100]);
const COUNT_BUCKETS = buckets([0, 1, 2, 3]);
const INDEX_BUCKETS = buckets([0, 2, 5, 10]);
const SENTENCE_BUCKETS = buckets([1, 2, 4, 8]);
const DISTANCE_BUCKETS = buckets([5, 20, 50, 100, 200]);

/** "drop reason" text → a short class: `blocked by "…" (not…)` → "blocked by". */
function reasonClass(reason: string): string {
  return reason.replace(/"[^"]*"/g, 'Q').split(/\s+/).slice(0, 4).join(' ');
}

function stancePolarity(stance: Polarity, orientation: 'for' | 'against'): Polarity {
  return orientation === 'for' ? stance : stance === 'support' ? 'oppose' : 'support';
}

const speakers = new WeakMap<SentenceAnalysis, string | null>();

function speakerOfCached(a: SentenceAnalysis): string | undefined {
  let s = speakers.get(a);
  if (s === undefined) {
    s = speakerOf(a) ?? null;
    speakers.set(a, s);
  }
  return s ?? undefined;
}

const roles = new WeakMap<SentenceAnalysis, Map<ActorMention, RoleReading | undefined>>();

/** The role of each mention of the sentence, read once: every candidate of the sentence asks. */
function roleOfCached(a: SentenceAnalysis, mention: ActorMention): RoleReading | undefined {
  let byMention = roles.get(a);
  if (!byMention) roles.set(a, (byMention = new Map()));
  if (!byMention.has(mention)) byMention.set(mention, actorRole(a.sentence.tokens, mention));
  return byMention.get(mention);
}

/** The grammatical role features: whether the actor holds the stance or is only named near it. */
function roleFeatures(c: Candidate, f: string[]): void {
  const a = c.analysis;
  const reading = c.mention ? roleOfCached(a, c.mention) : undefined;
  if (reading) {
    f.push(named('role=', reading.role));
    f.push(named('role=', reading.role, '|', c.actorSource));
    if (reading.preposition) f.push(named('prep=', reading.preposition));
    const polarities = stancePolarities(a);
    for (const polarity of polarities) f.push(named('role=', reading.role, '|st=', polarity));
    if (polarities.length === 0) f.push(named('role=', reading.role, '|nostance'));
  }
  let holder: ActorMention | undefined;
  for (const m of a.actors) if (m.end <= c.span.start && roleOfCached(a, m)?.role === 'subject') holder = m;
  f.push(holder ? (holder.actor === c.actor ? 'holder=self' : 'holder=other') : 'holder=none');
}

const stancePolaritiesOf = new WeakMap<SentenceAnalysis, readonly Polarity[]>();

/** The polarities of the sentence's stance cues, each once, first come first. */
function stancePolarities(a: SentenceAnalysis): readonly Polarity[] {
  let polarities = stancePolaritiesOf.get(a);
  if (!polarities) stancePolaritiesOf.set(a, (polarities = [...new Set(a.stances.map((st) => st.polarity))]));
  return polarities;
}

/** The distinct stems of `tokens`, first come first. */
function distinctStems(tokens: readonly StemToken[]): string[] {
  return [...new Set(tokens.map((t) => t.stem))];
}

const wordFeatures = new WeakMap<SentenceAnalysis, { readonly w: WordRun; readonly byProposition: Map<string, FeatureRun> }>();

/**
 * The sentence's words, alone and with the proposition, each once: the same for
 * every actor of the sentence, so made once, and the same run each time (the
 * decider sums its weights once per run).
 */
function sentenceWords(a: SentenceAnalysis, proposition: string): FeatureRun {
  let words = wordFeatures.get(a);
  if (!words) {
    const stems = distinctStems(stemsOf(a.sentence));
    wordFeatures.set(a, (words = { w: { prefix: 'w', stems }, byProposition: new Map() }));
  }
  let run = words.byProposition.get(proposition);
  if (!run) words.byProposition.set(proposition, (run = { names: [], words: [words.w, { prefix: 'wp', stems: words.w.stems, proposition }] }));
  return run;
}

/**
 * A candidate's features in four runs, in featuresOf's order: its own features (the
 * actor's), those of its proposition span (the same for every actor paired with it:
 * one array per span), the sentence's words (one array per sentence and proposition),
 * and its own words. The decider sums the weights of a shared array once.
 */
export interface FeatureParts {
  readonly head: FeatureRun;
  readonly span: FeatureRun;
  readonly sentence: FeatureRun;
  readonly tail: FeatureRun;
}

/** The features of one candidate, e.g. `["a=russia", "bias", "p=ceasefire", …]`. */
export function featuresOf(c: Candidate): string[] {
  return featureList(featureParts(c));
}

/** The runs joined into featuresOf's list. */
export function featureList({ head, span, sentence, tail }: FeatureParts): string[] {
  return [...runNames(head), ...runNames(span), ...runNames(sentence), ...runNames(tail)];
}

const spanFeatureRuns = new WeakMap<Candidate['span'], FeatureRun>();

/** The span's features, made once per span: every actor paired with the span shares them. */
function spanFeatures(c: Candidate): FeatureRun {
  let run = spanFeatureRuns.get(c.span);
  if (!run) spanFeatureRuns.set(c.span, (run = makeSpanFeatures(c)));
  return run;
}

/** Features of the proposition span and its sentence that do not depend on the actor. */
function makeSpanFeatures(c: Candidate): FeatureRun {
  const a = c.analysis;
  const f = ['bias'];
  const orientation = c.span.cue?.orientation ?? 'for';
  f.push(`p=${c.proposition}`);
  f.push(`psrc=${c.span.source}`);
  if (c.span.cue) {
    f.push(`cue=${c.proposition}/${c.span.cue.cue}`);
    f.push(`orient=${orientation}`);
    if (c.span.cue.assertive) f.push('assertive');
  }
  if (c.span.keyword) f.push(`kw=${c.span.keyword}`);
  for (const reason of c.ruleDrops) addOnce(f, `drop=${reasonClass(reason)}`);
  // Stance cues and their direction once the proposition's wording is taken into account.
  for (const st of a.stances) {
    const side = st.end <= c.span.start ? 'before' : st.start >= c.span.end ? 'after' : 'inside';
    const gap = side === 'before' ? c.span.start - st.end : side === 'after' ? st.start - c.span.end : 0;
    const pol = stancePolarity(st.polarity, orientation);
    addOnce(f, `st=${st.cue}`);
    addOnce(f, `stpol=${pol}`);
    addOnce(f, `stpol=${pol}|${side}|${bucket(gap, GAP_BUCKETS)}`);
    addOnce(f, `stmod=${st.modality}|${side}`);
    addOnce(f, `stpol=${pol}|${c.proposition}`);
  }
  if (a.stances.length === 0) f.push('nostance');
  for (const n of a.negators) {
    if (n.end <= c.span.start && c.span.start - n.end <= 30) addOnce(f, `negnear|${orientation}`);
    else addOnce(f, 'neg');
  }
  if (a.hedges.length > 0) f.push('hedge');
  if (a.conditions.length > 0) f.push('cond');
  if (a.blockers.length > 0) f.push('blocker');
  if (a.attributions.length > 0) f.push('attr');
  if (inQuote(a, c.span.start)) f.push('pquote');
  f.push(`nactors=${bucket(new Set(a.actors.map((m) => m.actor)).size, COUNT_BUCKETS)}`);
  f.push(`nprops=${bucket(new Set(a.propositions.map((p) => p.proposition)).size, COUNT_BUCKETS)}`);
  f.push(`sidx=${bucket(a.sentence.index, INDEX_BUCKETS)}`);
  // The words just before the proposition.
  const stems = stemsOf(a.sentence);
  const before: StemToken[] = [];
  for (let i = stems.length - 1; i >= 0 && before.length < 4; i--) if (stems[i]!.end <= c.span.start) before.push(stems[i]!);
  return { names: f, words: [{ prefix: 'pre', stems: distinctStems(before) }] };
}

function inQuote(a: SentenceAnalysis, at: number): boolean {
  return a.quotes.some(([from, to]) => at >= from && at < to);
}

/** featuresOf in its four runs (see FeatureParts). */
export function featureParts(c: Candidate): FeatureParts {
  const a = c.analysis;
  const f: string[] = [];
  const orientation = c.span.cue?.orientation ?? 'for';
  f.push(named('a=', c.actor));
  f.push(named('ap=', c.actor, '|', c.proposition));
  f.push(named('asrc=', c.actorSource));
  // The rules' verdict: the strongest evidence when it is there.
  for (const claim of c.ruleClaims) {
    addOnce(f, named('rule=', claim.polarity));
    addOnce(f, named('rule=', claim.polarity, '|', claim.modality));
    addOnce(f, named('rule=', claim.polarity, '|', c.proposition));
    addOnce(f, `rulehead=${claim.rule.split('/')[0]}|${claim.polarity}`);
    if (claim.hedged) addOnce(f, 'rule.hedged');
    if (claim.conditional) addOnce(f, 'rule.conditional');
    if (claim.reported) addOnce(f, 'rule.reported');
  }
  if (c.ruleClaims.length === 0) f.push('rule=none');
  for (const polarity of c.documentRulePolarities) addOnce(f, named('docrule=', polarity));
  f.push(named('docsents=', bucket(c.documentSentences, SENTENCE_BUCKETS)));
  if (c.inHeadline) f.push('headline');
  // A stance cue standing between the actor and the proposition.
  const actorAt = c.mention ? (c.mention.start + c.mention.end) / 2 : undefined;
  if (actorAt !== undefined) {
    for (const st of a.stances) {
      if ((st.start >= actorAt && st.end <= c.span.start) || (st.start >= c.span.end && st.end <= actorAt)) addOnce(f, named('stbetween=', stancePolarity(st.polarity, orientation)));
    }
  }
  if (a.breakers.some((b) => b.start > Math.min(actorAt ?? c.span.start, c.span.start) && b.end < Math.max(actorAt ?? c.span.start, c.span.start))) f.push('breakbetween');
  if (c.mention && inQuote(a, c.mention.start)) f.push('aquote');
  const speaker = speakerOfCached(a);
  if (speaker === c.actor) f.push('speaker=self');
  else if (speaker) f.push('speaker=other');
  // Where the actor stands.
  if (c.mention) {
    const before = c.mention.end <= c.span.start;
    const gap = before ? c.span.start - c.mention.end : Math.max(0, c.mention.start - c.span.end);
    f.push(before ? 'order=actor-first' : 'order=prop-first');
    f.push(named('dist=', bucket(gap, DISTANCE_BUCKETS)));
    const first = a.actors[0];
    if (first && first.actor === c.actor) f.push('firstactor');
  }
  roleFeatures(c, f);
  // Words: between actor and proposition, and just after the actor.
  const tail: WordRun[] = [];
  if (c.mention) {
    const stems = stemsOf(a.sentence);
    const lo = Math.min(c.mention.end, c.span.end);
    const hi = Math.max(c.mention.start, c.span.start);
    const between: StemToken[] = [];
    const after: StemToken[] = [];
    for (const t of stems) {
      if (t.start >= lo && t.end <= hi) between.push(t);
      if (t.start >= c.mention.end && after.length < 3) after.push(t);
    }
    tail.push({ prefix: 'btw', stems: distinctStems(between) }, { prefix: 'post', stems: distinctStems(after) });
  }
  return { head: { names: f, words: [] }, span: spanFeatures(c), sentence: sentenceWords(a, c.proposition), tail: { names: [], words: tail } };
}
