// Timelines of a party's stance on a proposition by publication date, and the
// shifts in them (a reversal, or a new position), with evidence before and after.
import type { ClaimFilter, StanceDay, Store, StoredClaim } from '../store/store.js';
import { citationOf, type Citation } from './evidence.js';
import { netStance, type NetStance } from './matrix.js';
import { groupBy } from '../util/group-by.js';

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

/** Citations shown for each day of a timeline, per side (the claims view lists them all). */
export const EVIDENCE_PER_DAY = 1;

/** The claims of each day of publication, looked up by date. */
type ClaimsOn = (date: string) => readonly StoredClaim[];

function claimsByDate(claims: readonly StoredClaim[]): ClaimsOn {
  const byDate = groupBy(claims, (c) => c.published ?? '');
  return (date) => byDate.get(date) ?? [];
}

/** The stance of each dated day, with that day's claims cited. */
function pointsOf(days: readonly StanceDay[], claimsOn: ClaimsOn): TimelinePoint[] {
  return days.map((day) => ({
    date: day.date,
    support: day.support,
    oppose: day.oppose,
    stance: netStance({ supportDocs: day.support, opposeDocs: day.oppose }),
    evidence: claimsOn(day.date).map(citationOf),
  }));
}

/** A change of held stance: the first clear position, or a turn from support to oppose or back. */
interface Turn {
  readonly date: string;
  readonly from?: { readonly date: string; readonly stance: 'support' | 'oppose' };
  readonly to: 'support' | 'oppose';
}

function turnsOf(days: readonly Pick<StanceDay, 'date' | 'support' | 'oppose'>[]): Turn[] {
  const turns: Turn[] = [];
  let held: Turn['from'];
  for (const day of days) {
    const stance = netStance({ supportDocs: day.support, opposeDocs: day.oppose });
    if (stance !== 'support' && stance !== 'oppose') continue;
    if (held?.stance !== stance) turns.push({ date: day.date, ...(held ? { from: held } : {}), to: stance });
    held = { date: day.date, stance };
  }
  return turns;
}

/** A turn with its evidence: the claims of the day before (`from`) and of the day of the turn. */
function shiftOf(actor: string, proposition: string, turn: Turn, claimsOn: ClaimsOn): Shift | undefined {
  const on = claimsOn(turn.date);
  // A turn is only reported with the claim that shows it.
  const after = on.find((c) => c.polarity === turn.to);
  if (!after) return undefined;
  const before = turn.from ? claimsOn(turn.from.date).find((c) => c.polarity === turn.from!.stance) : undefined;
  const kind: ShiftKind = turn.from ? 'reversal' : after.modality === 'demand' ? 'new-demand' : 'new-position';
  return { actor, proposition, date: turn.date, kind, from: turn.from?.stance ?? 'unknown', to: turn.to, ...(before ? { before: citationOf(before) } : {}), after: citationOf(after) };
}

export async function buildTimeline(store: Store, actor: string, proposition: string, filter: ClaimFilter = {}): Promise<Timeline> {
  const cell = { ...filter, actor, proposition };
  const [days, claims] = await Promise.all([store.stanceDays(cell), store.listClaims({ ...cell, perDay: EVIDENCE_PER_DAY })]);
  const claimsOn = claimsByDate(claims);
  const shifts = turnsOf(days).flatMap((turn) => shiftOf(actor, proposition, turn, claimsOn) ?? []);
  return { actor, proposition, points: pointsOf(days, claimsOn), shifts };
}

/** Every shift of every party on every proposition, dated on or after `since`. */
export async function listChanges(store: Store, filter: ClaimFilter = {}): Promise<Shift[]> {
  const { since, ...rest } = filter;
  // Shifts need the history before `since` to know what changed, so read every day and keep the later turns.
  const cells = groupBy(await store.stanceDays(rest), (d) => `${d.actor}\u0000${d.proposition}`);
  const shifts: Shift[] = [];
  for (const days of cells.values()) {
    const { actor, proposition } = days[0]!;
    for (const turn of turnsOf(days)) {
      if (since && turn.date < since) continue;
      // Evidence only for the days a turn needs (not the days between them), each read from the cell's index.
      const dates = [turn.date, ...(turn.from ? [turn.from.date] : [])];
      const claims = await Promise.all(dates.map((date) => store.listClaims({ ...rest, actor, proposition, since: date, until: date, perDay: EVIDENCE_PER_DAY })));
      const shift = shiftOf(actor, proposition, turn, claimsByDate(claims.flat()));
      if (shift) shifts.push(shift);
    }
  }
  return shifts.sort((a, b) => a.date.localeCompare(b.date) || a.actor.localeCompare(b.actor) || a.proposition.localeCompare(b.proposition));
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
