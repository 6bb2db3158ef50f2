// The briefing: what each party wants — demands, red lines, offers, open
// questions and points of agreement — every line backed by numbered citations.
import type { CompiledPack } from '../pack/compile.js';
import type { Modality, Polarity } from '../pipeline/types.js';
import type { ClaimFilter, Store, StoredClaim } from '../store/store.js';
import { citationOf, independent, newestIndependent, type Citation } from './evidence.js';
import { findConflicts } from './conflicts.js';
import { buildMatrix } from './matrix.js';
import { mdText } from '../util/markdown.js';

export interface BriefLine {
  readonly proposition: string;
  readonly text: string;
  /** Indexes into `Brief.citations`, from 1. */
  readonly cites: readonly number[];
}

export interface PartyBrief {
  readonly actor: string;
  readonly name: string;
  readonly demands: readonly BriefLine[];
  readonly redLines: readonly BriefLine[];
  readonly offers: readonly BriefLine[];
  readonly openQuestions: readonly BriefLine[];
}

export interface Brief {
  readonly title: string;
  /** The newest publication date the briefing rests on: it says what was known as of then. */
  readonly asOf?: string;
  /** The corpus the briefing read: first and last publication dates and documents, within the filters. */
  readonly corpus: { readonly first?: string; readonly last?: string; readonly documents: number };
  readonly parties: readonly PartyBrief[];
  readonly agreement: readonly BriefLine[];
  readonly citations: readonly Citation[];
}

export interface BriefOptions extends ClaimFilter {
  /** Citations per line (default 2). */
  readonly perLine?: number;
}

type Section = 'demands' | 'redLines' | 'offers';

const SECTION_MODALITIES: Record<Section, Modality[]> = { demands: ['demand', 'condition'], redLines: ['reject'], offers: ['offer', 'accept'] };

/** How a line of each section opens, by the side's polarity. */
const SECTION_VERB: Record<Section, Record<Polarity, string>> = {
  demands: { support: 'Demands', oppose: 'Demands no' },
  redLines: { support: 'Insists on', oppose: 'Rejects' },
  offers: { support: 'Offers or accepts', oppose: 'Offers to give up' },
};

function sectionOfModality(modality: Modality, polarity: Polarity): Section {
  if (modality === 'reject') return polarity === 'oppose' ? 'redLines' : 'demands';
  return modality === 'offer' || modality === 'accept' ? 'offers' : 'demands';
}

/** The section most of a side's claims belong to (a tie goes to the newest claim's). */
function sectionOf(claims: readonly StoredClaim[], polarity: Polarity): Section {
  const votes = new Map<Section, number>();
  for (const c of claims) votes.set(sectionOfModality(c.modality, polarity), (votes.get(sectionOfModality(c.modality, polarity)) ?? 0) + 1);
  const newest = claims.at(-1);
  let best: Section = newest ? sectionOfModality(newest.modality, polarity) : polarity === 'oppose' ? 'redLines' : 'demands';
  for (const [section, n] of votes) if (n > (votes.get(best) ?? 0)) best = section;
  return best;
}

function docs(n: number): string {
  return `${n} ${n === 1 ? 'document' : 'documents'}`;
}

/** Build a briefing from stored claims only: no line without a claim behind it. */
export async function buildBrief(store: Store, pack: CompiledPack, options: BriefOptions = {}): Promise<Brief> {
  const { perLine = 2, ...filter } = options;
  const citations: Citation[] = [];
  // Keyed by the sentence, not the claim: one sentence holding several claims is cited once.
  const indexOf = new Map<string, number>();
  const cite = (claims: readonly StoredClaim[]): number[] => [
    ...new Set(
      independent(claims)
        .slice(0, perLine)
        .map((c) => {
          const key = `${c.documentId}:${c.start}:${c.end}`;
          const known = indexOf.get(key);
          if (known) return known;
          citations.push(citationOf(c));
          indexOf.set(key, citations.length);
          return citations.length;
        }),
    ),
  ];
  const label = (id: string): string => pack.data.propositions.find((p) => p.id === id)?.label ?? id;
  const rows = await buildMatrix(store, filter);
  const actors = pack.data.actors.filter((a) => (filter.actor ? a.id === filter.actor : a.scored));
  const parties: PartyBrief[] = [];
  // The newest claims of one side of a cell, one per independent source.
  const newest = (cell: ClaimFilter): Promise<StoredClaim[]> => newestIndependent(store, { ...filter, ...cell }, perLine);
  for (const actor of actors) {
    const demands: BriefLine[] = [];
    const redLines: BriefLine[] = [];
    const offers: BriefLine[] = [];
    const openQuestions: BriefLine[] = [];
    for (const row of rows.filter((r) => r.actor === actor.id)) {
      const cell = { actor: actor.id, proposition: row.proposition };
      const what = label(row.proposition);
      if (row.stance === 'mixed') {
        const [supports, opposes] = await Promise.all([newest({ ...cell, polarity: 'support' }), newest({ ...cell, polarity: 'oppose' })]);
        openQuestions.push({ proposition: row.proposition, text: `${what}: reported both for (${docs(row.supportDocs)}) and against (${docs(row.opposeDocs)}).`, cites: [...cite(supports).slice(0, 1), ...cite(opposes).slice(0, 1)] });
      } else {
        // The section follows what the claims on the winning side do (demand, reject, offer), not only their polarity:
        // "offers to drop its NATO bid" opposes membership but is an offer, and a plan's provision is a demand.
        const polarity = row.stance === 'oppose' ? 'oppose' : 'support';
        const side = await store.listClaims({ ...filter, ...cell, polarity });
        const section = sectionOf(side, polarity);
        const group = side.filter((c) => sectionOfModality(c.modality, polarity) === section);
        const conditional = group.filter((c) => c.conditional).length * 2 > group.length;
        const n = polarity === 'support' ? row.supportDocs : row.opposeDocs;
        const condition = conditional ? group.filter((c) => c.conditional && c.condition).at(-1)?.condition : undefined;
        const text = `${SECTION_VERB[section][polarity]}${conditional ? ' (on conditions)' : ''}: ${what} (${docs(n)}, confidence ${row.confidence})${condition ? ` — only ${condition}` : ''}.`;
        const line = { proposition: row.proposition, text, cites: cite(await newest({ ...cell, polarity, modalities: SECTION_MODALITIES[section] })) };
        ({ demands, redLines, offers })[section].push(line);
      }
    }
    parties.push({ actor: actor.id, name: actor.name, demands, redLines, offers, openQuestions });
  }
  const agreement: BriefLine[] = [];
  if (!filter.actor) {
    const report = await findConflicts(store, pack, filter);
    for (const g of report.commonGround) {
      const claims = (await Promise.all(g.parties.map((p) => store.listClaims({ ...filter, actor: p.actor, proposition: g.proposition, polarity: 'support', newestFirst: true, limit: 1 })))).flat();
      agreement.push({ proposition: g.proposition, text: `All of ${g.parties.map((p) => p.actor).join(', ')} support: ${g.label}.`, cites: cite(claims) });
    }
  }
  // The title names what narrows the claims, so a forwarded briefing says it left the less sure ones out.
  const span = [filter.since && `since ${filter.since}`, filter.until && `until ${filter.until}`, filter.minConfidence !== undefined && `claims at confidence ≥ ${filter.minConfidence}`].filter(Boolean).join(', ');
  const inRange = await store.listDocuments({ ...(filter.since ? { since: filter.since } : {}), ...(filter.until ? { until: filter.until } : {}), ...(filter.outlet ? { outlet: filter.outlet } : {}) });
  const dates = inRange.map((d) => d.published).filter((d): d is string => Boolean(d)).sort();
  const corpus = { ...(dates[0] ? { first: dates[0] } : {}), ...(dates.length ? { last: dates.at(-1)! } : {}), documents: inRange.length };
  const asOf = citations.map((c) => c.published).filter((d): d is string => Boolean(d)).sort().at(-1);
  return { title: `${pack.data.manifest.name}: what each party wants${span ? ` (${span})` : ''}`, ...(asOf ? { asOf } : {}), corpus, parties, agreement, citations };
}

/** "Outlet, date — “quote” (source)", each piece of document text passed through `text` (an escaper). */
function citationLine(c: Citation, text: (s: string) => string): string {
  return `${text([c.outlet ?? c.source, c.published].filter(Boolean).join(', '))} — ${c.speaker ? `${text(c.speaker)}: ` : ''}“${text(c.quote)}”${c.hedged ? ' (hedged)' : ''}${c.condition ? ` (condition: ${text(c.condition)})` : ''} (${text(c.source)})`;
}

const SECTIONS = [
  ['demands', 'Demands'],
  ['redLines', 'Red lines'],
  ['offers', 'Offers and acceptances'],
  ['openQuestions', 'Open questions'],
] as const;

/** "As of 2026-01-24 · corpus: 26 documents, 2025-02-18 – 2026-01-24". */
export function briefDateLine(brief: Brief): string {
  const range = brief.corpus.first ? `, ${brief.corpus.first} – ${brief.corpus.last}` : '';
  return `${brief.asOf ? `As of ${brief.asOf} · ` : ''}corpus: ${brief.corpus.documents} ${brief.corpus.documents === 1 ? 'document' : 'documents'}${range}`;
}

export function briefToMarkdown(brief: Brief): string {
  const out: string[] = [`# ${brief.title}`, '', `*${briefDateLine(brief)}*`, ''];
  const line = (l: BriefLine): string => `- ${l.text} ${l.cites.map((n) => `[${n}]`).join('')}`;
  for (const party of brief.parties) {
    out.push(`## ${party.name}`, '');
    let any = false;
    for (const [key, heading] of SECTIONS) {
      if (party[key].length === 0) continue;
      any = true;
      out.push(`**${heading}**`, '', ...party[key].map(line), '');
    }
    if (!any) out.push('No stored position.', '');
  }
  if (brief.agreement.length > 0) out.push('## Points of agreement', '', ...brief.agreement.map(line), '');
  out.push('## Sources', '', ...brief.citations.map((c, i) => `[${i + 1}] ${citationLine(c, mdText)}`), '');
  return out.join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function briefToHtml(brief: Brief): string {
  const line = (l: BriefLine): string => `<li>${escapeHtml(l.text)} ${l.cites.map((n) => `<a href="#c${n}">[${n}]</a>`).join('')}</li>`;
  const body: string[] = [`<h1>${escapeHtml(brief.title)}</h1>`, `<p class="as-of">${escapeHtml(briefDateLine(brief))}</p>`];
  for (const party of brief.parties) {
    body.push(`<h2>${escapeHtml(party.name)}</h2>`);
    for (const [key, heading] of SECTIONS) {
      if (party[key].length > 0) body.push(`<h3>${heading}</h3><ul>${party[key].map(line).join('')}</ul>`);
    }
  }
  if (brief.agreement.length > 0) body.push(`<h2>Points of agreement</h2><ul>${brief.agreement.map(line).join('')}</ul>`);
  body.push(`<h2>Sources</h2><ol>${brief.citations.map((c, i) => `<li id="c${i + 1}">${citationLine(c, escapeHtml)}</li>`).join('')}</ol>`);
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(brief.title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d2433}h1{font-size:1.5rem}h2{margin-top:2rem;border-bottom:1px solid #dde}h3{font-size:1rem;color:#445}li{margin:.3rem 0}ol li{font-size:.9rem;color:#334}.as-of{color:#556}
@media print{body{font:11pt/1.4 Georgia,serif;max-width:none;margin:0;color:#000}h2{break-after:avoid}li{break-inside:avoid}a{color:#000;text-decoration:none}@page{margin:2cm}}</style>
</head><body>${body.join('\n')}</body></html>\n`;
}
