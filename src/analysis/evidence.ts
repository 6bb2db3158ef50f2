// Citations: every statement an analysis makes points at stored claims, with
// the outlet, the date and the sentence a person can read.
import type { ClaimFilter, Store, StoredClaim } from '../store/store.js';

export interface Citation {
  readonly claimId: number;
  readonly documentId: number;
  readonly source: string;
  readonly outlet?: string;
  readonly published?: string;
  readonly title?: string;
  readonly quote: string;
  /** Offsets of the quote in the document's clean text. */
  readonly start: number;
  readonly end: number;
  readonly hedged: boolean;
  /** Who said it, as the text names them, and the condition of a conditional claim. */
  readonly speaker?: string;
  readonly condition?: string;
}

export function citationOf(claim: StoredClaim): Citation {
  return {
    claimId: claim.id,
    documentId: claim.documentId,
    source: claim.url ?? claim.origin,
    ...(claim.outlet ? { outlet: claim.outlet } : {}),
    ...(claim.published ? { published: claim.published } : {}),
    ...(claim.title ? { title: claim.title } : {}),
    quote: claim.evidence,
    start: claim.start,
    end: claim.end,
    hedged: claim.hedged,
    ...(claim.speaker ? { speaker: claim.speaker } : {}),
    ...(claim.condition ? { condition: claim.condition } : {}),
  };
}

/** The newest claims matching `filter`, one per near-duplicate cluster, at most `limit`; reads only as far as it needs. */
export async function newestIndependent(store: Store, filter: ClaimFilter, limit: number): Promise<StoredClaim[]> {
  const found: StoredClaim[] = [];
  const seen = new Set<number>();
  for await (const claim of store.iterateClaims({ ...filter, newestFirst: true })) {
    if (seen.has(claim.clusterId)) continue;
    seen.add(claim.clusterId);
    found.push(claim);
    if (found.length >= limit) break;
  }
  return found;
}

/** The newest claims of one side, one per near-duplicate cluster, at most `limit`. */
export async function sideEvidence(store: Store, filter: ClaimFilter & { actor: string; proposition: string; polarity: 'support' | 'oppose' }, limit = 3): Promise<Citation[]> {
  return (await newestIndependent(store, filter, limit)).map(citationOf);
}

/** One claim per near-duplicate cluster, in the order given. */
export function independent(claims: readonly StoredClaim[]): StoredClaim[] {
  const seen = new Set<number>();
  return claims.filter((c) => (seen.has(c.clusterId) ? false : (seen.add(c.clusterId), true)));
}

/** "Kyiv Independent, 2025-05-16: “…”" — one line for a citation. */
export function citationText(c: Citation): string {
  const where = [c.outlet ?? c.source, c.published].filter(Boolean).join(', ');
  return `${where}: ${c.speaker ? `${c.speaker}: ` : ''}“${c.quote}”${c.hedged ? ' (hedged)' : ''}${c.condition ? ` (condition: ${c.condition})` : ''}`;
}
