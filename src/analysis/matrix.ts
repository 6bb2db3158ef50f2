// The party × proposition matrix: counts per cell, a net stance and a confidence.
import type { ClaimFilter, MatrixCell, Store } from '../store/store.js';

export type NetStance = 'support' | 'oppose' | 'mixed' | 'unknown';

export interface MatrixRow extends MatrixCell {
  readonly stance: NetStance;
  /** 0–1: rises with independent sources and with the claims' own confidence, falls with hedging and with a split record. */
  readonly confidence: number;
}

export interface MatrixOptions extends ClaimFilter {
  /** Keep only cells seen in at least this many independent sources (near-duplicate clusters). */
  readonly minSources?: number;
}

/** Net stance of a cell: a side needs twice the other's documents to win it. */
export function netStance(cell: Pick<MatrixCell, 'supportDocs' | 'opposeDocs'>): NetStance {
  if (cell.supportDocs === 0 && cell.opposeDocs === 0) return 'unknown';
  if (cell.supportDocs >= 2 * cell.opposeDocs && cell.supportDocs > 0) return 'support';
  if (cell.opposeDocs >= 2 * cell.supportDocs && cell.opposeDocs > 0) return 'oppose';
  return 'mixed';
}

/** The chance that one claim is right when nothing says otherwise (claims the rules made alone). */
export const PRIOR_CLAIM_CONFIDENCE = 0.5;

/**
 * Confidence in a cell's net stance:
 *   q             = the cell's mean claim weight: the decider's probability, 1 for
 *                   a claim a person confirmed or fixed, 0.5 for a rules-only claim
 *   corroboration = 1 − (1 − q)^clusters   (at q = 0.5: one independent source 0.5, two 0.75, three 0.875)
 *   hedging       = 1 − 0.5 × hedged / (support + oppose)
 *   agreement     = max(supportDocs, opposeDocs) / (supportDocs + opposeDocs)
 * and confidence is their product, rounded to two decimals. A mixed cell keeps a
 * low value because agreement is near one half.
 */
export function confidence(cell: Pick<MatrixCell, 'support' | 'oppose' | 'supportDocs' | 'opposeDocs' | 'clusters' | 'hedged'>, meanClaimConfidence = PRIOR_CLAIM_CONFIDENCE): number {
  const claims = cell.support + cell.oppose;
  const docs = cell.supportDocs + cell.opposeDocs;
  if (claims === 0 || docs === 0) return 0;
  const corroboration = 1 - (1 - meanClaimConfidence) ** Math.max(1, cell.clusters);
  const hedging = 1 - (0.5 * cell.hedged) / claims;
  const agreement = Math.max(cell.supportDocs, cell.opposeDocs) / docs;
  return Math.round(corroboration * hedging * agreement * 100) / 100;
}

export async function buildMatrix(store: Store, options: MatrixOptions = {}): Promise<MatrixRow[]> {
  const { minSources, ...filter } = options;
  const [cells, weights] = await Promise.all([store.matrix(filter), store.cellConfidence(filter)]);
  const meanOf = new Map(weights.map((w) => [`${w.actor}|${w.proposition}`, w.claims > 0 ? w.weightMillis / 1000 / w.claims : PRIOR_CLAIM_CONFIDENCE]));
  return cells
    .filter((c) => c.clusters >= (minSources ?? 0))
    .map((c) => ({ ...c, stance: netStance(c), confidence: confidence(c, meanOf.get(`${c.actor}|${c.proposition}`)) }));
}

export const MATRIX_COLUMNS = [
  'actor',
  'proposition',
  'stance',
  'confidence',
  'support',
  'oppose',
  'supportDocs',
  'opposeDocs',
  'documents',
  'outlets',
  'clusters',
  'hedged',
  'latest',
] as const;

/** The matrix as a grid: one row per actor, one column per proposition, cells like "+3/-1". */
export function matrixGrid(rows: readonly MatrixRow[], actors: readonly string[], propositions: readonly string[]): Record<string, unknown>[] {
  return actors
    .filter((a) => rows.some((r) => r.actor === a))
    .map((actor) => {
      const row: Record<string, unknown> = { actor };
      for (const p of propositions) {
        const cell = rows.find((r) => r.actor === actor && r.proposition === p);
        row[p] = cell ? `${cell.supportDocs ? `+${cell.supportDocs}` : ''}${cell.supportDocs && cell.opposeDocs ? '/' : ''}${cell.opposeDocs ? `-${cell.opposeDocs}` : ''}` : '';
      }
      return row;
    });
}
