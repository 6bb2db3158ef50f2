// Literal prefilters for the pack's regular expressions. Each pattern is parsed
// (regexpp) into a short list of plain strings at least one of which every match
// must contain; one Aho–Corasick pass over a sentence then tells which of the
// many patterns can match there at all, so the regex engine runs only on those.
// The filter is a necessary condition only: it never changes what a pattern finds.
import type { AST } from '@eslint-community/regexpp';
import { lazyModule } from './lazy-module.js';

/** Needed only when a pack is compiled without its cache. */
const regexpp = lazyModule<typeof import('@eslint-community/regexpp')>('@eslint-community/regexpp');

/** The most strings one run of literal text may expand to ("talk(s|ed)?" → 3) before it is cut. */
const MAX_EXACT = 64;
/** Literals shorter than this rule out too little to be worth a lookup. */
const MIN_LITERAL = 3;
/**
 * Literals are cut to this length: a match that contains "proposal for" contains "proposal",
 * and short literals keep the automaton small.
 */
const MAX_LITERAL = 8;

/**
 * One character as the filter compares it: ASCII upper case folded to lower, and the two
 * non-ASCII letters that case-insensitive Unicode regexes equate with ASCII (KELVIN SIGN ~ k,
 * LONG S ~ s). Every other character stays itself and never equals a literal's (ASCII) character.
 */
function foldCode(code: number): number {
  if (code >= 65 && code <= 90) return code + 32;
  if (code === 0x212a) return 107;
  if (code === 0x17f) return 115;
  return code;
}

/** The plain strings a node can match, when they are few and all ASCII; else null. */
type Exact = readonly string[] | null;

interface Requirement {
  /** Every match of the node is one of these (null: not a small finite set). */
  readonly exact: Exact;
  /** Every match contains one of these (null: nothing known). */
  readonly contains: readonly string[] | null;
}

const NOTHING: Requirement = { exact: null, contains: null };
const EMPTY: Requirement = { exact: [''], contains: null };

function shortest(literals: readonly string[]): number {
  return literals.reduce((n, l) => Math.min(n, l.length, MAX_LITERAL), Number.POSITIVE_INFINITY);
}

/** The more selective of two "contains one of" lists: longer shortest literal, then fewer literals. */
function better(a: readonly string[] | null, b: readonly string[] | null): readonly string[] | null {
  if (!a || shortest(a) === 0) return b && shortest(b) > 0 ? b : null;
  if (!b || shortest(b) === 0) return a;
  const [la, lb] = [shortest(a), shortest(b)];
  if (la !== lb) return la > lb ? a : b;
  return distinctPrefixes(b) < distinctPrefixes(a) ? b : a;
}

/** How many literals a list comes to once each is cut to MAX_LITERAL. */
function distinctPrefixes(literals: readonly string[]): number {
  return new Set(literals.map((l) => l.slice(0, MAX_LITERAL))).size;
}

function dedupe(strings: readonly string[]): string[] {
  return [...new Set(strings)];
}

function product(left: readonly string[], right: readonly string[]): string[] | null {
  if (left.length * right.length > MAX_EXACT) return null;
  return dedupe(left.flatMap((l) => right.map((r) => l + r)));
}

function asciiChar(code: number): string | null {
  return code < 128 ? String.fromCharCode(foldCode(code)) : null;
}

function ofCharacterClass(node: AST.CharacterClass): Requirement {
  if (node.negate || node.unicodeSets) return NOTHING;
  const chars: string[] = [];
  for (const element of node.elements) {
    if (element.type === 'Character') {
      const c = asciiChar(element.value);
      if (c === null) return NOTHING;
      chars.push(c);
    } else if (element.type === 'CharacterClassRange' && element.max.value - element.min.value < 8) {
      for (let code = element.min.value; code <= element.max.value; code++) {
        const c = asciiChar(code);
        if (c === null) return NOTHING;
        chars.push(c);
      }
    } else return NOTHING;
  }
  const exact = dedupe(chars);
  return exact.length > 0 && exact.length <= 8 ? { exact, contains: exact } : NOTHING;
}

function ofAlternatives(alternatives: readonly AST.Alternative[]): Requirement {
  const parts = alternatives.map(ofAlternative);
  const exacts = parts.map((p) => p.exact);
  const exact = exacts.every((e) => e !== null) ? dedupe(exacts.flat() as string[]) : null;
  const contains = parts.map((p) => better(p.exact, p.contains));
  const all = contains.every((c) => c !== null) ? dedupe(contains.flat() as string[]) : null;
  return { exact: exact && exact.length <= MAX_EXACT ? exact : null, contains: all };
}

function ofQuantifier(node: AST.Quantifier): Requirement {
  const inner = ofElement(node.element);
  if (node.min === 0) {
    // "s?" still matches one of a few strings; "x*" can match anything.
    return node.max === 1 && inner.exact ? { exact: dedupe(['', ...inner.exact]), contains: null } : NOTHING;
  }
  const contains = better(inner.exact, inner.contains);
  if (node.min === node.max && inner.exact) {
    let exact: string[] | null = [''];
    for (let i = 0; i < node.min && exact; i++) exact = product(exact, inner.exact);
    return { exact, contains };
  }
  return { exact: null, contains };
}

function ofElement(node: AST.Element): Requirement {
  switch (node.type) {
    case 'Character': {
      const c = asciiChar(node.value);
      return c === null ? NOTHING : { exact: [c], contains: [c] };
    }
    case 'CharacterClass':
      return ofCharacterClass(node);
    case 'Group':
    case 'CapturingGroup':
      return ofAlternatives(node.alternatives);
    case 'Quantifier':
      return ofQuantifier(node);
    // Assertions consume nothing: the text on either side stays contiguous.
    case 'Assertion':
      return EMPTY;
    default:
      return NOTHING;
  }
}

/** A sequence: adjacent literal pieces join into runs ("negotiat" + "e|ed|ing"); the most selective run or part wins. */
function ofAlternative(node: AST.Alternative): Requirement {
  let run: string[] = [''];
  let whole = true;
  let contains: readonly string[] | null = null;
  for (const element of node.elements) {
    const part = ofElement(element);
    const joined = part.exact ? product(run, part.exact) : null;
    if (joined) {
      run = joined;
      continue;
    }
    whole = false;
    contains = better(better(contains, run), part.contains);
    run = part.exact ? [...part.exact] : [''];
  }
  contains = better(contains, run);
  return { exact: whole ? run : null, contains };
}

/**
 * Strings (lower-case ASCII) of which every match of `re` contains at least one, or null
 * when no useful list exists: `requiredLiterals(/cease-?fire/i)` → ["ceasefire", "cease-fire"].
 */
export function requiredLiterals(re: RegExp): string[] | null {
  const key = `${re.flags}/${re.source}`;
  let literals = known.get(key);
  if (literals === undefined) known.set(key, (literals = parseLiterals(re)));
  return literals;
}

/** Literal lists by `flags/source`, parsed here or handed in from the pack cache. */
const known = new Map<string, string[] | null>();

/** Take literal lists worked out before (the pack cache), so their patterns need no parsing. */
export function knowLiterals(lists: Readonly<Record<string, string[] | null>>): void {
  for (const [key, literals] of Object.entries(lists)) known.set(key, literals);
}

/** The literal lists of these patterns, by `flags/source`, for the pack cache. */
export function literalsOf(patterns: Iterable<RegExp>): Record<string, string[] | null> {
  const lists: Record<string, string[] | null> = {};
  for (const re of patterns) lists[`${re.flags}/${re.source}`] = requiredLiterals(re);
  return lists;
}

function parseLiterals(re: RegExp): string[] | null {
  const literal = regexpp().parseRegExpLiteral(re);
  const { exact, contains } = ofAlternatives(literal.pattern.alternatives);
  const best = better(exact, contains);
  if (!best || shortest(best) < MIN_LITERAL) return null;
  // A literal that contains another of the list adds nothing: "demand that" holds "demand".
  const literals = dedupe(best.map((l) => l.slice(0, MAX_LITERAL)));
  return literals.filter((l) => !literals.some((other) => other !== l && l.includes(other)));
}

/** What a LiteralAutomaton is made of. */
export interface AutomatonTables {
  readonly next: Int32Array;
  readonly classOf: Uint8Array;
  readonly width: number;
  readonly outputStart: Int32Array;
  readonly outputKeys: Int32Array;
}

/**
 * An Aho–Corasick automaton over the literals of many keys, as a dense table over the
 * characters the literals use (a few dozen of ASCII's 128: the table, built at every
 * start, is that much smaller). A character no literal uses leads back to the root.
 */
export class LiteralAutomaton {
  /** `next[state * width + classOf[code]]`; class 0 (no literal's character) is never stored. */
  private readonly next: Int32Array;
  private readonly classOf: Uint8Array;
  private readonly width: number;
  /** The keys one of whose literals ends at state s (through fail links too): `outputKeys[outputStart[s] .. outputStart[s + 1])`. */
  private readonly outputStart: Int32Array;
  private readonly outputKeys: Int32Array;

  /**
   * `literalsByKey[k]`: the literals of key k (lower-case ASCII). `tables` are those of an
   * automaton built before over the same lists (`tables`, kept by automaton-cache.ts).
   */
  constructor(literalsByKey: readonly (readonly string[])[], tables?: AutomatonTables) {
    if (tables) {
      ({ next: this.next, classOf: this.classOf, width: this.width, outputStart: this.outputStart, outputKeys: this.outputKeys } = tables);
      return;
    }
    const classOf = new Uint8Array(128);
    let width = 1;
    for (const literals of literalsByKey) {
      for (const literal of literals) {
        for (let i = 0; i < literal.length; i++) {
          const code = literal.charCodeAt(i);
          if (code < 128 && classOf[code] === 0) classOf[code] = width++;
        }
      }
    }
    const goto: Map<number, number>[] = [new Map()];
    const outs: Set<number>[] = [new Set()];
    literalsByKey.forEach((literals, key) => {
      for (const literal of literals) {
        let state = 0;
        for (let i = 0; i < literal.length; i++) {
          const cls = classOf[literal.charCodeAt(i)]!;
          let to = goto[state]!.get(cls);
          if (to === undefined) {
            to = goto.length;
            goto.push(new Map());
            outs.push(new Set());
            goto[state]!.set(cls, to);
          }
          state = to;
        }
        outs[state]!.add(key);
      }
    });
    const next = new Int32Array(goto.length * width);
    const fail = new Int32Array(goto.length);
    // Breadth first, so each state's fail target is complete before the state itself.
    const queue: number[] = [];
    for (let cls = 1; cls < width; cls++) {
      const to = goto[0]!.get(cls) ?? 0;
      next[cls] = to;
      if (to !== 0) queue.push(to);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      const failRow = fail[state]! * width;
      for (const key of outs[fail[state]!]!) outs[state]!.add(key);
      // A state moves as its fail state does, except where its own edges lead.
      next.copyWithin(state * width, failRow, failRow + width);
      for (const [cls, to] of goto[state]!) {
        fail[to] = next[failRow + cls]!;
        next[state * width + cls] = to;
        queue.push(to);
      }
    }
    this.next = next;
    this.classOf = classOf;
    this.width = width;
    this.outputStart = new Int32Array(outs.length + 1);
    const keys: number[] = [];
    outs.forEach((set, state) => {
      this.outputStart[state] = keys.length;
      keys.push(...set);
    });
    this.outputStart[outs.length] = keys.length;
    this.outputKeys = Int32Array.from(keys);
  }

  /** The automaton's tables, to make it again without building it. */
  get tables(): AutomatonTables {
    return { next: this.next, classOf: this.classOf, width: this.width, outputStart: this.outputStart, outputKeys: this.outputKeys };
  }

  /** Set `seen[key] = stamp` for every key one of whose literals occurs in `text`. */
  mark(text: string, seen: Int32Array, stamp: number): void {
    const { next, classOf, width, outputStart, outputKeys } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = foldCode(text.charCodeAt(i));
      const cls = code < 128 ? classOf[code]! : 0;
      state = cls === 0 ? 0 : next[state * width + cls]!;
      for (let k = outputStart[state]!, end = outputStart[state + 1]!; k < end; k++) seen[outputKeys[k]!] = stamp;
    }
  }

  /** Call `found(key)` for each key one of whose literals occurs in `text`. */
  scan(text: string, found: (key: number) => void): void {
    const seen = new Int32Array(this.keyCount);
    this.mark(text, seen, 1);
    seen.forEach((stamp, key) => {
      if (stamp === 1) found(key);
    });
  }

  private get keyCount(): number {
    return this.outputKeys.reduce((n, k) => Math.max(n, k + 1), 0);
  }
}
