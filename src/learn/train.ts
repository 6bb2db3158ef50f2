// Training and measuring the decider: document-level cross-validation (copies of
// one story kept in one fold), a threshold chosen on the held-out folds, then the
// final model fitted on every document. Same documents, gold and seed → the same
// model file, byte for byte.
import { createRequire } from 'node:module';
import { DUPLICATE_THRESHOLD, estimateJaccard, minhash } from '../dedup/minhash.js';
import type { CompiledPack } from '../pack/compile.js';
import type { KeywordIndex } from '../pipeline/decide/candidates.js';
import { keywordIndexOf } from '../pipeline/decide/decide.js';
import { DEFAULT_FIT, fitViews, type Example, type FitOptions } from '../pipeline/decide/fit.js';
import { FEATURE_SET } from '../pipeline/decide/features.js';
import { modelProbabilities, type DeciderModel, type ModelViews } from '../pipeline/decide/model.js';
import type { Polarity } from '../pipeline/types.js';
import { seeded, shuffleInPlace } from '../util/random.js';
import { readGold } from './gold.js';
import { labelDocument, labelledCandidates, learnKeywords, type LabelledDocument } from './dataset.js';

export interface DocumentPrediction {
  readonly doc: string;
  readonly actor: string;
  readonly proposition: string;
  readonly polarity: Polarity;
  readonly probability: number;
  readonly sentenceIndex: number;
  readonly evidence: string;
  readonly start: number;
  readonly end: number;
}

export interface Scores {
  readonly p: number;
  readonly r: number;
  readonly f1: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

export function prf(tp: number, fp: number, fn: number): Scores {
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, tp, fp, fn };
}

const keyOf = (x: { doc: string; actor: string; proposition: string; polarity: string }): string => `${x.doc}|${x.actor}|${x.proposition}|${x.polarity}`;

/** Micro P/R/F1 over (document, actor, proposition, polarity), as the reference scorer counts, scored actors only. */
export function scoreClaims(docs: readonly LabelledDocument[], predicted: readonly { doc: string; actor: string; proposition: string; polarity: string }[], pack: CompiledPack, by?: 'actor' | 'proposition'): Map<string, Scores> {
  const scored = (x: { actor: string }): boolean => pack.scoredActors.has(x.actor);
  const gold = new Set(docs.flatMap((d) => d.gold.filter(scored).map(keyOf)));
  const pred = new Set(predicted.filter(scored).map(keyOf));
  const group = (key: string): string => (by ? key.split('|')[by === 'actor' ? 1 : 2]! : 'all');
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (key: string, field: 'tp' | 'fp' | 'fn'): void => {
    const g = group(key);
    const c = counts.get(g) ?? { tp: 0, fp: 0, fn: 0 };
    c[field]++;
    counts.set(g, c);
  };
  for (const k of pred) bump(k, gold.has(k) ? 'tp' : 'fp');
  for (const k of gold) if (!pred.has(k)) bump(k, 'fn');
  return new Map([...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([g, c]) => [g, prf(c.tp, c.fp, c.fn)]));
}

/** Copies of one story (near-duplicates) share a group, so no fold trains on a copy of what it tests. */
function storyGroups(docs: readonly LabelledDocument[]): number[] {
  const sigs = docs.map((d) => minhash(d.ruled.analysed.segmented.clean.text));
  const group = docs.map((_, i) => i);
  const find = (i: number): number => (group[i] === i ? i : (group[i] = find(group[i]!)));
  for (let i = 0; i < docs.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = sigs[i];
      const b = sigs[j];
      if (a && b && estimateJaccard(a, b) >= DUPLICATE_THRESHOLD) group[find(i)] = find(j);
    }
  }
  return docs.map((_, i) => find(i));
}

/** Fold of each document: story groups dealt round-robin in name order. */
export function foldsOf(docs: readonly LabelledDocument[], k: number): number[] {
  const groups = storyGroups(docs);
  const order = [...new Set(groups)];
  const fold = new Map(order.map((g, i) => [g, i % k]));
  return groups.map((g) => fold.get(g)!);
}

function examplesOf(docs: readonly LabelledDocument[], keywords: KeywordIndex): Example[] {
  const out: Example[] = [];
  for (const doc of docs) for (const c of labelledCandidates(doc, keywords)) if (c.label !== undefined) out.push({ features: c.features, label: c.label });
  return out;
}

/** Every candidate's probabilities, reduced to one row per (document, actor, proposition, polarity, sentence). */
export function predict(docs: readonly LabelledDocument[], views: ModelViews, keywords: KeywordIndex): DocumentPrediction[] {
  const out: DocumentPrediction[] = [];
  for (const doc of docs) {
    for (const c of labelledCandidates(doc, keywords)) {
      const [, support, oppose] = modelProbabilities(views, c.features);
      const s = c.candidate.analysis.sentence;
      for (const [polarity, probability] of [['support', support], ['oppose', oppose]] as const) {
        out.push({ doc: doc.name, actor: c.candidate.actor, proposition: c.candidate.proposition, polarity, probability, sentenceIndex: s.index, evidence: s.text, start: s.start, end: s.end });
      }
    }
  }
  return out;
}

export interface CrossValidation {
  readonly folds: number;
  readonly predictions: DocumentPrediction[];
  /** The threshold with the best F1 on the held-out folds. */
  readonly threshold: number;
  readonly scores: Scores;
  readonly candidateRecall: number;
}

/** The first `share` of `docs` in a seeded shuffle: the same documents for the same seed. */
function sampleDocuments(docs: readonly LabelledDocument[], share: number, seed: number): LabelledDocument[] {
  if (share >= 1) return [...docs];
  const order = docs.map((_, i) => i);
  shuffleInPlace(order, seeded(seed));
  return order.slice(0, Math.max(1, Math.round(share * docs.length))).sort((a, b) => a - b).map((i) => docs[i]!);
}

/**
 * k-fold cross-validation by document: keywords and weights learned on the other
 * folds only. With `trainShare` < 1 each fold learns from that share of its training
 * documents (a seeded sample), and is scored on the same held-out fold: the
 * learning curve.
 */
export function crossValidate(docs: readonly LabelledDocument[], pack: CompiledPack, k = 5, fit: FitOptions = DEFAULT_FIT, trainShare = 1): CrossValidation {
  const folds = foldsOf(docs, k);
  const predictions: DocumentPrediction[] = [];
  for (let f = 0; f < k; f++) {
    const train = sampleDocuments(docs.filter((_, i) => folds[i] !== f), trainShare, fit.seed + f);
    const test = docs.filter((_, i) => folds[i] === f);
    const keywords = keywordIndexOf(learnKeywords(train));
    predictions.push(...predict(test, fitViews(examplesOf(train, keywords), fit), keywords));
  }
  const threshold = bestThreshold(docs, predictions, pack);
  const scores = scoreClaims(docs, aboveThreshold(predictions, threshold), pack).get('all') ?? prf(0, 0, 0);
  const candidateKeys = new Set(predictions.map((p) => `${p.doc}|${p.actor}|${p.proposition}`));
  const gold = docs.flatMap((d) => d.gold.filter((g) => pack.scoredActors.has(g.actor)));
  const candidateRecall = gold.filter((g) => candidateKeys.has(`${g.doc}|${g.actor}|${g.proposition}`)).length / Math.max(1, gold.length);
  return { folds: k, predictions, threshold, scores, candidateRecall };
}

export interface LearningCurvePoint {
  /** Share of each fold's training documents the model learned from. */
  readonly share: number;
  /** Training documents per fold, on average. */
  readonly documents: number;
  readonly threshold: number;
  readonly scores: Scores;
}

/**
 * Cross-validated scores when each fold learns from only a share of its training
 * documents, on the same held-out folds: how much each labelled article adds, so
 * a pack's owner can tell whether labelling more will pay. `full` is the
 * cross-validation at share 1 when the caller has it already.
 */
export function learningCurve(docs: readonly LabelledDocument[], pack: CompiledPack, shares: readonly number[], k = 5, fit: FitOptions = DEFAULT_FIT, full?: CrossValidation): LearningCurvePoint[] {
  const perFold = (docs.length * (k - 1)) / k;
  return shares.map((share) => {
    const cv = share >= 1 && full ? full : crossValidate(docs, pack, k, fit, share);
    return { share, documents: Math.round(Math.max(1, share * perFold)), threshold: cv.threshold, scores: cv.scores };
  });
}

export function aboveThreshold(predictions: readonly DocumentPrediction[], threshold: number): DocumentPrediction[] {
  return predictions.filter((p) => p.probability >= threshold);
}

/** F1 differences smaller than this are noise across folds (a handful of claims). */
const F1_TIE = 0.005;

/**
 * The threshold for the held-out folds: the highest one whose F1 is within
 * F1_TIE of the best. The F1 curve is flat near its top; among thresholds that
 * tie, the stricter one shows fewer wrong claims, which cost a reader more than
 * missing ones.
 */
function bestThreshold(docs: readonly LabelledDocument[], predictions: readonly DocumentPrediction[], pack: CompiledPack): number {
  const curve: { t: number; f1: number }[] = [];
  for (let t = 0.1; t <= 0.9 + 1e-9; t += 0.025) {
    const t2 = Math.round(t * 1000) / 1000;
    curve.push({ t: t2, f1: scoreClaims(docs, aboveThreshold(predictions, t2), pack).get('all')?.f1 ?? 0 });
  }
  const best = Math.max(...curve.map((c) => c.f1));
  return curve.filter((c) => c.f1 >= best - F1_TIE).at(-1)!.t;
}

/** Reliability of the document-level probabilities: per bin, the mean probability and the share that is gold. */
export function reliability(docs: readonly LabelledDocument[], predictions: readonly DocumentPrediction[], pack: CompiledPack, bins = 10): { from: number; to: number; n: number; meanProbability: number; gold: number }[] {
  const gold = new Set(docs.flatMap((d) => d.gold.map(keyOf)));
  const best = new Map<string, number>();
  for (const p of predictions) if (pack.scoredActors.has(p.actor)) best.set(keyOf(p), Math.max(best.get(keyOf(p)) ?? 0, p.probability));
  const rows = Array.from({ length: bins }, (_, i) => ({ from: i / bins, to: (i + 1) / bins, n: 0, sum: 0, hits: 0 }));
  for (const [key, p] of best) {
    const row = rows[Math.min(bins - 1, Math.floor(p * bins))]!;
    row.n++;
    row.sum += p;
    if (gold.has(key)) row.hits++;
  }
  return rows.filter((r) => r.n > 0).map((r) => ({ from: r.from, to: r.to, n: r.n, meanProbability: r.sum / r.n, gold: r.hits / r.n }));
}

export interface TrainResult {
  readonly model: DeciderModel;
  readonly cv: CrossValidation;
  readonly docs: readonly LabelledDocument[];
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function versions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const own = require('../../package.json') as { version: string };
  const wink = require('wink-nlp/package.json') as { version: string };
  return { parley: own.version, 'wink-nlp': wink.version, node: process.versions.node.split('.')[0]! };
}

/** Label the documents, cross-validate, and fit the final model on all of them. */
export function trainModel(docPaths: readonly string[], goldFiles: readonly string[], pack: CompiledPack, options: { seed?: number; folds?: number } = {}): TrainResult {
  const fit: FitOptions = { ...DEFAULT_FIT, seed: options.seed ?? DEFAULT_FIT.seed };
  const gold = readGold(goldFiles);
  const docs = [...docPaths].sort().map((path) => {
    const name = path.split('/').pop()!;
    return labelDocument(path, gold.get(name) ?? [], pack);
  });
  const cv = crossValidate(docs, pack, options.folds ?? 5, fit);
  const keywords = learnKeywords(docs);
  const { weights, structuralWeights } = fitViews(examplesOf(docs, keywordIndexOf(keywords)), fit);
  const model: DeciderModel = {
    header: {
      format: 'parley-decider/1',
      trainedOn: goldFiles.map((file) => {
        const named = new Set(readGold([file]).keys());
        const own = docs.filter((d) => named.has(d.name));
        return { gold: file.split('/').slice(-2).join('/'), documents: own.length, claims: own.reduce((n, d) => n + d.gold.length, 0) };
      }),
      seed: fit.seed,
      features: [...FEATURE_SET],
      training: { algorithm: 'mean of two multinomial logistic regressions (every feature; without the word features), L2, AdaGrad', epochs: fit.epochs, learningRate: fit.learningRate, l2: fit.l2, minCount: fit.minCount },
      crossValidation: { folds: cv.folds, documents: docs.length, threshold: cv.threshold, precision: round3(cv.scores.p), recall: round3(cv.scores.r), f1: round3(cv.scores.f1), candidateRecall: round3(cv.candidateRecall) },
      versions: versions(),
    },
    threshold: cv.threshold,
    keywords,
    weights,
    structuralWeights,
  };
  return { model, cv, docs };
}
