// A pool of extraction threads (node:worker_threads) for `parley ingest --jobs N`.
// Each thread holds a few documents at a time, the rest wait in a queue; the caller
// stores the results itself, in input order, so the store is the same as a one-thread
// run makes.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CompiledPack } from '../pack/compile.js';
import type { SourceDocument } from '../pipeline/types.js';
import type { AnalysedSource } from './analyse-source.js';

export interface ExtractWorkerData {
  readonly packDir: string;
  readonly withModel: boolean;
}

export interface ExtractRequest {
  readonly id: number;
  readonly source: SourceDocument;
}

export type ExtractResponse = { readonly id: number; readonly analysed: AnalysedSource } | { readonly id: number; readonly error: string };

/** The default number of threads: one per core. */
export function defaultJobs(): number {
  return availableParallelism();
}

/** The worker's script: the compiled one beside this module, or under dist/ when this runs from source (tests). */
function workerScript(): string {
  const here = fileURLToPath(new URL('./extract-worker.js', import.meta.url));
  if (existsSync(here)) return here;
  const built = here.replace(/[/\\]src[/\\]jobs[/\\]extract-worker\.js$/, '/dist/jobs/extract-worker.js');
  if (existsSync(built)) return built;
  throw new Error(`extraction worker not found at ${here} (run npm run build)`);
}

interface Pending {
  readonly resolve: (analysed: AnalysedSource) => void;
  readonly reject: (err: Error) => void;
}

interface Job extends Pending {
  readonly request: ExtractRequest;
}

/**
 * Documents each thread may hold at once. A thread given one at a time waits, between
 * two, for the main thread to take its answer and send the next; the main thread is
 * often busy then (writing the store).
 */
export const THREAD_DEPTH = 4;

export class ExtractPool {
  private readonly queue: Job[] = [];
  /** Jobs sent and not answered, by request id. */
  private readonly inFlight = new Map<number, { worker: Worker; job: Job }>();
  private readonly held = new Map<Worker, number>();
  private readonly workers: Worker[] = [];
  private nextId = 0;
  private broken: Error | undefined;

  /** `threads` workers running `pack` (which must come from a pack folder), each holding up to `depth` documents. */
  constructor(
    threads: number,
    pack: CompiledPack,
    private readonly depth = THREAD_DEPTH,
  ) {
    const workerData: ExtractWorkerData = { packDir: pack.data.dir, withModel: pack.model !== undefined };
    const script = workerScript();
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(script, { workerData });
      worker.on('message', (response: ExtractResponse) => this.settle(response));
      worker.on('error', (err) => this.fail(worker, err));
      this.workers.push(worker);
      this.held.set(worker, 0);
    }
  }

  /** How many documents the threads hold at most, all together. */
  get capacity(): number {
    return this.workers.length * this.depth;
  }

  /** Whether a document sent now would start at once or soon: no queue, and a thread below its depth. */
  hasRoom(): boolean {
    return !this.broken && this.queue.length === 0 && this.inFlight.size < this.workers.length * this.depth;
  }

  /** The document's analysis, from whichever thread holds the fewest. */
  analyse(source: SourceDocument): Promise<AnalysedSource> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, source }, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let worker: Worker | undefined;
      for (const w of this.workers) if (this.held.get(w)! < this.depth && (!worker || this.held.get(w)! < this.held.get(worker)!)) worker = w;
      if (!worker) return;
      const job = this.queue.shift()!;
      this.inFlight.set(job.request.id, { worker, job });
      this.held.set(worker, this.held.get(worker)! + 1);
      worker.postMessage(job.request);
    }
  }

  private settle(response: ExtractResponse): void {
    const sent = this.inFlight.get(response.id);
    if (!sent) return;
    this.inFlight.delete(response.id);
    this.held.set(sent.worker, this.held.get(sent.worker)! - 1);
    if ('error' in response) sent.job.reject(new Error(response.error));
    else sent.job.resolve(response.analysed);
    this.dispatch();
  }

  /** A thread that dies (out of memory, a bug) fails its documents and every one still waiting. */
  private fail(worker: Worker, err: Error): void {
    this.broken = new Error(`extraction thread failed: ${err.message}`);
    for (const [id, sent] of this.inFlight) {
      if (sent.worker !== worker) continue;
      sent.job.reject(this.broken);
      this.inFlight.delete(id);
    }
    for (const job of this.queue.splice(0)) job.reject(this.broken);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
