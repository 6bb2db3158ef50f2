// Fitting the decider: multinomial logistic regression with L2, trained by
// AdaGrad over the examples in a seeded order, so the same data and seed give
// the same weights bit for bit. The features are sparse and named (tens of
// thousands, a few dozen active per candidate); the dense-matrix libraries on
// npm (ml-logistic-regression) would hold a 10⁴ × 10⁴ matrix for this, so the
// thirty lines below are the smaller dependency.
import type { DeciderModel, ModelViews } from './model.js';
import { isWordFeature } from './features.js';
import { seeded, shuffleInPlace } from '../../util/random.js';

export interface Example {
  readonly features: readonly string[];
  /** Index into CLASSES: 0 none, 1 support, 2 oppose. */
  readonly label: 0 | 1 | 2;
}

export interface FitOptions {
  readonly seed: number;
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  /** Features seen in fewer training examples are left out. */
  readonly minCount: number;
}

// Chosen by 5-fold cross-validation on the labelled documents (lower rates and more L2 overfit less).
export const DEFAULT_FIT: FitOptions = { seed: 7, epochs: 30, learningRate: 0.03, l2: 1e-3, minCount: 2 };

/** Weights for the examples; rounded to 5 decimals and pruned, so the file is stable and small. */
export function fitWeights(examples: readonly Example[], options: FitOptions = DEFAULT_FIT): DeciderModel['weights'] {
  const counts = new Map<string, number>();
  for (const ex of examples) for (const name of ex.features) counts.set(name, (counts.get(name) ?? 0) + 1);
  const names = [...counts.keys()].filter((n) => counts.get(n)! >= options.minCount).sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const rows = examples.map((ex) => ({ ids: ex.features.map((n) => index.get(n)).filter((i): i is number => i !== undefined), label: ex.label }));
  const w = new Float64Array(names.length * 3);
  const g2 = new Float64Array(names.length * 3).fill(1e-8);
  const next = seeded(options.seed);
  const order = rows.map((_, i) => i);
  const p = [0, 0, 0];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, next);
    for (const r of order) {
      const { ids, label } = rows[r]!;
      const z = [0, 0, 0];
      for (const id of ids) for (let k = 0; k < 3; k++) z[k]! += w[id * 3 + k]!;
      const m = Math.max(z[0]!, z[1]!, z[2]!);
      let sum = 0;
      for (let k = 0; k < 3; k++) sum += p[k] = Math.exp(z[k]! - m);
      for (let k = 0; k < 3; k++) {
        const grad = p[k]! / sum - (k === label ? 1 : 0);
        for (const id of ids) {
          const at = id * 3 + k;
          const g = grad + options.l2 * w[at]!;
          g2[at]! += g * g;
          w[at]! -= (options.learningRate * g) / Math.sqrt(g2[at]!);
        }
      }
    }
  }
  const weights: DeciderModel['weights'] = {};
  names.forEach((name, i) => {
    const row: [number, number, number] = [0, 0, 0];
    for (let k = 0; k < 3; k++) row[k] = Math.round(w[i * 3 + k]! * 1e5) / 1e5;
    if (row.some((v) => Math.abs(v) >= 1e-4)) weights[name] = row;
  });
  return weights;
}

/** Both views of a model: every feature, and the structural features alone (no words). */
export function fitViews(examples: readonly Example[], options: FitOptions = DEFAULT_FIT): Required<ModelViews> {
  const structural = examples.map((ex) => ({ features: ex.features.filter((name) => !isWordFeature(name)), label: ex.label }));
  return { weights: fitWeights(examples, options), structuralWeights: fitWeights(structural, options) };
}
