// wink's core model in the cache folder: written on the first load, read on the
// next, and passed over (then rewritten) when it is damaged, of another version
// or cannot be written; the tokens and tags are the package's either way.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import stockModel from 'wink-eng-lite-web-model';
import winkNLP, { type WinkMethods } from 'wink-nlp';
import { describe, expect, it } from 'vitest';
import { coreCacheFile, readCoreCache } from '../src/pipeline/segment/wink-core-cache.js';
import { winkCoreSource, winkModel } from '../src/pipeline/segment/wink-model.js';
import { useTempCacheDir } from './helpers.js';

const TEXT = "Zelensky said Kyiv wouldn't accept the Kremlin's terms. Dmitrievkov's plan, a 30-day truce, was rejected.";
const read = (nlp: WinkMethods): unknown => {
  const doc = nlp.readDoc(TEXT);
  return [doc.tokens().out(), doc.tokens().out(nlp.its.pos), doc.sentences().out(nlp.its.span)];
};
const expected = read(winkNLP(stockModel, ['sbd', 'pos']));
const lean = (): WinkMethods => winkNLP(winkModel(['sbd', 'pos']), ['sbd', 'pos']);

describe('wink core cache', () => {
  const cacheDir = useTempCacheDir('parley-wink-cache-');
  const cacheFiles = (): string[] => readdirSync(cacheDir()).filter((f) => f.startsWith('wink-core-'));
  const theFile = (): string => join(cacheDir(), cacheFiles()[0]!);

  it('is written on the first load and read back to the same tokens, tags and sentences', () => {
    expect(read(lean())).toEqual(expected);
    expect(cacheFiles()).toHaveLength(1);
    const written = statSync(theFile()).mtimeMs;
    expect(read(lean())).toEqual(expected);
    expect(statSync(theFile()).mtimeMs).toBe(written);
  });

  const damages: [string, (bytes: Buffer) => Buffer][] = [
    ['cut short', (bytes) => bytes.subarray(0, bytes.length >> 1)],
    ['a byte changed in the tables', (bytes) => {
      const copy = Buffer.from(bytes);
      const at = copy.length - 1000;
      copy.writeUInt8(copy.readUInt8(at) ^ 0xff, at);
      return copy;
    }],
    ['not a cache file at all', () => Buffer.from('{"lexicon": ')],
    ['empty', () => Buffer.alloc(0)],
  ];
  it.each(damages)('is passed over and rewritten when %s', (_name, damage) => {
    lean();
    const good = readFileSync(theFile());
    writeFileSync(theFile(), damage(good));
    expect(read(lean())).toEqual(expected);
    expect(readFileSync(theFile()).equals(good)).toBe(true);
  });

  it('is passed over for another version or another package file', () => {
    lean();
    const source = winkCoreSource();
    expect(readCoreCache(source)).toBeDefined();
    expect(readCoreCache({ ...source, bytes: source.bytes + 1 })).toBeUndefined();
    expect(coreCacheFile({ ...source, version: '0.0.0' })).not.toBe(theFile());
    // A file of another version under this version's name.
    const good = readFileSync(theFile());
    const other = Buffer.from(good.toString('latin1').replace(`"version":"${source.version}"`, `"version":"${'9'.repeat(source.version.length)}"`), 'latin1');
    expect(other.equals(good)).toBe(false);
    writeFileSync(theFile(), other);
    expect(readCoreCache(source)).toBeUndefined();
    expect(read(lean())).toEqual(expected);
    expect(readCoreCache(source)).toBeDefined();
  });

  it('still loads the model when the cache folder cannot be made', () => {
    // Under a plain file, so no folder can be made there even by root.
    writeFileSync(join(cacheDir(), 'a-file'), '');
    process.env.PARLEY_CACHE_DIR = join(cacheDir(), 'a-file', 'inside');
    expect(read(lean())).toEqual(expected);
    expect(cacheFiles()).toHaveLength(0);
  });
});
