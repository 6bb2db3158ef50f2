// The decider's model: multinomial logistic regression over named binary
// features, three classes (no stance, support, oppose). A model may hold a
// second view of the same candidates, fitted without the word features: its
// class probabilities are averaged with the first's. Words tie a model to the
// stories it was fitted on; the structural view keeps its say on articles
// about other events. A model is a JSON file in the pack with a header that
// says how it was made (the model card).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z as Zod } from 'zod';
import { lazyModule } from '../../util/lazy-module.js';

export const CLASSES = ['none', 'support', 'oppose'] as const;
export type DecisionClass = (typeof CLASSES)[number];

export const MODEL_FILE = 'model.json';

/** zod loads when a model file is first checked: a pack read from its cache holds a model checked before. */
const zod = lazyModule<typeof import('zod')>('zod');

function buildModelSchemas(z: typeof Zod) {
  const headerSchema = z.object({
    format: z.literal('parley-decider/1'),
    trainedOn: z.array(z.object({ gold: z.string(), documents: z.number(), claims: z.number() })),
    seed: z.number(),
    features: z.array(z.string()),
    training: z.record(z.string(), z.union([z.number(), z.string()])),
    crossValidation: z.record(z.string(), z.unknown()).optional(),
    versions: z.record(z.string(), z.string()),
  });

  const modelSchema = z.object({
    header: headerSchema,
    /** A stance is claimed when its probability reaches this. */
    threshold: z.number().min(0).max(1),
    /** Learned keyword stems → the propositions they name (candidates beyond the pack's cues). */
    keywords: z.record(z.string(), z.array(z.string())),
    /** Feature → weight per class, in the order of CLASSES. */
    weights: z.record(z.string(), z.tuple([z.number(), z.number(), z.number()])),
    /** The structural view: the same, fitted without the word features; when present the two views' probabilities are averaged. */
    structuralWeights: z.record(z.string(), z.tuple([z.number(), z.number(), z.number()])).optional(),
  });
  return { headerSchema, modelSchema };
}

type ModelSchemas = ReturnType<typeof buildModelSchemas>;
let modelSchemas: ModelSchemas | undefined;

export type DeciderModel = Zod.infer<ModelSchemas['modelSchema']>;
export type ModelHeader = Zod.infer<ModelSchemas['headerSchema']>;
export type ClassProbabilities = readonly [number, number, number];

/** The model of a pack folder, or undefined when the pack has none (its rules decide alone). */
export function loadModel(packDir: string): DeciderModel | undefined {
  const file = join(packDir, MODEL_FILE);
  if (!existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: not JSON (${(err as Error).message})`);
  }
  modelSchemas ??= buildModelSchemas(zod().z);
  const parsed = modelSchemas.modelSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** A feature's weight per class by the feature's name: a Map, or the pack cache's compact table. */
export interface WeightLookup {
  get(name: string): readonly [number, number, number] | undefined;
  /** Every name with its weights, without a lookup per name (the compact table has one). */
  eachWeight?(visit: (name: string, weights: readonly [number, number, number]) => void): void;
}

const weightMaps = new WeakMap<DeciderModel['weights'], WeightLookup>();

/** Look `weights` up in `lookup` rather than in a Map built from its keys (src/pack/compact-weights.ts). */
export function useWeightLookup(weights: DeciderModel['weights'], lookup: WeightLookup): void {
  weightMaps.set(weights, lookup);
}

/** The weights as a Map: tens of thousands of keys look up faster there than on an object. */
function weightMap(weights: DeciderModel['weights']): WeightLookup {
  let map = weightMaps.get(weights);
  if (!map) {
    // A for-in loop, not Object.entries: no pair array per weight, a third of the time at start-up.
    const built = new Map<string, readonly [number, number, number]>();
    for (const name in weights) built.set(name, weights[name]!);
    weightMaps.set(weights, (map = built));
  }
  return map;
}

function softmax(z0: number, z1: number, z2: number): ClassProbabilities {
  const m = Math.max(z0, z1, z2);
  const e0 = Math.exp(z0 - m);
  const e1 = Math.exp(z1 - m);
  const e2 = Math.exp(z2 - m);
  const sum = e0 + e1 + e2;
  return [e0 / sum, e1 / sum, e2 / sum];
}

/** Class probabilities of one feature list under the weights. */
export function classProbabilities(weights: DeciderModel['weights'], features: readonly string[]): ClassProbabilities {
  return modelProbabilities({ weights }, features);
}

/** The weight tables a model scores with, e.g. `{ weights, structuralWeights }` of a model file. */
export type ModelViews = Pick<DeciderModel, 'weights' | 'structuralWeights'>;

/** Both views' weights in one table: per name, its offset into six weights (the full view's three, then the structural view's). */
interface BothViews {
  readonly offsets: Map<string, number>;
  readonly weights: Float64Array;
}

const bothViewsTables = new WeakMap<ModelViews['weights'], BothViews>();

/**
 * Feature runs a two-view model scores with a lookup per view before it builds the
 * one table (25 ms for the bundled model): a one-file run ends long before, a long
 * ingest gets there within its first documents.
 */
const MERGE_VIEWS_AFTER = 5_000;
const twoViewCalls = new WeakMap<ModelViews['weights'], number>();

/** Call `visit` for every name and weights of a table, through its lookup's own walk when it has one. */
function forEachWeight(weights: DeciderModel['weights'], visit: (name: string, w: readonly [number, number, number]) => void): void {
  const walk = weightMaps.get(weights)?.eachWeight;
  if (walk) walk(visit);
  else for (const name in weights) visit(name, weights[name]!);
}

/**
 * One lookup per feature for a two-view model, not one per view. A name one view
 * lacks holds zeros there, and x + 0 is x: the sums are the same as the two
 * lookups give.
 */
function bothViewsOf(views: Required<ModelViews>): BothViews {
  let table = bothViewsTables.get(views.weights);
  if (!table) {
    const offsets = new Map<string, number>();
    const rows: [string, number, readonly [number, number, number]][] = [];
    const add = (view: number) => (name: string, w: readonly [number, number, number]) => {
      if (!offsets.has(name)) offsets.set(name, offsets.size * 6);
      rows.push([name, view, w]);
    };
    forEachWeight(views.weights, add(0));
    forEachWeight(views.structuralWeights, add(3));
    const weights = new Float64Array(offsets.size * 6);
    for (const [name, view, w] of rows) weights.set(w, offsets.get(name)! + view);
    bothViewsTables.set(views.weights, (table = { offsets, weights }));
  }
  return table;
}

/** Each view's class logits (3 a view) over `names`, added onto `into`: the structural view's last when there are two. */
function addLogits(views: ModelViews, names: readonly string[], into: Float64Array): void {
  if (views.structuralWeights) {
    const calls = (twoViewCalls.get(views.weights) ?? 0) + 1;
    if (calls > MERGE_VIEWS_AFTER) {
      const { offsets, weights } = bothViewsOf(views as Required<ModelViews>);
      for (const name of names) {
        const at = offsets.get(name);
        if (at === undefined) continue;
        for (let k = 0; k < 6; k++) into[k]! += weights[at + k]!;
      }
      return;
    }
    twoViewCalls.set(views.weights, calls);
  }
  // A lookup per view.
  const full = weightMap(views.weights);
  const structural = views.structuralWeights ? weightMap(views.structuralWeights) : undefined;
  for (const name of names) {
    const w = full.get(name);
    if (w) {
      into[0]! += w[0];
      into[1]! += w[1];
      into[2]! += w[2];
    }
    const v = structural?.get(name);
    if (v) {
      into[3]! += v[0];
      into[4]! += v[1];
      into[5]! += v[2];
    }
  }
}

function probabilitiesOfLogits(views: ModelViews, z: Float64Array): ClassProbabilities {
  const a = softmax(z[0]!, z[1]!, z[2]!);
  if (!views.structuralWeights) return a;
  const b = softmax(z[3]!, z[4]!, z[5]!);
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];
}

/** A candidate's class probabilities under the model: one view's, or the mean of both views'. */
export function modelProbabilities(views: ModelViews, features: readonly string[]): ClassProbabilities {
  const z = new Float64Array(6);
  addLogits(views, features, z);
  return probabilitiesOfLogits(views, z);
}

/** The logits of runs of features shared by many candidates, per model: summed once per run. */
const sharedLogits = new WeakMap<ModelViews['weights'], WeakMap<readonly string[], Float64Array>>();

/**
 * modelProbabilities over features given as runs, each of `shared` being one that many
 * candidates hold (the same array): its weights are summed once, not per candidate.
 * The same probabilities up to the order of floating-point additions.
 */
export function modelProbabilitiesOfRuns(views: ModelViews, own: readonly (readonly string[])[], shared: readonly (readonly string[])[]): ClassProbabilities {
  let byRun = sharedLogits.get(views.weights);
  if (!byRun) sharedLogits.set(views.weights, (byRun = new WeakMap()));
  const z = new Float64Array(6);
  for (const run of shared) {
    let sums = byRun.get(run);
    if (!sums) {
      sums = new Float64Array(6);
      addLogits(views, run, sums);
      byRun.set(run, sums);
    }
    for (let k = 0; k < 6; k++) z[k]! += sums[k]!;
  }
  for (const run of own) addLogits(views, run, z);
  return probabilitiesOfLogits(views, z);
}

export interface Contribution {
  readonly feature: string;
  /** How far the feature moves the class's log-odds against "none". */
  readonly weight: number;
}

/**
 * The features that pushed a candidate towards a class (positive) or away from it
 * (negative), strongest first: with two views, the mean of the feature's push in each.
 */
export function contributions(views: ModelViews, features: readonly string[], cls: 'support' | 'oppose', top = 5): { for: Contribution[]; against: Contribution[] } {
  const k = CLASSES.indexOf(cls);
  const tables = views.structuralWeights ? [views.weights, views.structuralWeights] : [views.weights];
  const all: Contribution[] = [];
  for (const feature of features) {
    let push = 0;
    let found = false;
    for (const table of tables) {
      const w = table[feature];
      if (!w) continue;
      push += w[k]! - w[0];
      found = true;
    }
    if (found) all.push({ feature, weight: push / tables.length });
  }
  all.sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight) || (x.feature < y.feature ? -1 : 1));
  return { for: all.filter((c) => c.weight > 0).slice(0, top), against: all.filter((c) => c.weight < 0).slice(0, top) };
}
