// The decider's weights in the pack cache's compact form: read back, they are
// the model's to the bit, and a damaged entry is passed over.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compactWeights, expandWeights } from '../src/pack/compact-weights.js';
import { getPack } from '../src/pack/compile.js';
import { DEFAULT_PACK_DIR } from '../src/pack/load-pack.js';
import { packHash, readCachedPack } from '../src/pack/pack-cache.js';
import { classProbabilities, contributions, loadModel, modelProbabilities } from '../src/pipeline/decide/model.js';
import { useTempCacheDir } from './helpers.js';

const model = loadModel(DEFAULT_PACK_DIR)!;

describe('compact weights', () => {
  it('reads back every feature and weight bit for bit', () => {
    const compact = compactWeights(model.weights)!;
    const weights = expandWeights(JSON.parse(JSON.stringify(compact)));
    expect(Object.keys(weights)).toEqual(Object.keys(model.weights));
    expect(Object.keys(weights).length).toBeGreaterThan(1000);
    for (const [name, w] of Object.entries(model.weights)) expect(weights[name]).toEqual(w);
    expect(weights['no such feature']).toBeUndefined();
    expect('no such feature' in weights).toBe(false);
    const features = [...Object.keys(model.weights).filter((_, i) => i % 97 === 0), 'no such feature'];
    expect(classProbabilities(weights, features)).toEqual(classProbabilities(model.weights, features));
    expect(contributions({ weights }, features, 'support')).toEqual(contributions({ weights: model.weights }, features, 'support'));
  });

  it('reads back both views of a model: the same probabilities and contributions', () => {
    expect(model.structuralWeights).toBeDefined();
    const views = { weights: expandWeights(compactWeights(model.weights)!), structuralWeights: expandWeights(compactWeights(model.structuralWeights!)!) };
    const features = [...Object.keys(model.weights).filter((_, i) => i % 89 === 0), ...Object.keys(model.structuralWeights!).filter((_, i) => i % 7 === 0)];
    expect(modelProbabilities(views, features)).toEqual(modelProbabilities(model, features));
    expect(contributions(views, features, 'oppose')).toEqual(contributions(model, features, 'oppose'));
  });

  it('keeps a model with no weights', () => {
    expect(Object.keys(expandWeights(compactWeights({})!))).toEqual([]);
  });

  it('is not made for a feature name with a newline (the cache is then not written)', () => {
    expect(compactWeights({ 'a\nb': [0, 1, 2] })).toBeNull();
  });

  describe('in the pack cache', () => {
    const cacheDir = useTempCacheDir('parley-weights-cache-');

    it('passes over an entry whose weights are damaged, and compiles the pack', () => {
      const dir = join(mkdtempSync(join(tmpdir(), 'parley-pack-')), 'pack');
      cpSync(DEFAULT_PACK_DIR, dir, { recursive: true });
      getPack(dir);
      const hash = packHash(dir);
      expect(readCachedPack(hash)?.model?.weights).toBeDefined();
      const file = join(cacheDir(), `pack-${hash.slice(0, 32)}.json`);
      const entry = JSON.parse(readFileSync(file, 'utf8')) as { model: { weights: { values: string } } };
      entry.model.weights.values = entry.model.weights.values.slice(0, 400);
      writeFileSync(file, JSON.stringify(entry));
      expect(readCachedPack(hash)).toBeUndefined();
    });
  });
});
