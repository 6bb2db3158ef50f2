// `parley train`: fit the pack's decider from labelled documents and write it
// into the pack as model.json, with its cross-validated scores in the header.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PACK_DIR } from '../pack/load-pack.js';
import { compilePack } from '../pack/compile.js';
import { loadPack } from '../pack/load-pack.js';
import { MODEL_FILE, type DeciderModel } from '../pipeline/decide/model.js';
import { trainModel } from '../learn/train.js';

export interface TrainCommandOptions {
  readonly pack?: string;
  readonly gold: readonly string[];
  readonly seed?: number;
  readonly folds?: number;
  /** Where to write the model; default: the pack's model.json. */
  readonly out?: string;
}

/** Train, write the model, and return the line to print on stderr. */
export function runTrain(docs: readonly string[], options: TrainCommandOptions): string {
  const dir = options.pack ?? DEFAULT_PACK_DIR;
  // The rules run without any model the pack already has: training must not learn from its own output.
  const pack = compilePack(loadPack(dir));
  const { model, cv } = trainModel(docs, options.gold, pack, { ...(options.seed !== undefined ? { seed: options.seed } : {}), ...(options.folds !== undefined ? { folds: options.folds } : {}) });
  const out = options.out ?? join(dir, MODEL_FILE);
  writeFileSync(out, serialiseModel(model));
  const s = cv.scores;
  const structural = model.structuralWeights ? ` (${Object.keys(model.structuralWeights).length} in the structural view)` : '';
  return `train: ${docs.length} documents, ${Object.keys(model.weights).length} features${structural} → ${out}; ${cv.folds}-fold cross-validation P ${s.p.toFixed(3)} R ${s.r.toFixed(3)} F1 ${s.f1.toFixed(3)} at threshold ${cv.threshold}, candidate recall ${cv.candidateRecall.toFixed(3)}`;
}

/** One weight row a line, so the file diffs well and reads as JSON. */
export function serialiseModel(model: DeciderModel): string {
  const { weights, structuralWeights, ...rest } = model;
  const head = JSON.stringify(rest, null, 2).replace(/\n}$/, '');
  const table = (key: string, table: DeciderModel['weights']): string =>
    `  ${JSON.stringify(key)}: {\n${Object.entries(table).map(([name, w]) => `    ${JSON.stringify(name)}: ${JSON.stringify(w)}`).join(',\n')}\n  }`;
  const tables = [table('weights', weights), ...(structuralWeights ? [table('structuralWeights', structuralWeights)] : [])];
  return `${head},\n${tables.join(',\n')}\n}\n`;
}
