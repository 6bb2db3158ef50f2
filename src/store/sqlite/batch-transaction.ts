// Bounded batches of documents in one SQLite write transaction: ingest commits
// every few dozen documents or a quarter second, not after each one (the
// `begin immediate` + `commit` of every document was 30 % of ingest while a
// store filled). Each document runs in a savepoint, so one that fails rolls
// back alone; a kill loses at most the open batch, which the next run stores
// (ingest is idempotent by content hash). Reads on this connection, such as
// the hash check and the near-duplicate lookup, see the open batch.
import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Claim } from '../../pipeline/types.js';
import type { BatchLimits, DocumentInput, SaveResult } from '../store.js';
import { acquire } from './write-lock.js';

type Save = (doc: DocumentInput, claims: readonly Claim[]) => Promise<SaveResult>;

const SAVEPOINT = 'parley_batch_document';

/** Async work run one piece at a time, in call order: the store's writes, so none starts inside another's transaction. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

interface OpenBatch {
  readonly startedAt: number;
  /** Saves in this transaction, stored or found stored. */
  saves: number;
  /** What the batch stored, to store again one by one if SQLite ends the whole transaction. */
  readonly stored: { readonly doc: DocumentInput; readonly claims: readonly Claim[] }[];
  readonly timer: NodeJS.Timeout;
}

/** The batch transaction of one connection; call its methods inside the store's SerialQueue. */
export class BatchTransaction {
  private open: OpenBatch | undefined;
  /** A commit on the timer that failed, thrown at the next save or end. */
  private timerError: unknown;

  /**
   * `writeRows` writes a document inside the current transaction; `saveAlone` stores one in
   * a transaction of its own (for documents whose batch SQLite rolled back as a whole).
   */
  constructor(
    private readonly sqlite: Database.Database,
    private readonly db: Kysely<unknown>,
    private readonly queue: SerialQueue,
    private readonly writeRows: Save,
    private readonly saveAlone: Save,
  ) {}

  /** Save a document in the open batch (opening one), and commit the batch once it reaches `limits`. */
  async save(doc: DocumentInput, claims: readonly Claim[], limits: Required<BatchLimits>): Promise<SaveResult> {
    this.rethrowTimerError();
    const batch = this.open ?? (await this.begin(limits));
    this.sqlite.exec(`savepoint ${SAVEPOINT}`);
    let result: SaveResult;
    try {
      result = await this.writeRows(doc, claims);
      this.sqlite.exec(`release ${SAVEPOINT}`);
    } catch (err) {
      if (this.sqlite.inTransaction) {
        this.sqlite.exec(`rollback to ${SAVEPOINT}`);
        this.sqlite.exec(`release ${SAVEPOINT}`);
        throw err;
      }
      // SQLite ended the whole transaction (disk full, I/O error): the documents before this one are stored again.
      try {
        await this.replay(batch);
      } catch (lost) {
        throw new Error(`${err instanceof Error ? err.message : String(err)}; ${lost instanceof Error ? lost.message : String(lost)}`);
      }
      throw err;
    }
    batch.saves++;
    if (result.created) batch.stored.push({ doc, claims });
    if (batch.saves >= limits.documents || performance.now() - batch.startedAt >= limits.milliseconds) await this.commit();
    return result;
  }

  /** Commit the open batch, if any. */
  async commit(): Promise<void> {
    const batch = this.open;
    if (!batch) return;
    this.open = undefined;
    clearTimeout(batch.timer);
    try {
      this.sqlite.exec('commit');
    } catch {
      if (this.sqlite.inTransaction) this.sqlite.exec('rollback');
      await this.replay(batch);
    }
  }

  /** Commit the open batch and report a failed commit on the timer. */
  async end(): Promise<void> {
    await this.commit();
    this.rethrowTimerError();
  }

  private async begin(limits: Required<BatchLimits>): Promise<OpenBatch> {
    await acquire(this.db, 'immediate');
    // Commits when the batch is old even if no save comes (a slow fetch): the lock is never held long.
    const timer = setTimeout(() => {
      this.queue.run(async () => (this.open === batch ? this.commit() : undefined)).catch((err: unknown) => (this.timerError ??= err));
    }, limits.milliseconds);
    const batch: OpenBatch = { startedAt: performance.now(), saves: 0, stored: [], timer };
    this.open = batch;
    return batch;
  }

  /** Store each document of a batch SQLite rolled back again, each alone; one that fails again is named. */
  private async replay(batch: OpenBatch): Promise<void> {
    clearTimeout(batch.timer);
    if (this.open === batch) this.open = undefined;
    const failures: string[] = [];
    for (const { doc, claims } of batch.stored) {
      try {
        await this.saveAlone(doc, claims);
      } catch (err) {
        failures.push(`${doc.origin} (${err instanceof Error ? err.message : String(err)})`);
      }
    }
    if (failures.length > 0) throw new Error(`the store lost a batch, and ${failures.length} of its documents could not be stored again: ${failures.join('; ')}`);
  }

  private rethrowTimerError(): void {
    const err = this.timerError;
    this.timerError = undefined;
    if (err !== undefined) throw err;
  }
}
