// The embedded store: SQLite through better-sqlite3 and kysely, in WAL mode,
// one transaction per document, or per bounded batch of them (openBatch, for ingest).
import Database from 'better-sqlite3';
import { Kysely, Migrator, type Generated } from 'kysely';
import { minhash, type Signature } from '../../dedup/minhash.js';
import type { Claim, Modality, Polarity } from '../../pipeline/types.js';
import { DEFAULT_BATCH_LIMITS, type BatchLimits, type ClaimFilter, type DocumentBatch, type DocumentInput, type NearDuplicate, type SaveResult } from '../store.js';
import type { ClaimOrder } from '../claim-keyset.js';
import { KyselyStore } from '../kysely-store.js';
import * as queries from '../store-queries.js';
import { claimRow } from '../store-queries.js';
import { replaceAnalysisRows, type ClaimReplacement, type Reanalysis } from '../replace-claims.js';
import { BatchTransaction, SerialQueue } from './batch-transaction.js';
import { applyReviews, type AddedClaimInput, type ReviewInput, type ReviewResult, type ReviewStatus } from '../reviews.js';
import { reviewsOf, type ClaimReviewsTable } from './claim-reviews.js';
import { DataVersion } from './data-version.js';
import { DocumentWriter } from './document-writer.js';
import { MIGRATIONS } from './migrations.js';
import { NearDuplicateTable } from './near-duplicates.js';
import { LockingSqliteDialect, writeTransaction } from './write-lock.js';

interface DocumentsTable {
  id: Generated<number>;
  content_hash: string;
  origin: string;
  url: string | null;
  title: string | null;
  outlet: string | null;
  published: string | null;
  clean_text: string;
  skip_reason: string | null;
  ingested_at: Generated<string>;
  canonical_url: string | null;
  author: string | null;
  language: string | null;
  cluster_id: number | null;
  cluster_similarity: number | null;
}

interface DocumentSignaturesTable {
  document_id: number;
  signature: Buffer;
}

interface DocumentBandsTable {
  document_id: number;
  band: number;
  hash: number;
}

interface ClaimsTable {
  id: Generated<number>;
  document_id: number;
  actor: string;
  proposition: string;
  polarity: Polarity;
  evidence: string;
  start: number;
  end: number;
  modality: Modality;
  hedged: number;
  reported: number;
  conditional: number;
  rule: string;
  sentence_index: number;
  /** The document's date and cluster, copied so that evidence and timelines read one index. */
  published: string | null;
  cluster_id: number | null;
  /** 'confirmed', 'fixed' or 'added' by an analyst (migrations 0005-analyst-claim-reviews, 0012-analyst-added-claims). */
  review: ReviewStatus | null;
  /** Who holds it as the text names them, and the condition clause (migration 0006-analyst-speaker-condition). */
  speaker: string | null;
  condition: string | null;
  /** The decider's probability (migration 0007-decider-claim-confidence). */
  confidence: number | null;
}

interface StanceDaysTable {
  actor: string;
  proposition: string;
  day: string;
  support: number;
  oppose: number;
  support_docs: number;
  oppose_docs: number;
  documents: number;
  clusters: number;
  hedged: number;
}

interface CellClusterDaysTable {
  actor: string;
  proposition: string;
  cluster_id: number;
  day: string;
}

interface CellOutletsTable {
  actor: string;
  proposition: string;
  outlet: string;
}

interface CellOutletDaysTable extends CellOutletsTable {
  day: string;
}

/** Claims and their summed weights per cell and day (src/store/cell-confidence.ts). */
interface CellConfidenceDaysTable {
  actor: string;
  proposition: string;
  day: string;
  claims: number;
  weight_millis: number;
}

/** The per-cell totals of stance_days and cell_confidence_days (src/store/cell-totals.ts). */
type StanceCellsTable = Omit<StanceDaysTable, 'day'> & { latest: string | null };
type CellConfidenceCellsTable = Omit<CellConfidenceDaysTable, 'day'>;
/** Each outlet's first and last dated day on each cell (src/store/outlet-spans.ts). */
type CellOutletSpansTable = CellOutletsTable & { first_day: string | null; last_day: string | null };
/** Each cell's clusters per side and dated day (src/store/side-days.ts). */
interface CellSideDaysTable {
  actor: string;
  proposition: string;
  day: string;
  support: number;
  oppose: number;
}

export interface Schema {
  documents: DocumentsTable;
  claims: ClaimsTable;
  stance_days: StanceDaysTable;
  cell_cluster_days: CellClusterDaysTable;
  cell_outlets: CellOutletsTable;
  cell_outlet_days: CellOutletDaysTable;
  cell_confidence_days: CellConfidenceDaysTable;
  stance_cells: StanceCellsTable;
  cell_confidence_cells: CellConfidenceCellsTable;
  cell_outlet_spans: CellOutletSpansTable;
  cell_side_days: CellSideDaysTable;
  document_signatures: DocumentSignaturesTable;
  document_bands: DocumentBandsTable;
  claim_reviews: ClaimReviewsTable;
}

/** SQLite sorts NULL lowest; ties within a sentence follow the list's direction (see claimsQuery). */
const sqliteOrder = (filter: ClaimFilter): ClaimOrder => ({ newestFirst: filter.newestFirst === true, nullsHighest: false, idFollowsDirection: true });

/** Page cache for a connection that reads analyses: they read index ranges of up to a million claims (SQLite's default is 2 MB). */
export const ANALYSIS_PAGE_CACHE_MB = 64;
/**
 * Page cache for a connection that ingests. Its writes touch pages all over the
 * near-duplicate band index, so a larger cache only fills with them as the store
 * grows (peak RSS 298 → 436 MB from 1 k to 50 k documents with 64 MB); the
 * operating system's file cache serves the misses.
 */
export const INGEST_PAGE_CACHE_MB = 16;

export interface SqliteOpenOptions {
  /** SQLite's page cache of this connection, in MB: ANALYSIS_PAGE_CACHE_MB unless given. */
  readonly pageCacheMb?: number;
}

/** What stopped a database from opening, with the likely cause when SQLite's words do not say it. */
function openProblem(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return /readonly database/i.test(message) ? `${message} (the file or its folder is read-only for this user)` : message;
}

export class SqliteStore extends KyselyStore {
  /** Every write of this connection, one after another: none may begin inside the open batch's transaction. */
  private readonly writes = new SerialQueue();
  private readonly batch: BatchTransaction;

  private constructor(
    readonly path: string,
    db: Kysely<Schema>,
    sqlite: Database.Database,
    private readonly nearDuplicates: NearDuplicateTable,
    private readonly dataVersion: DataVersion,
    private readonly writer: DocumentWriter,
  ) {
    super(db);
    this.batch = new BatchTransaction(sqlite, db as Kysely<unknown>, this.writes, (doc, claims) => this.writeRows(this.db, doc, claims), (doc, claims) => this.storeDocument(doc, claims));
  }

  /** A write of its own transaction, after the open batch (if any) has committed. */
  private alone<T>(write: () => Promise<T>): Promise<T> {
    return this.writes.run(async () => {
      await this.batch.commit();
      return this.counted(write());
    });
  }

  /** Run a write and count it in the version token, whether it committed or not. */
  private async counted<T>(write: Promise<T>): Promise<T> {
    try {
      return await write;
    } finally {
      this.dataVersion.written();
    }
  }

  /** Open (creating if needed) the database at `path` and run pending migrations. */
  static async open(path: string, options: SqliteOpenOptions = {}): Promise<SqliteStore> {
    const problem = (err: unknown): Error => new Error(`${path}: cannot open the database: ${openProblem(err)}`);
    let sqlite: Database.Database;
    try {
      sqlite = new Database(path);
    } catch (err) {
      throw problem(err);
    }
    try {
      // The timeout first: switching to WAL takes a lock another opener may hold.
      sqlite.pragma('busy_timeout = 5000');
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('foreign_keys = ON');
      sqlite.pragma('synchronous = NORMAL');
      sqlite.pragma(`cache_size = ${-1024 * (options.pageCacheMb ?? ANALYSIS_PAGE_CACHE_MB)}`);
      // Checkpoint every 10 000 WAL pages (40 MB; the default is 1 000): a filling store dirties
      // pages all over the near-duplicate band index, and fewer checkpoints copy each back once
      // for several commits (a third off the store's time per document at 10 k documents).
      sqlite.pragma('wal_autocheckpoint = 10000');
    } catch (err) {
      // A file that is not a database, a damaged one or one this user may not write fails here, on its first read or write.
      sqlite.close();
      throw problem(err);
    }
    const db = new Kysely<Schema>({ dialect: new LockingSqliteDialect({ database: sqlite }) });
    // Migrations from parallel branches may land in either order; each still runs once.
    const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, allowUnorderedMigrations: true });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      await db.destroy();
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      throw failed ? new Error(`${path}: migration ${failed} failed: ${openProblem(error)}`) : problem(error);
    }
    return new SqliteStore(path, db, sqlite, new NearDuplicateTable(sqlite), new DataVersion(sqlite), new DocumentWriter(sqlite));
  }

  /** The writer's prepared lookup: kysely compiles and prepares a query anew for each document ingest asks about. */
  override async hasDocument(contentHash: string): Promise<boolean> {
    return this.writer.idOf(contentHash) !== undefined;
  }

  async saveDocument(doc: DocumentInput, claims: readonly Claim[]): Promise<SaveResult> {
    return this.alone(() => this.storeDocument(doc, claims));
  }

  override openBatch(limits: BatchLimits = {}): DocumentBatch {
    const bounds = { ...DEFAULT_BATCH_LIMITS, ...limits };
    return {
      saveDocument: (doc, claims) => this.writes.run(() => this.counted(this.batch.save(doc, claims, bounds))),
      end: () => this.writes.run(() => this.batch.end()),
    };
  }

  private async storeDocument(doc: DocumentInput, claims: readonly Claim[]): Promise<SaveResult> {
    return writeTransaction(this.db, (trx) => this.writeRows(trx, doc, claims));
  }

  /** A document's rows, inside the transaction open on the connection (its own, or a batch's). */
  private async writeRows(trx: Kysely<Schema>, doc: DocumentInput, claims: readonly Claim[]): Promise<SaveResult> {
    // Synchronous better-sqlite3 calls on kysely's one connection, so inside this transaction.
    const existing = this.writer.idOf(doc.contentHash);
    if (existing !== undefined) return { documentId: existing, created: false };
    // The cluster is decided before the row exists: triggers on claims read it from the row as inserted.
    const sig = doc.skipReason ? undefined : (doc.minhash ?? minhash(doc.cleanText));
    const match = sig ? this.nearDuplicates.nearest(sig) : undefined;
    const inserted = this.writer.addDocument(doc, match);
    if (sig) this.nearDuplicates.add(inserted.id, sig);
    // An analyst's reviews of this text apply again: rejected claims stay out, fixed ones stay fixed, added ones come back.
    const reviewed = applyReviews(claims, !doc.skipReason && this.writer.hasReviews(doc.contentHash) ? await reviewsOf(trx, doc.contentHash) : []);
    const document = { ...inserted, published: doc.published };
    this.writer.addClaims(reviewed.map((reviewedClaim) => claimRow(document, reviewedClaim)));
    return { documentId: inserted.id, created: true };
  }

  async deleteDocument(id: number): Promise<boolean> {
    return this.alone(() => writeTransaction(this.db, (trx) => queries.deleteDocumentRows(trx, id)));
  }

  async replaceAnalysis(documentId: number, analysis: Reanalysis): Promise<ClaimReplacement | undefined> {
    // The near-duplicate statements run on the connection that holds the transaction.
    const index = { nearest: async (sig: Signature) => this.nearDuplicates.nearest(sig), add: async (id: number, sig: Signature) => this.nearDuplicates.add(id, sig) };
    return this.alone(() => writeTransaction(this.db, (trx) => replaceAnalysisRows(trx, documentId, analysis, index)));
  }

  override async reviewClaim(claimId: number, review: ReviewInput): Promise<ReviewResult> {
    return this.alone(() => super.reviewClaim(claimId, review));
  }

  override async addClaim(documentId: number, claim: AddedClaimInput): Promise<ReviewResult> {
    return this.alone(() => super.addClaim(documentId, claim));
  }

  /** Commits the open batch first: closing the connection would roll it back. */
  override async close(): Promise<void> {
    try {
      await this.writes.run(() => this.batch.end());
    } finally {
      await super.close();
    }
  }

  async version(): Promise<string> {
    return this.dataVersion.current();
  }

  async findNearDuplicate(cleanText: string): Promise<NearDuplicate | undefined> {
    const sig = minhash(cleanText);
    return sig ? this.nearDuplicates.nearest(sig) : undefined;
  }

  protected claimOrder(filter: ClaimFilter): ClaimOrder {
    return sqliteOrder(filter);
  }
}
