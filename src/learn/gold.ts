// Gold claims in the spec's format (../shared/spec/claims.md): one JSON object a
// line with doc, actor, proposition, polarity and evidence snippets.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Polarity } from '../pipeline/types.js';

export interface GoldClaim {
  readonly doc: string;
  readonly actor: string;
  readonly proposition: string;
  readonly polarity: Polarity;
  readonly evidence: readonly string[];
}

/** Gold claims by document basename; a bad line names the file and line. */
export function readGold(files: readonly string[]): Map<string, GoldClaim[]> {
  const byDoc = new Map<string, GoldClaim[]>();
  for (const file of files) {
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      let row: Record<string, unknown>;
      try {
        row = JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`${file}:${i + 1}: not JSON`);
      }
      const { doc, actor, proposition, polarity } = row;
      if (typeof doc !== 'string' || typeof actor !== 'string' || typeof proposition !== 'string' || (polarity !== 'support' && polarity !== 'oppose')) {
        throw new Error(`${file}:${i + 1}: needs doc, actor, proposition and polarity (support|oppose)`);
      }
      const evidence = Array.isArray(row.evidence) ? row.evidence.filter((e): e is string => typeof e === 'string') : typeof row.evidence === 'string' ? [row.evidence] : [];
      const key = basename(doc);
      byDoc.set(key, [...(byDoc.get(key) ?? []), { doc: key, actor, proposition, polarity, evidence }]);
    });
  }
  return byDoc;
}

const QUOTES: Record<string, string> = { '‘': "'", '’': "'", '“': '"', '”': '"', '–': '-', '—': '-' };

/** Folded as the reference scorer folds: quotes and dashes plain, white space single, lower case. */
export function fold(text: string): string {
  return text.replace(/[‘’“”–—]/g, (c) => QUOTES[c]!).replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The scorer's evidence test: at least half of the snippet's characters lie in one run inside the sentence. */
export function overlaps(snippet: string, sentence: string): boolean {
  const a = fold(snippet);
  const b = fold(sentence);
  if (!a || !b) return false;
  if (b.includes(a)) return true;
  const run = Math.ceil(a.length / 2);
  for (let i = 0; i + run <= a.length; i++) if (b.includes(a.slice(i, i + run))) return true;
  return false;
}
