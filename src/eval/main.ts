// `npm run eval`: extraction quality on the labelled sets, scored by the
// reference scorer (../shared/tools/score.py), with a per-proposition table.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFile } from '../pipeline/run-pipeline.js';
import { claimToJson } from '../cli/output.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SHARED = resolve(process.env.PARLEY_SHARED ?? join(ROOT, '..', 'shared'));

export interface LabelledSet {
  readonly name: string;
  readonly docs: string[];
  readonly gold: string[];
}

function txtFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => join(dir, f)) : [];
}

/** The labelled sets this checkout can see. */
export function labelledSets(): LabelledSet[] {
  const sets: LabelledSet[] = [
    { name: 'seeds', docs: txtFiles(join(SHARED, 'seeds')), gold: [join(SHARED, 'gold', 'seeds.claims.jsonl')] },
    { name: 'dev', docs: txtFiles(join(SHARED, 'dev', 'docs')), gold: [join(SHARED, 'dev', 'dev.claims.jsonl')] },
    { name: 'sample', docs: txtFiles(join(ROOT, 'corpus', 'sample')), gold: [join(ROOT, 'corpus', 'sample', 'gold', 'claims.jsonl')] },
  ];
  return sets.filter((s) => s.docs.length > 0 && s.gold.every((g) => existsSync(g)));
}

export interface Score {
  readonly p: number;
  readonly r: number;
  readonly f1: number;
  readonly evidence: number;
  readonly lines: string[];
}

/** Extract claims from `docs` and score them against `gold` with score.py. */
export function scoreSet(docs: string[], gold: string[], verbose = false): Score {
  const dir = mkdtempSync(join(tmpdir(), 'parley-eval-'));
  const predFile = join(dir, 'pred.jsonl');
  const goldFile = join(dir, 'gold.jsonl');
  writeFileSync(goldFile, gold.map((g) => readFileSync(g, 'utf8').trimEnd() + '\n').join(''));
  const lines: string[] = [];
  for (const doc of docs) {
    for (const claim of runFile(doc).claims) lines.push(JSON.stringify(claimToJson(doc, claim)));
  }
  writeFileSync(predFile, lines.join('\n') + '\n');
  const args = [join(SHARED, 'tools', 'score.py'), 'claims', '--gold', goldFile, '--pred', predFile];
  if (verbose) args.push('-v');
  const run = spawnSync('python3', args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`score.py failed: ${run.stderr}`);
  const out = run.stdout.trimEnd().split('\n');
  const summary = /P=([\d.]+) R=([\d.]+) F1=([\d.]+).*evidence=([\d.]+)/.exec(out[out.length - 1] ?? '');
  if (!summary) throw new Error(`unexpected score.py output: ${out.at(-1)}`);
  return { p: Number(summary[1]), r: Number(summary[2]), f1: Number(summary[3]), evidence: Number(summary[4]), lines: out };
}

function main(): void {
  const verbose = process.argv.includes('-v');
  const sets = labelledSets();
  if (sets.length === 0) {
    console.error(`eval: no labelled sets found (looked in ${SHARED} and corpus/sample)`);
    process.exit(1);
  }
  const rows: string[] = [];
  for (const set of [...sets, { name: 'seeds+dev', docs: sets.filter((s) => s.name !== 'sample').flatMap((s) => s.docs), gold: sets.filter((s) => s.name !== 'sample').flatMap((s) => s.gold) }]) {
    if (set.docs.length === 0) continue;
    const score = scoreSet(set.docs, set.gold, verbose);
    console.log(`\n## ${set.name} (${set.docs.length} documents)\n`);
    console.log(score.lines.filter((l) => !l.startsWith('actor')).join('\n'));
    rows.push(`| ${set.name} | ${set.docs.length} | ${score.p.toFixed(3)} | ${score.r.toFixed(3)} | ${score.f1.toFixed(3)} | ${score.evidence.toFixed(3)} |`);
  }
  console.log('\n| set | docs | P | R | F1 | evidence |\n|---|---|---|---|---|---|');
  console.log(rows.join('\n'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main();
