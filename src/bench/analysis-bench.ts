// Analysis speed on a large store: 1 M generated claims in a temporary SQLite
// file (or a PostgreSQL database, see postgres-bench.ts), then matrix, conflicts
// and timeline timed over repeated runs (p50/p95).
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findConflicts } from '../analysis/conflicts.js';
import { buildMatrix } from '../analysis/matrix.js';
import { buildTimeline } from '../analysis/timeline.js';
import type { CompiledPack } from '../pack/compile.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { lcg } from './random.js';

export const DOCUMENTS = 100_000;
export const CLAIMS_PER_DOCUMENT = 10;
const RUNS = 10;
/**
 * Untimed runs first: on PostgreSQL each analysis fans out over the pool's connections, and a server
 * process pays for its first touch of each shared page (about 0.1 s for a timeline on a cold one), so the
 * timed runs measure warm connections, as a long-running `parley serve` has; SQLite's own cache warms in one.
 */
const WARM_UP_RUNS = 3;
export const GENERATED_TEXT = 'generated';
export const GENERATED_EVIDENCE = 'A generated evidence sentence.';

function dayAfter(start: number, days: number): string {
  return new Date(start + days * 86_400_000).toISOString().slice(0, 10);
}

/** Most syndicated copies run the day of the story they copy; some a day later or earlier, a few undated. */
function copyDay(original: string | null, draw: number): string | null {
  if (original === null || draw < 0.6) return original;
  if (draw < 0.9) return dayAfter(Date.parse(original), draw < 0.8 ? 1 : -1);
  return null;
}

/** One generated document with its claims; ids run from 1, as in a fresh store. */
export interface GeneratedDocument {
  readonly id: number;
  readonly contentHash: string;
  readonly origin: string;
  readonly outlet: string;
  readonly published: string | null;
  /** The cluster's first document for a copy, null for a story. */
  readonly clusterId: number | null;
  readonly claims: readonly { actor: string; proposition: string; polarity: 'support' | 'oppose'; modality: 'demand' | 'reject'; hedged: 0 | 1; sentenceIndex: number }[];
}

/**
 * The bench's documents, the same for every store: `documents` × 10 claims over two
 * years and 40 outlets; one document in ten is a near-copy of the one before, one in fifty is undated.
 */
export function* generatedDocuments(pack: CompiledPack, documents = DOCUMENTS): Generator<GeneratedDocument> {
  const actors = pack.data.actors.map((a) => a.id);
  const propositions = pack.data.propositions.map((p) => p.id);
  const random = lcg(42);
  const start = Date.UTC(2025, 0, 1);
  let previous: { id: number; cluster: number; published: string | null } | undefined;
  for (let d = 0; d < documents; d++) {
    const copy = previous && random() < 0.1 ? previous : undefined;
    const published = copy ? copyDay(copy.published, random()) : random() < 0.02 ? null : dayAfter(start, Math.floor(random() * 700));
    const id = d + 1;
    const outlet = `Outlet ${Math.floor(random() * 40)}`;
    const claims: GeneratedDocument['claims'][number][] = [];
    for (let c = 0; c < CLAIMS_PER_DOCUMENT; c++) {
      const polarity = random() < 0.6 ? 'support' : 'oppose';
      const actor = actors[Math.floor(random() * actors.length)]!;
      const proposition = propositions[Math.floor(random() * propositions.length)]!;
      claims.push({ actor, proposition, polarity, modality: polarity === 'support' ? 'demand' : 'reject', hedged: random() < 0.2 ? 1 : 0, sentenceIndex: c });
    }
    yield { id, contentHash: `h${d}`, origin: `doc-${d}.txt`, outlet, published, clusterId: copy?.cluster ?? null, claims };
    previous = { id, cluster: copy?.cluster ?? id, published };
  }
}

/** Fill a fresh SQLite store at `path` with the generated documents (the summary triggers count every claim). */
export async function generateStore(path: string, pack: CompiledPack, documents = DOCUMENTS): Promise<void> {
  (await SqliteStore.open(path)).close();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const insertDoc = db.prepare('insert into documents (id, content_hash, origin, outlet, published, clean_text, cluster_id) values (?, ?, ?, ?, ?, ?, ?)');
  const insertClaim = db.prepare(
    'insert into claims (document_id, actor, proposition, polarity, evidence, start, "end", modality, hedged, reported, conditional, rule, sentence_index, published, cluster_id) values (?, ?, ?, ?, ?, 0, 40, ?, ?, 0, 0, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (const doc of generatedDocuments(pack, documents)) {
      insertDoc.run(doc.id, doc.contentHash, doc.origin, doc.outlet, doc.published, GENERATED_TEXT, doc.clusterId);
      for (const c of doc.claims) insertClaim.run(doc.id, c.actor, c.proposition, c.polarity, GENERATED_EVIDENCE, c.modality, c.hedged, 'bench', c.sentenceIndex, doc.published, doc.clusterId ?? doc.id);
    }
  })();
  db.close();
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(label: string, fn: () => Promise<unknown>): Promise<string> {
  for (let i = 0; i < WARM_UP_RUNS; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return `${label.padEnd(34)} p50 ${percentile(ms, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(ms, 95).toFixed(1).padStart(7)} ms`;
}

/** Build the 1 M-claim store in a temporary file, hand its path to `use`, then remove it. */
export async function withGeneratedStore(pack: CompiledPack, use: (path: string) => Promise<void>): Promise<void> {
  const path = join(tmpdir(), `parley-bench-1m-${process.pid}.db`);
  const t = performance.now();
  try {
    await generateStore(path, pack);
    process.stdout.write(`\nstore of ${(DOCUMENTS * CLAIMS_PER_DOCUMENT).toLocaleString('en')} generated claims (${DOCUMENTS.toLocaleString('en')} documents) built in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    await use(path);
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  }
}

/** p50/p95 of matrix, conflicts and timeline on the SQLite store at `path`. */
export async function benchAnalysis(path: string, pack: CompiledPack): Promise<void> {
  const store = await SqliteStore.open(path);
  try {
    await benchAnalysisOn(store, pack);
  } finally {
    await store.close();
  }
}

/** p50/p95 of matrix (all, since a date, one party), conflicts and timeline on any store holding the generated claims. */
export async function benchAnalysisOn(store: Store, pack: CompiledPack): Promise<void> {
  process.stdout.write(`analysis, ${RUNS} runs each:\n`);
  process.stdout.write(`${await time('matrix', () => buildMatrix(store))}\n`);
  process.stdout.write(`${await time('matrix --since (last 90 days)', () => buildMatrix(store, { since: '2026-09-01' }))}\n`);
  process.stdout.write(`${await time('matrix --actor (one party)', () => buildMatrix(store, { actor: 'russia' }))}\n`);
  process.stdout.write(`${await time('conflicts', () => findConflicts(store, pack))}\n`);
  process.stdout.write(`${await time('timeline (one actor × proposition)', () => buildTimeline(store, 'russia', 'ceasefire'))}\n`);
}
