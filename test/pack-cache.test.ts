// The compiled-pack cache: keyed by the content of every pack file, read back to
// the same pack, and passed over when the cache folder cannot be written.
import { appendFileSync, chmodSync, copyFileSync, cpSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getPack } from '../src/pack/compile.js';
import { DEFAULT_PACK_DIR } from '../src/pack/load-pack.js';
import { packHash, readCachedPack } from '../src/pack/pack-cache.js';
import { loadNoiseRules, NOISE_FILE } from '../src/pipeline/clean/noise-rules.js';
import { parseTextDocument } from '../src/pipeline/ingest/text-reader.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { useTempCacheDir } from './helpers.js';

const TEXT = 'Moscow rejected the ceasefire proposal. Kyiv said it was ready to accept a 30-day ceasefire if Russia did the same.';

describe('pack cache', () => {
  const cacheDir = useTempCacheDir('parley-cache-');

  function packCopy(): string {
    const dir = join(mkdtempSync(join(tmpdir(), 'parley-pack-')), 'pack');
    cpSync(DEFAULT_PACK_DIR, dir, { recursive: true });
    return dir;
  }

  it('writes the compiled pack once and reads it back to the same extraction', () => {
    const first = packCopy();
    const compiled = getPack(first);
    expect(readdirSync(cacheDir()).filter((f) => f.startsWith('pack-') && f.endsWith('.json'))).toHaveLength(1);
    const cached = readCachedPack(packHash(first));
    expect(cached?.data.propositions.length).toBe(compiled.data.propositions.length);
    // A second folder with the same files is a cache hit.
    const second = packCopy();
    const fromCache = getPack(second);
    expect(readdirSync(cacheDir()).filter((f) => f.startsWith('pack-') && f.endsWith('.json'))).toHaveLength(1);
    expect(fromCache.data.dir).toBe(second);
    const doc = parseTextDocument(TEXT, 'cache.txt');
    expect(runPipeline(doc, fromCache).claims).toEqual(runPipeline(doc, compiled).claims);
    expect(runPipeline(doc, fromCache).claims.length).toBeGreaterThan(0);
  });

  it('changes its key when any pack file or the model changes', () => {
    const dir = packCopy();
    const before = packHash(dir);
    appendFileSync(join(dir, 'stances.yaml'), '\n# a comment\n');
    const afterYaml = packHash(dir);
    expect(afterYaml).not.toBe(before);
    appendFileSync(join(dir, 'model.json'), ' ');
    expect(packHash(dir)).not.toBe(afterYaml);
  });

  it('ignores a damaged cache file and compiles the pack', () => {
    const dir = packCopy();
    writeFileSync(join(cacheDir(), `pack-${packHash(dir).slice(0, 32)}.json`), '{"format": "parley-pack-cache/1", "da');
    expect(readCachedPack(packHash(dir))).toBeUndefined();
    expect(getPack(dir).propositionCues.length).toBeGreaterThan(0);
  });

  it('still loads the pack when the cache folder cannot be written', () => {
    chmodSync(cacheDir(), 0o500);
    process.env.PARLEY_CACHE_DIR = join(cacheDir(), 'inside');
    try {
      const dir = packCopy();
      expect(getPack(dir).propositionCues.length).toBeGreaterThan(0);
    } finally {
      chmodSync(cacheDir(), 0o700);
    }
  });

  it('caches the checked noise rules by the hash of their file, and passes over a damaged entry', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'parley-noise-')), 'noise.yaml');
    copyFileSync(NOISE_FILE, file);
    const first = loadNoiseRules(file);
    const entries = readdirSync(cacheDir()).filter((f) => f.startsWith('noise-'));
    expect(entries).toHaveLength(1);
    // The second load reads the cache entry: one rewritten there is what it returns.
    writeFileSync(join(cacheDir(), entries[0]!), JSON.stringify({ lines: [{ id: 'from-cache', pattern: '^x$' }], nextLine: [], block: [], tail: [] }));
    expect(loadNoiseRules(file).lines.map((r) => r.id)).toEqual(['from-cache']);
    writeFileSync(join(cacheDir(), entries[0]!), '{"lines": [');
    expect(loadNoiseRules(file).lines.map((r) => r.id)).toEqual(first.lines.map((r) => r.id));
    // A changed file is a new key.
    appendFileSync(file, '\n# a comment\n');
    loadNoiseRules(file);
    expect(readdirSync(cacheDir()).filter((f) => f.startsWith('noise-'))).toHaveLength(2);
  });
});
