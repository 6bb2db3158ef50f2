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
    ...(claim.speaker ? { speaker: claim.speaker } : {}),
    ...(claim.condition ? { condition: claim.condition } : {}),
    ...(claim.confidence !== undefined ? { confidence: claim.confidence } : {}),
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

/** `text` in lines of at most `width` characters, broken at spaces (a longer word is cut). */
export function wrapText(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    let rest = word;
    while (rest.length > width) {
      if (line) lines.push(line);
      line = '';
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= width) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Rows as an aligned plain-text table; a cell longer than `maxWidth` wraps onto the next lines, whole (nothing is cut). */
export function toTable(columns: readonly string[], rows: readonly Record<string, unknown>[], maxWidth = 60): string {
  const text = (v: unknown): string => String(v ?? '').replace(/\s+/g, ' ').trim();
  const widths = columns.map((c) => Math.min(Math.max(c.length, maxWidth), Math.max(c.length, ...rows.map((r) => text(r[c]).length))));
  const line = (values: string[]): string => values.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  const rowLines = (r: Record<string, unknown>): string[] => {
    const cells = columns.map((c, i) => wrapText(text(r[c]), widths[i]!));
    const height = Math.max(...cells.map((c) => c.length));
    return Array.from({ length: height }, (_, k) => line(cells.map((c) => c[k] ?? '')));
  };
  return [line([...columns]), line(widths.map((w) => '-'.repeat(w))), ...rows.flatMap(rowLines)].join('\n') + '\n';
}
