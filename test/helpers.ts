// Shared test helpers: temp folders, the built CLI, the reference scorer.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const SHARED = resolve(process.env.PARLEY_SHARED ?? join(ROOT, '..', 'shared'));
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');
export const HAS_SHARED = existsSync(join(SHARED, 'tools', 'score.py'));

export function tempDir(prefix = 'parley-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Run the built `parley` binary; tests run `npm run build` first (see package.json). */
export function parley(args: string[], cwd = ROOT): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}
