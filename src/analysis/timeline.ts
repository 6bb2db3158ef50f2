// Timelines of a party's stance on a proposition by publication date, and the
// shifts in them (a reversal, or a new position), with evidence before and after.
import type { ClaimFilter, Store, StoredClaim } from '../store/store.js';
import { citationOf, independent, type Citation } from './evidence.js';
import { netStance, type NetStance } from './matrix.js';

export interface TimelinePoint {
  readonly date: string;
  readonly support: number;
  readonly oppose: number;
  readonly stance: NetStance;
  readonly evidence: readonly Citation[];
}

export type ShiftKind = 'reversal' | 'new-position' | 'new-demand';

export interface Shift {
  readonly actor: string;
  readonly proposition: string;
  readonly date: string;
  readonly kind: ShiftKind;
  readonly from: NetStance;
  readonly to: NetStance;
  readonly before?: Citation;
  readonly after: Citation;
}

export interface Timeline {
  readonly actor: string;
  readonly proposition: string;
  readonly points: readonly TimelinePoint[];
  readonly shifts: readonly Shift[];
}

/** Group one actor's claims on one proposition by date; undated claims are left out. */
function pointsOf(claims: readonly StoredClaim[]): TimelinePoint[] {
  const byDate = new Map<string, StoredClaim[]>();
  for (const c of claims) {
    if (!c.published) continue;
    byDate.set(c.published, [...(byDate.get(c.published) ?? []), c]);
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, day]) => {
      const supportDocs = new Set(day.filter((c) => c.polarity === 'support').map((c) => c.clusterId)).size;
      const opposeDocs = new Set(day.filter((c) => c.polarity === 'oppose').map((c) => c.clusterId)).size;
      return { date, support: supportDocs, oppose: opposeDocs, stance: netStance({ supportDocs, opposeDocs }), evidence: independent(day).map(citationOf) };
    });
}

/** Shifts: the first clear position, then every change from support to oppose or back. */
function shiftsOf(actor: string, proposition: string, points: readonly TimelinePoint[], claims: readonly StoredClaim[]): Shift[] {
  const shifts: Shift[] = [];
  let held: TimelinePoint | undefined;
  for (const point of points) {
    if (point.stance !== 'support' && point.stance !== 'oppose') continue;
    if (held && held.stance === point.stance) {
      held = point;
      continue;
    }
    const after = point.evidence.find((e) => claims.some((c) => c.id === e.claimId && c.polarity === point.stance)) ?? point.evidence[0]!;
    const isDemand = claims.some((c) => c.id === after.claimId && c.modality === 'demand');
    const kind: ShiftKind = held ? 'reversal' : isDemand ? 'new-demand' : 'new-position';
    const before = held?.evidence.find((e) => claims.some((c) => c.id === e.claimId && c.polarity === held!.stance));
    shifts.push({ actor, proposition, date: point.date, kind, from: held?.stance ?? 'unknown', to: point.stance, ...(before ? { before } : {}), after });
    held = point;
  }
  return shifts;
}

export async function buildTimeline(store: Store, actor: string, proposition: string, filter: ClaimFilter = {}): Promise<Timeline> {
  const claims = await store.listClaims({ ...filter, actor, proposition });
  const points = pointsOf(claims);
  return { actor, proposition, points, shifts: shiftsOf(actor, proposition, points, claims) };
}

/** Every shift of every party on every proposition, dated on or after `since`. */
export async function listChanges(store: Store, filter: ClaimFilter = {}): Promise<Shift[]> {
  const { since, ...rest } = filter;
  // Shifts need the history before `since` to know what changed, so read it all and filter after.
  const claims = await store.listClaims(rest);
  const groups = new Map<string, StoredClaim[]>();
  for (const c of claims) {
    const key = `${c.actor}\u0000${c.proposition}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const shifts: Shift[] = [];
  for (const [key, group] of groups) {
    const [actor, proposition] = key.split('\u0000') as [string, string];
    shifts.push(...shiftsOf(actor, proposition, pointsOf(group), group));
  }
  return shifts.filter((s) => !since || s.date >= since).sort((a, b) => a.date.localeCompare(b.date) || a.actor.localeCompare(b.actor) || a.proposition.localeCompare(b.proposition));
}

export const TIMELINE_COLUMNS = ['date', 'stance', 'support', 'oppose', 'outlet', 'quote'] as const;
export const SHIFT_COLUMNS = ['date', 'actor', 'proposition', 'kind', 'from', 'to', 'beforeOutlet', 'beforeDate', 'beforeQuote', 'afterOutlet', 'afterQuote'] as const;

export function timelineRows(t: Timeline): Record<string, unknown>[] {
  return t.points.map((p) => ({ date: p.date, stance: p.stance, support: p.support, oppose: p.oppose, outlet: p.evidence[0]?.outlet ?? '', quote: p.evidence[0]?.quote ?? '' }));
}

export function shiftRows(shifts: readonly Shift[]): Record<string, unknown>[] {
  return shifts.map((s) => ({
    date: s.date,
    actor: s.actor,
    proposition: s.proposition,
    kind: s.kind,
    from: s.from,
    to: s.to,
    beforeOutlet: s.before?.outlet ?? '',
    beforeDate: s.before?.published ?? '',
    beforeQuote: s.before?.quote ?? '',
    afterOutlet: s.after.outlet ?? '',
    afterQuote: s.after.quote,
  }));
}
