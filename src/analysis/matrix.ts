// The party × proposition matrix: counts per cell and a net stance.
import type { ClaimFilter, MatrixCell, Store } from '../store/store.js';

export type NetStance = 'support' | 'oppose' | 'mixed';

export interface MatrixRow extends MatrixCell {
  readonly stance: NetStance;
}

/** Net stance of a cell: a side needs twice the other's documents to win it. */
export function netStance(cell: Pick<MatrixCell, 'supportDocs' | 'opposeDocs'>): NetStance {
  if (cell.supportDocs >= 2 * cell.opposeDocs && cell.supportDocs > 0) return 'support';
  if (cell.opposeDocs >= 2 * cell.supportDocs && cell.opposeDocs > 0) return 'oppose';
  return 'mixed';
}

export async function buildMatrix(store: Store, filter: ClaimFilter = {}): Promise<MatrixRow[]> {
  const cells = await store.matrix(filter);
  return cells.map((c) => ({ ...c, stance: netStance(c) }));
}

export const MATRIX_COLUMNS = ['actor', 'proposition', 'stance', 'support', 'oppose', 'supportDocs', 'opposeDocs', 'documents', 'outlets', 'latest'] as const;

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
