// wink-nlp's English model (wink-eng-lite-web-model) as segmentation loads it:
// the same files and the same tables, with less work at start-up. The package's
// own loader parses its 3 MB core twice (a JSON round trip to copy it), decodes
// base64 one byte at a time, and loads the named-entity and sentiment machines
// and the lemmatiser's word lists whatever pipes are asked for. Here the core is
// parsed once, base64 is decoded natively, the parts no requested pipe runs
// are empty machines, and the decoded core is kept in the cache folder
// (wink-core-cache.ts) for the next process. test/segment.test.ts checks the
// tokens, tags and sentences against the package's loader.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Model } from 'wink-nlp';
import { indexRecord, StringIndex } from '../../util/string-index.js';
import { type CoreSource, fileBytes, readCoreCache, type RawCore, writeCoreCache } from './wink-core-cache.js';

const require = createRequire(import.meta.url);
/** The package's compiled folder (its `main` is dist/model.js). */
const MODEL_DIR = dirname(require.resolve('wink-eng-lite-web-model'));
const MODELS = join(MODEL_DIR, 'languages/cur/models');
const CORE_FILE = join(MODELS, 'eng-core-web-model.json');

/** A machine that recognises nothing, in wink's export format (automaton.js emptyModelJSON). */
const EMPTY_MACHINE = JSON.stringify([100, 0, { 0: {} }, {}, {}, {}]);

/** The pipes that need a machine of their own beyond the core; the rest get empty ones. */
export type WinkPipe = 'sbd' | 'pos' | 'negation' | 'ner' | 'sentiment';

interface CoreModel {
  lexicon: string | Uint32Array;
  xpansions: string | Uint32Array;
  packing: { layout: Record<string, number[]>; efList?: string[] };
  pos: { hash: Record<string, number> };
  features: Record<string, { list: unknown[]; hash?: Record<string, number>; intrinsicSize?: number; index?: number; maxIndex?: number }>;
}

function fromBase64(data: string): ArrayBuffer {
  const bytes = Buffer.from(data, 'base64');
  // A buffer of its own, as the package's decoder makes: Node may hand out a slice of a shared pool.
  const own = new ArrayBuffer(bytes.length);
  new Uint8Array(own).set(bytes);
  return own;
}

/** The package's core file as it reads it (read-core-model.js), with one JSON parse and native base64 decoding. */
function readPackageCore(): RawCore {
  const rest = JSON.parse(readFileSync(CORE_FILE, 'utf8')) as Record<string, unknown> & CoreModel;
  const lexicon = new Uint32Array(fromBase64(rest.lexicon as string));
  const xpansions = new Uint32Array(fromBase64(rest.xpansions as string));
  const lexemes = rest.features.lexeme!.list as string[];
  delete (rest as Partial<CoreModel>).lexicon;
  delete (rest as Partial<CoreModel>).xpansions;
  rest.features.lexeme!.list = [];
  return { lexicon, xpansions, lexemes, lexemeIndex: new StringIndex(lexemes), rest };
}

/** What names the cached core: the model package's version and the size of its core file. */
export function winkCoreSource(): CoreSource {
  return { version: (require(join(MODEL_DIR, '../package.json')) as { version: string }).version, bytes: fileBytes(CORE_FILE) };
}

/** The core read from the cache folder, else from the package (and then cached), then made ready as load-core-model.js does. */
function loadCore(): CoreModel {
  const source = winkCoreSource();
  let raw = readCoreCache(source);
  if (!raw) {
    raw = readPackageCore();
    writeCoreCache(source, raw);
  }
  const model = raw.rest as unknown as CoreModel;
  model.lexicon = raw.lexicon;
  model.xpansions = raw.xpansions;
  model.features.lexeme!.list = raw.lexemes;
  const { packing, features, pos } = model;
  for (const f in packing.layout) {
    if (packing.layout[f]![3] !== 0) continue;
    const hash: Record<string, number> = Object.create(null) as Record<string, number>;
    const list = features[f]!.list;
    for (let k = 0; k < list.length; k++) hash[list[k] as string] = k;
    features[f]!.hash = hash;
  }
  // 87 k lexemes: an index over the list is built in a tenth of the time an object with those keys takes, and read from the cache in none.
  const lexemes = features.lexeme!.list;
  features.lexeme!.hash = indexRecord(raw.lexemeIndex);
  const clusters = features.posClusters!.list;
  for (let k = 0; k < clusters.length; k++) clusters[k] = new Set((clusters[k] as string).split('_').map((e) => pos.hash[e] || 0));
  // load-core-model.js
  packing.efList = [];
  for (const f in packing.layout) {
    const layout = packing.layout[f]!;
    if (layout[3] === 0) {
      const feature = features[f]!;
      feature.intrinsicSize = feature.list.length;
      feature.index = feature.list.length;
      feature.maxIndex = layout[1]! >>> layout[2]!;
    }
    if (layout[4] === 1) packing.efList.push(f);
  }
  features.lexeme!.intrinsicSize = lexemes.length;
  features.lexeme!.index = lexemes.length;
  return model;
}

const machines = (file: string): unknown => require(join(MODELS, file));
const part = (file: string): unknown => require(join(MODEL_DIR, file));

/** The English model for `winkNLP(model, pipes)`, with machines only for `pipes`. */
export function winkModel(pipes: readonly WinkPipe[]): Model {
  const uses = (pipe: WinkPipe): boolean => pipes.includes(pipe);
  const model = Object.create(null) as Record<string, unknown>;
  model.core = loadCore;
  // wink always loads the sentence machines; the tagger's too (its cache reads them).
  model.sbd = () => ({ machines: machines('eng-sbd-model.json'), setter: part('sbd-setter.js'), transformers: part('sbd-transformers.js') });
  model.pos = () => ({ machines: machines('eng-pos-model.json'), setter: part('pos-setter.js'), updater: part('pos-updater.js'), transformers: part('pos-transformers.js') });
  model.ner = () => (uses('ner') ? { machines: machines('eng-ner-model.json'), transformers: part('ner-transformers.js') } : { machines: [], transformers: [] });
  model.negation = () => ({ machines: uses('negation') ? machines('eng-negation-model.json') : [EMPTY_MACHINE], setter: part('negation-setter.js') });
  model.sa = () => ({ machines: uses('sentiment') ? machines('eng-sa-model.json') : [EMPTY_MACHINE], setter: part('sa-setter.js') });
  model.metaCER = () => {
    const loaded = require(join(MODEL_DIR, 'load-cer-meta-model.js')) as () => unknown;
    return loaded();
  };
  model.featureFn = part('feature.js');
  // Addons serve its.stem, its.lemma and readability stats, which no stage reads: loaded if asked for.
  const addons = Object.create(null) as Record<string, unknown>;
  for (const [name, file] of [
    ['stem', 'porter-stemmer.js'],
    ['lemmatize', 'lemmatize.js'],
    ['readabilityStats', 'readability-stats.js'],
  ] as const) {
    Object.defineProperty(addons, name, { get: () => part(file), enumerable: true });
  }
  addons.wordVectors = undefined;
  model.addons = addons;
  return model as unknown as Model;
}
