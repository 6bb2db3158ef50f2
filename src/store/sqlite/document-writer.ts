// The statements that store a document and its claims, prepared once: kysely
// compiles and prepares each query anew, a tenth of saveDocument's CPU when
// every document runs them. They bind the rows both stores build
// (documentRow, claimRow in store-queries.ts) by column name. Called inside the
// store's write transaction, on the connection kysely uses.
import type Database from 'better-sqlite3';
import type { DocumentInput, NearDuplicate } from '../store.js';
import { claimRow, documentRow } from '../store-queries.js';

type DocumentRow = ReturnType<typeof documentRow>;
type ClaimRow = ReturnType<typeof claimRow>;

/** An insert of every column of `row`, bound by name (`"end"` is quoted: it is an SQL keyword). */
function insertOf(table: string, row: Record<string, unknown>): string {
  const columns = Object.keys(row);
  return `insert into ${table} (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`;
}

export class DocumentWriter {
  private readonly byHash: Database.Statement;
  private readonly reviewedHash: Database.Statement;
  // Prepared on first use, from the columns of the first row: the row builders give every row the same ones.
  private insertDocument: Database.Statement | undefined;
  private insertClaim: Database.Statement | undefined;

  constructor(private readonly db: Database.Database) {
    this.byHash = db.prepare('select id from documents where content_hash = ?').pluck();
    this.reviewedHash = db.prepare('select 1 from claim_reviews where content_hash = ? limit 1').pluck();
  }

  /** Whether an analyst has reviewed claims of a text with this content hash (most texts: no, and then no query builds their reviews). */
  hasReviews(contentHash: string): boolean {
    return this.reviewedHash.get(contentHash) !== undefined;
  }

  /** The id of the stored document with this content hash, if any. */
  idOf(contentHash: string): number | undefined {
    return this.byHash.get(contentHash) as number | undefined;
  }

  /** Insert the document row in the cluster given (none: it founds its own); its id and cluster. */
  addDocument(doc: DocumentInput, match: NearDuplicate | undefined): { id: number; cluster: number } {
    const row: DocumentRow = documentRow(doc, match);
    this.insertDocument ??= this.db.prepare(`${insertOf('documents', row)} returning id, cluster_id`);
    const inserted = this.insertDocument.get(row) as { id: number; cluster_id: number | null };
    return { id: inserted.id, cluster: inserted.cluster_id ?? inserted.id };
  }

  /** Insert a document's claim rows in order (the summary triggers count the first of each cell). */
  addClaims(rows: readonly ClaimRow[]): void {
    for (const row of rows) {
      this.insertClaim ??= this.db.prepare(insertOf('claims', row));
      this.insertClaim.run(row);
    }
  }
}
