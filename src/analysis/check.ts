// The deal checker: split a proposed plan into points, map each point onto the
// pack's propositions with its orientation, and say for every party whether
// its known stance accepts or rejects the point — with the evidence.
import type { CompiledPack } from '../pack/compile.js';
import { matchText } from '../pipeline/mentions/mentions.js';
import type { ClaimFilter, Store } from '../store/store.js';
import { sideEvidence, type Citation } from './evidence.js';
import { buildMatrix, type MatrixRow } from './matrix.js';
import { mdText } from '../util/markdown.js';

/** What a plan point asks of a proposition: for it (support) or against it (oppose). */
export interface PointTerm {
  readonly proposition: string;
  readonly wants: 'support' | 'oppose';
  readonly cue: string;
  readonly text: string;
}

export type Verdict = 'accepts' | 'rejects' | 'contested' | 'unknown';

export interface PartyVerdict {
  readonly actor: string;
  readonly proposition: string;
  readonly verdict: Verdict;
  readonly confidence: number;
  /** Independent sources (near-duplicate clusters) behind the party's stance. */
  readonly sources: number;
  /** The verdict rests on one independent source whose claims are all hedged ("reportedly"): treat it as a lead, not a fact. */
  readonly singleHedged: boolean;
  readonly evidence: readonly Citation[];
}

export interface PlanPoint {
  readonly number: number;
  readonly text: string;
  readonly terms: readonly PointTerm[];
  readonly verdicts: readonly PartyVerdict[];
}

export interface DealCheck {
  readonly parties: readonly string[];
  readonly points: readonly PlanPoint[];
  /** Per party, the numbers of the points it would block. */
  readonly blocks: Readonly<Record<string, readonly number[]>>;
}

const NUMBERED = /^\s*(?:\d+[.)]|[-*•–])\s+/;
/** A negation close before a proposition cue flips what the point asks ("no foreign troops" aside, which is a cue of its own). */
const NEGATION_BEFORE = /(?<![\p{L}])(?:no|not|never|without|nor)\s+(?:[\p{L}'-]+\s+){0,1}$/iu;
/** So does giving something up a few words before it ("renounces its bid to join NATO")… */
const GIVING_UP_BEFORE = /(?<![\p{L}])(?:gives? up|giving up|gave up|renounc\w*|abandon\w*|forgo\w*|forswear\w*|waiv\w*|relinquish\w*|drops?|dropping|dropped)\s+((?:[\p{L}'-]+\s+){0,3})$/iu;
/** …unless what is given up is itself a refusal ("drops its objection to NATO membership"). */
const REFUSAL_NOUN = /\b(objections?|opposition|vetoe?s?|resistance|refusal|rejection|ban|block(ade)?)\b/i;

/** Whether the words before a cue turn what the point asks into its opposite. */
function negatedBefore(before: string): boolean {
  if (NEGATION_BEFORE.test(before)) return true;
  const givingUp = GIVING_UP_BEFORE.exec(before);
  return givingUp !== null && !REFUSAL_NOUN.test(givingUp[1]!);
}

/** The plan's points: numbered or bulleted lines, else its sentences. */
export function splitPlan(text: string): string[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0 && !/^#/.test(l));
  const items: string[] = [];
  for (const line of lines) {
    if (NUMBERED.test(line)) items.push(line.replace(NUMBERED, ''));
    else if (items.length > 0 && lines.some((l) => NUMBERED.test(l)) && !/[.:]$/.test(items[items.length - 1]!)) items[items.length - 1] += ` ${line}`;
  }
  if (items.length > 0) return items;
  return lines.join(' ').split(/(?<=[.!?])\s+(?=[A-Z0-9“"])/).filter((s) => s.trim().length > 0);
}

/** A plain point says "Ukraine joins NATO": the pack's cues name the verb's base form ("join NATO"). */
const THIRD_PERSON = /(?<![\p{L}])(join|cede|recognise|recognize|accept)s(?![\p{L}])/giu;

/** Withdrawal cues of territory_cession: who withdraws decides what the point asks. */
const WITHDRAWAL_CUES = new Set(['withdraw-from', 'forces-leave', 'withdrawal-from']);

/** The party the words name, by the pack's aliases and roles or a demonym of its name ("Russian troops" → russia). */
function partyNamed(pack: CompiledPack, words: string): string | undefined {
  let found: { actor: string; at: number } | undefined;
  for (const m of pack.actorMatchers) {
    m.re.lastIndex = 0;
    for (const hit of words.matchAll(m.re)) if (!found || hit.index > found.at) found = { actor: m.actor, at: hit.index };
  }
  for (const actor of pack.data.actors) {
    // "Russia" → "Russian", "Ukraine" → "Ukrainian": the name's stem and any ending.
    const stem = actor.name.split(' ')[0]!.slice(0, -1);
    for (const hit of words.matchAll(new RegExp(`(?<![\\p{L}])${stem}\\p{L}*`, 'gu'))) if (!found || hit.index > found.at) found = { actor: actor.id, at: hit.index };
  }
  return found?.actor;
}

/** The propositions a point names, each with what the point asks of it. */
export function termsOf(pack: CompiledPack, point: string): PointTerm[] {
  const plain = point.replace(THIRD_PERSON, '$1');
  const text = matchText(plain);
  const found: PointTerm[] = [];
  const taken: [number, number][] = [];
  // Opposite wording first, so "lifting of sanctions" is not also read as "sanctions".
  const cues = [...pack.propositionCues].sort((a, b) => (a.orientation === b.orientation ? 0 : a.orientation === 'against' ? -1 : 1));
  for (const cue of cues) {
    cue.re.lastIndex = 0;
    for (let m = cue.re.exec(text); m !== null; m = cue.re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([s, e]) => start < e && s < end)) continue;
      taken.push([start, end]);
      let wants: 'support' | 'oppose' = cue.orientation === 'for' ? 'support' : 'oppose';
      const before = text.slice(0, start);
      if (negatedBefore(before)) wants = flipWants(wants);
      // "No deal is made without Ukraine's consent": a negation anywhere before "without" cancels it.
      if (/^without\b/i.test(m[0]) && /(?<![\p{L}])(no|not|never|nothing|none)(?![\p{L}])/iu.test(before)) wants = flipWants(wants);
      // "Russian troops withdraw from occupied territory" gives land back to Ukraine; only Ukraine withdrawing cedes it.
      if (cue.proposition === 'territory_cession' && WITHDRAWAL_CUES.has(cue.cue)) {
        const withdrawer = partyNamed(pack, `${before.split(/[.;:]/).at(-1) ?? ''} ${m[0]}`);
        if (withdrawer && withdrawer !== 'ukraine') wants = flipWants(wants);
      }
      if (!found.some((f) => f.proposition === cue.proposition && f.wants === wants)) found.push({ proposition: cue.proposition, wants, cue: cue.cue, text: plain.slice(start, end) });
    }
  }
  return found;
}

function flipWants(wants: 'support' | 'oppose'): 'support' | 'oppose' {
  return wants === 'support' ? 'oppose' : 'support';
}

function verdictOf(row: MatrixRow | undefined, wants: 'support' | 'oppose'): Verdict {
  if (!row || row.stance === 'unknown') return 'unknown';
  if (row.stance === 'mixed') return 'contested';
  return row.stance === wants ? 'accepts' : 'rejects';
}

export interface CheckOptions extends ClaimFilter {
  readonly parties?: readonly string[];
}

/** Score each point of `plan` against every party's stored stances. */
export async function checkDeal(store: Store, pack: CompiledPack, plan: string, options: CheckOptions = {}): Promise<DealCheck> {
  const { parties: wanted, ...filter } = options;
  const parties = wanted && wanted.length > 0 ? [...wanted] : [...pack.scoredActors];
  const rows = await buildMatrix(store, filter);
  const points: PlanPoint[] = [];
  for (const [i, text] of splitPlan(plan).entries()) {
    const terms = termsOf(pack, text);
    const verdicts: PartyVerdict[] = [];
    for (const term of terms) {
      for (const actor of parties) {
        const row = rows.find((r) => r.actor === actor && r.proposition === term.proposition);
        const verdict = verdictOf(row, term.wants);
        const side = verdict === 'accepts' ? term.wants : verdict === 'rejects' ? (term.wants === 'support' ? 'oppose' : 'support') : undefined;
        const evidence = side ? await sideEvidence(store, { ...filter, actor, proposition: term.proposition, polarity: side }, 1) : [];
        const sources = row?.clusters ?? 0;
        const singleHedged = row !== undefined && sources === 1 && row.hedged >= row.support + row.oppose;
        verdicts.push({ actor, proposition: term.proposition, verdict, confidence: row?.confidence ?? 0, sources, singleHedged, evidence });
      }
    }
    points.push({ number: i + 1, text, terms, verdicts });
  }
  const blocks: Record<string, number[]> = {};
  for (const actor of parties) blocks[actor] = points.filter((p) => p.verdicts.some((v) => v.actor === actor && v.verdict === 'rejects')).map((p) => p.number);
  return { parties, points, blocks };
}

export const CHECK_COLUMNS = ['point', 'proposition', 'wants', 'actor', 'verdict', 'confidence', 'outlet', 'published', 'quote', 'text', 'sources', 'singleHedged'] as const;

export function checkRows(check: DealCheck): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const p of check.points) {
    if (p.terms.length === 0) rows.push({ point: p.number, proposition: '', wants: '', actor: '', verdict: 'no known proposition', confidence: '', outlet: '', published: '', quote: '', text: p.text });
    for (const term of p.terms) {
      for (const v of p.verdicts.filter((x) => x.proposition === term.proposition)) {
        const e = v.evidence[0];
        rows.push({ point: p.number, proposition: term.proposition, wants: term.wants, actor: v.actor, verdict: v.verdict, confidence: v.confidence, outlet: e?.outlet ?? '', published: e?.published ?? '', quote: e?.quote ?? '', text: p.text, sources: v.sources, singleHedged: v.singleHedged });
      }
    }
  }
  return rows;
}

/** A readable report: per point the verdicts, then what each party would block. */
export function checkToMarkdown(check: DealCheck): string {
  const out: string[] = ['# Deal check', ''];
  for (const p of check.points) {
    out.push(`## ${p.number}. ${mdText(p.text)}`, '');
    if (p.terms.length === 0) out.push('No proposition of the pack recognised in this point.', '');
    for (const term of p.terms) {
      out.push(`*${term.proposition}* — the point is ${term.wants === 'support' ? 'for' : 'against'} it (“${mdText(term.text)}”)`, '');
      for (const v of p.verdicts.filter((x) => x.proposition === term.proposition)) {
        const e = v.evidence[0];
        const cite = e
          ? ` — ${mdText([e.outlet, e.published].filter(Boolean).join(', '))}: ${e.speaker ? `${mdText(e.speaker)}: ` : ''}“${mdText(e.quote)}”${e.condition ? ` (condition: ${mdText(e.condition)})` : ''}`
          : '';
        const weight = v.verdict === 'unknown' ? '' : ` (confidence ${v.confidence}, ${v.sources} independent ${v.sources === 1 ? 'source' : 'sources'}${v.singleHedged ? ', one hedged report only' : ''})`;
        out.push(`- **${v.actor}**: ${v.verdict}${weight}${cite}`);
      }
      out.push('');
    }
  }
  out.push('## Who would block what', '');
  for (const actor of check.parties) {
    const blocked = check.blocks[actor] ?? [];
    out.push(`- **${actor}**: ${blocked.length > 0 ? `points ${blocked.join(', ')}` : 'no point rejected on the record'}`);
  }
  return `${out.join('\n')}\n`;
}
