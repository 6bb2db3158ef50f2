// The statements that store a document and its claims, prepared once: kysely
// compiles and prepares each query anew, a tenth of saveDocument's CPU when
// every document runs them. Called inside the store's write transaction, on
// the connection kysely uses.
import type Database from 'better-sqlite3';
import type { Claim } from '../../pipeline/types.js';
import type { ReviewStatus } from '../reviews.js';
import type { DocumentInput } from '../store.js';

const DOCUMENT_COLUMNS = ['content_hash', 'origin', 'url', 'title', 'outlet', 'published', 'clean_text', 'skip_reason', 'canonical_url', 'author', 'language', 'cluster_id', 'cluster_similarity'];
const CLAIM_COLUMNS = ['document_id', 'actor', 'proposition', 'polarity', 'evidence', 'start', '"end"', 'modality', 'hedged', 'reported', 'conditional', 'rule', 'sentence_index', 'published', 'cluster_id', 'review', 'speaker', 'condition', 'confidence'];

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

export class DocumentWriter {
  private readonly byHash: Database.Statement;
  private readonly insertDocument: Database.Statement;
  private readonly insertClaim: Database.Statement;

  /** Prepare the statements; the tables must exist (run the migrations first). */
  constructor(db: Database.Database) {
    this.byHash = db.prepare('select id from documents where content_hash = ?').pluck();
    this.insertDocument = db.prepare(`insert into documents (${DOCUMENT_COLUMNS.join(', ')}) values (${placeholders(DOCUMENT_COLUMNS.length)}) returning id, cluster_id`);
    this.insertClaim = db.prepare(`insert into claims (${CLAIM_COLUMNS.join(', ')}) values (${placeholders(CLAIM_COLUMNS.length)})`);
  }

  /** The id of the stored document with this content hash, if any. */
  idOf(contentHash: string): number | undefined {
    return this.byHash.get(contentHash) as number | undefined;
  }

  /** Insert the document row in the cluster given (none: it founds its own); its id and cluster. */
  addDocument(doc: DocumentInput, match: { clusterId: number; similarity: number } | undefined): { id: number; cluster: number } {
    const row = this.insertDocument.get(
      doc.contentHash,
      doc.origin,
      doc.url ?? null,
      doc.title ?? null,
      doc.outlet ?? null,
      doc.published ?? null,
      doc.cleanText,
      doc.skipReason ?? null,
      doc.canonicalUrl ?? null,
      doc.author ?? null,
      doc.language ?? null,
      match?.clusterId ?? null,
      match?.similarity ?? null,
    ) as { id: number; cluster_id: number | null };
    return { id: row.id, cluster: row.cluster_id ?? row.id };
  }

  /** Insert a document's claims in order (the summary triggers count the first of each cell). */
  addClaims(document: { id: number; cluster: number; published: string | undefined }, claims: readonly { claim: Claim; status?: ReviewStatus | undefined }[]): void {
    for (const { claim: c, status } of claims) {
      this.insertClaim.run(
        document.id,
        c.actor,
        c.proposition,
        c.polarity,
        c.evidence,
        c.start,
        c.end,
        c.modality,
        c.hedged ? 1 : 0,
        c.reported ? 1 : 0,
        c.conditional ? 1 : 0,
        c.rule,
        c.sentenceIndex,
        document.published ?? null,
        document.cluster,
        status ?? null,
        c.speaker ?? null,
        c.condition ?? null,
        c.confidence ?? null,
      );
    }
  }
}
