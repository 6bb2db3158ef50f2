// Scale: ingest 1 k, 10 k (and, on request, 50 k) generated documents into a
// fresh store each, through the same ingestSource and bounded write batches as
// `parley ingest`, and print docs/s and the process's peak RSS after each size.
// Flat docs/s and RSS mean the store's per-document work does not grow with
// what it already holds.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestSource } from '../jobs/ingest.js';
import type { CompiledPack } from '../pack/compile.js';
import { parseTextDocument } from '../pipeline/ingest/text-reader.js';
import { openStore } from '../store/open-store.js';
import { lcg } from './random.js';

export const DEFAULT_SCALE_SIZES = [1_000, 10_000];

/** Paragraphs of the bench texts, the material generated documents are drawn from. */
function paragraphsOf(texts: readonly string[]): string[] {
  return texts.flatMap((t) => t.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 80));
}

/** Document `n`: a dated headline and four paragraphs drawn at random, so documents differ and few are near-copies. */
function generatedDocument(paragraphs: readonly string[], random: () => number, n: number): string {
  const day = new Date(Date.UTC(2025, 0, 1) + (n % 700) * 86_400_000).toISOString().slice(0, 10);
  const body = Array.from({ length: 4 }, () => paragraphs[Math.floor(random() * paragraphs.length)]!);
  return `Talks update ${n}\n\n${day} — Report ${n}.\n\n${body.join('\n\n')}`;
}

/** `--scale 1000,10000,50000` → those sizes; absent → the defaults. */
export function scaleSizes(argv: readonly string[]): number[] {
  const i = argv.indexOf('--scale');
  if (i < 0) return DEFAULT_SCALE_SIZES;
  const sizes = (argv[i + 1] ?? '').split(',').map(Number);
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`bench: --scale expects sizes such as 1000,10000, got ${argv[i + 1] ?? 'nothing'}`);
  return sizes;
}

export async function benchScale(pack: CompiledPack, texts: readonly string[], sizes: readonly number[]): Promise<void> {
  const paragraphs = paragraphsOf(texts);
  for (const size of sizes) {
    const random = lcg(size);
    const dbPath = join(tmpdir(), `parley-scale-${process.pid}-${size}.db`);
    // Opened as `parley ingest` opens it (its page cache).
    const store = await openStore(dbPath, 'ingest');
    let claims = 0;
    const t = performance.now();
    let lastTenth = t;
    let lastTenthRate = 0;
    // RSS at each tenth of this size's run: the process's peak (maxRSS) never falls, so it carries one size's high mark into the next.
    let sampledRssMb = 0;
    try {
      const batch = store.openBatch();
      for (let n = 0; n < size; n++) {
        claims += (await ingestSource(store, parseTextDocument(generatedDocument(paragraphs, random, n), `scale-${n}.txt`), pack, undefined, batch)).claims;
        // The rate over the last tenth shows whether a full store slows each new document.
        if ((n + 1) % Math.max(1, Math.floor(size / 10)) === 0) {
          const now = performance.now();
          lastTenthRate = (Math.max(1, Math.floor(size / 10)) / (now - lastTenth)) * 1000;
          lastTenth = now;
          sampledRssMb = Math.max(sampledRssMb, process.memoryUsage().rss / 1048576);
        }
      }
      await batch.end();
    } finally {
      await store.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
    }
    const ms = performance.now() - t;
    const peakMb = process.resourceUsage().maxRSS / 1024;
    console.log(
      `scale ${String(size).padStart(6)} documents: ${((size / ms) * 1000).toFixed(0).padStart(4)} docs/s overall, ${lastTenthRate.toFixed(0).padStart(4)} docs/s in the last tenth, ${claims} claims, RSS at the tenths up to ${sampledRssMb.toFixed(0)} MB, peak RSS ${peakMb.toFixed(0)} MB`,
    );
  }
}
