// The dashboard: views over the JSON API, routed by the URL hash so any view
// can be shared. Text from documents only ever enters the page as text nodes.

interface Actor { id: string; name: string; scored: boolean }
interface Proposition { id: string; label: string }
interface Meta {
  pack: { id: string; name: string };
  actors: Actor[];
  propositions: Proposition[];
  outlets: string[];
  documents: number;
  claims: number;
  firstDate?: string;
  lastDate?: string;
  canWrite: boolean;
}
type Stance = 'support' | 'oppose' | 'mixed' | 'unknown';
interface Cell {
  actor: string; proposition: string; stance: Stance; confidence: number;
  support: number; oppose: number; supportDocs: number; opposeDocs: number;
  documents: number; outlets: number; clusters: number; hedged: number; latest?: string;
}
interface Claim {
  id: number; documentId: number; actor: string; proposition: string; polarity: 'support' | 'oppose';
  evidence: string; start: number; end: number; modality: string; hedged: boolean; reported: boolean;
  conditional: boolean; origin: string; outlet?: string; published?: string; title?: string; url?: string;
  review?: 'confirmed' | 'fixed' | 'added'; speaker?: string; condition?: string; confidence?: number;
}
interface Citation {
  claimId: number; documentId: number; source: string; outlet?: string; published?: string; title?: string;
  quote: string; start: number; end: number; hedged: boolean;
}
interface Side { actor: string; stance: 'support' | 'oppose'; documents: number; confidence: number; evidence: Citation[] }
interface ConflictReport {
  parties: string[];
  conflicts: { proposition: string; label: string; support: Side[]; oppose: Side[] }[];
  commonGround: { proposition: string; label: string; parties: Side[] }[];
}
interface Shift { actor: string; proposition: string; date: string; kind: string; from: Stance; to: Stance; before?: Citation; after: Citation }
interface Timeline { actor: string; proposition: string; points: { date: string; support: number; oppose: number; stance: Stance; evidence: Citation[] }[]; shifts: Shift[] }
interface BriefLine { proposition: string; text: string; cites: number[] }
interface Brief {
  title: string;
  asOf?: string;
  corpus: { first?: string; last?: string; documents: number };
  parties: { actor: string; name: string; demands: BriefLine[]; redLines: BriefLine[]; offers: BriefLine[]; openQuestions: BriefLine[] }[];
  agreement: BriefLine[];
  citations: Citation[];
}
interface Verdict { actor: string; proposition: string; verdict: 'accepts' | 'rejects' | 'contested' | 'unknown'; confidence: number; sources: number; singleHedged: boolean; evidence: Citation[] }
interface DealCheck {
  parties: string[];
  points: { number: number; text: string; terms: { proposition: string; wants: 'support' | 'oppose' }[]; verdicts: Verdict[] }[];
  blocks: Record<string, number[]>;
}
interface DocSummary {
  id: number; origin: string; url?: string; title?: string; outlet?: string; published?: string; claimCount: number;
  clusterId: number; similarity?: number; skipReason?: string; language?: string;
}
interface Doc extends DocSummary { cleanText: string }

type Child = Node | string | number | null | undefined | false;

/** Build an element; strings become text nodes, so no markup is ever parsed from data. */
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | number | boolean | undefined> = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
function svg(tag: string, attrs: Record<string, string | number>, ...children: (Node | string)[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

class HttpError extends Error {}

async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, { ...init, headers: { Accept: 'application/json', ...(init?.body ? { 'Content-Type': 'application/json' } : {}), ...(init?.headers as Record<string, string> | undefined) } });
  const body = (await res.json().catch(() => undefined)) as { error?: { message: string } } | undefined;
  if (!res.ok) throw new HttpError(body?.error?.message ?? `${res.status} ${res.statusText}`);
  return body as T;
}

// ---- routing state --------------------------------------------------------

interface Route { view: string; id?: string; params: URLSearchParams }

const FILTER_KEYS = ['since', 'until', 'outlet', 'minConfidence'] as const;

function parseHash(): Route {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = raw.split('?');
  const [view = 'matrix', id] = path.split('/');
  return { view: view || 'matrix', ...(id ? { id } : {}), params: new URLSearchParams(query) };
}

function hashFor(view: string, params: Record<string, string | number | undefined> = {}, keepFilters = true): string {
  const current = parseHash().params;
  const q = new URLSearchParams();
  if (keepFilters) for (const k of FILTER_KEYS) { const v = current.get(k); if (v) q.set(k, v); }
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const qs = q.toString();
  return `#/${view}${qs ? `?${qs}` : ''}`;
}

function filterQuery(params: URLSearchParams, extra: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const k of FILTER_KEYS) { const v = params.get(k); if (v) q.set(k, v); }
  for (const [k, v] of Object.entries(extra)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

let meta: Meta;
const actorName = (id: string): string => meta.actors.find((a) => a.id === id)?.name ?? id;
const propLabel = (id: string): string => meta.propositions.find((p) => p.id === id)?.label ?? id;
const propShort = (id: string): string => id.replace(/_/g, ' ');

// ---- shared pieces ---------------------------------------------------------

const SYMBOL: Record<string, string> = { support: '▲', oppose: '▼', mixed: '◆', unknown: '·', accepts: '✓', rejects: '✗', contested: '◆' };
const VERDICT_SYMBOL: Record<string, string> = { accepts: '✓', rejects: '✗', contested: '◆', unknown: '?' };

/** How sure a claim is, as the Confidence filter reads it: the analyst's review, else the model's probability. */
function sureTag(c: Claim): HTMLElement | null {
  if (c.review) return h('span', { class: 'tag strong review-status' }, c.review);
  return c.confidence === undefined ? null : h('span', { class: 'tag confidence', title: 'the model’s calibrated probability that this claim is right' }, `confidence ${c.confidence.toFixed(2)}`);
}

function level(confidence: number): number {
  return confidence >= 0.8 ? 4 : confidence >= 0.55 ? 3 : confidence >= 0.3 ? 2 : 1;
}

function stanceBadge(stance: string, text = stance): HTMLElement {
  return h('span', { class: `badge ${stance}` }, h('span', { 'aria-hidden': 'true' }, SYMBOL[stance] ?? ''), ` ${text}`);
}

function docHref(documentId: number, start: number, end: number, claimId?: number): string {
  return hashFor(`doc/${documentId}`, { start, end, claim: claimId });
}

function quote(c: { quote?: string; evidence?: string }): HTMLElement {
  return h('blockquote', { class: 'quote' }, c.quote ?? c.evidence ?? '');
}

function sourceLine(c: { outlet?: string; published?: string; source?: string; origin?: string; hedged?: boolean; documentId: number; start: number; end: number }, claimId?: number): HTMLElement {
  return h(
    'div',
    { class: 'source' },
    h('span', { class: 'outlet' }, c.outlet ?? c.source ?? c.origin ?? 'unknown source'),
    c.published ? h('time', { datetime: c.published }, c.published) : h('span', { class: 'muted' }, 'undated'),
    c.hedged ? h('span', { class: 'tag' }, 'hedged') : null,
    h('a', { href: docHref(c.documentId, c.start, c.end, claimId), class: 'open-doc' }, 'Open source ›'),
  );
}

function citationCard(c: Citation): HTMLElement {
  return h('div', { class: 'citation' }, quote(c), sourceLine(c, c.claimId));
}

function section(title: string, ...children: (Child | Child[])[]): HTMLElement {
  return h('section', { class: 'panel' }, h('h2', {}, title), ...children);
}

function empty(text: string): HTMLElement {
  return h('p', { class: 'empty' }, text);
}

function select(name: string, options: { value: string; label: string }[], value: string | null, label: string): HTMLLabelElement {
  const el = h('select', { name, id: `pick-${name}` }, ...options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.label)));
  return h('label', { for: `pick-${name}` }, label, ' ', el);
}

// ---- views -----------------------------------------------------------------

async function matrixView(route: Route, root: HTMLElement): Promise<void> {
  const cells = await api<Cell[]>(`/api/matrix${filterQuery(route.params)}`);
  const actors = meta.actors.filter((a) => cells.some((c) => c.actor === a.id));
  const props = meta.propositions.filter((p) => cells.some((c) => c.proposition === p.id));
  const selActor = route.params.get('actor');
  const selProp = route.params.get('proposition');
  const detail = h('div', { id: 'cell-detail' });
  const counts = await api<{ documents: number; claims: number }>(`/api/counts${filterQuery(route.params)}`);
  root.append(
    h('div', { class: 'view-head' }, h('h1', {}, 'Who stands where'), h('p', { class: 'lede', id: 'matrix-lede' }, `Net stance of each party on each proposition, from ${counts.claims.toLocaleString('en')} claims in ${counts.documents.toLocaleString('en')} documents${filterQuery(route.params) ? ' within the filters' : ''}. Colour depth is confidence; click a cell for its evidence.`)),
  );
  if (cells.length === 0) {
    root.append(empty('No claims match these filters.'));
    return;
  }
  const head = h('tr', {}, h('th', { scope: 'col', class: 'corner' }, 'Party'), ...props.map((p) => h('th', { scope: 'col', title: p.label }, h('span', {}, propShort(p.id)))));
  const rows = actors.map((a) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, a.name),
      ...props.map((p) => {
        const cell = cells.find((c) => c.actor === a.id && c.proposition === p.id);
        if (!cell) return h('td', { class: 'cell none' }, h('span', { class: 'sr-only' }, 'no claims'));
        const counts = [cell.supportDocs ? `+${cell.supportDocs}` : '', cell.opposeDocs ? `−${cell.opposeDocs}` : ''].filter(Boolean).join(' ');
        const selected = a.id === selActor && p.id === selProp;
        const button = h(
          'a',
          {
            href: hashFor('matrix', { actor: a.id, proposition: p.id }),
            class: 'cell-link',
            'aria-label': `${a.name} on ${p.label}: ${cell.stance}, confidence ${cell.confidence}, ${cell.supportDocs} supporting and ${cell.opposeDocs} opposing documents`,
            'aria-current': selected ? 'true' : undefined,
            'data-actor': a.id,
            'data-proposition': p.id,
          },
          h('span', { class: 'sym', 'aria-hidden': 'true' }, SYMBOL[cell.stance] ?? ''),
          h('span', { class: 'cnt' }, counts),
        );
        return h('td', { class: `cell ${cell.stance} l${level(cell.confidence)}${selected ? ' selected' : ''}`, title: `${a.name} · ${p.label}\n${cell.stance}, confidence ${cell.confidence}` }, button);
      }),
    ),
  );
  const legend = h(
    'div',
    { class: 'legend', 'aria-label': 'Legend' },
    h('span', { class: 'legend-item' }, h('span', { class: 'swatch support l4' }, '▲'), 'supports'),
    h('span', { class: 'legend-item' }, h('span', { class: 'swatch oppose l4' }, '▼'), 'opposes'),
    h('span', { class: 'legend-item' }, h('span', { class: 'swatch mixed l3' }, '◆'), 'mixed record'),
    h('span', { class: 'legend-scale' }, 'confidence', ...[1, 2, 3, 4].map((l) => h('span', { class: `swatch support l${l}` })), ...[1, 2, 3, 4].map((l) => h('span', { class: `swatch oppose l${l}` })), 'low → high'),
    h('span', { class: 'muted' }, '+n / −n: documents for / against'),
  );
  root.append(h('div', { class: 'matrix-scroll', role: 'region', 'aria-label': 'Stance matrix', tabindex: 0 }, h('table', { class: 'matrix' }, h('thead', {}, head), h('tbody', {}, ...rows))), legend, detail);
  if (selActor && selProp) await cellDetail(route, detail, selActor, selProp, cells.find((c) => c.actor === selActor && c.proposition === selProp));
}

const CELL_CLAIMS = 200;

async function cellDetail(route: Route, root: HTMLElement, actor: string, proposition: string, cell: Cell | undefined): Promise<void> {
  // Newest first; a cell seen in thousands of articles shows its latest CELL_CLAIMS.
  const claims = await api<Claim[]>(`/api/claims${filterQuery(route.params, { actor, proposition, limit: String(CELL_CLAIMS) })}`);
  const total = cell ? cell.support + cell.oppose : claims.length;
  root.append(
    section(
      `${actorName(actor)} on ${propShort(proposition)}`,
      h('p', { class: 'muted' }, propLabel(proposition)),
      cell ? h('p', { class: 'cell-summary' }, stanceBadge(cell.stance), ` confidence ${cell.confidence.toFixed(2)} · ${cell.supportDocs} for, ${cell.opposeDocs} against · ${cell.outlets} outlets · ${cell.clusters} independent sources`, h('a', { href: hashFor('timeline', { actor, proposition }), class: 'inline-link' }, 'Timeline ›')) : null,
      total > claims.length ? h('p', { class: 'muted' }, `The ${claims.length} newest of ${total} claims.`) : null,
      meta.canWrite ? reviewerBar() : null,
      claims.length === 0
        ? empty('No claims.')
        : h(
            'ol',
            { class: 'claims' },
            ...claims.map((c) =>
              h(
                'li',
                { class: 'claim', 'data-claim': c.id },
                h('div', { class: 'claim-head' }, stanceBadge(c.polarity), h('span', { class: 'tag' }, c.modality), c.reported ? h('span', { class: 'tag' }, 'reported') : null, sureTag(c)),
                c.speaker ? h('p', { class: 'speaker muted' }, `Said by ${c.speaker}`) : null,
                quote(c),
                c.condition ? h('p', { class: 'condition' }, h('strong', {}, 'Only '), c.condition.replace(/^only\s+/i, '')) : null,
                sourceLine(c, c.id),
                meta.canWrite ? reviewControls(c) : null,
              ),
            ),
          ),
    ),
  );
}

// ---- review and correction (needs the server's write token) ---------------

// The token lives in sessionStorage: it is gone when the tab closes, and never in the URL.
const TOKEN_KEY = 'parley.token';
const REVIEWER_KEY = 'parley.reviewer';

function reviewerBar(): HTMLElement {
  const token = h('input', { type: 'password', name: 'token', autocomplete: 'off', placeholder: 'PARLEY_TOKEN', value: sessionStorage.getItem(TOKEN_KEY) ?? '' });
  const reviewer = h('input', { type: 'text', name: 'reviewer', placeholder: 'your name', value: sessionStorage.getItem(REVIEWER_KEY) ?? '' });
  token.addEventListener('change', () => sessionStorage.setItem(TOKEN_KEY, token.value.trim()));
  reviewer.addEventListener('change', () => sessionStorage.setItem(REVIEWER_KEY, reviewer.value.trim()));
  return h('form', { class: 'reviewer-bar', id: 'reviewer', 'aria-label': 'Reviewer' }, h('label', {}, 'Reviewer ', reviewer), h('label', {}, 'Write token ', token), h('span', { class: 'muted' }, 'kept for this tab only'));
}

/** The reviewer's name and token from the reviewer bar, kept for the tab; undefined (and `status` says why) when either is missing. */
function reviewer(status: HTMLElement): { token: string; by: string } | undefined {
  const token = (document.querySelector<HTMLInputElement>('#reviewer input[name=token]')?.value ?? '').trim();
  const by = (document.querySelector<HTMLInputElement>('#reviewer input[name=reviewer]')?.value ?? '').trim();
  if (!token || !by) {
    status.textContent = 'Enter your name and the write token first.';
    return undefined;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  sessionStorage.setItem(REVIEWER_KEY, by);
  return { token, by };
}

async function sendReview(claimId: number, body: Record<string, string>, status: HTMLElement): Promise<void> {
  const who = reviewer(status);
  if (!who) return;
  try {
    await api(`/api/claims/${claimId}/review`, { method: 'POST', headers: { Authorization: `Bearer ${who.token}` }, body: JSON.stringify({ ...body, by: who.by }) });
    await render();
  } catch (err) {
    status.textContent = err instanceof Error ? err.message : String(err);
  }
}

/** A select wrapped in its label: a claim's pickers need no ids, so many claims can sit on one page. */
function pick(name: string, options: readonly { value: string; label: string }[], label: string, value?: string): HTMLLabelElement {
  return h('label', {}, label, ' ', h('select', { name }, ...options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.label))));
}

const actorOptions = (): { value: string; label: string }[] => meta.actors.map((a) => ({ value: a.id, label: a.name }));
const propositionOptions = (): { value: string; label: string }[] => meta.propositions.map((p) => ({ value: p.id, label: propShort(p.id) }));
const POLARITY_OPTIONS = [
  { value: 'support', label: 'supports' },
  { value: 'oppose', label: 'opposes' },
] as const;

function reviewControls(c: Claim): HTMLElement {
  const status = h('span', { class: 'review-message', role: 'status' });
  const note = h('input', { type: 'text', name: 'note', placeholder: 'note (optional)' });
  const withNote = (body: Record<string, string>): Record<string, string> => (note.value.trim() ? { ...body, note: note.value.trim() } : body);
  const confirm = h('button', { type: 'button', class: 'secondary', 'data-review': 'confirm' }, 'Confirm');
  const reject = h('button', { type: 'button', class: 'secondary', 'data-review': 'reject' }, 'Reject');
  confirm.addEventListener('click', () => void sendReview(c.id, withNote({ action: 'confirm' }), status));
  reject.addEventListener('click', () => void sendReview(c.id, withNote({ action: 'reject' }), status));
  const actor = pick('actor', actorOptions(), 'Actor', c.actor);
  const proposition = pick('proposition', propositionOptions(), 'Proposition', c.proposition);
  const polarity = pick('polarity', POLARITY_OPTIONS, 'Polarity', c.polarity);
  const fix = h('button', { type: 'button', class: 'secondary', 'data-review': 'fix' }, 'Fix');
  fix.addEventListener('click', () => {
    const value = (l: HTMLLabelElement): string => l.querySelector('select')!.value;
    const body: Record<string, string> = { action: 'fix' };
    if (value(actor) !== c.actor) body.actor = value(actor);
    if (value(proposition) !== c.proposition) body.proposition = value(proposition);
    if (value(polarity) !== c.polarity) body.polarity = value(polarity);
    void sendReview(c.id, withNote(body), status);
  });
  return h('details', { class: 'review' }, h('summary', {}, 'Review'), h('div', { class: 'review-row' }, confirm, reject, note), h('div', { class: 'review-row' }, actor, proposition, polarity, fix), status);
}

/** A claim just added from the document view: its message survives the re-render that highlights it, once. */
let added: { documentId: number; claimId: number } | undefined;

/** The text selected inside `within`, blanks run together; '' when the selection lies elsewhere. */
function selectedQuote(within: HTMLElement): string {
  const sel = document.getSelection();
  if (!sel || sel.isCollapsed || sel.rangeCount === 0 || !within.contains(sel.getRangeAt(0).commonAncestorContainer)) return '';
  return sel.toString().replace(/\s+/g, ' ').trim();
}

const MODALITIES = ['demand', 'offer', 'accept', 'reject', 'condition'] as const;

/** The "Add a missed claim" form of a document: a quote of the sentence (from the selection in `text`), who says what, and the reviewer bar's name and token. */
function addClaimForm(doc: Doc, text: HTMLElement): HTMLElement {
  const status = h('span', { class: 'review-message', role: 'status', id: 'add-claim-status' });
  if (added?.documentId === doc.id) {
    status.textContent = `Added claim ${added.claimId}; its sentence is marked in the text.`;
    status.classList.add('ok');
    added = undefined;
  }
  const evidence = h('textarea', { name: 'evidence', id: 'add-evidence', rows: 3, maxlength: 2000, 'aria-required': 'true', 'aria-describedby': 'add-evidence-hint', placeholder: 'Select the sentence in the text, or type or paste a part of it' });
  const useSelection = h('button', { type: 'button', class: 'secondary', id: 'use-selection' }, 'Use selection');
  const fromSelection = (): void => {
    const q = selectedQuote(text);
    if (q) evidence.value = q;
  };
  // Selecting in the text fills the quote; the button does it again, and keeps the selection while it is pressed.
  text.addEventListener('mouseup', fromSelection);
  text.addEventListener('keyup', fromSelection);
  useSelection.addEventListener('mousedown', (e) => e.preventDefault());
  useSelection.addEventListener('click', () => {
    if (selectedQuote(text)) fromSelection();
    else status.textContent = 'Select a part of the sentence in the document text first.';
  });
  const check = (name: string, label: string): HTMLLabelElement => h('label', { class: 'check' }, h('input', { type: 'checkbox', name }), ` ${label}`);
  const form = h(
    'form',
    { id: 'add-claim-form', 'aria-labelledby': 'add-claim-title' },
    h('label', { for: 'add-evidence', class: 'field' }, 'Quote of the sentence'),
    evidence,
    h('div', { class: 'review-row' }, useSelection, h('span', { class: 'muted', id: 'add-evidence-hint' }, 'any case; it must stand once in the text')),
    h(
      'div',
      { class: 'review-row' },
      pick('actor', actorOptions(), 'Actor'),
      pick('proposition', propositionOptions(), 'Proposition'),
      pick('polarity', POLARITY_OPTIONS, 'Polarity'),
      pick('modality', [{ value: '', label: 'default (demand / reject)' }, ...MODALITIES.map((m) => ({ value: m, label: m }))], 'Modality'),
    ),
    h('div', { class: 'review-row' }, check('hedged', 'hedged'), check('reported', 'reported'), h('input', { type: 'text', name: 'note', placeholder: 'note (optional)', 'aria-label': 'Note' })),
    h('div', { class: 'review-row' }, h('button', { type: 'submit', class: 'secondary' }, 'Add claim')),
    status,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    status.classList.remove('ok');
    const data = new FormData(form);
    const field = (name: string): string => String(data.get(name) ?? '').trim();
    if (!field('evidence')) {
      status.textContent = 'Quote the sentence first: select it in the text, or type a part of it.';
      return;
    }
    const body = {
      actor: field('actor'),
      proposition: field('proposition'),
      polarity: field('polarity'),
      evidence: field('evidence'),
      ...(field('modality') ? { modality: field('modality') } : {}),
      ...(data.has('hedged') ? { hedged: true } : {}),
      ...(data.has('reported') ? { reported: true } : {}),
      ...(field('note') ? { note: field('note') } : {}),
    };
    void sendAddClaim(doc.id, body, status);
  });
  return h('aside', { class: 'panel add-claim', id: 'add-claim' }, h('h2', { id: 'add-claim-title' }, 'Add a missed claim'), reviewerBar(), form);
}

async function sendAddClaim(documentId: number, body: Record<string, string | boolean>, status: HTMLElement): Promise<void> {
  const who = reviewer(status);
  if (!who) return;
  try {
    const { review, claimId } = await api<{ review: { start: number; end: number }; claimId: number }>(`/api/documents/${documentId}/claims`, { method: 'POST', headers: { Authorization: `Bearer ${who.token}` }, body: JSON.stringify({ ...body, by: who.by }) });
    added = { documentId, claimId };
    // The document again, with the new claim's sentence marked and its count risen.
    const next = docHref(documentId, review.start, review.end, claimId);
    if (location.hash === next) await render();
    else location.hash = next;
  } catch (err) {
    status.textContent = err instanceof Error ? err.message : String(err);
  }
}

/** Spans of `text` to mark, sorted and apart: `current` first, then each other span that overlaps none kept before it. */
function markSpans(current: { start: number; end: number } | undefined, others: readonly { start: number; end: number }[]): { start: number; end: number; current: boolean }[] {
  const kept: { start: number; end: number; current: boolean }[] = current ? [{ ...current, current: true }] : [];
  for (const o of others) if (!kept.some((k) => o.start < k.end && k.start < o.end)) kept.push({ start: o.start, end: o.end, current: false });
  return kept.sort((a, b) => a.start - b.start);
}

/** The claims of one document, in text order, each linking to its sentence in the text above. */
function documentClaims(doc: Doc, claims: readonly Claim[], currentClaim: number | undefined): HTMLElement {
  const inOrder = [...claims].sort((a, b) => a.start - b.start || a.id - b.id);
  return h(
    'section',
    { class: 'doc-claims-list', id: 'doc-claims', 'aria-labelledby': 'doc-claims-title' },
    h('h2', { id: 'doc-claims-title' }, `Claims in this article (${claims.length})`),
    claims.length === 0
      ? empty(doc.skipReason ? `None: the document was skipped (${doc.skipReason}).` : 'None found.')
      : h(
          'ol',
          { class: 'claims' },
          ...inOrder.map((c) =>
            h(
              'li',
              { class: `claim${c.id === currentClaim ? ' current' : ''}`, 'data-claim': c.id },
              h('div', { class: 'claim-head' }, h('strong', {}, actorName(c.actor)), stanceBadge(c.polarity), h('span', {}, propShort(c.proposition)), h('span', { class: 'tag' }, c.modality), c.hedged ? h('span', { class: 'tag' }, 'hedged') : null, c.reported ? h('span', { class: 'tag' }, 'reported') : null, sureTag(c)),
              c.speaker ? h('p', { class: 'speaker muted' }, `Said by ${c.speaker}`) : null,
              c.condition ? h('p', { class: 'condition' }, h('strong', {}, 'Only '), c.condition.replace(/^only\s+/i, '')) : null,
              h('a', { href: docHref(doc.id, c.start, c.end, c.id), class: 'inline-link show-in-text' }, 'Show in text ›'),
              meta.canWrite ? reviewControls(c) : null,
            ),
          ),
        ),
  );
}

async function docView(route: Route, root: HTMLElement): Promise<void> {
  const id = Number(route.id);
  const [doc, claims] = await Promise.all([api<Doc>(`/api/documents/${id}`), api<Claim[]>(`/api/claims?document=${id}&limit=5000`)]);
  const start = Number(route.params.get('start'));
  const end = Number(route.params.get('end'));
  const currentClaim = route.params.has('claim') ? Number(route.params.get('claim')) : undefined;
  const text = h('div', { class: 'doc-text' });
  const valid = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= doc.cleanText.length;
  // The text between marks as text nodes: every claim's sentence is marked at its stored offsets, the one asked for as #evidence.
  let at = 0;
  for (const span of markSpans(valid ? { start, end } : undefined, claims)) {
    text.append(doc.cleanText.slice(at, span.start), span.current ? h('mark', { id: 'evidence' }, doc.cleanText.slice(span.start, span.end)) : h('mark', { class: 'claim-span' }, doc.cleanText.slice(span.start, span.end)));
    at = span.end;
  }
  text.append(doc.cleanText.slice(at));
  const safeUrl = doc.url && /^https?:\/\//i.test(doc.url) ? doc.url : undefined;
  const article = h(
    'article',
    { class: 'panel doc' },
    h('h1', {}, doc.title ?? doc.origin),
    h('div', { class: 'source' }, h('span', { class: 'outlet' }, doc.outlet ?? 'unknown outlet'), doc.published ? h('time', { datetime: doc.published }, doc.published) : null, h('span', { class: 'muted doc-claims' }, `${doc.claimCount} ${doc.claimCount === 1 ? 'claim' : 'claims'}`), safeUrl ? h('a', { href: safeUrl, rel: 'noopener noreferrer', target: '_blank' }, 'Original ↗') : null),
    text,
    documentClaims(doc, claims, currentClaim),
  );
  // A skipped document takes no claims (the server refuses them), so it gets no form.
  const writable = meta.canWrite && !doc.skipReason;
  root.append(
    h('p', {}, h('a', { href: hashFor('matrix'), id: 'back', class: 'inline-link' }, '‹ Back')),
    writable ? h('div', { class: 'doc-layout' }, article, addClaimForm(doc, text)) : article,
  );
  root.querySelector('#back')?.addEventListener('click', (e) => {
    // A shared link opens here with no history: then the link's own target (the matrix) applies.
    if (history.length > 1) {
      e.preventDefault();
      history.back();
    }
  });
}

async function timelineView(route: Route, root: HTMLElement): Promise<void> {
  const actor = route.params.get('actor') ?? meta.actors.find((a) => a.scored)?.id ?? meta.actors[0]!.id;
  const proposition = route.params.get('proposition') ?? meta.propositions[0]!.id;
  const form = h(
    'form',
    { class: 'pickers', id: 'timeline-form' },
    select('actor', meta.actors.map((a) => ({ value: a.id, label: a.name })), actor, 'Party'),
    select('proposition', meta.propositions.map((p) => ({ value: p.id, label: propShort(p.id) })), proposition, 'Proposition'),
    h('button', { type: 'submit' }, 'Show'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    location.hash = hashFor('timeline', { actor: String(data.get('actor')), proposition: String(data.get('proposition')) });
  });
  root.append(h('div', { class: 'view-head' }, h('h1', {}, 'Timeline'), h('p', { class: 'lede' }, 'One party’s stance on one proposition by publication date. Shifts — a first position or a reversal — are marked.')), form);
  const t = await api<Timeline>(`/api/timeline${filterQuery(route.params, { actor, proposition })}`);
  const panel = section(`${actorName(actor)} on ${propShort(proposition)}`, h('p', { class: 'muted' }, propLabel(proposition)));
  root.append(panel);
  if (t.points.length === 0) {
    panel.append(empty('No dated claims for this pair under these filters.'));
    return;
  }
  panel.append(timelineChart(t));
  if (t.shifts.length > 0) {
    panel.append(
      h('h3', {}, 'Shifts'),
      h('ol', { class: 'shifts' }, ...t.shifts.map((s) => h('li', { class: 'shift' }, h('div', { class: 'claim-head' }, h('time', { datetime: s.date }, s.date), h('span', { class: 'tag strong' }, s.kind), stanceBadge(s.from), ' → ', stanceBadge(s.to)), s.before ? h('div', { class: 'before' }, h('span', { class: 'muted' }, 'Before'), citationCard(s.before)) : null, h('div', { class: 'after' }, h('span', { class: 'muted' }, 'After'), citationCard(s.after))))),
    );
  }
  panel.append(h('h3', {}, 'Evidence by date'), h('ol', { class: 'points' }, ...t.points.map((p) => h('li', {}, h('div', { class: 'claim-head' }, h('time', { datetime: p.date }, p.date), stanceBadge(p.stance), h('span', { class: 'muted' }, `${p.support} for · ${p.oppose} against`)), ...p.evidence.map(citationCard)))));
}

function timelineChart(t: Timeline): SVGElement {
  // Drawn at the width it is shown at, so labels keep their size on a phone.
  const W = Math.round(Math.min(900, Math.max(300, (document.querySelector('main')?.clientWidth ?? 900) - 64)));
  const H = 170;
  const pad = { l: 66, r: 24, t: 18, b: 34 };
  const days = t.points.map((p) => Date.parse(p.date));
  const min = Math.min(...days);
  const max = Math.max(...days);
  const span = Math.max(max - min, 86_400_000);
  const x = (d: number): number => pad.l + ((d - min) / span) * (W - pad.l - pad.r) * (t.points.length === 1 ? 0 : 1) + (t.points.length === 1 ? (W - pad.l - pad.r) / 2 : 0);
  const mid = pad.t + (H - pad.t - pad.b) / 2;
  const maxCount = Math.max(1, ...t.points.map((p) => Math.max(p.support, p.oppose)));
  const unit = (H - pad.t - pad.b) / 2 / maxCount;
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'timeline-chart', role: 'img', 'aria-label': `Stance of ${actorName(t.actor)} on ${propShort(t.proposition)} over time` });
  chart.append(svg('line', { x1: pad.l, x2: W - pad.r, y1: mid, y2: mid, class: 'axis' }));
  chart.append(svg('text', { x: pad.l - 8, y: pad.t + 8, class: 'label end' }, '▲ for'), svg('text', { x: pad.l - 8, y: H - pad.b, class: 'label end' }, '▼ against'));
  for (const s of t.shifts) {
    const sx = x(Date.parse(s.date));
    chart.append(svg('line', { x1: sx, x2: sx, y1: pad.t - 6, y2: H - pad.b + 4, class: 'shift-line' }), svg('text', { x: sx > W * 0.7 ? sx - 4 : sx + 4, y: pad.t - 6, class: `label shift-label${sx > W * 0.7 ? ' end' : ''}` }, s.kind));
  }
  for (const p of t.points) {
    const px = x(Date.parse(p.date));
    if (p.support) chart.append(svg('rect', { x: px - 4, y: mid - p.support * unit, width: 8, height: p.support * unit, class: 'bar support' }, svg('title', {}, `${p.date}: ${p.support} for`)));
    if (p.oppose) chart.append(svg('rect', { x: px - 4, y: mid, width: 8, height: p.oppose * unit, class: 'bar oppose' }, svg('title', {}, `${p.date}: ${p.oppose} against`)));
    chart.append(svg('text', { x: px, y: mid + (p.stance === 'oppose' ? -6 : 14), class: `point-sym ${p.stance}` }, SYMBOL[p.stance] ?? ''));
  }
  const first = t.points[0]!.date;
  const last = t.points[t.points.length - 1]!.date;
  chart.append(svg('text', { x: pad.l, y: H - 8, class: 'label' }, first));
  if (last !== first) chart.append(svg('text', { x: W - pad.r, y: H - 8, class: 'label end' }, last));
  return chart;
}

async function conflictsView(route: Route, root: HTMLElement): Promise<void> {
  const wanted = route.params.get('parties')?.split(',').filter(Boolean) ?? meta.actors.filter((a) => a.scored).map((a) => a.id);
  const form = h('form', { class: 'pickers', id: 'parties-form' }, h('fieldset', {}, h('legend', {}, 'Parties compared'), ...meta.actors.map((a) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'party', value: a.id, checked: wanted.includes(a.id) }), ` ${a.name}`))), h('button', { type: 'submit' }, 'Compare'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const parties = new FormData(form).getAll('party').map(String);
    location.hash = hashFor('conflicts', { parties: parties.join(',') });
  });
  root.append(h('div', { class: 'view-head' }, h('h1', {}, 'Conflicts and common ground'), h('p', { class: 'lede' }, 'Where the parties stand opposed, who against whom — and what all of them support.')), form);
  const report = await api<ConflictReport>(`/api/conflicts${filterQuery(route.params, { parties: wanted.join(',') })}`);
  const sideList = (sides: Side[], stance: 'support' | 'oppose'): HTMLElement =>
    h('div', { class: `side ${stance}` }, h('h4', {}, stanceBadge(stance, stance === 'support' ? 'For' : 'Against')), ...sides.map((s) => h('div', { class: 'side-party' }, h('strong', {}, actorName(s.actor)), h('span', { class: 'muted' }, ` ${s.documents} docs · confidence ${s.confidence.toFixed(2)}`), ...s.evidence.slice(0, 1).map(citationCard))));
  root.append(
    section(
      `Conflicts (${report.conflicts.length})`,
      report.conflicts.length === 0 ? empty('No proposition has these parties on opposite sides.') : h('div', { class: 'conflicts' }, ...report.conflicts.map((c) => h('article', { class: 'conflict' }, h('h3', {}, propShort(c.proposition)), h('p', { class: 'muted' }, c.label), h('div', { class: 'sides' }, sideList(c.support, 'support'), sideList(c.oppose, 'oppose'))))),
    ),
    section(
      `Common ground (${report.commonGround.length})`,
      report.commonGround.length === 0 ? empty('Nothing that every one of these parties supports.') : h('div', { class: 'conflicts' }, ...report.commonGround.map((g) => h('article', { class: 'conflict agree' }, h('h3', {}, propShort(g.proposition)), h('p', { class: 'muted' }, g.label), sideList(g.parties, 'support')))),
    ),
  );
}

async function briefView(route: Route, root: HTMLElement): Promise<void> {
  const brief = await api<Brief>(`/api/brief${filterQuery(route.params)}`);
  const cite = (n: number): HTMLElement => {
    const c = brief.citations[n - 1];
    return c ? h('a', { href: docHref(c.documentId, c.start, c.end, c.claimId), class: 'cite', title: `${c.outlet ?? c.source}${c.published ? `, ${c.published}` : ''}: ${c.quote}` }, `[${n}]`) : h('span', {}, `[${n}]`);
  };
  const lines = (items: BriefLine[]): HTMLElement => h('ul', { class: 'brief-lines' }, ...items.map((l) => h('li', {}, l.text, ' ', ...l.cites.map(cite))));
  const SECTIONS = [['demands', 'Demands'], ['redLines', 'Red lines'], ['offers', 'Offers and acceptances'], ['openQuestions', 'Open questions']] as const;
  const q = filterQuery(route.params);
  root.append(
    h('div', { class: 'view-head' }, h('h1', {}, brief.title), h('p', { class: 'as-of' }, `${brief.asOf ? `As of ${brief.asOf} · ` : ''}corpus: ${brief.corpus.documents} documents${brief.corpus.first ? `, ${brief.corpus.first} – ${brief.corpus.last}` : ''}`), h('p', { class: 'lede' }, 'Every line carries numbered citations to the sentence it rests on. ', h('a', { href: `/api/brief${q}${q ? '&' : '?'}format=html`, target: '_blank', rel: 'noopener' }, 'HTML'), ' · ', h('a', { href: `/api/brief${q}${q ? '&' : '?'}format=md`, target: '_blank', rel: 'noopener' }, 'Markdown'))),
    h('div', { class: 'brief-grid' }, ...brief.parties.map((p) => {
      const parts = SECTIONS.filter(([k]) => p[k].length > 0);
      return h('section', { class: 'panel party' }, h('h2', {}, p.name), parts.length === 0 ? empty('No stored position.') : parts.flatMap(([k, title]) => [h('h3', {}, title), lines(p[k])]));
    })),
    brief.agreement.length > 0 ? section('Points of agreement', lines(brief.agreement)) : '',
    h('details', { class: 'panel sources-toggle' }, h('summary', {}, `Sources (${brief.citations.length})`), h('ol', { class: 'sources' }, ...brief.citations.map((c, i) => h('li', { id: `c${i + 1}` }, quote(c), sourceLine(c, c.claimId))))),
  );
}

let planText = '';
async function checkView(route: Route, root: HTMLElement): Promise<void> {
  const area = h('textarea', { name: 'plan', id: 'plan', rows: 9, placeholder: '1. An immediate ceasefire along the current line of contact.\n2. Ukraine renounces membership of NATO.\n3. Sanctions are lifted in stages.' });
  area.value = planText;
  const out = h('div', { id: 'check-result' });
  const form = h('form', { class: 'panel check-form', id: 'check-form' }, h('label', { for: 'plan' }, 'Plan — numbered or bulleted points, or plain sentences'), area, h('div', {}, h('button', { type: 'submit' }, 'Check the plan')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    planText = area.value;
    out.replaceChildren(h('p', { class: 'muted' }, 'Checking…'));
    const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, route.params.get(k) ?? undefined]).filter(([, v]) => v));
    api<DealCheck>('/api/check', { method: 'POST', body: JSON.stringify({ plan: area.value, ...filters }) })
      .then((check) => out.replaceChildren(checkResult(check)))
      .catch((err: unknown) => out.replaceChildren(h('p', { class: 'error', role: 'alert' }, err instanceof Error ? err.message : String(err))));
  });
  root.append(h('div', { class: 'view-head' }, h('h1', {}, 'Deal check'), h('p', { class: 'lede' }, 'Paste a plan: each point is mapped onto the propositions and scored against every party’s known stance.')), form, out);
}

function checkResult(check: DealCheck): HTMLElement {
  const head = h('tr', {}, h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, 'Point'), ...check.parties.map((p) => h('th', { scope: 'col' }, actorName(p))));
  const rows = check.points.map((pt) =>
    h(
      'tr',
      {},
      h('td', {}, pt.number),
      h('td', { class: 'point-text' }, pt.text, pt.terms.length ? h('div', { class: 'terms' }, ...pt.terms.map((t) => h('span', { class: 'tag' }, `${t.wants === 'support' ? 'for' : 'against'} ${propShort(t.proposition)}`))) : h('div', { class: 'muted' }, 'no known proposition')),
      ...check.parties.map((party) => {
        const vs = pt.verdicts.filter((v) => v.actor === party);
        if (vs.length === 0) return h('td', { class: 'verdict unknown' }, '—');
        return h(
          'td',
          {},
          ...vs.map((v) =>
            h(
              'details',
              { class: `verdict ${v.verdict}` },
              h(
                'summary',
                {},
                h('span', { 'aria-hidden': 'true' }, VERDICT_SYMBOL[v.verdict] ?? ''),
                ` ${v.verdict}`,
                vs.length > 1 ? h('span', { class: 'muted' }, ` (${propShort(v.proposition)})`) : null,
                v.verdict === 'unknown' ? null : h('span', { class: 'verdict-weight muted' }, ` ${v.confidence.toFixed(2)} · ${v.sources} ${v.sources === 1 ? 'source' : 'sources'}`),
                v.singleHedged ? h('span', { class: 'tag single-hedged', title: 'rests on one hedged report' }, 'one hedged report') : null,
              ),
              v.evidence.length ? v.evidence.slice(0, 1).map(citationCard) : h('p', { class: 'muted' }, 'No evidence stored.'),
            ),
          ),
        );
      }),
    ),
  );
  const blocks = Object.entries(check.blocks).filter(([, pts]) => pts.length > 0);
  return h(
    'div',
    {},
    section('Verdicts', h('div', { class: 'matrix-scroll' }, h('table', { class: 'check' }, h('thead', {}, head), h('tbody', {}, ...rows)))),
    section('Would block', blocks.length === 0 ? empty('No party rejects any point on record.') : h('ul', {}, ...blocks.map(([party, pts]) => h('li', {}, h('strong', {}, actorName(party)), `: point${pts.length > 1 ? 's' : ''} ${pts.join(', ')}`)))),
  );
}

/** The newest documents shown in the sources view. */
const SOURCE_LIMIT = 500;

async function sourcesView(route: Route, root: HTMLElement): Promise<void> {
  const docs = await api<DocSummary[]>(`/api/documents${filterQuery(route.params, { limit: String(SOURCE_LIMIT) })}`);
  const copies = new Map<number, number>();
  for (const d of docs) copies.set(d.clusterId, (copies.get(d.clusterId) ?? 0) + 1);
  const head = h('tr', {}, ...['Date', 'Outlet', 'Title', 'Claims', 'Copies', 'Note'].map((t) => h('th', { scope: 'col' }, t)));
  const rows = docs.map((d) => {
    const sameStory = copies.get(d.clusterId) ?? 1;
    return h(
      'tr',
      { class: d.skipReason ? 'skipped' : '' },
      h('td', { class: 'nowrap' }, d.published ?? '—'),
      h('td', {}, d.outlet ?? '—'),
      h('td', {}, h('a', { href: hashFor(`doc/${d.id}`) }, d.title ?? d.url ?? d.origin)),
      h('td', {}, d.claimCount),
      h('td', {}, sameStory > 1 ? h('span', { class: 'tag', title: `cluster ${d.clusterId}` }, `${sameStory} copies${d.similarity !== undefined ? ` · ${Math.round(d.similarity * 100)}% alike` : ''}`) : ''),
      h('td', { class: 'muted' }, d.skipReason ?? ''),
    );
  });
  root.append(
    h('div', { class: 'view-head' }, h('h1', {}, 'Sources'), h('p', { class: 'lede' }, `The documents behind every claim, newest first${docs.length >= SOURCE_LIMIT ? ` (the ${SOURCE_LIMIT} newest)` : ''}. Copies of one story count once as a source; skipped documents are kept with the reason.`)),
    docs.length === 0 ? empty('No documents match these filters.') : section(`Documents (${docs.length})`, h('div', { class: 'matrix-scroll' }, h('table', { class: 'check sources' }, h('thead', {}, head), h('tbody', {}, ...rows)))),
  );
}

// ---- shell -----------------------------------------------------------------

const VIEWS: Record<string, (route: Route, root: HTMLElement) => Promise<void>> = {
  matrix: matrixView,
  timeline: timelineView,
  conflicts: conflictsView,
  brief: briefView,
  check: checkView,
  sources: sourcesView,
  doc: docView,
};

function syncFilters(route: Route): void {
  const form = document.querySelector<HTMLFormElement>('#filters')!;
  for (const k of FILTER_KEYS) {
    const el = form.elements.namedItem(k) as HTMLInputElement | HTMLSelectElement | null;
    if (el) el.value = route.params.get(k) ?? '';
  }
  const active = route.view === 'doc' ? '' : route.view;
  document.querySelectorAll<HTMLAnchorElement>('nav a').forEach((a) => {
    if (a.dataset.view === active) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
    a.href = hashFor(a.dataset.view ?? 'matrix');
  });
}

let renderId = 0;
async function render(): Promise<void> {
  const id = ++renderId;
  const route = parseHash();
  const view = VIEWS[route.view] ?? matrixView;
  syncFilters(route);
  const root = h('div', { class: `view view-${route.view}` });
  const main = document.querySelector<HTMLElement>('#view')!;
  main.setAttribute('aria-busy', 'true');
  if (!main.firstChild) main.append(h('p', { class: 'loading' }, 'Loading…'));
  try {
    await view(route, root);
  } catch (err) {
    root.append(h('p', { class: 'error', role: 'alert' }, err instanceof Error ? err.message : String(err)));
  }
  if (id !== renderId) return;
  main.replaceChildren(root);
  main.removeAttribute('aria-busy');
  document.body.dataset.view = route.view;
  // Views are built detached, so scrolling to what the URL points at happens once they are in the page.
  const evidence = document.querySelector('#evidence');
  const detail = document.querySelector('#cell-detail .panel');
  if (evidence) evidence.scrollIntoView({ block: 'center' });
  else if (detail && detail.getBoundingClientRect().top > window.innerHeight - 120) detail.scrollIntoView({ block: 'start' });
  else if (!detail) window.scrollTo(0, 0);
}

/** The header counts, within the active filters. */
async function showCounts(): Promise<void> {
  const q = filterQuery(parseHash().params);
  const counts = await api<{ documents: number; claims: number }>(`/api/counts${q}`);
  const range = q ? ' within the filters' : meta.firstDate ? ` · ${meta.firstDate} – ${meta.lastDate}` : '';
  document.querySelector('#counts')!.textContent = `${counts.documents.toLocaleString('en')} documents · ${counts.claims.toLocaleString('en')} claims${range}`;
}

async function start(): Promise<void> {
  meta = await api<Meta>('/api/meta');
  document.querySelector('#pack-name')!.textContent = meta.pack.name;
  window.addEventListener('hashchange', () => void showCounts());
  await showCounts();
  const form = document.querySelector<HTMLFormElement>('#filters')!;
  const outlet = form.elements.namedItem('outlet') as HTMLSelectElement;
  outlet.append(...meta.outlets.map((o) => h('option', { value: o }, o)));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const route = parseHash();
    const q = new URLSearchParams(route.params);
    for (const k of FILTER_KEYS) {
      const v = String(data.get(k) ?? '');
      if (v) q.set(k, v);
      else q.delete(k);
    }
    location.hash = `#/${route.view}${route.id ? `/${route.id}` : ''}${q.toString() ? `?${q}` : ''}`;
  });
  document.querySelector('#reset-filters')!.addEventListener('click', () => {
    const route = parseHash();
    for (const k of FILTER_KEYS) route.params.delete(k);
    const qs = route.params.toString();
    location.hash = `#/${route.view}${route.id ? `/${route.id}` : ''}${qs ? `?${qs}` : ''}`;
  });
  window.addEventListener('hashchange', () => void render());
  await render();
  document.body.dataset.ready = 'true';
}

void start().catch((err: unknown) => {
  document.querySelector('#view')!.replaceChildren(h('p', { class: 'error', role: 'alert' }, `Could not load the dashboard: ${err instanceof Error ? err.message : String(err)}`));
});
