// Conflicts and common ground: where named parties stand opposed on a
// proposition, and what every one of them supports — each side with citations.
import type { CompiledPack } from '../pack/compile.js';
import type { ClaimFilter, Store } from '../store/store.js';
import { sideEvidence, type Citation } from './evidence.js';
import { buildMatrix, type MatrixRow } from './matrix.js';

export interface Side {
  readonly actor: string;
  readonly stance: 'support' | 'oppose';
  readonly documents: number;
  readonly confidence: number;
  readonly evidence: readonly Citation[];
}

export interface Conflict {
  readonly proposition: string;
  readonly label: string;
  readonly support: readonly Side[];
  readonly oppose: readonly Side[];
}

export interface CommonGround {
  readonly proposition: string;
  readonly label: string;
  readonly parties: readonly Side[];
}

export interface ConflictReport {
  readonly parties: readonly string[];
  readonly conflicts: readonly Conflict[];
  readonly commonGround: readonly CommonGround[];
}

export interface ConflictOptions extends ClaimFilter {
  /** The parties compared (default: the pack's scored actors). */
  readonly parties?: readonly string[];
  readonly minSources?: number;
}

async function side(store: Store, row: MatrixRow, filter: ClaimFilter): Promise<Side> {
  const stance = row.stance === 'oppose' ? 'oppose' : 'support';
  return {
    actor: row.actor,
    stance,
    documents: stance === 'support' ? row.supportDocs : row.opposeDocs,
    confidence: row.confidence,
    evidence: await sideEvidence(store, { ...filter, actor: row.actor, proposition: row.proposition, polarity: stance }, 2),
  };
}

/** Propositions with parties on both sides, and those every party supports. */
export async function findConflicts(store: Store, pack: CompiledPack, options: ConflictOptions = {}): Promise<ConflictReport> {
  const { parties: wanted, minSources, ...filter } = options;
  const parties = wanted && wanted.length > 0 ? [...wanted] : [...pack.scoredActors];
  const rows = (await buildMatrix(store, { ...filter, ...(minSources ? { minSources } : {}) })).filter((r) => parties.includes(r.actor));
  const conflicts: Conflict[] = [];
  const commonGround: CommonGround[] = [];
  for (const p of pack.data.propositions) {
    const cells = rows.filter((r) => r.proposition === p.id);
    const supporters = cells.filter((r) => r.stance === 'support');
    const opponents = cells.filter((r) => r.stance === 'oppose');
    if (supporters.length > 0 && opponents.length > 0) {
      conflicts.push({
        proposition: p.id,
        label: p.label,
        support: await Promise.all(supporters.map((r) => side(store, r, filter))),
        oppose: await Promise.all(opponents.map((r) => side(store, r, filter))),
      });
    }
    if (parties.length > 1 && parties.every((a) => supporters.some((r) => r.actor === a))) {
      commonGround.push({ proposition: p.id, label: p.label, parties: await Promise.all(supporters.map((r) => side(store, r, filter))) });
    }
  }
  return { parties, conflicts, commonGround };
}

/** Flat rows for CSV and Markdown: one per side of a conflict or party of a common ground. */
export function conflictRows(report: ConflictReport): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  const push = (kind: string, proposition: string, s: Side): void => {
    const e = s.evidence[0];
    rows.push({ kind, proposition, actor: s.actor, stance: s.stance, documents: s.documents, confidence: s.confidence, outlet: e?.outlet ?? '', published: e?.published ?? '', quote: e?.quote ?? '' });
  };
  for (const c of report.conflicts) for (const s of [...c.support, ...c.oppose]) push('conflict', c.proposition, s);
  for (const g of report.commonGround) for (const s of g.parties) push('agreement', g.proposition, s);
  return rows;
}

export const CONFLICT_COLUMNS = ['kind', 'proposition', 'actor', 'stance', 'documents', 'confidence', 'outlet', 'published', 'quote'] as const;
