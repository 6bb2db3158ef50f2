// The grammatical role of an actor mention, read from the part-of-speech tags
// the segmenter already has: the holder of a stance is the subject of its verb
// ("Kyiv rejected…"), not the object of a preposition ("an ultimatum to
// Moscow") or a possessor ("Moscow's list"). No parser on npm runs in this
// budget; these few tag patterns are what the decider learns weights for.
import type { ActorMention, Token } from '../types.js';

export type ActorRole = 'subject' | 'preposition-object' | 'possessor' | 'conjunct' | 'other';

export interface RoleReading {
  readonly role: ActorRole;
  /** The preposition before the mention, lower-cased, when the role is preposition-object. */
  readonly preposition?: string;
}

const NOMINAL = new Set(['PROPN', 'NOUN']);
const VERBAL = new Set(['VERB', 'AUX']);
const POSSESSIVE = new Set(["'s", '’s', '’', "'"]);
/** An apposition between commas longer than this is a clause of its own, not a title. */
const MAX_APPOSITION = 12;

/** The tokens the mention covers: first and last index, or undefined when it covers none. */
function tokenSpan(tokens: readonly Token[], mention: ActorMention): [number, number] | undefined {
  let first = -1;
  let last = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.start >= mention.end) break;
    if (t.end <= mention.start) continue;
    if (first < 0) first = i;
    last = i;
  }
  return first < 0 ? undefined : [first, last];
}

/** Past the rest of a name ("President Vladimir Putin"), names joined to it ("and Kyiv"), a comma-bound title before a verb, and adverbs. */
function afterHead(tokens: readonly Token[], from: number): number {
  let k = from;
  for (;;) {
    while (tokens[k] && NOMINAL.has(tokens[k]!.pos)) k++;
    if (tokens[k]?.pos !== 'CCONJ') break;
    let joined = k + 1;
    while (tokens[joined]?.pos === 'DET' || tokens[joined]?.pos === 'ADJ') joined++;
    if (!NOMINAL.has(tokens[joined]?.pos ?? '')) break;
    k = joined;
  }
  if (tokens[k]?.text === ',') {
    let close = k + 1;
    while (tokens[close] && tokens[close]!.text !== ',' && close - k < MAX_APPOSITION) close++;
    if (tokens[close]?.text === ',' && VERBAL.has(tokens[close + 1]?.pos ?? '')) k = close + 1;
  }
  while (tokens[k]?.pos === 'ADV') k++;
  return k;
}

/** The mention's role in its sentence; undefined when it covers no token. */
export function actorRole(tokens: readonly Token[], mention: ActorMention): RoleReading | undefined {
  const span = tokenSpan(tokens, mention);
  if (!span) return undefined;
  const [first, last] = span;
  const before = tokens[first - 1];
  const next = tokens[last + 1];
  if (next && POSSESSIVE.has(next.text)) return { role: 'possessor' };
  if (before?.pos === 'ADP') return { role: 'preposition-object', preposition: before.text.toLowerCase() };
  if (VERBAL.has(tokens[afterHead(tokens, last + 1)]?.pos ?? '')) return { role: 'subject' };
  if (before?.pos === 'CCONJ') return { role: 'conjunct' };
  return { role: 'other' };
}
