// What a person types in a filter, resolved to what the store holds: real
// calendar dates, an actor by id, name or any pack alias ("Putin" → russia),
// an outlet in any case. Shared by the CLI and the HTTP API so both refuse the
// same inputs with the same message, never answering with a silent empty result.
import type { CompiledPack } from '../pack/compile.js';

/** Whether `value` is a YYYY-MM-DD date that exists, e.g. "2025-02-28" yes, "2025-02-30" and "2025-13-01" no. */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Why a date is refused, or undefined when it is fine. */
export function dateProblem(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return `expected a date as YYYY-MM-DD, got '${value}'`;
  if (!isCalendarDate(value)) return `'${value}' is not a calendar date`;
  return undefined;
}

/** Why a date range is refused: `since` after `until`. */
export function rangeProblem(since: string | undefined, until: string | undefined): string | undefined {
  return since && until && since > until ? `since ${since} is after until ${until}: the range is empty` : undefined;
}

/**
 * The pack's actor id for `value`: the id itself, the name in any case, or a
 * whole-string match of one of its aliases or roles, e.g. "Putin" → "russia".
 * Undefined when no actor, or more than one, matches.
 */
export function resolveActor(pack: CompiledPack, value: string): string | undefined {
  const wanted = value.trim();
  const byId = pack.data.actors.find((a) => a.id === wanted || a.id === wanted.toLowerCase() || a.name.toLowerCase() === wanted.toLowerCase());
  if (byId) return byId.id;
  const hits = new Set<string>();
  for (const m of pack.actorMatchers) {
    const re = new RegExp(`^(?:${m.re.source})$`, m.re.flags.replace('g', ''));
    if (re.test(wanted)) hits.add(m.actor);
  }
  return hits.size === 1 ? [...hits][0] : undefined;
}

/** The stored outlet spelled as `value` in any case, e.g. "northbridge wire" → "Northbridge Wire". */
export function resolveOutlet(outlets: readonly string[], value: string): string | undefined {
  const wanted = value.trim().toLowerCase();
  return outlets.find((o) => o.toLowerCase() === wanted);
}
