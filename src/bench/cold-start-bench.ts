// Cold-start rows of `npm run bench`: wall time of `parley --help` and of
// `parley extract` on one file, each a fresh process, with the pack cache empty
// (first run) and filled (the runs after). Median and fastest of the warm runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const RUNS = 7;

function timeRun(args: readonly string[], cacheDir: string): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, PARLEY_CACHE_DIR: cacheDir }, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`bench: parley ${args.join(' ')} failed: ${run.stderr.split('\n')[0]}`);
  return ms;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Print one row per command: the run with an empty pack cache, then the median and fastest of the warm runs. */
export function benchColdStart(sampleCorpus: string): void {
  const file = join(sampleCorpus, readdirSync(sampleCorpus).filter((f) => f.endsWith('.txt')).sort()[0]!);
  const cacheDir = mkdtempSync(join(tmpdir(), 'parley-bench-cache-'));
  try {
    for (const [label, args] of [
      ['parley extract one file', ['extract', file]],
      ['parley --help', ['--help']],
    ] as const) {
      const first = timeRun(args, cacheDir);
      const warm = Array.from({ length: RUNS }, () => timeRun(args, cacheDir));
      console.log(`${label.padEnd(34)} first run ${first.toFixed(0).padStart(5)} ms; then median ${median(warm).toFixed(0).padStart(5)} ms, fastest ${Math.min(...warm).toFixed(0).padStart(5)} ms (${RUNS} runs, wall)`);
    }
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
