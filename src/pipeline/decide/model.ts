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
import { WORD_PREFIXES, wordFeatureName, type FeatureRun, type WordRun } from './feature-run.js';

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

/** Names the table keeps, found or not, before it stops adding names it lacks (a long ingest meets ever more words). */
const MAX_NAMES = 200_000;

/** A stem's word feature offsets: by WORD_PREFIXES index, and wp's by proposition slot; a hole is not looked up yet. */
interface WordEntry {
  readonly byPrefix: number[];
  readonly wp: number[];
}

/**
 * Both views' weights of the names met so far, six a name (the full view's three,
 * then the structural view's; zeros where a view lacks the name, and x + 0 is x:
 * the sums are those of a lookup per view). Built as names come, so a one-file run
 * looks up only its own; word features are kept by stem, so no name is built for
 * a word met before.
 */
class FeatureTable {
  weights = new Float64Array(6 * 1024);
  private size = 0;
  private readonly offsets = new Map<string, number>();
  /** Per stem, the offsets of its word features. */
  private readonly words = new Map<string, WordEntry>();
  private readonly entriesOfStems = new WeakMap<readonly string[], readonly WordEntry[]>();
  /** A number per proposition, wp's index into WordEntry.wp. */
  private readonly propositionSlots = new Map<string, number>();

  constructor(
    private readonly full: WeightLookup,
    private readonly structural: WeightLookup | undefined,
  ) {}

  /** Where the name's six weights start, or -1 when neither view has it. */
  offsetOf(name: string): number {
    let at = this.offsets.get(name);
    if (at === undefined) {
      at = this.add(name);
      if (at >= 0 || this.offsets.size < MAX_NAMES) this.offsets.set(name, at);
    }
    return at;
  }

  /**
   * Adds the weights of a run of word features onto `into`. A run's stems array
   * shared by runs (a sentence's words, alone and with each proposition) finds its
   * stems' entries once.
   */
  addWords({ prefix, stems, proposition }: WordRun, shared: boolean, into: Float64Array): void {
    const slot = prefix === 'wp' ? this.propositionSlot(proposition!) : WORD_PREFIXES.indexOf(prefix);
    const entries = shared ? this.entriesOf(stems) : undefined;
    for (let i = 0; i < stems.length; i++) {
      const entry = entries ? entries[i]! : this.entryOf(stems[i]!);
      const offsets = prefix === 'wp' ? entry.wp : entry.byPrefix;
      let at = offsets[slot];
      if (at === undefined) offsets[slot] = at = this.add(wordFeatureName(prefix, stems[i]!, proposition));
      if (at < 0) continue;
      const weights = this.weights;
      for (let k = 0; k < 6; k++) into[k]! += weights[at + k]!;
    }
  }

  private entryOf(stem: string): WordEntry {
    let entry = this.words.get(stem);
    if (!entry) {
      if (this.words.size >= MAX_NAMES) this.words.clear();
      this.words.set(stem, (entry = { byPrefix: [], wp: [] }));
    }
    return entry;
  }

  private entriesOf(stems: readonly string[]): readonly WordEntry[] {
    let entries = this.entriesOfStems.get(stems);
    if (!entries) this.entriesOfStems.set(stems, (entries = stems.map((stem) => this.entryOf(stem))));
    return entries;
  }

  private propositionSlot(proposition: string): number {
    let slot = this.propositionSlots.get(proposition);
    if (slot === undefined) this.propositionSlots.set(proposition, (slot = this.propositionSlots.size));
    return slot;
  }

  private add(name: string): number {
    const w = this.full.get(name);
    const v = this.structural?.get(name);
    if (!w && !v) return -1;
    const at = this.size * 6;
    if (at + 6 > this.weights.length) {
      const grown = new Float64Array(this.weights.length * 2);
      grown.set(this.weights);
      this.weights = grown;
    }
    if (w) this.weights.set(w, at);
    if (v) this.weights.set(v, at + 3);
    this.size++;
    return at;
  }
}

/** Per full view, its table alone and with each structural view (a table scores as one view or two, not either). */
const featureTables = new WeakMap<ModelViews['weights'], { alone?: FeatureTable; with: WeakMap<ModelViews['weights'], FeatureTable> }>();

function featureTableOf({ weights, structuralWeights }: ModelViews): FeatureTable {
  let tables = featureTables.get(weights);
  if (!tables) featureTables.set(weights, (tables = { with: new WeakMap() }));
  if (!structuralWeights) return (tables.alone ??= new FeatureTable(weightMap(weights), undefined));
  let table = tables.with.get(structuralWeights);
  if (!table) tables.with.set(structuralWeights, (table = new FeatureTable(weightMap(weights), weightMap(structuralWeights))));
  return table;
}

/** Each view's class logits (3 a view) over `names`, added onto `into`: the structural view's last when there are two. */
function addLogits(table: FeatureTable, names: readonly string[], into: Float64Array): void {
  for (const name of names) {
    const at = table.offsetOf(name);
    if (at < 0) continue;
    const weights = table.weights;
    for (let k = 0; k < 6; k++) into[k]! += weights[at + k]!;
  }
}

/** addLogits over a run: its names, then its words. */
function addRunLogits(table: FeatureTable, run: FeatureRun, shared: boolean, into: Float64Array): void {
  addLogits(table, run.names, into);
  for (const words of run.words) table.addWords(words, shared, into);
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
  addLogits(featureTableOf(views), features, z);
  return probabilitiesOfLogits(views, z);
}

/** modelProbabilitiesOfRuns' sums, reused: it runs once per candidate and keeps nothing of them. */
const scratchLogits = new Float64Array(6);

/** The logits of runs of features shared by many candidates, per model: summed once per run. */
const sharedLogits = new WeakMap<FeatureTable, WeakMap<FeatureRun, Float64Array>>();

/**
 * modelProbabilities over features given as runs, each of `shared` being one that many
 * candidates hold (the same object): its weights are summed once, not per candidate.
 * The same probabilities up to the order of floating-point additions.
 */
export function modelProbabilitiesOfRuns(views: ModelViews, own: readonly FeatureRun[], shared: readonly FeatureRun[]): ClassProbabilities {
  const table = featureTableOf(views);
  let byRun = sharedLogits.get(table);
  if (!byRun) sharedLogits.set(table, (byRun = new WeakMap()));
  const z = scratchLogits.fill(0);
  for (const run of shared) {
    let sums = byRun.get(run);
    if (!sums) {
      sums = new Float64Array(6);
      addRunLogits(table, run, true, sums);
      byRun.set(run, sums);
    }
    for (let k = 0; k < 6; k++) z[k]! += sums[k]!;
  }
  for (const run of own) addRunLogits(table, run, false, z);
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
