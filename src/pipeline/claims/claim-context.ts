// What a claim's reader wants to see beside the stance: who said it, as the text
// names them ("Peskov", not just russia), and, for a conditional stance, the
// condition clause ("in return for Western guarantees"). Read from the mentions
// stage's spans, so extraction decides nothing here.
import type { SentenceAnalysis } from '../types.js';

/** The clause after a condition cue ends at the next clause break or the sentence end. */
const CLAUSE_END = /[;:—–]|,\s(?:and|but|while|saying|adding|he|she|they|it)\b|\.\s*$|\.["”]?\s*$/u;

/**
 * The text of the mention of `actor` nearest to `near`: a name (alias) before a role
 * ("the Russian delegation"), never a pronoun; undefined when the sentence names no one
 * (the holder came from an earlier sentence).
 */
export function speakerOf(a: SentenceAnalysis, actor: string, near: number): string | undefined {
  const mentions = a.actors.filter((m) => m.actor === actor && m.via !== 'pronoun');
  const named = mentions.filter((m) => m.via === 'alias');
  const pool = named.length > 0 ? named : mentions;
  // The one who speaks is named just before "said" or "told" when the sentence reports it
  // ("Zelensky said Ukraine was ready…"); otherwise the name nearest the stance.
  const said = a.attributions[0];
  const distance = (m: { start: number; end: number }): number =>
    said ? (m.end <= said.start ? said.start - m.end : 1000 + Math.abs(m.start - said.end)) : Math.abs(m.start - near);
  const nearest = pool.reduce<(typeof pool)[number] | undefined>((best, m) => (!best || distance(m) < distance(best) ? m : best), undefined);
  return nearest?.text;
}

/** The condition clause after `from` ("in return for Western guarantees"), or undefined. */
export function conditionOf(a: SentenceAnalysis, from: number): string | undefined {
  const cue = a.conditions.find((c) => c.start >= from);
  if (!cue) return undefined;
  const rest = a.sentence.text.slice(cue.start - a.sentence.start);
  const end = CLAUSE_END.exec(rest.slice(cue.text.length));
  const clause = (end ? rest.slice(0, cue.text.length + end.index) : rest).trim().replace(/[.,"”]+$/u, '');
  return clause || undefined;
}

/** The optional `speaker` and `condition` fields of a claim held by `actor` through the stance at `head`. */
export function claimContext(a: SentenceAnalysis, actor: string, head: number, conditionFrom: number | undefined): { speaker?: string; condition?: string } {
  const speaker = speakerOf(a, actor, head);
  const condition = conditionFrom === undefined ? undefined : conditionOf(a, conditionFrom);
  return { ...(speaker ? { speaker } : {}), ...(condition ? { condition } : {}) };
}
