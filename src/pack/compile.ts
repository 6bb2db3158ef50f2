// Compiles a validated pack into regular expressions the pipeline runs.
import type { Modality, Polarity, HolderRole } from '../pipeline/types.js';
import { loadModel, type DeciderModel } from '../pipeline/decide/model.js';
import { knowLiterals, literalsOf } from '../util/literal-filter.js';
import { prefilterPatterns, wordBounded } from '../util/regex.js';
import { DEFAULT_PACK_DIR, loadPack, packRoot, type PackData } from './load-pack.js';
import { packHash, readCachedPack, writeCachedPack } from './pack-cache.js';

export interface ActorMatcher {
  readonly actor: string;
  readonly via: 'alias' | 'role';
  readonly re: RegExp;
}

export interface PropositionCue {
  readonly proposition: string;
  readonly cue: string;
  readonly orientation: 'for' | 'against';
  readonly assertive: boolean;
  readonly examples: readonly string[];
  readonly re: RegExp;
}

export interface StanceCue {
  readonly id: string;
  readonly holder: HolderRole;
  readonly polarity: Polarity;
  readonly modality: Modality;
  readonly opaque: boolean;
  readonly negated: 'drop' | 'flip';
  readonly shared: boolean;
  readonly re: RegExp;
}

export interface CompiledPack {
  readonly data: PackData;
  readonly actorMatchers: readonly ActorMatcher[];
  /** Title (lower case) → actors that use it, e.g. "prime minister" → ["europe"]. */
  readonly titles: ReadonlyMap<string, readonly string[]>;
  readonly titleRe: RegExp | null;
  readonly propositionCues: readonly PropositionCue[];
  readonly stanceCues: readonly StanceCue[];
  readonly attribution: RegExp;
  readonly hedges: RegExp | null;
  readonly blockers: RegExp | null;
  readonly negators: RegExp | null;
  readonly breakers: RegExp | null;
  readonly conditions: RegExp | null;
  readonly relevanceTerms: readonly RegExp[];
  readonly scoredActors: ReadonlySet<string>;
  /** The pack's trained decider (model.json), when it has one. */
  readonly model?: DeciderModel;
}

/**
 * Wrap a pattern so it matches whole words only: `bounded('truce')` does not
 * match inside "untruced". Patterns that start or end with punctuation keep
 * that side unbounded.
 */
export function bounded(source: string, caseInsensitive: boolean): RegExp {
  return wordBounded(source, caseInsensitive ? 'iu' : 'u');
}

function anyOf(sources: readonly string[]): RegExp | null {
  return sources.length === 0 ? null : bounded(sources.map((s) => `(?:${s})`).join('|'), true);
}

/** An alias with no lower-case letter outside its escapes ("US", "U\\.S\\.", "NATO") is an acronym. */
function isAcronym(alias: string): boolean {
  return !/[a-z]/.test(alias.replace(/\\[a-zA-Z]/g, '').replace(/\(\?[:=!<]+/g, '('));
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((x) => !test(x))];
}

export function compilePack(data: PackData, model?: DeciderModel): CompiledPack {
  const actorMatchers: ActorMatcher[] = [];
  const titles = new Map<string, string[]>();
  for (const actor of data.actors) {
    // Names match whatever their case ("ZELENSKY", "the kremlin"); acronyms keep theirs, so "US" is not "us".
    const [acronyms, names] = partition(actor.aliases, isAcronym);
    if (names.length > 0) actorMatchers.push({ actor: actor.id, via: 'alias', re: bounded(names.map((a) => `(?:${a})`).join('|'), true) });
    if (acronyms.length > 0) actorMatchers.push({ actor: actor.id, via: 'alias', re: bounded(acronyms.map((a) => `(?:${a})`).join('|'), false) });
    if (actor.roles.length > 0) {
      actorMatchers.push({ actor: actor.id, via: 'role', re: bounded(actor.roles.map((r) => `(?:${r})`).join('|'), true) });
    }
    for (const title of actor.titles) {
      const key = title.toLowerCase();
      titles.set(key, [...(titles.get(key) ?? []), actor.id]);
    }
  }
  const titleWords = [...titles.keys()].map((t) => t.replace(/\s+/g, '\\s+'));
  return {
    data,
    actorMatchers,
    titles,
    titleRe: titleWords.length > 0 ? bounded(titleWords.join('|'), true) : null,
    propositionCues: data.propositions.flatMap((p) =>
      p.cues.map((c) => ({ proposition: p.id, cue: c.id, orientation: c.orientation, assertive: c.assertive, examples: c.examples, re: bounded(c.pattern, true) })),
    ),
    stanceCues: data.stances.stances.map((s) => ({ ...s, re: bounded(s.pattern, true) })),
    attribution: anyOf(data.stances.attribution)!,
    hedges: anyOf(data.stances.hedges),
    blockers: anyOf(data.stances.blockers),
    negators: anyOf(data.stances.negators),
    breakers: anyOf(data.stances.breakers),
    conditions: anyOf(data.stances.conditions),
    relevanceTerms: data.manifest.relevance.terms.map((t) => bounded(t, true)),
    scoredActors: new Set(data.actors.filter((a) => a.scored).map((a) => a.id)),
    ...(model ? { model } : {}),
  };
}

const cache = new Map<string, CompiledPack>();

/** Load and compile a pack once per process, from the pack cache when its files are unchanged. */
export function getPack(dir?: string): CompiledPack {
  const key = dir ?? '';
  let pack = cache.get(key);
  if (!pack) {
    pack = loadCompiled(dir ?? DEFAULT_PACK_DIR);
    cache.set(key, pack);
  }
  return pack;
}

function loadCompiled(dir: string): CompiledPack {
  // A missing folder or file is reported by loadPack, with its usual message.
  let hash: string | undefined;
  try {
    hash = packHash(dir);
  } catch {
    return compilePack(loadPack(dir), loadModel(dir));
  }
  const cached = readCachedPack(hash);
  if (cached) {
    knowLiterals(cached.literals);
    // The same files may sit in another folder now.
    return compilePack({ ...cached.data, dir: packRoot(dir) }, cached.model ?? undefined);
  }
  const data = loadPack(dir);
  const model = loadModel(dir);
  const pack = compilePack(data, model);
  writeCachedPack(hash, { data, model: model ?? null, literals: literalsOf(prefilterPatterns()) });
  return pack;
}
