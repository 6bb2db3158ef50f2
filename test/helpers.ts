// Shared test helpers: temp folders, the built CLI, the reference scorer.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach } from 'vitest';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const SHARED = resolve(process.env.PARLEY_SHARED ?? join(ROOT, '..', 'shared'));
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');
export const HAS_SHARED = existsSync(join(SHARED, 'tools', 'score.py'));

export function tempDir(prefix = 'parley-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A fresh, empty `$PARLEY_CACHE_DIR` for each test of the enclosing describe, the old value
 * restored after it; call the returned function for the folder, e.g. `const cacheDir = useTempCacheDir('parley-x-')`.
 */
export function useTempCacheDir(prefix: string): () => string {
  let saved: string | undefined;
  let dir = '';
  beforeEach(() => {
    saved = process.env.PARLEY_CACHE_DIR;
    dir = tempDir(prefix);
    process.env.PARLEY_CACHE_DIR = dir;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.PARLEY_CACHE_DIR;
    else process.env.PARLEY_CACHE_DIR = saved;
  });
  return () => dir;
}

/** Run the built `parley` binary; tests run `npm run build` first (see package.json). */
export function parley(args: string[], cwd = ROOT): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}
