// Where an analyst's review teaches the model most: the stored documents' candidates
// whose probability lies nearest the decision threshold (uncertainty sampling). Just
// above it they are claims to confirm or reject; just below, claims the model may have
// missed, to add or pass over. Each comes with the review command that acts on it.
import type { CompiledPack } from '../pack/compile.js';
import { runOnCleanText } from '../pipeline/run-pipeline.js';
import { screenDocument } from '../pipeline/screen/screen.js';
import type { Polarity } from '../pipeline/types.js';
import type { Store } from '../store/store.js';
import { progress } from './progress.js';

/** One candidate to review. */
export interface UncertainCandidate {
  readonly documentId: number;
  readonly origin: string;
  readonly actor: string;
  readonly proposition: string;
  readonly polarity: Polarity;
  /** The model's probability for this polarity, to three decimals. */
  readonly probability: number;
  /** Its distance from the threshold: the smaller, the less sure the model. */
  readonly margin: number;
  /** The stored claim, when the probability reaches the threshold (the store holds it). */
  readonly claimId?: number;
  readonly sentenceIndex: number;
  readonly start: number;
  readonly end: number;
  readonly evidence: string;
  /** The `parley review` arguments that act on it: confirm or reject the claim, or add it. */
  readonly review: string;
}

export interface UncertainOptions {
  /** How many to list (default 20). */
  readonly limit?: number;
  /** How far from the threshold a probability may lie (default 0.2). */
  readonly band?: number;
  readonly showProgress?: boolean;
}

/** Characters a double-quoted shell word would read as more than text. */
const SHELL_SPECIAL = /["$`\\!]/;

/**
 * A few words of the sentence for `--evidence`, double-quoted for the shell: the first run of up
 * to ten words with no character the shell reads in quotes, else the first ten single-quoted.
 */
export function quoteOf(evidence: string): string {
  const words = evidence.split(/\s+/).filter(Boolean);
  let run: string[] = [];
  for (const word of words) {
    if (SHELL_SPECIAL.test(word)) {
      if (run.join(' ').length >= 20) break;
      run = [];
      continue;
    }
    run.push(word);
    if (run.length === 10) break;
  }
  if (run.join(' ').length >= 20 || (run.length === words.length && run.length > 0)) return `"${run.join(' ')}"`;
  return `'${words.slice(0, 10).join(' ').replace(/'/g, "'\\''")}'`;
}

/** The candidates nearest the threshold over every analysed document, least sure first; ones an analyst reviewed are left out. */
export async function uncertainCandidates(store: Store, pack: CompiledPack, options: UncertainOptions = {}): Promise<UncertainCandidate[]> {
  const model = pack.model;
  if (!model) throw new Error(`the pack has no model: its rules decide alone, with no probability to rank by (see parley train)`);
  const limit = options.limit ?? 20;
  const band = options.band ?? 0.2;
  const reviewed = new Set<string>();
  for (const r of await store.listReviews()) {
    reviewed.add(`${r.contentHash}|${r.start}|${r.actor}|${r.proposition}|${r.polarity}`);
    reviewed.add(`${r.contentHash}|${r.start}|${r.newActor ?? r.actor}|${r.newProposition ?? r.proposition}|${r.newPolarity ?? r.polarity}`);
  }
  const ids = await store.documentIds();
  const bar = options.showProgress === false ? undefined : progress('uncertain', ids.length);
  const found: Omit<UncertainCandidate, 'claimId' | 'review'>[] = [];
  for (const id of ids) {
    bar?.tick();
    const doc = await store.getDocument(id);
    if (!doc || doc.skipReason) continue;
    const result = runOnCleanText(doc.cleanText, doc.origin, pack);
    if (screenDocument(result.analysed, pack).skipReason) continue;
    // One entry per sentence, cell and polarity, at its best probability, as decideClaims keeps one claim.
    const best = new Map<string, Omit<UncertainCandidate, 'claimId' | 'review'>>();
    for (const scored of result.scored ?? []) {
      const { sentence } = scored.candidate.analysis;
      for (const polarity of ['support', 'oppose'] as const) {
        const probability = Math.round(scored[polarity] * 1000) / 1000;
        const margin = Math.abs(scored[polarity] - model.threshold);
        if (margin > band) continue;
        const key = `${doc.contentHash}|${sentence.start}|${scored.candidate.actor}|${scored.candidate.proposition}|${polarity}`;
        if (reviewed.has(key) || (best.get(key)?.probability ?? -1) >= probability) continue;
        best.set(key, { documentId: id, origin: doc.origin, actor: scored.candidate.actor, proposition: scored.candidate.proposition, polarity, probability, margin: Math.round(margin * 1000) / 1000, sentenceIndex: sentence.index, start: sentence.start, end: sentence.end, evidence: sentence.text });
      }
    }
    found.push(...best.values());
  }
  bar?.done();
  // Least sure first; ties in store order, so the list is the same each time.
  const chosen = found.sort((a, b) => a.margin - b.margin || a.documentId - b.documentId || a.start - b.start).slice(0, limit);
  const out: UncertainCandidate[] = [];
  for (const c of chosen) {
    const stored = c.probability >= model.threshold ? (await store.listClaims({ document: c.documentId, actor: c.actor, proposition: c.proposition, polarity: c.polarity })).find((s) => s.start === c.start) : undefined;
    const review = stored
      ? `${stored.id} --confirm | ${stored.id} --reject`
      : `--add ${c.documentId} --evidence ${quoteOf(c.evidence)} --actor ${c.actor} --proposition ${c.proposition} --polarity ${c.polarity}`;
    out.push({ ...c, ...(stored ? { claimId: stored.id } : {}), review });
  }
  return out;
}
