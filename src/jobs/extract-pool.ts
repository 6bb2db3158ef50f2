// A pool of extraction threads (node:worker_threads) for `parley ingest --jobs N`.
// Each thread takes one document at a time; the caller stores the results itself,
// in input order, so the store is the same as a one-thread run makes.
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

export class ExtractPool {
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly inFlight = new Map<Worker, Job>();
  private readonly workers: Worker[] = [];
  private nextId = 0;
  private broken: Error | undefined;

  /** `threads` workers running `pack` (which must come from a pack folder). */
  constructor(threads: number, pack: CompiledPack) {
    const workerData: ExtractWorkerData = { packDir: pack.data.dir, withModel: pack.model !== undefined };
    const script = workerScript();
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(script, { workerData });
      worker.on('message', (response: ExtractResponse) => this.settle(worker, response));
      worker.on('error', (err) => this.fail(worker, err));
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  /** The document's analysis, from whichever thread is free first. */
  analyse(source: SourceDocument): Promise<AnalysedSource> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, source }, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.inFlight.set(worker, job);
      worker.postMessage(job.request);
    }
  }

  private settle(worker: Worker, response: ExtractResponse): void {
    const job = this.inFlight.get(worker);
    this.inFlight.delete(worker);
    this.idle.push(worker);
    if (job) {
      if ('error' in response) job.reject(new Error(response.error));
      else job.resolve(response.analysed);
    }
    this.dispatch();
  }

  /** A thread that dies (out of memory, a bug) fails its document and every one still waiting. */
  private fail(worker: Worker, err: Error): void {
    this.broken = new Error(`extraction thread failed: ${err.message}`);
    this.inFlight.get(worker)?.reject(this.broken);
    this.inFlight.delete(worker);
    for (const job of this.queue.splice(0)) job.reject(this.broken);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
