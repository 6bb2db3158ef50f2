// `npm run eval`: extraction quality, measured where it means something.
//   1. 5-fold cross-validation by document (copies of a story in one fold) over
//      seeds + dev + train: the decider vs the rules alone, per actor and per
//      proposition, candidate recall, the learning curve (the same folds learning
//      from a share of their training documents) and the calibration of the
//      probabilities;
//   2. the sealed validation set (../shared/validation), scored by score_sealed.py:
//      only aggregate figures, and never used to choose anything;
//   3. our own sample corpus, scored by score.py.
// Figures on seeds and dev alone are printed last and marked: the model is fitted on them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilePack, getPack } from '../pack/compile.js';
import { loadPack } from '../pack/load-pack.js';
import { runFile, type PipelineOptions } from '../pipeline/run-pipeline.js';
import { claimToJson } from '../cli/output.js';
import { readGold } from '../learn/gold.js';
import { labelDocument } from '../learn/dataset.js';
import { aboveThreshold, crossValidate, learningCurve, prf, reliability, scoreClaims, type Scores } from '../learn/train.js';

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

/** The labelled sets this checkout can see (the sealed validation set is not one of them). */
export function labelledSets(): LabelledSet[] {
  const sets: LabelledSet[] = [
    { name: 'seeds', docs: txtFiles(join(SHARED, 'seeds')), gold: [join(SHARED, 'gold', 'seeds.claims.jsonl')] },
    { name: 'dev', docs: txtFiles(join(SHARED, 'dev', 'docs')), gold: [join(SHARED, 'dev', 'dev.claims.jsonl')] },
    { name: 'train', docs: txtFiles(join(SHARED, 'train', 'docs')), gold: [join(SHARED, 'train', 'train.claims.jsonl')] },
    { name: 'sample', docs: txtFiles(join(ROOT, 'corpus', 'sample')), gold: [join(ROOT, 'corpus', 'sample', 'gold', 'claims.jsonl')] },
  ];
  return sets.filter((s) => s.docs.length > 0 && s.gold.every((g) => existsSync(g)));
}

/** The sets the bundled model is trained and cross-validated on. */
export const TRAINING_SETS = ['seeds', 'dev', 'train'] as const;

export interface Score {
  readonly p: number;
  readonly r: number;
  readonly f1: number;
  readonly evidence: number;
  readonly lines: string[];
}

function writePredictions(docs: readonly string[], options: PipelineOptions): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-eval-'));
  const predFile = join(dir, 'pred.jsonl');
  const lines: string[] = [];
  for (const doc of docs) for (const claim of runFile(doc, undefined, options).claims) lines.push(JSON.stringify(claimToJson(doc, claim)));
  writeFileSync(predFile, lines.join('\n') + '\n');
  return predFile;
}

/** Extract claims from `docs` and score them against `gold` with score.py. */
export function scoreSet(docs: string[], gold: string[], verbose = false, options: PipelineOptions = {}): Score {
  const predFile = writePredictions(docs, options);
  const goldFile = join(predFile, '..', 'gold.jsonl');
  writeFileSync(goldFile, gold.map((g) => readFileSync(g, 'utf8').trimEnd() + '\n').join(''));
  const args = [join(SHARED, 'tools', 'score.py'), 'claims', '--gold', goldFile, '--pred', predFile];
  if (verbose) args.push('-v');
  const run = spawnSync('python3', args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`score.py failed: ${run.stderr}`);
  const out = run.stdout.trimEnd().split('\n');
  const summary = /P=([\d.]+) R=([\d.]+) F1=([\d.]+).*evidence=([\d.]+)/.exec(out[out.length - 1] ?? '');
  if (!summary) throw new Error(`unexpected score.py output: ${out.at(-1)}`);
  return { p: Number(summary[1]), r: Number(summary[2]), f1: Number(summary[3]), evidence: Number(summary[4]), lines: out };
}

const SEALED = join(SHARED, 'validation');

/** The sealed set's aggregate line from score_sealed.py, or undefined when it is not here. */
export function scoreSealed(options: PipelineOptions = {}): string | undefined {
  const gold = join(SEALED, 'gold.sealed.jsonl');
  if (!existsSync(gold)) return undefined;
  const predFile = writePredictions(txtFiles(join(SEALED, 'docs')), options);
  const run = spawnSync('python3', [join(SHARED, 'tools', 'score_sealed.py'), '--sealed', gold, '--pred', predFile], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`score_sealed.py failed: ${run.stderr}`);
  return run.stdout.trimEnd().split('\n').at(-1);
}

const f3 = (x: number): string => x.toFixed(3);
const row = (name: string, s: Scores): string => `| ${name} | ${s.tp + s.fn} | ${f3(s.p)} | ${f3(s.r)} | ${f3(s.f1)} |`;

/** The `--min-confidence` values whose cross-validated precision and recall the report shows. */
const MIN_CONFIDENCE_POINTS = [0.5, 0.6, 0.7, 0.8, 0.9] as const;

/** Shares of the training documents the learning curve fits on; 1 is the cross-validation above. */
const LEARNING_CURVE_SHARES = [0.25, 0.5, 0.75, 1] as const;

/** Cross-validation of the decider on the training sets, with the rules-alone ablation on the same documents. */
export function crossValidationReport(): string[] {
  const sets = labelledSets().filter((s) => (TRAINING_SETS as readonly string[]).includes(s.name));
  const pack = compilePack(loadPack());
  const gold = readGold(sets.flatMap((s) => s.gold));
  const docs = sets.flatMap((s) => s.docs).sort().map((p) => labelDocument(p, gold.get(p.split('/').pop()!) ?? [], pack));
  const cv = crossValidate(docs, pack);
  const kept = aboveThreshold(cv.predictions, cv.threshold);
  const rules = docs.flatMap((d) => d.ruled.claims.map((c) => ({ doc: d.name, ...c })));
  const out = [`## 5-fold cross-validation by document (${docs.length} documents: ${sets.map((s) => s.name).join(' + ')})`, ''];
  out.push(`threshold ${cv.threshold} (best F1 on the held-out folds); candidate recall ${f3(cv.candidateRecall)} (gold claims with a candidate for their actor and proposition)`, '');
  out.push('| | gold | P | R | F1 |', '|---|---|---|---|---|');
  out.push(row('decider (cross-validated)', cv.scores), row('rules alone', scoreClaims(docs, rules, pack).get('all')!));
  // The rules were written while reading the seeds and dev articles: their held-out figures run higher than train's.
  out.push('', '| held-out documents of | gold | P | R | F1 |', '|---|---|---|---|---|');
  for (const set of sets) {
    const names = new Set(set.docs.map((p) => basename(p)));
    const held = docs.filter((d) => names.has(d.name));
    out.push(row(set.name, scoreClaims(held, kept.filter((k) => names.has(k.doc)), pack).get('all') ?? prf(0, 0, 0)));
  }
  for (const by of ['actor', 'proposition'] as const) {
    out.push('', `| ${by} | gold | P | R | F1 |`, '|---|---|---|---|---|');
    for (const [name, s] of scoreClaims(docs, kept, pack, by)) out.push(row(name, s));
  }
  out.push('', '### Learning curve (each fold learns from a share of its training documents)', '', '| share | training documents per fold | threshold | P | R | F1 |', '|---|---|---|---|---|---|');
  for (const point of learningCurve(docs, pack, LEARNING_CURVE_SHARES, cv.folds, undefined, cv)) {
    const s = point.scores;
    out.push(`| ${point.share} | ${point.documents} | ${point.threshold} | ${f3(s.p)} | ${f3(s.r)} | ${f3(s.f1)} |`);
  }
  out.push('', '### Calibration (reliability of the cross-validated probabilities)', '', '| probability | claims | mean probability | share in gold |', '|---|---|---|---|');
  for (const r of reliability(docs, cv.predictions, pack)) out.push(`| ${r.from.toFixed(1)}–${r.to.toFixed(1)} | ${r.n} | ${f3(r.meanProbability)} | ${f3(r.gold)} |`);
  out.push('', '### Operating points (what `--min-confidence` keeps, cross-validated)', '', '| min confidence | claims kept | P | R | F1 |', '|---|---|---|---|---|');
  for (const min of [cv.threshold, ...MIN_CONFIDENCE_POINTS.filter((m) => m > cv.threshold)]) {
    const s = scoreClaims(docs, aboveThreshold(cv.predictions, min), pack).get('all')!;
    out.push(`| ${min === cv.threshold ? `${min} (the threshold)` : min} | ${s.tp + s.fp} | ${f3(s.p)} | ${f3(s.r)} | ${f3(s.f1)} |`);
  }
  return out;
}

function main(): void {
  const verbose = process.argv.includes('-v');
  const sets = labelledSets();
  if (sets.length === 0) {
    console.error(`eval: no labelled sets found (looked in ${SHARED} and corpus/sample)`);
    process.exit(1);
  }
  if (!getPack().model) console.error('eval: the pack has no model.json; the decider rows show the rules alone');
  console.log(crossValidationReport().join('\n'));
  const sealed = scoreSealed();
  if (sealed) {
    console.log('\n## Sealed validation (score_sealed.py: aggregate figures only)\n');
    console.log(`decider: ${sealed}`);
    console.log(`rules alone: ${scoreSealed({ decider: 'rules' })}`);
  }
  const rows: string[] = [];
  for (const set of sets) {
    const model = scoreSet(set.docs, set.gold, verbose);
    const rules = scoreSet(set.docs, set.gold, false, { decider: 'rules' });
    const fitted = (TRAINING_SETS as readonly string[]).includes(set.name) ? ' (fitted on: not evidence)' : '';
    if (verbose) console.log(`\n## ${set.name}\n\n${model.lines.join('\n')}`);
    rows.push(`| ${set.name}${fitted} | ${set.docs.length} | ${f3(model.p)} | ${f3(model.r)} | ${f3(model.f1)} | ${f3(model.evidence)} | ${f3(rules.f1)} |`);
  }
  console.log('\n## Each set (score.py)\n\n| set | docs | P | R | F1 | evidence | rules-alone F1 |\n|---|---|---|---|---|---|---|');
  console.log(rows.join('\n'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main();
