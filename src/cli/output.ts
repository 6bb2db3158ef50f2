// Output formats shared by the CLI commands: JSON Lines, CSV, Markdown and
// aligned text tables.
import type { Claim } from '../pipeline/types.js';
import { mdText } from '../util/markdown.js';

/** The `parley extract --format jsonl` record of the spec, plus our attributes. */
export function claimToJson(doc: string, claim: Claim): Record<string, unknown> {
  return {
    doc,
    actor: claim.actor,
    proposition: claim.proposition,
    polarity: claim.polarity,
    evidence: claim.evidence,
    start: claim.start,
    end: claim.end,
    modality: claim.modality,
    hedged: claim.hedged,
    reported: claim.reported,
    conditional: claim.conditional,
    rule: claim.rule,
  };
}

function csvCell(value: unknown): string {
  const s = value === undefined || value === null ? '' : String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as CSV with a header line; RFC 4180 quoting. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  return [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n';
}

function mdCell(value: unknown): string {
  return mdText(String(value ?? '')).replace(/\n/g, ' ');
}

/** Rows as a GitHub Markdown table. */
export function toMarkdown(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const head = `| ${columns.join(' | ')} |\n|${columns.map(() => '---').join('|')}|`;
  return [head, ...rows.map((r) => `| ${columns.map((c) => mdCell(r[c])).join(' | ')} |`)].join('\n') + '\n';
}

/** Rows as an aligned plain-text table; long cells are cut to `maxWidth`. */
export function toTable(columns: readonly string[], rows: readonly Record<string, unknown>[], maxWidth = 60): string {
  const cell = (v: unknown): string => {
    const s = String(v ?? '').replace(/\s+/g, ' ');
    return s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s;
  };
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]): string => values.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line([...columns]), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))].join('\n') + '\n';
}
